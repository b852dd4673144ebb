import { TileType, type Header } from 'pmtiles';
import type { ArchiveMetadata } from './pmtiles-file';

/** The shape of a MapLibre style as far as this module writes one. */
export interface BasemapStyle {
  version: 8;
  name: string;
  sources: Record<string, unknown>;
  layers: Record<string, unknown>[];
}

const BACKGROUND = '#eceff1';

/**
 * How a vector layer is drawn, by its name. Covers the schemas self-hosters meet (Protomaps
 * basemap: earth, water, landuse, roads, buildings...; OpenMapTiles from planetiler: water,
 * landcover, transportation, building...), drawn muted so the hexagons stay what one sees.
 * Labels are left out: they need glyphs, and fetching those from a third party would tell it
 * where police look, which is what self-hosting avoids.
 */
const LOOKS: { match: RegExp; fill?: string; line?: string; lineWidth?: number }[] = [
  { match: /^(earth|land)$/, fill: '#f4f4f2' },
  { match: /^(landcover|natural|park|landuse)$/, fill: '#e3ecdc' },
  { match: /^(water|ocean|lake)$/, fill: '#b9d3e6', line: '#b9d3e6' },
  { match: /^waterway$/, line: '#b9d3e6', lineWidth: 1.2 },
  { match: /^(building|buildings)$/, fill: '#dedbd6' },
  { match: /^(roads|transportation|road)$/, line: '#ffffff', lineWidth: 1.6 },
  { match: /^(transit|railway|rail)$/, line: '#c9c4bd', lineWidth: 1 },
  { match: /^(boundaries|boundary|admin)$/, line: '#a9a29a', lineWidth: 0.8 },
];
const DEFAULT_LOOK = { fill: '#e7e5e0', line: '#d2cec8', lineWidth: 0.8 };

const polygons = ['==', ['geometry-type'], 'Polygon'];
const lines = ['==', ['geometry-type'], 'LineString'];

function vectorLayers(layerIds: string[]): Record<string, unknown>[] {
  // Ground first, then water, buildings and the network on top, whatever order the archive lists them in.
  const rank = (id: string) => {
    const i = LOOKS.findIndex((look) => look.match.test(id));
    return i === -1 ? LOOKS.length : i;
  };
  return [...layerIds]
    .sort((a, b) => rank(a) - rank(b))
    .flatMap((id) => {
      const look = LOOKS.find((l) => l.match.test(id)) ?? DEFAULT_LOOK;
      const layers: Record<string, unknown>[] = [];
      if (look.fill) layers.push({ id: `basemap-${id}-fill`, type: 'fill', source: 'basemap', 'source-layer': id, filter: polygons, paint: { 'fill-color': look.fill } });
      if (look.line) {
        layers.push({ id: `basemap-${id}-line`, type: 'line', source: 'basemap', 'source-layer': id, filter: lines, paint: { 'line-color': look.line, 'line-width': look.lineWidth ?? 1 } });
      }
      return layers;
    });
}

/**
 * A style for the self-hosted archive, drawn through the pmtiles protocol from this server only:
 * raster archives as one raster layer, vector archives with a layer per vector layer of the
 * archive's metadata. archiveUrl must be absolute (the browser's protocol handler fetches it).
 */
export function basemapStyle(header: Header, metadata: ArchiveMetadata, archiveUrl: string): BasemapStyle {
  const url = `pmtiles://${archiveUrl}`;
  const attribution = metadata.attribution;
  const background = { id: 'background', type: 'background', paint: { 'background-color': BACKGROUND } };
  if (header.tileType === TileType.Mvt) {
    const ids = (metadata.vector_layers ?? []).map((l) => l.id).filter((id) => typeof id === 'string');
    return {
      version: 8,
      name: 'tryggkarta-pmtiles',
      sources: { basemap: { type: 'vector', url, ...(attribution ? { attribution } : {}) } },
      layers: [background, ...vectorLayers(ids)],
    };
  }
  return {
    version: 8,
    name: 'tryggkarta-pmtiles',
    sources: { basemap: { type: 'raster', url, tileSize: 256, ...(attribution ? { attribution } : {}) } },
    layers: [background, { id: 'basemap-raster', type: 'raster', source: 'basemap', paint: { 'raster-saturation': -0.4 } }],
  };
}

/** Tile formats MapLibre draws; other archives are refused at start-up. */
export const DRAWABLE_TILE_TYPES: readonly TileType[] = [TileType.Mvt, TileType.Png, TileType.Jpeg, TileType.Webp];
