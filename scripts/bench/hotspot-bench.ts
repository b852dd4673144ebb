/**
 * Hotspot latency as a client sees it (full HTTP round trip, every query a different window or
 * category pair, so no cache can answer), and the H3 GROUP BY against the naive
 * ST_HexagonGrid + ST_Intersects join measured directly in SQL on the same windows.
 */
import { sql } from 'kysely';
import type { Db } from '../../server/db/database';
import { withArea } from '../../server/db/scope';
import { countByCell, tuneForAnalytics } from '../../server/hotspots/hotspots.repository';
import http from 'node:http';
import type { HotspotFilter } from '../../server/hotspots/hotspot-filters';
import { DEMO_PLACES } from '../demo/area';
import { request } from './http';
import type { ServerProcess } from './server-process';

export interface QueryWindow {
  from: Date;
  to: Date;
  categories: readonly [string, string];
  bbox?: readonly [number, number, number, number];
}

export interface QuerySample {
  ms: number;
  bytes: number;
  cells: number;
  /** Reports counted (meta.total). */
  total: number;
}

const DAY_MS = 24 * 3600_000;
const MINUTE_MS = 60_000;

/** The heavier pairs: the six most frequent categories of the demo data, in rotation. */
const PAIRS: readonly (readonly [string, string])[] = [
  ['otrygg-samling', 'skadegorelse'],
  ['nedskrapning', 'trafik'],
  ['narkotika', 'ordningsstorning'],
  ['otrygg-samling', 'narkotika'],
  ['skadegorelse', 'trafik'],
  ['nedskrapning', 'ordningsstorning'],
];

/**
 * One-year windows ending `index × 53 min` before `now` (each window different, all but the
 * first few hours of data inside), with the category pairs in rotation.
 */
export function yearWindows(now: Date, first: number, count: number): QueryWindow[] {
  return Array.from({ length: count }, (_, k) => {
    const i = first + k;
    const to = new Date(now.getTime() - (i + 1) * 53 * MINUTE_MS);
    return { from: new Date(to.getTime() - 365 * DAY_MS), to, categories: PAIRS[i % PAIRS.length]! };
  });
}

// ~3 × 2 km at 59.37° N: 1° of longitude ≈ 56.7 km, 1° of latitude ≈ 111.1 km.
const HALF_WIDTH_DEG = 1.5 / 56.7;
const HALF_HEIGHT_DEG = 1.0 / 111.1;

/** Zoom-12-like views: a ~3 × 2 km box around one of the demo places (shifted a little each time). */
export function bboxWindows(now: Date, first: number, count: number): QueryWindow[] {
  return yearWindows(now, first, count).map((w, k) => {
    const place = DEMO_PLACES[k % DEMO_PLACES.length]!;
    const lng = place.lng + ((k % 5) - 2) * 0.002;
    const lat = place.lat + ((k % 3) - 1) * 0.001;
    return { ...w, bbox: [lng - HALF_WIDTH_DEG, lat - HALF_HEIGHT_DEG, lng + HALF_WIDTH_DEG, lat + HALF_HEIGHT_DEG] as const };
  });
}

export class QueryFailed extends Error {}

export function hotspotPath(res: number, w: QueryWindow): string {
  const params = new URLSearchParams({ res: String(res), from: w.from.toISOString(), to: w.to.toISOString(), categories: w.categories.join(',') });
  if (w.bbox) params.set('bbox', w.bbox.map((x) => x.toFixed(6)).join(','));
  return `/api/v1/hotspots?${params.toString()}`;
}

export async function httpHotspots(server: ServerProcess, token: string, res: number, windows: readonly QueryWindow[]): Promise<QuerySample[]> {
  const samples: QuerySample[] = [];
  for (const w of windows) {
    const path = hotspotPath(res, w);
    const r = await request('GET', `${server.url}${path}`, { headers: { authorization: `Bearer ${token}` } });
    if (r.status !== 200) throw new QueryFailed(`GET ${path} answered ${r.status}: ${r.body.toString('utf8').slice(0, 1000)}`);
    // Parsed after the clock stopped: the client's own JSON parsing is not the server's latency.
    const meta = (JSON.parse(r.body.toString('utf8')) as { meta: { total: number; cells: number } }).meta;
    samples.push({ ms: r.ms, bytes: r.body.length, cells: meta.cells, total: meta.total });
  }
  return samples;
}

/**
 * Round trips that do no analytics, the floor under every latency: with a token (the token check
 * writes last_used_at, one commit per request) and without (GET /health, a SELECT 1).
 */
export async function httpFloor(server: ServerProcess, token: string | null, count: number): Promise<number[]> {
  const path = token ? '/api/v1/categories' : '/api/v1/health';
  const ms: number[] = [];
  for (let i = 0; i < count; i++) {
    const r = await request('GET', `${server.url}${path}`, { headers: token ? { authorization: `Bearer ${token}` } : {} });
    if (r.status !== 200) throw new QueryFailed(`GET ${path} answered ${r.status}`);
    ms.push(r.ms);
  }
  return ms;
}

function filterOf(areaId: number, w: QueryWindow): HotspotFilter {
  return { areaId, from: w.from, to: w.to, categories: [...w.categories], precision: 'point', includeExcluded: false, bbox: w.bbox ? [...w.bbox] as [number, number, number, number] : undefined };
}

/** The server's own H3 query (same repository function, same transaction shape), timed in SQL. */
export async function h3Sql(db: Db, areaId: number, res: number, w: QueryWindow): Promise<QuerySample> {
  const started = performance.now();
  const rows = await withArea(db, areaId, async (tx) => {
    await tuneForAnalytics(tx);
    return countByCell(tx, res, filterOf(areaId, w));
  });
  return { ms: performance.now() - started, bytes: 0, cells: rows.length, total: rows.reduce((s, r) => s + r.count, 0) };
}

/** Edge of a hexagon the size of an H3 res-9 cell (average edge 174 m), in metres. */
export const NAIVE_HEX_EDGE_M = 174;

/**
 * The naive way: a hexagon grid made with ST_HexagonGrid in SWEREF 99 TM (EPSG:3006) over the area,
 * the hexagons transformed to WGS 84 (not the points, so the join can use the GiST index on
 * reports.geom: the fair version), and the reports counted per hexagon with ST_Intersects.
 */
export async function naiveSql(db: Db, areaId: number, w: QueryWindow): Promise<QuerySample> {
  const started = performance.now();
  const result = await sql<{ count: number }>`
    WITH hex AS (
      SELECT h.i, h.j, ST_Transform(h.geom, 4326) AS geom
      FROM areas a CROSS JOIN LATERAL ST_HexagonGrid(${NAIVE_HEX_EDGE_M}::float8, ST_Transform(a.boundary, 3006)) AS h
      WHERE a.id = ${areaId}
    )
    SELECT hex.i, hex.j, count(*)::int AS count
    FROM hex JOIN reports r ON ST_Intersects(hex.geom, r.geom)
    WHERE r.area_id = ${areaId} AND r.observed_at >= ${w.from} AND r.observed_at < ${w.to}
      AND r.category IN (${sql.join([...w.categories])})
      AND r.location_precision = 'point' AND r.in_analytics
    GROUP BY hex.i, hex.j`.execute(db);
  return { ms: performance.now() - started, bytes: 0, cells: result.rows.length, total: result.rows.reduce((s, r) => s + r.count, 0) };
}

export interface ConcurrentResult {
  latencies: number[];
  errors: number;
  wallMs: number;
}

/**
 * `clients` clients at once, each with its own connection, each sending `perClient` hotspot
 * queries back to back (every query a different window): DESIGN §7's "50 concurrent clients".
 */
export async function httpConcurrent(
  server: ServerProcess,
  token: string,
  res: number,
  windows: readonly QueryWindow[],
  clients: number,
): Promise<ConcurrentResult> {
  const latencies: number[] = [];
  let errors = 0;
  const perClient = Math.ceil(windows.length / clients);
  const started = performance.now();
  await Promise.all(
    Array.from({ length: clients }, async (_, c) => {
      const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
      for (let i = 0; i < perClient; i++) {
        const w = windows[c * perClient + i];
        if (!w) break;
        const t0 = performance.now();
        const status = await new Promise<number>((resolve) => {
          const req = http.get(`${server.url}${hotspotPath(res, w)}`, { agent, headers: { authorization: `Bearer ${token}` } }, (r) => {
            r.resume();
            r.on('end', () => resolve(r.statusCode ?? 0));
            r.on('error', () => resolve(0));
          });
          req.on('error', () => resolve(0));
        });
        latencies.push(performance.now() - t0);
        if (status !== 200) errors++;
      }
      agent.destroy();
    }),
  );
  return { latencies, errors, wallMs: performance.now() - started };
}
