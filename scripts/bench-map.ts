/**
 * `npm run bench:map`: the planner's map with ~20,000 hexagons on screen (issue 4: "fast with
 * 20,000 hexagons, no jank while panning"), measured in headless Chromium against the real server.
 *
 *  1. Loading: from navigation to the first frame with every hexagon drawn (request, setData,
 *     geojson-vt tiling in maplibre's worker, paint), the /hotspots request's part of it, and
 *     the size of that answer as stored and compressed (gzip, br).
 *  2. Panning: mouse drags across the map (60 moves each, after two to warm the tiles up), frame
 *     intervals from requestAnimationFrame and main-thread long tasks (> 50 ms); then what a frame
 *     costs, from 60-step pans made by the map itself (one render each), taking in turn
 *       - the app's layers as built (one fill layer; its 1 px outline only where hexagons are
 *         at least 8 px wide),
 *       - the outline always drawn (as before that), and the naive way: a line layer for outlines,
 *       - the map with the hexagons hidden (what the basemap and boundary cost alone).
 *  3. Refilter: a new answer for all hexagons through `setData` on the one source (what a filter
 *     change does), against the naive way of removing and re-adding source and layers.
 *
 * Chromium here has no GPU: SwiftShader rasterises WebGL on the CPU, so frame times are far
 * above a laptop's; the comparison between the rows and the main thread's share are the figures
 * that carry over. Its own fresh database (as the other benches): `tk_bench_*` on DATABASE_URL,
 * else a temporary PGlite. Options: --reports N (default 28,000 → ~21,000 res-10 cells),
 * --runs N (rounds: 2N mouse drags, 2N pans per configuration; default 3), --keep. CHROMIUM_PATH overrides /usr/bin/chromium.
 */
import os from 'node:os';
import path from 'node:path';
import { existsSync, rmSync } from 'node:fs';
import { polygonToCells } from 'h3-js';
import { chromium, type Browser, type Page } from 'playwright-core';
import { createArea, createUser } from '../server/areas/areas.service';
import { createApiToken } from '../server/auth/auth.service';
import { generateReports, type DemoReport } from './demo/generate';
import { createBenchDatabase, describeVersions, type BenchDatabase } from './bench/bench-database';
import { geoJsonBody } from './bench/bodies';
import { intOption } from './bench/args';
import { closeHttp, request } from './bench/http';
import { importBody } from './bench/import-bench';
import { benchBoundary } from './bench/analytics-bench';
import { heading, int, ms, percentile, table } from './bench/report';
import { hexagonWidthPx } from '../web/src/map/resolution';
import { Prng } from '../server/shared/prng';
import { startServerProcess, type ServerProcess } from './bench/server-process';

const RES = 10;
const REGION_CELLS = 50_000;
const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const PASSWORD = 'bench-password-not-secret';
const EMAIL = 'planner@bench-map.test';
const DAY_MS = 86_400_000;
/** Latitude of the bench area's centre (benchBoundary: central Eskilstuna). */
const CENTRE_LAT = 59.37;

/**
 * Reports spread evenly over the rectangle, in the lägesbild's period (the 14 whole local days
 * before today): every one of them lands in its own or a shared res-10 cell, so the map draws
 * about n·(1 − e^(−r/n)) hexagons for r reports over n cells. Categories and texts from the demo
 * generator.
 */
function spreadReports(count: number, ring: number[][], now: Date): DemoReport[] {
  // Seeded, so every run draws the same points.
  const prng = new Prng(20_261_130);
  const random = () => prng.next();
  const [west, south] = ring[0]!;
  const [east, north] = ring[2]!;
  const reports = [...generateReports({ reportCount: count, now, seed: 11 })];
  for (const r of reports) {
    r.lng = west! + random() * (east! - west!);
    r.lat = south! + random() * (north! - south!);
    r.observedAt = new Date(now.getTime() - (2 + random() * 11) * DAY_MS);
    r.observedUntil = null;
  }
  return reports;
}

interface DragFigures {
  frames: number;
  p50: number;
  p95: number;
  max: number;
  /** Share of frames over 50 ms (more than three missed 60 Hz frames). */
  slow: number;
  longTasks: number;
  longTaskMs: number;
  wallMs: number;
}

/** Frame intervals and long tasks of one pan, from the frame times and long-task durations the page recorded. */
function figuresOf(frames: readonly number[], long: readonly number[], wallMs: number): DragFigures {
  const intervals = frames.slice(1).map((t, i) => t - frames[i]!);
  return {
    frames: intervals.length,
    p50: percentile(intervals, 50),
    p95: percentile(intervals, 95),
    max: Math.max(...intervals),
    slow: intervals.filter((d) => d > 50).length / Math.max(1, intervals.length),
    longTasks: long.length,
    longTaskMs: long.reduce((a, b) => a + b, 0),
    wallMs,
  };
}

/** One drag over the map canvas; frame intervals and long tasks collected in the page. */
async function drag(page: Page, direction: 1 | -1): Promise<DragFigures> {
  const box = (await page.locator('.maplibregl-canvas').first().boundingBox())!;
  await page.evaluate(() => {
    const w = window as unknown as { __frames: number[]; __long: number[]; __observer?: PerformanceObserver; __run: number };
    const frames: number[] = [];
    const long: number[] = [];
    w.__frames = frames;
    w.__long = long;
    // A run number, so the loop of an earlier drag stops instead of adding its frames to this one.
    const run = (w.__run = (w.__run ?? 0) + 1);
    w.__observer?.disconnect();
    w.__observer = new PerformanceObserver((list) => list.getEntries().forEach((e) => long.push(e.duration)));
    w.__observer.observe({ type: 'longtask' });
    const tick = (t: number) => {
      if (w.__run !== run) return;
      frames.push(t);
      requestAnimationFrame(tick);
    };
    requestAnimationFrame(tick);
  });
  const [x0, y0] = [box.x + box.width / 2 - direction * 200, box.y + box.height / 2];
  const started = performance.now();
  await page.mouse.move(x0, y0);
  await page.mouse.down();
  for (let i = 1; i <= 60; i++) {
    await page.mouse.move(x0 + direction * i * 7, y0 + direction * Math.sin(i / 10) * 40);
    await page.waitForTimeout(30);
  }
  await page.mouse.up();
  const wallMs = performance.now() - started;
  await page.evaluate(() => new Promise((resolve) => setTimeout(resolve, 300)));
  const { frames, long } = await page.evaluate(() => {
    const w = window as unknown as { __frames: number[]; __long: number[]; __observer?: PerformanceObserver; __run: number };
    w.__run++;
    w.__observer?.disconnect();
    return { frames: w.__frames, long: w.__long };
  });
  return figuresOf(frames, long, wallMs);
}

/** The same distance panned by the map itself, 60 frames of panBy: rendering without input events. */
async function programmaticPan(page: Page, direction: 1 | -1): Promise<DragFigures> {
  const started = performance.now();
  const figures = await page.evaluate(async (dir) => {
    const map = window.__tryggkartaMaps!.lagesbild!;
    const frames: number[] = [];
    const long: number[] = [];
    const observer = new PerformanceObserver((list) => list.getEntries().forEach((e) => long.push(e.duration)));
    observer.observe({ type: 'longtask' });
    for (let i = 1; i <= 60; i++) {
      await new Promise<void>((resolve) => {
        map.once('render', () => resolve());
        map.panBy([-dir * 7, -dir * (Math.sin(i / 10) - Math.sin((i - 1) / 10)) * 40], { duration: 0 });
      });
      frames.push(performance.now());
    }
    await new Promise((resolve) => setTimeout(resolve, 300));
    observer.disconnect();
    return { frames, long };
  }, direction);
  return figuresOf(figures.frames, figures.long, performance.now() - started);
}

function merge(runs: DragFigures[]): DragFigures {
  const mean = (key: keyof DragFigures) => runs.reduce((a, r) => a + r[key], 0) / runs.length;
  return {
    frames: mean('frames'),
    p50: percentile(runs.map((r) => r.p50), 50),
    p95: percentile(runs.map((r) => r.p95), 50),
    max: Math.max(...runs.map((r) => r.max)),
    slow: mean('slow'),
    longTasks: mean('longTasks'),
    longTaskMs: mean('longTaskMs'),
    wallMs: mean('wallMs'),
  };
}

/** Runs `runs` drags back and forth (so the view ends where it began) and merges them. */
async function drags(page: Page, runs: number, how = drag): Promise<DragFigures> {
  const list: DragFigures[] = [];
  for (let i = 0; i < runs; i++) list.push(await how(page, i % 2 === 0 ? 1 : -1));
  return merge(list);
}

let database: BenchDatabase | undefined;
let server: ServerProcess | undefined;
let browser: Browser | undefined;
const keep = process.argv.includes('--keep');

async function main() {
  if (!existsSync(CHROMIUM_PATH)) throw new Error(`no Chromium at ${CHROMIUM_PATH} (apt-get install chromium, or set CHROMIUM_PATH)`);
  const databaseUrl = process.env.DATABASE_URL || undefined;
  const kind = databaseUrl ? 'postgres' : 'pglite';
  const reportCount = intOption(process.argv, '--reports', 28_000);
  const runs = intOption(process.argv, '--runs', 3);
  const now = new Date();
  console.log(`Tryggkarta map benchmark (issue 4): ${kind}, ${int(reportCount)} reports, ${os.cpus().length} cores, Node ${process.version}, load ${os.loadavg()[0]!.toFixed(2)}`);

  database = await createBenchDatabase(databaseUrl);
  const handle = await database.open();
  console.log(`database: ${database.where}; ${await describeVersions(handle)}`);
  const boundary = benchBoundary(REGION_CELLS, RES);
  await createArea(handle.db, { code: 'bench-map', name: 'Bänk karta (syntetiska data)', boundary });
  const user = await createUser(handle.db, { email: EMAIL, name: 'Bench', role: 'planner', areaCode: 'bench-map', password: PASSWORD });
  const { token } = await createApiToken(handle.db, { id: user.id, areaId: user.area_id }, 'bench');
  await handle.release();

  const logFile = path.join(os.tmpdir(), `tk-bench-map-${process.pid}.log`);
  // No basemap: the built-in style (background, boundary, hexagons), as offline; nothing third-party.
  server = await startServerProcess({ ...database.serverEnv, BASEMAP_STYLE_URL: 'none' }, logFile);
  const reports = spreadReports(reportCount, boundary.coordinates[0]!, now);
  await importBody(server, token, 'geojson', geoJsonBody(reports), reports.length);
  console.log(`area: ${int(polygonToCells(boundary.coordinates, RES, true).length)} res-${RES} cells; ${int(reportCount)} reports spread over it in the last 14 days`);

  browser = await chromium.launch({
    executablePath: CHROMIUM_PATH,
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--enable-unsafe-swiftshader'],
  });
  const context = await browser.newContext({ viewport: { width: 1280, height: 720 }, locale: 'sv-SE', timezoneId: 'Europe/Stockholm' });
  // tsx compiles with esbuild's keepNames, which wraps the functions of the page.evaluate
  // callbacks below in a `__name` helper that only exists in Node: give the page one.
  await context.addInitScript('window.__TRYGGKARTA_TEST__ = true; window.__name = (f) => f;');
  const page = await context.newPage();
  page.setDefaultTimeout(120_000);
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  const login = await page.request.post(`${server.url}/api/v1/auth/login`, { data: { email: EMAIL, password: PASSWORD } });
  if (login.status() !== 200) throw new Error(`login: ${login.status()}`);

  heading(`1. Loading the lägesbild at res ${RES} (1280 × 720, the whole area in view)`);
  const loads: { total: number; request: number; cells: number; url: string }[] = [];
  for (let i = 0; i < runs; i++) {
    const started = Date.now();
    await page.goto(`${server.url}/?res=${RES}`);
    const drawn = await page.evaluate(async () => {
      // The first frame after the source holds the answer and every tile is loaded.
      const map = await new Promise<import('maplibre-gl').Map>((resolve) => {
        const poll = () => (window.__tryggkartaMaps?.lagesbild ? resolve(window.__tryggkartaMaps.lagesbild) : requestAnimationFrame(poll));
        poll();
      });
      const ready = () => document.querySelector('[data-testid="hotspot-status"]')?.getAttribute('data-state') === 'ready';
      await new Promise<void>((resolve) => {
        const check = () => (ready() && map.loaded() && map.isSourceLoaded('cells') ? resolve() : map.once('render', check));
        const poll = () => (ready() ? check() : requestAnimationFrame(poll));
        poll();
      });
      const request = performance.getEntriesByType('resource').filter((e) => e.name.includes('/api/v1/hotspots?')).at(-1) as PerformanceResourceTiming;
      const cells = map.querySourceFeatures('cells').reduce((set, f) => set.add(String(f.properties?.cell)), new Set<string>()).size;
      return { at: performance.now() + performance.timeOrigin, request: request.responseEnd - request.startTime, cells, url: request.name };
    });
    loads.push({ total: drawn.at - started, request: drawn.request, cells: drawn.cells, url: drawn.url });
  }
  const cells = loads.at(-1)!.cells;
  // The same answer as the page asked for it, as stored bytes and compressed (the server
  // compresses for clients that send Accept-Encoding, as every browser does).
  const sizes: [string, number, number][] = [];
  for (const encoding of ['identity', 'gzip', 'br']) {
    const r = await request('GET', loads.at(-1)!.url, { headers: { authorization: `Bearer ${token}`, 'accept-encoding': encoding } });
    if (r.status !== 200) throw new Error(`/hotspots ${encoding}: ${r.status}`);
    sizes.push([encoding, r.body.length, r.ms]);
  }
  const at10Mbit = (bytes: number) => ms((bytes * 8) / 10_000);
  console.log(
    table(
      ['/hotspots answer', 'bytes', 'server → client here', 'transfer at 10 Mbit/s'],
      sizes.map(([encoding, bytes, took]) => [encoding, int(bytes), ms(took), at10Mbit(bytes)]),
    ),
  );
  const shot = path.join(os.tmpdir(), `tk-bench-map-${process.pid}.png`);
  await page.screenshot({ path: shot });
  console.log(
    table(
      ['run', 'hexagons drawn', 'navigation → drawn', '/hotspots request'],
      loads.map((l, i) => [String(i + 1), int(l.cells), ms(l.total), ms(l.request)]),
    ),
  );

  heading(`2. Panning with ${int(cells)} hexagons: mouse drags of 60 moves, after two to warm up`);
  // Warm-up: the first drags load the tiles around the view, which is not what panning costs.
  await drags(page, 2);
  const asBuilt = await drags(page, runs * 2);
  const zoom = await page.evaluate(() => window.__tryggkartaMaps!.lagesbild!.getZoom());
  const setting = await page.evaluate(() => JSON.stringify(window.__tryggkartaMaps!.lagesbild!.getPaintProperty('cells-fill', 'fill-antialias') ?? true));
  console.log(`zoom ${zoom.toFixed(2)}: res-${RES} hexagons ~${hexagonWidthPx(RES, zoom, CENTRE_LAT).toFixed(1)} px wide; the layer's fill-antialias: ${setting}`);
  const dragRow = (name: string, d: DragFigures) => [name, int(d.frames), ms(d.p50), ms(d.p95), ms(d.max), `${(d.slow * 100).toFixed(0)} %`, `${d.longTasks.toFixed(1)} / ${ms(d.longTaskMs)}`];
  const headers = ['configuration', 'frames/pan', 'frame p50', 'frame p95', 'max', '> 50 ms', 'long tasks / ms per pan'];
  const right = [false, true, true, true, true, true, true];
  console.log(table(headers, [dragRow(`mouse drags (${runs * 2}), as built`, asBuilt)], right));

  // The same pan made by the map itself, one render per step, configurations taken in turn
  // (round-robin, so a slower stretch of the machine does not fall on one of them).
  heading('2b. What a frame costs: 60-step pans by the map, configurations in turn');
  const configurations: { name: string; apply: string; undo: string }[] = [
    { name: 'as built: outlines only from 8 px hexagons', apply: '', undo: '' },
    {
      name: "outlines always (the fill's own 1 px)",
      apply: "m.setPaintProperty('cells-fill', 'fill-antialias', true)",
      undo: `m.setPaintProperty('cells-fill', 'fill-antialias', ${setting})`,
    },
    {
      name: 'naive: outlines always, as a line layer',
      apply:
        "m.setPaintProperty('cells-fill', 'fill-antialias', false); m.addLayer({ id: 'bench-naive-outline', type: 'line', source: 'cells', paint: { 'line-color': '#5c3b0a', 'line-opacity': 0.45, 'line-width': 0.6 } })",
      undo: `m.removeLayer('bench-naive-outline'); m.setPaintProperty('cells-fill', 'fill-antialias', ${setting})`,
    },
    { name: 'hexagons hidden (basemap, boundary)', apply: "m.setLayoutProperty('cells-fill', 'visibility', 'none')", undo: "m.setLayoutProperty('cells-fill', 'visibility', 'visible')" },
  ];
  const byConfiguration = configurations.map(() => [] as DragFigures[]);
  const inPage = (code: string) => page.evaluate(`(() => { const m = window.__tryggkartaMaps.lagesbild; ${code}; })()`);
  for (let round = 0; round < runs; round++) {
    for (const [i, c] of configurations.entries()) {
      await inPage(c.apply);
      byConfiguration[i]!.push(await programmaticPan(page, 1), await programmaticPan(page, -1));
      await inPage(c.undo);
    }
  }
  const rendered = byConfiguration.map(merge);
  console.log(table(headers, configurations.map((c, i) => dragRow(c.name, rendered[i]!)), right));
  const [panned, alwaysOutlined, naive, hidden] = rendered as [DragFigures, DragFigures, DragFigures, DragFigures];

  heading(`3. A new answer for all ${int(cells)} hexagons (what a filter change does)`);
  const refilter = await page.evaluate(async (rounds) => {
    const map = window.__tryggkartaMaps!.lagesbild!;
    const source = map.getSource('cells') as import('maplibre-gl').GeoJSONSource;
    const data = (await source.getData()) as GeoJSON.FeatureCollection;
    const frame = () => new Promise<void>((resolve) => {
      const check = () => (map.loaded() && map.isSourceLoaded('cells') ? resolve() : map.once('render', check));
      map.once('render', check);
      map.triggerRepaint();
    });
    // Each round changes every count, so the source really has new data.
    const variant = (round: number): GeoJSON.FeatureCollection => ({
      type: 'FeatureCollection',
      features: data.features.map((f) => ({ ...f, properties: { ...f.properties, count: Number(f.properties?.count ?? 0) + round } })),
    });
    const setData: number[] = [];
    const readd: number[] = [];
    for (let round = 1; round <= rounds; round++) {
      const next = variant(round);
      let t = performance.now();
      source.setData(next);
      await frame();
      setData.push(performance.now() - t);
      // Naive: drop the source and its layers and build them again, as the style holds them, with the new data.
      const layers = map.getStyle().layers;
      const own = layers.filter((l) => 'source' in l && l.source === 'cells');
      const above = layers.slice(layers.indexOf(own.at(-1)!) + 1)[0]?.id;
      t = performance.now();
      for (const l of own) map.removeLayer(l.id);
      map.removeSource('cells');
      map.addSource('cells', { type: 'geojson', data: variant(round + 1000), promoteId: 'cell' });
      for (const l of own) map.addLayer(l as import('maplibre-gl').AddLayerObject, above);
      await frame();
      readd.push(performance.now() - t);
    }
    return { setData, readd };
  }, runs + 2);
  const p50 = (v: number[]) => percentile(v, 50);
  console.log(
    table(
      ['way', 'rounds', 'p50', 'max'],
      [
        ['as built: setData on the one source', String(refilter.setData.length), ms(p50(refilter.setData)), ms(Math.max(...refilter.setData))],
        ['naive: remove and re-add source and layers', String(refilter.readd.length), ms(p50(refilter.readd)), ms(Math.max(...refilter.readd))],
      ],
      [false, true, true, true],
    ),
  );
  if (errors.length > 0) console.log(`page errors: ${errors.join('; ')}`);

  heading('Summary');
  console.log(
    table(
      ['metric', 'measured'],
      [
        [`hexagons on screen (res ${RES})`, int(cells)],
        ['navigation → all hexagons drawn, p50', ms(percentile(loads.map((l) => l.total), 50))],
        ['the hexagons\' GeoJSON: as stored / gzip / br', sizes.map(([, bytes]) => `${(bytes / 1024 / 1024).toFixed(2)} MB`).join(' / ')],
        ['mouse drags, frame p50 / p95 (as built)', `${ms(asBuilt.p50)} / ${ms(asBuilt.p95)}`],
        ['a frame while the map pans, p50 / p95: as built', `${ms(panned.p50)} / ${ms(panned.p95)}`],
        ['  outlines always', `${ms(alwaysOutlined.p50)} / ${ms(alwaysOutlined.p95)} (${(alwaysOutlined.p50 / panned.p50).toFixed(2)}× as built)`],
        ['  naive: line-layer outlines', `${ms(naive.p50)} / ${ms(naive.p95)} (${(naive.p50 / panned.p50).toFixed(2)}× as built)`],
        ['  hexagons hidden', `${ms(hidden.p50)} / ${ms(hidden.p95)}`],
        ['main-thread long tasks per mouse drag (as built)', `${asBuilt.longTasks.toFixed(1)} (${ms(asBuilt.longTaskMs)})`],
        ['new data for every hexagon: setData / naive re-add, p50', `${ms(p50(refilter.setData))} / ${ms(p50(refilter.readd))}`],
      ],
      [false, true],
    ),
  );
  console.log(`screenshot: ${shot}; WebGL is SwiftShader (CPU), so absolute frame times are a floor for a phone GPU, not its figure.`);
  if (!keep) rmSync(logFile, { force: true });
}

main()
  .catch((err) => {
    console.error(err);
    process.exitCode = 1;
  })
  .finally(async () => {
    await browser?.close().catch(() => undefined);
    closeHttp();
    await server?.stop().catch(() => undefined);
    if (database) console.log(`\n${await database.dispose(keep).catch((err: Error) => `could not clean up: ${err.message}`)}`);
  });
