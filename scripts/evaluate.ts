/**
 * `npm run evaluate`: does last period's hotspot map predict the next period? The backtest of
 * DESIGN §5 on real data, San Francisco 2012 (train July–September, test October–December), for
 * both rankings (train count, train Gi* z) at res 8, 9 and 10 and 1 %, 3 % and 5 % of the cells.
 *
 * Everything goes through the real API over HTTP: a fresh database (a new `tk_bench_*` database on
 * DATABASE_URL, else an embedded PGlite in a temporary directory), an area for San Francisco in
 * America/Los_Angeles, the incidents through POST /imports?format=csv with column mapping, then
 * GET /hotspots/backtest. There is no SF boundary in ../shared, so the area is the concave hull of
 * the incidents buffered by 100 m (a convex hull is printed for comparison: it adds empty cells,
 * raises n and so flatters PAI).
 */
import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import { sql } from 'kysely';
import { createApp } from '../server/app';
import { createArea, createUser } from '../server/areas/areas.service';
import { createApiToken } from '../server/auth/auth.service';
import { parseConfig } from '../server/config';
import type { Db } from '../server/db/database';
import { createLogger } from '../server/logger';
import { createBenchDatabase } from './bench/bench-database';
import { table } from './bench/report';
import { IMPORT_MAPPING, importCsv, readSfIncidents, SF_CSV, sfDataAvailable, type SfIncident } from './evaluate/sf-crime';

const PERIODS = {
  trainFrom: '2012-07-01T00:00:00-07:00',
  trainTo: '2012-10-01T00:00:00-07:00',
  testFrom: '2012-10-01T00:00:00-07:00',
  testTo: '2013-01-01T00:00:00-08:00',
};
const RESOLUTIONS = [8, 9, 10];
const METHODS = ['count', 'gi'] as const;
const COVERAGES = [0.01, 0.03, 0.05];
const BUFFER_M = 100;

interface Backtest {
  pai: number | null;
  rri: number | null;
  hitRate: number | null;
  areaShare: number;
  n: number;
  taken: number;
  trainTotal: number;
  testTotal: number;
}

/** The hull of the incident points, buffered on the ellipsoid, as GeoJSON (PostGIS). */
async function hullOf(db: Db, incidents: readonly SfIncident[], kind: 'concave' | 'convex'): Promise<unknown> {
  const points = sql`ST_Collect(ST_SetSRID(ST_MakePoint(x, y), 4326))`;
  const hull = kind === 'concave' ? sql`ST_ConcaveHull(${points}, 0.1)` : sql`ST_ConvexHull(${points})`;
  const { rows } = await sql<{ geojson: string; km2: number }>`
    SELECT ST_AsGeoJSON(b) AS geojson, ST_Area(b::geography) / 1e6 AS km2 FROM (
      SELECT ST_Buffer(${hull}::geography, ${BUFFER_M})::geometry AS b
      FROM unnest(${incidents.map((i) => i.lng)}::float8[], ${incidents.map((i) => i.lat)}::float8[]) AS t(x, y)
    ) s`.execute(db);
  console.log(`  ${kind} hull + ${BUFFER_M} m: ${Number(rows[0]!.km2).toFixed(1)} km²`);
  return JSON.parse(rows[0]!.geojson);
}

async function createSfArea(db: Db, code: string, boundary: unknown): Promise<string> {
  await createArea(db, { code, name: `San Francisco (${code})`, boundary, timezone: 'America/Los_Angeles' });
  const user = await createUser(db, { email: `analyst@${code}.evaluate.test`, name: 'Evaluation', role: 'admin', areaCode: code, password: 'evaluation-only-password' });
  return (await createApiToken(db, { id: user.id, areaId: user.area_id }, 'evaluate')).token;
}

async function api(base: string, token: string, path: string, init: RequestInit = {}): Promise<any> {
  const res = await fetch(`${base}/api/v1${path}`, { ...init, headers: { authorization: `Bearer ${token}`, ...init.headers } });
  const body = await res.json();
  if (!res.ok) throw new Error(`${init.method ?? 'GET'} ${path} answered ${res.status}: ${JSON.stringify(body).slice(0, 2000)}`);
  return body;
}

const fixed = (v: number | null, digits = 2) => (v === null ? '–' : v.toFixed(digits));
const percent = (v: number | null) => (v === null ? '–' : `${(v * 100).toFixed(1)} %`);

async function main() {
  if (!sfDataAvailable()) {
    console.log(`evaluate: skipped, the San Francisco data is not at ${SF_CSV} (../shared/data)`);
    return;
  }
  const data = readSfIncidents();
  console.log(`San Francisco 2012: ${data.rows.toLocaleString('en-US')} rows, ${data.duplicates.toLocaleString('en-US')} exact repeats of an incident_num dropped → ${data.incidents.length.toLocaleString('en-US')} incidents`);

  const database = await createBenchDatabase(process.env.DATABASE_URL || undefined);
  const handle = await database.open();
  let server: Server | undefined;
  try {
    console.log(`database: ${database.where}`);
    const tokens = {
      concave: await createSfArea(handle.db, 'sf', await hullOf(handle.db, data.incidents, 'concave')),
      convex: await createSfArea(handle.db, 'sf-convex', await hullOf(handle.db, data.incidents, 'convex')),
    };
    const config = parseConfig({ NODE_ENV: 'test', LOG_LEVEL: 'silent', RATE_LIMIT_ANALYTICS: '100000' });
    const app = createApp({ config, db: handle.appDb(), logger: createLogger('silent'), dbKind: handle.kind });
    server = await new Promise<Server>((resolve) => {
      const s = app.listen(0, '127.0.0.1', () => resolve(s));
    });
    const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

    const body = importCsv(data.incidents);
    for (const [hull, token] of Object.entries(tokens)) {
      const summary = await api(base, token, `/imports?${new URLSearchParams(IMPORT_MAPPING)}`, { method: 'POST', headers: { 'content-type': 'text/csv; charset=utf-8' }, body });
      console.log(`import into the ${hull} area: inserted ${summary.inserted}, duplicates ${summary.duplicates}, outside the area ${summary.outsideArea}, rejected ${summary.rejectedCount}`);
    }

    const rows: string[][] = [];
    const markdown: string[] = ['| res | ranking | cells (n) | coverage | hit rate | PAI | RRI |', '|---|---|---|---|---|---|---|'];
    let totals = '';
    for (const res of RESOLUTIONS) {
      for (const method of METHODS) {
        for (const coverage of COVERAGES) {
          const q = new URLSearchParams({ res: String(res), method, coverage: String(coverage), ...PERIODS });
          const b: Backtest = await api(base, tokens.concave, `/hotspots/backtest?${q}`);
          totals = `train ${b.trainTotal.toLocaleString('en-US')} reports, test ${b.testTotal.toLocaleString('en-US')}`;
          const ranking = method === 'count' ? 'train count' : 'train Gi* z';
          rows.push([String(res), ranking, b.n.toLocaleString('en-US'), `${coverage * 100} %`, String(b.taken), percent(b.hitRate), percent(b.areaShare), fixed(b.pai), fixed(b.rri)]);
          markdown.push(`| ${res} | ${ranking} | ${b.n.toLocaleString('en-US')} | ${coverage * 100} % | ${percent(b.hitRate)} | ${fixed(b.pai)} | ${fixed(b.rri)} |`);
        }
      }
    }
    console.log(`\nBacktest, concave hull (${totals}; train ${PERIODS.trainFrom.slice(0, 10)}..${PERIODS.trainTo.slice(0, 10)}, test ..${PERIODS.testTo.slice(0, 10)}, [from, to))`);
    console.log(table(['res', 'ranking', 'n', 'coverage', 'taken', 'hit rate', 'area share', 'PAI', 'RRI'], rows));
    console.log(`\nAs markdown:\n${markdown.join('\n')}`);

    const compared: string[][] = [];
    for (const [hull, token] of Object.entries(tokens)) {
      for (const method of METHODS) {
        const b: Backtest = await api(base, token, `/hotspots/backtest?${new URLSearchParams({ res: '9', method, coverage: '0.05', ...PERIODS })}`);
        compared.push([hull, method, b.n.toLocaleString('en-US'), String(b.taken), percent(b.hitRate), fixed(b.pai), fixed(b.rri)]);
      }
    }
    console.log('\nThe boundary matters: res 9, 5 % of the cells, concave against convex hull');
    console.log(table(['hull', 'ranking', 'n', 'taken', 'hit rate', 'PAI', 'RRI'], compared));
  } finally {
    if (server) {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server!.close(() => resolve()));
    }
    await handle.release();
    console.log(await database.dispose(false));
  }
}

main().catch((err) => {
  console.error(err);
  process.exitCode = 1;
});
