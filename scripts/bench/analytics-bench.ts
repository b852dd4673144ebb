/**
 * Pieces of `npm run bench:analytics`: the bench area sized to a 50,000-cell region, query
 * windows that differ every time, the analytics endpoints over HTTP, and the emerging cube counted
 * in SQL the server's way (one GROUP BY over cell and bin) and the naive way (a GROUP BY per bin).
 */
import { cellArea, latLngToCell } from 'h3-js';
import type { Db } from '../../server/db/database';
import { withArea } from '../../server/db/scope';
import { countByCell, tuneForAnalytics } from '../../server/hotspots/hotspots.repository';
import type { HotspotFilter } from '../../server/hotspots/hotspot-filters';
import { countCellsByBin } from '../../server/analytics/analytics.repository';
import { sql } from 'kysely';
import { hotspotFrom, hotspotWhere, parentCellSql } from '../../server/hotspots/hotspots.repository';
import { request } from './http';
import type { ServerProcess } from './server-process';

const DAY_MS = 86_400_000;
const CENTRE = { lng: 16.51, lat: 59.37 };

/**
 * A rectangle around the demo data (central Eskilstuna) whose res-r region holds about `cells`
 * cells: side² = cells × the local cell area (H3 cells here are ~25 % below the global average).
 */
export function benchBoundary(cells: number, res: number) {
  const km2 = cells * cellArea(latLngToCell(CENTRE.lat, CENTRE.lng, res), 'km2');
  const halfKm = Math.sqrt(km2) / 2;
  const dLat = halfKm / 111.2;
  const dLng = halfKm / (111.32 * Math.cos((CENTRE.lat * Math.PI) / 180));
  const ring = [
    [CENTRE.lng - dLng, CENTRE.lat - dLat],
    [CENTRE.lng + dLng, CENTRE.lat - dLat],
    [CENTRE.lng + dLng, CENTRE.lat + dLat],
    [CENTRE.lng - dLng, CENTRE.lat + dLat],
    [CENTRE.lng - dLng, CENTRE.lat - dLat],
  ];
  return { type: 'Polygon' as const, coordinates: [ring] };
}

export interface Sample {
  ms: number;
  bytes: number;
  features: number;
  meta: Record<string, unknown>;
}

export class QueryFailed extends Error {}

export async function httpGet(server: ServerProcess, token: string, path: string): Promise<Sample> {
  const r = await request('GET', `${server.url}${path}`, { headers: { authorization: `Bearer ${token}` } });
  if (r.status !== 200) throw new QueryFailed(`GET ${path} answered ${r.status}: ${r.body.toString('utf8').slice(0, 1000)}`);
  // Parsed after the clock stopped: the client's JSON parsing is not the server's latency.
  const body = JSON.parse(r.body.toString('utf8')) as { features: unknown[]; meta: Record<string, unknown> };
  return { ms: r.ms, bytes: r.body.length, features: body.features.length, meta: body.meta };
}

/** Lägesbild-sized Gi* queries: 14-day windows, every one shifted by 7 h 13 min, all categories. */
export function giPaths(now: Date, res: number, first: number, count: number): string[] {
  return Array.from({ length: count }, (_, k) => {
    const to = new Date(now.getTime() - (first + k) * 433 * 60_000);
    const from = new Date(to.getTime() - 14 * DAY_MS);
    return `/api/v1/hotspots/gi?${new URLSearchParams({ res: String(res), from: from.toISOString(), to: to.toISOString() })}`;
  });
}

/** A year of 26 × 14-day bins, each query ending a different number of hours before now. */
export function emergingWindows(now: Date, first: number, count: number): { from: Date; to: Date }[] {
  return Array.from({ length: count }, (_, k) => {
    const to = new Date(now.getTime() - (first + k) * 3_600_000 * 5);
    return { from: new Date(to.getTime() - 26 * 14 * DAY_MS), to };
  });
}

export function emergingPath(res: number, w: { from: Date; to: Date }): string {
  return `/api/v1/hotspots/emerging?${new URLSearchParams({ res: String(res), from: w.from.toISOString(), to: w.to.toISOString(), step: '14d' })}`;
}

/** 27 edges of 14 days ending at `to`: the cube's bins by the clock (the server steps the local calendar). */
export function edgesOf(w: { to: Date }): Date[] {
  return Array.from({ length: 27 }, (_, i) => new Date(w.to.getTime() - (26 - i) * 14 * DAY_MS));
}

function filterOf(areaId: number): Omit<HotspotFilter, 'from' | 'to'> {
  return { areaId, precision: 'point', includeExcluded: false };
}

/** The server's cube count: one statement, a GROUP BY per bin over an index-only range scan (LATERAL). */
export async function cubeOneQuery(db: Db, areaId: number, res: number, w: { to: Date }): Promise<{ ms: number; rows: number; total: number }> {
  const started = performance.now();
  const rows = await withArea(db, areaId, async (tx) => {
    await tuneForAnalytics(tx);
    return countCellsByBin(tx, res, filterOf(areaId), edgesOf(w));
  });
  return { ms: performance.now() - started, rows: rows.length, total: rows.reduce((s, r) => s + r.count, 0) };
}

/** The naive cube count: the /hotspots query once per bin, 26 round trips in one transaction. */
export async function cubePerBin(db: Db, areaId: number, res: number, w: { to: Date }): Promise<{ ms: number; rows: number; total: number }> {
  const edges = edgesOf(w);
  const started = performance.now();
  const perBin = await withArea(db, areaId, async (tx) => {
    await tuneForAnalytics(tx);
    const out = [];
    for (let t = 0; t + 1 < edges.length; t++) out.push(await countByCell(tx, res, { ...filterOf(areaId), from: edges[t]!, to: edges[t + 1]! }));
    return out;
  });
  const rows = perBin.flat();
  return { ms: performance.now() - started, rows: rows.length, total: rows.reduce((s, r) => s + r.count, 0) };
}

/**
 * The other one-statement way: a single GROUP BY over (parent cell, width_bucket(observed_at,
 * edges)). One hash aggregate over every row; slower than the per-bin aggregates in this run's data.
 */
export async function cubeWidthBucket(db: Db, areaId: number, res: number, w: { to: Date }): Promise<{ ms: number; rows: number; total: number }> {
  const edges = edgesOf(w);
  const f: HotspotFilter = { ...filterOf(areaId), from: edges[0]!, to: edges[edges.length - 1]! };
  const lower = sql`ARRAY[${sql.join(edges.slice(0, -1).map((e) => sql`${e}::timestamptz`))}]`;
  const started = performance.now();
  const rows = await withArea(db, areaId, async (tx) => {
    await tuneForAnalytics(tx);
    const result = await sql<{ count: number }>`
      SELECT ${parentCellSql(res)} AS cell, width_bucket(r.observed_at, ${lower}) - 1 AS bin, count(*)::int AS count
      FROM ${hotspotFrom(f)} WHERE ${hotspotWhere(f)} GROUP BY 1, 2`.execute(tx);
    return result.rows;
  });
  return { ms: performance.now() - started, rows: rows.length, total: rows.reduce((s, r) => s + r.count, 0) };
}
