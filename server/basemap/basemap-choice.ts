import path from 'node:path';
import type { Config } from '../config';

/** A free OpenStreetMap vector style, no key needed: the documented choice for a remote basemap. */
export const OPENFREEMAP_LIBERTY = 'https://tiles.openfreemap.org/styles/liberty';

export type BasemapChoice =
  | { kind: 'pmtiles'; styleUrl: string; archiveName: string; archivePath: string }
  | { kind: 'remote'; styleUrl: string }
  | { kind: 'builtin'; styleUrl: null };

/**
 * Which basemap the web app draws. A self-hosted archive wins: nobody else learns where the
 * map is looked at. A remote style is used only when chosen, except outside production, where
 * the demo gets the free OpenStreetMap style so it looks like a map. In production an unset
 * BASEMAP_STYLE_URL means the built-in style, because every tile request tells the tile host
 * which streets police and municipality are looking at.
 */
export function basemapChoice(config: Pick<Config, 'basemapPmtiles' | 'basemapStyleUrl' | 'nodeEnv'>): BasemapChoice {
  if (config.basemapPmtiles) {
    const archiveName = path.basename(config.basemapPmtiles);
    return { kind: 'pmtiles', styleUrl: '/basemap/style.json', archiveName, archivePath: config.basemapPmtiles };
  }
  if (config.basemapStyleUrl === 'none') return { kind: 'builtin', styleUrl: null };
  if (config.basemapStyleUrl) return { kind: 'remote', styleUrl: config.basemapStyleUrl };
  if (config.nodeEnv === 'development') return { kind: 'remote', styleUrl: OPENFREEMAP_LIBERTY };
  return { kind: 'builtin', styleUrl: null };
}
