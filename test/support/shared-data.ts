import { existsSync, readFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import path from 'node:path';

/**
 * Real third-party data lives beside the project in ../shared/data (CI always has it). Tests that
 * use it skip, saying why, when a clone elsewhere lacks it. Nothing is copied into the project.
 */
export const SHARED_DATA = path.resolve(process.cwd(), '../shared/data');
export const HAS_SHARED_DATA = existsSync(SHARED_DATA);
export const SHARED_DATA_SKIP_REASON = `../shared/data not found at ${SHARED_DATA}`;

export function sharedPath(relative: string): string {
  return path.join(SHARED_DATA, relative);
}

export function readShared(relative: string): Buffer {
  const buffer = readFileSync(sharedPath(relative));
  return relative.endsWith('.gz') ? gunzipSync(buffer) : buffer;
}

/** A municipality polygon from the okfse boundaries (all Polisen municipality points fall inside their own). */
export function municipalityBoundary(name: string): unknown {
  const fc = JSON.parse(readShared('boundaries/se_kommuner_okfse.geojson').toString('utf8')) as {
    features: { properties: { kom_namn: string }; geometry: unknown }[];
  };
  const feature = fc.features.find((f) => f.properties.kom_namn === name);
  if (!feature) throw new Error(`No municipality ${name}`);
  return feature.geometry;
}
