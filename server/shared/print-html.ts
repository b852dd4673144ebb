/**
 * Small helpers for the server's printable pages (patrol briefing, promise follow-up, walk protocol): escaping,
 * Swedish dates and an inline SVG outline map drawn without any third-party tiles. The pages
 * carry no script, so they pass the app's CSP as they are.
 */
import { localParts } from './local-periods';

/** Escapes text for HTML element content and attribute values. */
export function escapeHtml(value: unknown): string {
  return String(value ?? '')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;');
}

/** A piece of HTML that is already safe (built by `html` or `raw`), as opposed to text to escape. */
export class Html {
  constructor(readonly text: string) {}
  toString() {
    return this.text;
  }
}

/**
 * A tagged template that escapes every interpolated value unless it is already Html (arrays are
 * joined). false, null and undefined render as nothing, so `${condition && html`...`}` reads naturally.
 */
export function html(strings: TemplateStringsArray, ...values: unknown[]): Html {
  const part = (x: unknown) => (x === false || x === null || x === undefined ? '' : x instanceof Html ? x.text : escapeHtml(x));
  let out = strings[0]!;
  values.forEach((v, i) => {
    out += (Array.isArray(v) ? v.map(part).join('') : part(v)) + strings[i + 1]!;
  });
  return new Html(out);
}

/** Markup the server wrote itself (CSS, a rendered SVG), inserted as it is. */
export const raw = (value: string) => new Html(value);

const MONTHS = ['januari', 'februari', 'mars', 'april', 'maj', 'juni', 'juli', 'augusti', 'september', 'oktober', 'november', 'december'];
export const WEEKDAYS_SV = ['mån', 'tis', 'ons', 'tor', 'fre', 'lör', 'sön'];

/** "16 november 2026" on the area's calendar. */
export function swedishDate(at: Date, timeZone: string): string {
  const p = localParts(at, timeZone);
  return `${p.day} ${MONTHS[p.month - 1]} ${p.year}`;
}

/** Weekdays as Swedish ranges: [0,1,2,3,4] → "mån–fre", [4,5] → "fre, lör", [0,2] → "mån, ons". */
export function swedishWeekdays(days: readonly number[]): string {
  const sorted = [...new Set(days)].sort((a, b) => a - b);
  const runs: number[][] = [];
  for (const d of sorted) {
    const last = runs.at(-1);
    if (last && last.at(-1) === d - 1) last.push(d);
    else runs.push([d]);
  }
  return runs.map((r) => (r.length >= 3 ? `${WEEKDAYS_SV[r[0]!]}–${WEEKDAYS_SV[r.at(-1)!]}` : r.map((d) => WEEKDAYS_SV[d]).join(', '))).join(', ');
}

type Ring = number[][];
type Polygonal = { type: 'Polygon'; coordinates: unknown } | { type: 'MultiPolygon'; coordinates: unknown };

function polygonsOf(g: Polygonal): Ring[][] {
  return (g.type === 'Polygon' ? [g.coordinates] : g.coordinates) as Ring[][];
}

export interface MapShape {
  geometry: Polygonal;
  label?: string;
  kind: 'area' | 'target';
}

/**
 * An inline SVG of outlines in an equirectangular projection scaled by cos(latitude) (fine for
 * a town), fitted to the shapes. Targets are numbered at their first vertex's centroid.
 */
export function outlineMapSvg(shapes: readonly MapShape[], width = 640, height = 420): Html {
  const points = shapes.flatMap((s) => polygonsOf(s.geometry).flat(2)) as unknown as number[][];
  if (points.length === 0) return html``;
  const lngs = points.map((p) => p[0]!);
  const lats = points.map((p) => p[1]!);
  const [minLng, maxLng, minLat, maxLat] = [Math.min(...lngs), Math.max(...lngs), Math.min(...lats), Math.max(...lats)];
  const kx = Math.cos((((minLat + maxLat) / 2) * Math.PI) / 180);
  const spanX = Math.max((maxLng - minLng) * kx, 1e-6);
  const spanY = Math.max(maxLat - minLat, 1e-6);
  const scale = Math.min((width - 20) / spanX, (height - 20) / spanY);
  const x = (lng: number) => 10 + (lng - minLng) * kx * scale;
  const y = (lat: number) => height - 10 - (lat - minLat) * scale;
  const path = (g: Polygonal) =>
    polygonsOf(g)
      .flatMap((poly) => poly.map((ring) => `M${ring.map((p) => `${x(p[0]!).toFixed(1)},${y(p[1]!).toFixed(1)}`).join('L')}Z`))
      .join('');
  const parts = shapes.map((s) => {
    const d = path(s.geometry);
    if (s.kind === 'area') return html`<path d="${d}" class="area"/>`;
    const ring = polygonsOf(s.geometry)[0]?.[0] ?? [];
    const cx = ring.reduce((sum, p) => sum + x(p[0]!), 0) / Math.max(1, ring.length);
    const cy = ring.reduce((sum, p) => sum + y(p[1]!), 0) / Math.max(1, ring.length);
    return html`<path d="${d}" class="target"/><text x="${cx.toFixed(1)}" y="${(cy + 4).toFixed(1)}" class="label">${s.label ?? ''}</text>`;
  });
  return html`<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${width} ${height}" role="img" aria-label="Karta över målen">${parts}</svg>`;
}

/** The shared print stylesheet: A4, black on white, tables that break between rows. */
export const PRINT_CSS = `
@page { size: A4; margin: 15mm; }
body { font-family: system-ui, sans-serif; color: #111; max-width: 190mm; margin: 0 auto; font-size: 11pt; }
h1 { font-size: 18pt; margin: 0 0 4pt; } h2 { font-size: 13pt; margin: 14pt 0 4pt; }
.meta { color: #444; margin: 0 0 10pt; }
table { border-collapse: collapse; width: 100%; margin: 6pt 0; }
th, td { border: 1px solid #999; padding: 3pt 5pt; text-align: left; vertical-align: top; }
th { background: #eee; } tr { break-inside: avoid; }
svg { width: 100%; height: auto; border: 1px solid #ccc; margin: 6pt 0; }
svg .area { fill: #f4f4f4; stroke: #555; stroke-width: 1.5; }
svg .target { fill: #d55e00; fill-opacity: 0.45; stroke: #8a3b00; stroke-width: 1.5; }
svg .label { font: bold 14px system-ui, sans-serif; text-anchor: middle; fill: #000; }
.note { border-left: 3pt solid #0072b2; padding: 2pt 8pt; background: #f2f7fb; }
.ok { color: #006b3c; font-weight: bold; } .miss { color: #a00; font-weight: bold; }
@media print { .noprint { display: none; } }
`;
