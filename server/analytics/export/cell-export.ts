import type { Response } from 'express';
import { cachedCellPolygon } from '../../hotspots/cell-geometry-cache';
import { cellCentre } from '../../h3/regions';
import type { CellExport, OutputCrs } from './export-params';
import { legacyCrsMember, project, projectPolygon } from './crs';
import { csvField } from '../../reports/reports-export';

/**
 * Every per-cell analytics result leaves through here: as a GeoJSON FeatureCollection (one
 * hexagon per cell, `meta` as a foreign member) or as CSV (one row per cell, or per cell and bin,
 * with the cell's centre), in WGS 84 or SWEREF 99 TM.
 */

export interface CellRow<P> {
  cell: string;
  properties: P;
}

export function cellFeatureCollection<P>(rows: readonly CellRow<P>[], meta: Record<string, unknown>, crs: OutputCrs) {
  return {
    type: 'FeatureCollection' as const,
    ...legacyCrsMember(crs),
    features: rows.map((row) => ({
      type: 'Feature' as const,
      id: row.cell,
      geometry: projectPolygon(cachedCellPolygon(row.cell), crs),
      properties: row.properties,
    })),
    meta: { ...meta, crs },
  };
}

/** A CSV line per cell (or per cell and bin): the cell, its centre, then the given values. */
export interface CsvLine {
  cell: string;
  values: readonly unknown[];
}

/** Cell values are numbers and codes, not free text: no formula guard, so a negative z-score stays a number. */
const csvValue = (value: unknown) => csvField(value, false);

/** CSV (RFC 4180, CRLF) with a header row: cell, lat, lng (or e, n in SWEREF 99 TM), then `columns`. */
export function cellCsv(columns: readonly string[], lines: Iterable<CsvLine>, crs: OutputCrs): string {
  const centre = crs === 'EPSG:4326' ? ['lat', 'lng'] : ['e', 'n'];
  const out = [['cell', ...centre, ...columns].join(',')];
  for (const line of lines) {
    const [lng, lat] = cellCentre(line.cell);
    const position = crs === 'EPSG:4326' ? [round7(lat), round7(lng)] : project([lng, lat], crs);
    out.push([line.cell, ...position, ...line.values].map(csvValue).join(','));
  }
  return out.join('\r\n') + '\r\n';
}

/** Seven decimals of a degree are ~1 cm: finer than any cell centre needs. */
const round7 = (v: number) => Math.round(v * 1e7) / 1e7;

/** A CSV table without cell columns (the time profile). */
export function plainCsv(columns: readonly string[], rows: Iterable<readonly unknown[]>): string {
  const out = [columns.join(',')];
  for (const row of rows) out.push(row.map(csvValue).join(','));
  return out.join('\r\n') + '\r\n';
}

export function sendGeoJson(res: Response, body: unknown): void {
  res.type('application/geo+json').send(JSON.stringify(body));
}

/** A CSV download named after what it holds, e.g. `gi-eskilstuna-res9-2026-11-29.csv`. */
export function sendCsv(res: Response, name: string, text: string): void {
  const day = new Date().toISOString().slice(0, 10);
  res
    .status(200)
    .set('Content-Type', 'text/csv; charset=utf-8')
    .set('Content-Disposition', `attachment; filename="${name}-${day}.csv"`)
    .send(text);
}

/** Sends a per-cell result in the requested format. */
export function sendCells<P>(
  res: Response,
  out: CellExport & { name: string },
  result: { rows: readonly CellRow<P>[]; meta: Record<string, unknown> },
  csv: { columns: readonly string[]; lines: () => Iterable<CsvLine> },
): void {
  if (out.format === 'csv') sendCsv(res, out.name, cellCsv(csv.columns, csv.lines(), out.crs));
  else sendGeoJson(res, cellFeatureCollection(result.rows, result.meta, out.crs));
}
