import { escapeHtml } from '../../shared/print-html';

/**
 * The protocol's map: an inline SVG drawn on the server, so the printed page needs no tiles, no
 * script and no network. Plain equirectangular projection scaled by cos(latitude): over the few
 * kilometres of a walk it is indistinguishable from a web map.
 */
export interface Extent {
  west: number;
  south: number;
  east: number;
  north: number;
}

const PAD = 0.12;
/** A walk of one finding still gets a map of a few blocks around it. */
const MIN_SPAN_DEGREES_LAT = 0.003;
export const MAP_WIDTH = 1000;
const MAX_HEIGHT = 800;
const MIN_HEIGHT = 360;

/** The box around everything the map shows, padded; the area's box when there is nothing yet. */
export function mapExtent(positions: readonly (readonly number[])[], fallback: [number, number, number, number]): Extent {
  if (positions.length === 0) {
    const [west, south, east, north] = fallback;
    return { west, south, east, north };
  }
  let [west, south, east, north] = [Infinity, Infinity, -Infinity, -Infinity];
  for (const [lng, lat] of positions) {
    west = Math.min(west, lng!);
    east = Math.max(east, lng!);
    south = Math.min(south, lat!);
    north = Math.max(north, lat!);
  }
  const cos = Math.cos((((south + north) / 2) * Math.PI) / 180);
  const latSpan = Math.max(north - south, MIN_SPAN_DEGREES_LAT) * (1 + 2 * PAD);
  const lngSpan = Math.max(east - west, MIN_SPAN_DEGREES_LAT / cos) * (1 + 2 * PAD);
  const [cx, cy] = [(west + east) / 2, (south + north) / 2];
  return { west: cx - lngSpan / 2, east: cx + lngSpan / 2, south: cy - latSpan / 2, north: cy + latSpan / 2 };
}

export interface Projection {
  width: number;
  height: number;
  project(lng: number, lat: number): [number, number];
  metresPerPixel: number;
}

/** Fits the box into 1000 px wide and at most 800 px high, centred. */
export function projection(e: Extent): Projection {
  const cos = Math.cos((((e.south + e.north) / 2) * Math.PI) / 180);
  const wide = (e.east - e.west) * cos;
  const tall = e.north - e.south;
  const scale = Math.min(MAP_WIDTH / wide, MAX_HEIGHT / tall);
  const height = Math.round(Math.min(MAX_HEIGHT, Math.max(MIN_HEIGHT, tall * scale)));
  const xOffset = (MAP_WIDTH - wide * scale) / 2;
  const yOffset = (height - tall * scale) / 2;
  const round = (v: number) => Math.round(v * 10) / 10;
  return {
    width: MAP_WIDTH,
    height,
    project: (lng, lat) => [round((lng - e.west) * cos * scale + xOffset), round((e.north - lat) * scale + yOffset)],
    metresPerPixel: 111_320 / scale,
  };
}

const path = (p: Projection, ring: readonly (readonly number[])[], close: boolean) =>
  ring.map(([lng, lat], i) => `${i === 0 ? 'M' : 'L'}${p.project(lng!, lat!).join(' ')}`).join('') + (close ? 'Z' : '');

/** Polygon rings of a (Multi)Polygon or of the polygons in a GeometryCollection. */
function rings(geometry: unknown): number[][][] {
  const g = geometry as { type?: string; coordinates?: unknown; geometries?: unknown[] } | null;
  if (!g) return [];
  if (g.type === 'Polygon') return g.coordinates as number[][][];
  if (g.type === 'MultiPolygon') return (g.coordinates as number[][][][]).flat();
  if (g.type === 'GeometryCollection') return (g.geometries ?? []).flatMap(rings);
  return [];
}

/** A round length for the scale bar: about a fifth of the map, 1, 2 or 5 × 10ⁿ metres. */
function scaleBar(p: Projection): { metres: number; pixels: number; label: string } {
  const target = (p.width / 5) * p.metresPerPixel;
  const magnitude = 10 ** Math.floor(Math.log10(target));
  const metres = [5, 2, 1].map((m) => m * magnitude).find((m) => m <= target) ?? magnitude;
  return { metres, pixels: metres / p.metresPerPixel, label: metres >= 1000 ? `${metres / 1000} km` : `${metres} m` };
}

export interface MapMarker {
  label: string;
  lng: number;
  lat: number;
  /** Findings of this walk are circles; findings a re-walk checks are squares. */
  shape: 'circle' | 'square';
  title: string;
}

export interface MapLayers {
  extent: Extent;
  areaOutline: unknown;
  plannedRoute: readonly (readonly number[])[] | null;
  recordedRoute: readonly (readonly (readonly number[])[])[] | null;
  markers: MapMarker[];
  /** Accessible description of the map. */
  title: string;
  scaleLabel: (label: string) => string;
}

/** The map as an SVG element: area outline, planned route (dashed), walked route, numbered findings. */
export function renderMapSvg(layers: MapLayers): string {
  const p = projection(layers.extent);
  const parts: string[] = [];
  const outline = rings(layers.areaOutline);
  if (outline.length) parts.push(`<path class="area" d="${outline.map((r) => path(p, r, true)).join('')}"/>`);
  if (layers.plannedRoute) parts.push(`<path class="planned" d="${path(p, layers.plannedRoute, false)}"/>`);
  for (const segment of layers.recordedRoute ?? []) parts.push(`<path class="walked" d="${path(p, segment, false)}"/>`);
  for (const m of layers.markers) {
    const [x, y] = p.project(m.lng, m.lat);
    const shape = m.shape === 'circle' ? `<circle cx="${x}" cy="${y}" r="13"/>` : `<rect x="${x - 12}" y="${y - 12}" width="24" height="24" rx="3"/>`;
    parts.push(`<g class="marker ${m.shape}"><title>${escapeHtml(m.title)}</title>${shape}<text x="${x}" y="${y}">${escapeHtml(m.label)}</text></g>`);
  }
  const bar = scaleBar(p);
  const bx = 20;
  const by = p.height - 20;
  parts.push(
    `<g class="scale"><path d="M${bx} ${by - 6}V${by}H${Math.round(bx + bar.pixels)}V${by - 6}"/><text x="${bx}" y="${by - 10}">${escapeHtml(layers.scaleLabel(bar.label))}</text></g>`,
  );
  return `<svg class="map" viewBox="0 0 ${p.width} ${p.height}" role="img" aria-label="${escapeHtml(layers.title)}" xmlns="http://www.w3.org/2000/svg">${parts.join('')}</svg>`;
}
