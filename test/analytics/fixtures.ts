import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import { cellToParent, gridDisk, latLngToCell, polygonToCells } from 'h3-js';
import type { Db } from '../../server/db/database';

/** Test data for the analytics endpoints, and the plain computations the tests check them against. */

export interface Planned {
  lng: number;
  lat: number;
  observedAt: string;
  category?: string;
  severity?: number;
  precision?: 'point' | 'municipality';
}

/** Stores reports directly (owner connection), as an import would: with their res-15 cell. */
export async function insertReports(db: Db, areaId: number, reports: readonly Planned[]): Promise<void> {
  for (let i = 0; i < reports.length; i += 500) {
    const values = reports.slice(i, i + 500).map((r) => ({
      area_id: areaId,
      id: randomUUID(),
      category: r.category ?? 'vald',
      observed_at: new Date(r.observedAt),
      geom: sql`ST_SetSRID(ST_MakePoint(${r.lng}, ${r.lat}), 4326)`,
      h3: BigInt(`0x${latLngToCell(r.lat, r.lng, 15)}`).toString(),
      severity: r.severity ?? 1,
      source: 'import' as const,
      location_precision: r.precision ?? 'point',
    }));
    await db.insertInto('reports').values(values).execute();
  }
}

/** A report's cell at res: the ancestor of its res-15 cell (DESIGN §4). */
export const cellOf = (p: { lng: number; lat: number }, res: number) => cellToParent(latLngToCell(p.lat, p.lng, 15), res);

export const qs = (params: Record<string, string | number | boolean | undefined>) =>
  new URLSearchParams(Object.entries(params).filter(([, v]) => v !== undefined).map(([k, v]) => [k, String(v)])).toString();

/** The study region by its definition: polygonToCells of the boundary ∪ the report cells, sorted. */
export function studyRegionOf(polygon: number[][][], res: number, reportCells: Iterable<string>): string[] {
  return [...new Set([...polygonToCells(polygon, res, true), ...reportCells])].sort((a, b) => (BigInt(`0x${a}`) < BigInt(`0x${b}`) ? -1 : 1));
}

/** Getis-Ord Gi* by the textbook formula, one cell at a time (DESIGN §5). */
export function giStarByHand(region: string[], x: Map<string, number>, k: number) {
  const n = region.length;
  const inRegion = new Set(region);
  const values = region.map((c) => x.get(c) ?? 0);
  const mean = values.reduce((a, b) => a + b, 0) / n;
  const sd = Math.sqrt(values.reduce((a, b) => a + b * b, 0) / n - mean * mean);
  const byCell = new Map<string, { z: number; w: number; sum: number }>();
  for (const cell of region) {
    const neighbours = gridDisk(cell, k).filter((c) => inRegion.has(c));
    const w = neighbours.length;
    const sum = neighbours.reduce((a, c) => a + (x.get(c) ?? 0), 0);
    const z = (sum - mean * w) / (sd * Math.sqrt((n * w - w * w) / (n - 1)));
    byCell.set(cell, { z, w, sum });
  }
  return { n, mean, sd, byCell };
}

/** Benjamini–Hochberg adjusted p-values, straight from the definition (step-up from the largest). */
export function bhByHand(p: readonly number[]): number[] {
  const order = p.map((v, i) => [v, i] as const).sort((a, b) => a[0] - b[0]);
  const out = new Array<number>(p.length);
  let running = 1;
  for (let r = order.length - 1; r >= 0; r--) {
    running = Math.min(running, (order[r]![0] * p.length) / (r + 1));
    out[order[r]![1]] = running;
  }
  return out;
}

export const binByHand = (z: number, pFdr: number) => Math.sign(z) * (pFdr <= 0.01 ? 3 : pFdr <= 0.05 ? 2 : pFdr <= 0.1 ? 1 : 0) || 0;
