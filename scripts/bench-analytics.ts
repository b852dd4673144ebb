/**
 * `npm run bench:analytics`: the analytics targets of DESIGN §7, each next to the naive way in
 * the same run.
 *  - Gi* over a ~50,000-cell region (res 10 over a ~560 km² rectangle around the demo data),
 *    ≤ 100 ms over HTTP; naive: the same requests to a server whose region cache is off
 *    (ANALYTICS_REGION_CACHE_MB=0), which builds polygonToCells and the gridDisk lists every time.
 *  - Emerging hot spots, 26 bins of 14 days at res 9 over N reports (1,000,000 on PostgreSQL),
 *    ≤ 2 s over HTTP; naive: the cube counted with one GROUP BY per bin instead of one for all.
 *  - Server RSS with the reports and the region cache (≤ 400 MB at 1M).
 *
 * Its own fresh database (as `npm run bench`): `tk_bench_*` on DATABASE_URL, else a temporary PGlite.
 * Options: --reports N, --queries N (Gi* requests; emerging gets a third), --keep.
 */
import os from 'node:os';
import path from 'node:path';
import { rmSync } from 'node:fs';
import { sql } from 'kysely';
import { polygonToCells } from 'h3-js';
import { createArea, createUser } from '../server/areas/areas.service';
import { createApiToken } from '../server/auth/auth.service';
import { generateReports } from './demo/generate';
import { createBenchDatabase, describeVersions, type BenchDatabase } from './bench/bench-database';
import { geoJsonBody, inChunks } from './bench/bodies';
import { DEFAULT_REPORTS, intOption } from './bench/args';
import { closeHttp } from './bench/http';
import { importBody } from './bench/import-bench';
import { heading, int, mb, ms, percentile, table, verdictTable, type Verdict } from './bench/report';
import { startServerProcess, type ServerProcess } from './bench/server-process';
import { benchBoundary, processCpuMs, cubeOneQuery, cubePerBin, cubeWidthBucket, emergingPath, emergingWindows, giPaths, httpGet, type Sample } from './bench/analytics-bench';

const GI_RES = 10;
const GI_CELLS = 50_000;
const EMERGING_RES = 9;

const stats = (samples: readonly { ms: number }[]) => {
  const t = samples.map((s) => s.ms);
  return { min: Math.min(...t), p50: percentile(t, 50), p95: percentile(t, 95), max: Math.max(...t) };
};
const row = (name: string, s: readonly Sample[]) => {
  const x = stats(s);
  return [name, String(s.length), ms(x.min), ms(x.p50), ms(x.p95), ms(x.max), int(s.reduce((a, b) => a + b.features, 0) / s.length), mb(s.reduce((a, b) => a + b.bytes, 0) / s.length)];
};

let database: BenchDatabase | undefined;
let server: ServerProcess | undefined;
const keep = process.argv.includes('--keep');

async function main() {
  const databaseUrl = process.env.DATABASE_URL || undefined;
  const kind = databaseUrl ? 'postgres' : 'pglite';
  const reportCount = intOption(process.argv, '--reports', DEFAULT_REPORTS[kind]);
  const queries = intOption(process.argv, '--queries', 20);
  const now = new Date(Math.floor(Date.now() / 60_000) * 60_000);
  const verdicts: Verdict[] = [];
  console.log(`Tryggkarta analytics benchmark (DESIGN §7): ${kind}, ${int(reportCount)} reports, ${os.cpus().length} cores, Node ${process.version}, load ${os.loadavg()[0]!.toFixed(2)}`);

  database = await createBenchDatabase(databaseUrl);
  let handle = await database.open();
  console.log(`database: ${database.where}; ${await describeVersions(handle)}`);
  const boundary = benchBoundary(GI_CELLS, GI_RES);
  await createArea(handle.db, { code: 'bench-analytics', name: 'Bänk analys (syntetiska data)', boundary });
  const user = await createUser(handle.db, { email: 'admin@bench-analytics.test', name: 'Bench', role: 'admin', areaCode: 'bench-analytics', password: 'bench-password-not-secret' });
  const areaId = user.area_id;
  const { token } = await createApiToken(handle.db, { id: user.id, areaId }, 'bench');
  const regionCells = polygonToCells(boundary.coordinates, GI_RES, true).length;
  console.log(`area: a rectangle around central Eskilstuna holding ${int(regionCells)} res-${GI_RES} cells (${int(polygonToCells(boundary.coordinates, EMERGING_RES, true).length)} at res ${EMERGING_RES})`);
  if (kind === 'pglite') await handle.release(); // the server process takes the directory

  const logFile = path.join(os.tmpdir(), `tk-bench-analytics-${process.pid}.log`);
  server = await startServerProcess(database.serverEnv, logFile);
  heading(`1. ${int(reportCount)} synthetic reports through POST /api/v1/imports`);
  let t = performance.now();
  const stream = generateReports({ reportCount, now });
  for (const chunk of inChunks(stream, 160_000, reportCount)) {
    const body = geoJsonBody(chunk);
    // Building the body blocks the event loop for seconds: let the keep-alive agent see a socket
    // the server closed meanwhile, or the request would be written into it (EPIPE).
    await new Promise((resolve) => setTimeout(resolve, 50));
    await importBody(server, token, 'geojson', body, chunk.length);
  }
  console.log(`imported in ${ms(performance.now() - t)}; server RSS ${mb(server.memory().rss)}`);
  if (kind === 'postgres') {
    t = performance.now();
    await sql`VACUUM ANALYZE reports`.execute(handle.db);
    console.log(`VACUUM ANALYZE reports: ${ms(performance.now() - t)}`);
  }

  heading(`2. Gi* at res ${GI_RES} over the ${int(regionCells)}-cell region, 14-day windows, HTTP`);
  const cold = await httpGet(server, token, giPaths(now, GI_RES, 1000, 1)[0]!);
  console.log(`first request (region and k = 1 lists built, then cached): ${ms(cold.ms)}; n = ${int(Number(cold.meta.n))}, ${int(cold.features)} cells listed`);
  const gi = [];
  let cpu = processCpuMs(server.pid);
  for (const p of giPaths(now, GI_RES, 0, queries)) gi.push(await httpGet(server, token, p));
  const giCpuMs = (processCpuMs(server.pid) - cpu) / gi.length;
  heading(`3. Emerging hot spots: 26 × 14-day bins at res ${EMERGING_RES}, all ${int(reportCount)} reports' year, HTTP`);
  const emerging = [];
  await httpGet(server, token, emergingPath(EMERGING_RES, emergingWindows(now, 500, 1)[0]!)); // res-9 region and lists
  cpu = processCpuMs(server.pid);
  for (const w of emergingWindows(now, 0, Math.max(3, Math.ceil(queries / 3)))) emerging.push(await httpGet(server, token, emergingPath(EMERGING_RES, w)));
  const emergingCpuMs = (processCpuMs(server.pid) - cpu) / emerging.length;
  const rss = server.memory().rss;
  await server.stop();

  heading('4. The naive Gi*: the same requests with the region cache off (ANALYTICS_REGION_CACHE_MB=0)');
  server = await startServerProcess({ ...database.serverEnv, ANALYTICS_REGION_CACHE_MB: '0' }, logFile);
  const naiveGi = [];
  cpu = processCpuMs(server.pid);
  for (const p of giPaths(now, GI_RES, 0, Math.min(queries, 5))) naiveGi.push(await httpGet(server, token, p));
  const naiveCpuMs = (processCpuMs(server.pid) - cpu) / naiveGi.length;
  await server.stop();
  server = undefined;

  console.log(
    `server CPU/request: the server process (user + system, /proc)${kind === 'pglite' ? ', embedded database included' : ', not the database'}; it does not grow with the machine's load as latency does`,
  );
  console.log(
    table(
      ['request', 'n', 'min', 'p50', 'p95', 'max', 'features', 'response', 'server CPU/request'],
      [
        [...row(`Gi* res ${GI_RES}, region cached`, gi), ms(giCpuMs)],
        [...row(`naive: Gi* res ${GI_RES}, region rebuilt`, naiveGi), ms(naiveCpuMs)],
        [...row(`emerging res ${EMERGING_RES}, 26 bins`, emerging), ms(emergingCpuMs)],
      ],
      [false, true, true, true, true, true, true, true, true],
    ),
  );

  heading(`5. The cube's counts in SQL: one statement against 26 queries`);
  if (kind === 'pglite') handle = await database.open();
  const windows = emergingWindows(now, 100, 5);
  await cubeOneQuery(handle.db, areaId, EMERGING_RES, windows[0]!); // warm-up
  const one: Awaited<ReturnType<typeof cubeOneQuery>>[] = [];
  const perBin: Awaited<ReturnType<typeof cubePerBin>>[] = [];
  const widthBucket: Awaited<ReturnType<typeof cubeWidthBucket>>[] = [];
  for (const w of windows) {
    one.push(await cubeOneQuery(handle.db, areaId, EMERGING_RES, w));
    perBin.push(await cubePerBin(handle.db, areaId, EMERGING_RES, w));
    widthBucket.push(await cubeWidthBucket(handle.db, areaId, EMERGING_RES, w));
  }
  console.log(
    table(
      ['SQL', 'runs', 'min', 'p50', 'max', 'rows', 'reports'],
      [
        ['server: one statement, GROUP BY per bin (LATERAL)', one],
        ['naive: 26 queries, GROUP BY parent cell each', perBin],
        ['one GROUP BY (parent cell, width_bucket bin)', widthBucket],
      ].map(([name, s]) => {
        const list = s as typeof one;
        const x = stats(list);
        return [name as string, String(list.length), ms(x.min), ms(x.p50), ms(x.max), int(list[0]!.rows), int(list[0]!.total)];
      }),
      [false, true, true, true, true, true, true],
    ),
  );

  const giP50 = stats(gi).p50;
  const naiveP50 = stats(naiveGi).p50;
  const emergingP50 = stats(emerging).p50;
  verdicts.push({ metric: `Gi* over ${int(Number(gi[0]!.meta.n))} cells (res ${GI_RES}), HTTP p50 / p95`, value: `${ms(giP50)} / ${ms(stats(gi).p95)}`, target: '≤ 100 ms', pass: giP50 <= 100 });
  verdicts.push({ metric: `Gi*: server process CPU per request${kind === 'pglite' ? ' (with PGlite)' : ' (not the database)'} / naive`, value: `${ms(giCpuMs)} / ${ms(naiveCpuMs)}`, target: '', pass: null });
  verdicts.push({ metric: 'naive: region rebuilt per request, HTTP p50', value: `${ms(naiveP50)} (${(naiveP50 / giP50).toFixed(1)}× slower)`, target: '', pass: null });
  verdicts.push({ metric: `emerging, 26 bins, res ${EMERGING_RES}, ${int(reportCount)} reports, HTTP p50 / max`, value: `${ms(emergingP50)} / ${ms(stats(emerging).max)}`, target: '≤ 2 s', pass: emergingP50 <= 2000 });
  verdicts.push({ metric: 'cube counts in SQL: 26 queries / one statement (p50)', value: `${(stats(perBin).p50 / stats(one).p50).toFixed(2)}× (${ms(stats(perBin).p50)} / ${ms(stats(one).p50)})`, target: '', pass: null });
  verdicts.push({ metric: 'cube counts in SQL: one width_bucket GROUP BY / one statement (p50)', value: `${(stats(widthBucket).p50 / stats(one).p50).toFixed(2)}× (${ms(stats(widthBucket).p50)})`, target: '', pass: null });
  verdicts.push({ metric: `server RSS after the queries (${int(reportCount)} reports, region cache warm)`, value: mb(rss), target: reportCount >= 1_000_000 ? '≤ 400 MB at 1M' : '≤ 400 MB at 1M (run has fewer)', pass: reportCount >= 1_000_000 ? rss <= 400 * 1024 * 1024 : null });
  heading(`Summary against DESIGN §7 (load average now ${os.loadavg().map((l) => l.toFixed(1)).join(' / ')} on ${os.cpus().length} cores)`);
  console.log(verdictTable(verdicts));
  await handle.release();
  if (!keep) rmSync(logFile, { force: true });
}

main()
  .catch((err) => {
    console.error(err);
    process.exitCode = 1;
  })
  .finally(async () => {
    closeHttp();
    await server?.stop().catch(() => undefined);
    if (database) console.log(`\n${await database.dispose(keep).catch((err: Error) => `could not clean up: ${err.message}`)}`);
  });
