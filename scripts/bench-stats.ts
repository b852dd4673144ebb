/**
 * `npm run bench:stats`: the pure statistics of server/stats on realistic sizes, each next to the
 * naive way measured in the same run (DESIGN §7: Gi* over a 50,000-cell region ≤ 100 ms and the
 * 26-bin emerging analysis ≤ 2 s end to end, so the statistics themselves must be a small part).
 *
 * Region: the res-9 H3 cells of a ~64 km square around Stockholm (polygonToCells, ~50,000 cells),
 * in ascending index order as the service holds them, with gridDisk(k = 1) ∩ region neighbours.
 * h3-js is used here only to build the fixture; server/stats never imports it.
 *
 * Usage: npm run bench:stats [-- --runs 15]
 */
import os from 'node:os';
import { gridDisk, polygonToCells } from 'h3-js';
import { cellToBigint } from '../server/h3/cells';
import { adjacencyFromLists, type Adjacency } from '../server/stats/adjacency';
import { emergingHotspots } from '../server/stats/emerging';
import { benjaminiHochberg } from '../server/stats/fdr';
import { giStar } from '../server/stats/gi-star';
import { mannKendall } from '../server/stats/mann-kendall';
import { twoSidedP } from '../server/stats/normal';
import { Prng } from '../server/shared/prng';
import { intOption } from './bench/args';
import { heading, int, ms, table, verdictTable, type Verdict } from './bench/report';

const RES = 9;
const TARGET_CELLS = 50_000;
const RES9_HEX_KM2 = 0.1053;
const BINS = 26;
const YEAR_OF_REPORTS = 1_000_000;
const TARGETS = { giStarMs: 100, emergingMs: 2000 };

const RUNS = intOption(process.argv, '--runs', 15);

/** Deterministic uniform numbers (the demo generator's mulberry32), so every run measures the same data. */
function random(seed: number): () => number {
  const prng = new Prng(seed);
  return () => prng.next();
}

function poisson(lambda: number, uniform: () => number): number {
  if (lambda > 30) return Math.max(0, Math.round(lambda + Math.sqrt(lambda) * Math.sqrt(-2 * Math.log(uniform() || 1e-12)) * Math.cos(2 * Math.PI * uniform())));
  const limit = Math.exp(-lambda);
  let k = 0;
  for (let product = uniform(); product > limit; product *= uniform()) k++;
  return k;
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
}

/**
 * Median wall and CPU milliseconds of `runs` calls after one warm-up call (JIT, caches); runs = 0
 * times the one call. CPU time (this process, all threads) says what the code costs when other
 * work shares the cores; the wall time is what a caller waits.
 */
function time<T>(run: () => T, runs: number): { ms: number; cpuMs: number; result: T } {
  const measure = () => {
    const cpu = process.cpuUsage();
    const start = performance.now();
    const value = run();
    const used = process.cpuUsage(cpu);
    return { wall: performance.now() - start, cpu: (used.user + used.system) / 1000, value };
  };
  let last = measure();
  const samples = runs > 0 ? [] : [last];
  for (let i = 0; i < runs; i++) samples.push((last = measure()));
  return { ms: median(samples.map((s) => s.wall)), cpuMs: median(samples.map((s) => s.cpu)), result: last.value };
}

const timing = (t: { ms: number; cpuMs: number }) => [ms(t.ms), ms(t.cpuMs)];

/** The res-9 cells of a square around Stockholm sized for ~50,000 cells, in ascending index order. */
function buildRegion(): { cells: string[]; lists: number[][] } {
  const lat = 59.33;
  const lng = 18.06;
  const square = (sideKm: number) => {
    const dLat = sideKm / 2 / 111.2;
    const dLng = sideKm / 2 / (111.32 * Math.cos((lat * Math.PI) / 180));
    return polygonToCells(
      [
        [lat - dLat, lng - dLng],
        [lat - dLat, lng + dLng],
        [lat + dLat, lng + dLng],
        [lat + dLat, lng - dLng],
      ],
      RES,
    );
  };
  // Cell areas shrink towards the poles: size the square once by the global mean, then correct it.
  const firstSide = Math.sqrt(TARGET_CELLS * RES9_HEX_KM2);
  const cells = square(firstSide * Math.sqrt(TARGET_CELLS / square(firstSide).length));
  cells.sort((a, b) => (cellToBigint(a) < cellToBigint(b) ? -1 : 1));
  const position = new Map(cells.map((cell, i) => [cell, i]));
  const lists = cells.map((cell) => gridDisk(cell, 1).flatMap((neighbour) => (position.has(neighbour) ? [position.get(neighbour)!] : [])));
  return { cells, lists };
}

/** Reports per cell: ~5 % of cells, some of them in clusters, as in a municipality's year. */
function spatialCounts(lists: number[][], uniform: () => number): Float64Array {
  const counts = new Float64Array(lists.length);
  for (let i = 0; i < counts.length; i++) {
    if (uniform() < 0.05) counts[i] = 1 + poisson(uniform() < 0.1 ? 25 : 3, uniform);
  }
  return counts;
}

/** The naive Gi*: per-cell objects keyed by cell string, Map lookups, BH by sorting objects. */
function naiveGiStar(cells: string[], neighbours: string[][], counts: Float64Array) {
  const byCell = new Map(cells.map((cell, i) => [cell, { cell, count: counts[i]!, z: 0, p: 0, pFdr: 0 }]));
  const all = [...byCell.values()];
  const n = all.length;
  const mean = all.reduce((sum, c) => sum + c.count, 0) / n;
  const sd = Math.sqrt(all.reduce((sum, c) => sum + c.count * c.count, 0) / n - mean * mean);
  all.forEach((c, i) => {
    const ring = neighbours[i]!.map((cell) => byCell.get(cell)!);
    const w = ring.length;
    const sum = ring.reduce((s, r) => s + r.count, 0);
    c.z = (sum - mean * w) / (sd * Math.sqrt((n * w - w * w) / (n - 1)));
    c.p = twoSidedP(c.z);
  });
  const sorted = [...all].sort((a, b) => a.p - b.p);
  let running = 1;
  for (let k = n - 1; k >= 0; k--) {
    running = Math.min(running, (n * sorted[k]!.p) / (k + 1));
    sorted[k]!.pFdr = running;
  }
  return all;
}

/** The naive space-time Gi*: one Map entry per (cell, bin) keyed by string, objects throughout. */
function naiveEmerging(cells: string[], neighbours: string[][], counts: Float64Array, T: number, active: number[]) {
  const value = new Map<string, number>();
  cells.forEach((cell, i) => {
    for (let t = 0; t < T; t++) value.set(`${cell}@${t}`, counts[i * T + t]!);
  });
  const N = cells.length * T;
  const values = [...value.values()];
  const mean = values.reduce((a, b) => a + b, 0) / N;
  const sd = Math.sqrt(values.reduce((a, b) => a + b * b, 0) / N - mean * mean);
  const tests: { cell: number; t: number; z: number; p: number; pFdr: number }[] = [];
  cells.forEach((_, i) => {
    for (let t = 0; t < T; t++) {
      let sum = 0;
      let w = 0;
      for (const neighbour of neighbours[i]!) {
        for (let s = Math.max(0, t - 1); s <= t; s++) {
          sum += value.get(`${neighbour}@${s}`)!;
          w++;
        }
      }
      const z = (sum - mean * w) / (sd * Math.sqrt((N * w - w * w) / (N - 1)));
      tests.push({ cell: i, t, z, p: twoSidedP(z), pFdr: 0 });
    }
  });
  const sorted = [...tests].sort((a, b) => a.p - b.p);
  let running = 1;
  for (let k = N - 1; k >= 0; k--) {
    running = Math.min(running, (N * sorted[k]!.p) / (k + 1));
    sorted[k]!.pFdr = running;
  }
  return { trends: active.map((i) => mannKendall(tests.slice(i * T, i * T + T).map((b) => b.z))), p: Float64Array.from(tests, (b) => b.p) };
}

/** BH the straightforward way: sort an index array with a comparator, then the step-up. */
function naiveBenjaminiHochberg(p: Float64Array): Float64Array {
  const n = p.length;
  const order = Array.from({ length: n }, (_, i) => i).sort((i, j) => p[i]! - p[j]!);
  const adjusted = new Float64Array(n);
  let running = 1;
  for (let k = n - 1; k >= 0; k--) {
    running = Math.min(running, (n * p[order[k]!]!) / (k + 1));
    adjusted[order[k]!] = running;
  }
  return adjusted;
}

/** n × T counts for a year of reports: cells with a base rate, some growing, some fading. */
function cubeCounts(n: number, T: number, uniform: () => number): { counts: Float64Array; active: number[]; total: number } {
  const activeShare = 0.3;
  const counts = new Float64Array(n * T);
  const active: number[] = [];
  const rates: number[] = [];
  for (let i = 0; i < n; i++) {
    if (uniform() < activeShare) {
      active.push(i);
      rates.push((-Math.log(uniform() || 1e-12)) ** 2);
    }
  }
  const scale = YEAR_OF_REPORTS / T / rates.reduce((a, b) => a + b, 0);
  let total = 0;
  active.forEach((i, k) => {
    const drift = uniform() < 0.1 ? (uniform() < 0.5 ? 1 : -1) : 0;
    for (let t = 0; t < T; t++) {
      const c = poisson(rates[k]! * scale * (1 + (drift * (t - T / 2)) / T), uniform);
      counts[i * T + t] = c;
      total += c;
    }
  });
  return { counts, active, total };
}

function main() {
  const uniform = random(20260329);
  heading(`Region: res ${RES}, ~${int(TARGET_CELLS)} cells around Stockholm`);
  // Other work on the machine slows every figure alike; the load says how busy it was.
  console.log(`load average ${os.loadavg().map((l) => l.toFixed(2)).join(' / ')} on ${os.cpus().length} cores`);
  const built = time(buildRegion, 0);
  const { cells, lists } = built.result;
  const adjacencyBuild = time(() => adjacencyFromLists(lists), 5);
  const adjacency: Adjacency = adjacencyBuild.result;
  const neighbours = lists.map((list) => list.map((i) => cells[i]!));
  console.log(`n = ${int(cells.length)} cells, ${int(adjacency.index.length)} neighbour entries (k = 1, self included)`);
  console.log(`fixture with h3-js (polygonToCells + gridDisk + sort): ${ms(built.ms)} (service-side work, cached per area and res)`);
  console.log(`adjacencyFromLists: ${ms(adjacencyBuild.ms)}`);

  heading(`Gi* over ${int(cells.length)} cells (median of ${RUNS})`);
  const counts = spatialCounts(lists, uniform);
  const fast = time(() => giStar(counts, adjacency), RUNS);
  const naive = time(() => naiveGiStar(cells, neighbours, counts), Math.min(RUNS, 5));
  const maxDiff = naive.result.reduce((m, c, i) => Math.max(m, Math.abs(c.z - fast.result.z[i]!), Math.abs(c.pFdr - fast.result.pFdr[i]!)), 0);
  const significant = fast.result.bin.reduce((s, b) => s + (b !== 0 ? 1 : 0), 0);
  console.log(
    table(
      ['implementation', 'wall per call', 'CPU per call', 'speed-up (wall)'],
      [
        ['giStar (typed arrays, CSR, BH by radix order)', ...timing(fast), '1.0×'],
        ['naive (objects, Map<cell string>, object sort)', ...timing(naive), `${(naive.ms / fast.ms).toFixed(1)}×`],
      ],
    ),
  );
  console.log(`${int(counts.reduce((a, b) => a + b, 0))} reports in ${int(counts.filter((c) => c > 0).length)} cells; ${int(significant)} cells with bin ≠ 0; max |Δ| naive vs giStar (z, pFdr): ${maxDiff.toExponential(1)}`);

  heading(`Emerging hotspots: ${int(cells.length)} cells × ${BINS} bins, lag 1 (median of ${Math.max(3, Math.floor(RUNS / 3))})`);
  const cube = cubeCounts(cells.length, BINS, uniform);
  const emergingFast = time(
    () => emergingHotspots({ n: cells.length, T: BINS, counts: cube.counts, adjacency, lag: 1, cells: cube.active }),
    Math.max(3, Math.floor(RUNS / 3)),
  );
  const emergingNaive = time(() => naiveEmerging(cells, neighbours, cube.counts, BINS, cube.active), 0);
  const patterns = new Map<string, number>();
  for (const cell of emergingFast.result.cells) patterns.set(cell.pattern, (patterns.get(cell.pattern) ?? 0) + 1);
  const trendDiff = emergingNaive.result.trends.reduce((m, mk, k) => Math.max(m, Math.abs(mk.z - emergingFast.result.cells[k]!.trendZ)), 0);
  console.log(
    table(
      ['implementation', 'wall per call', 'CPU per call', 'speed-up (wall)'],
      [
        ['emergingHotspots (window sums, CSR, typed arrays)', ...timing(emergingFast), '1.0×'],
        ['naive (Map<"cell@bin">, objects, object sort; 1 run)', ...timing(emergingNaive), `${(emergingNaive.ms / emergingFast.ms).toFixed(1)}×`],
      ],
    ),
  );
  const cubeP = emergingNaive.result.p;
  const bhFast = time(() => benjaminiHochberg(cubeP), 5);
  const bhNaive = time(() => naiveBenjaminiHochberg(cubeP), 2);
  const bhDiff = bhNaive.result.reduce((m, v, i) => Math.max(m, Math.abs(v - bhFast.result[i]!)), 0);
  console.log(
    `BH alone on all ${int(cubeP.length)} p-values of the cube, wall (CPU): ${ms(bhFast.ms)} (${ms(bhFast.cpuMs)}) by radix order, ` +
      `${ms(bhNaive.ms)} (${ms(bhNaive.cpuMs)}) by comparator sort; max |Δ| ${bhDiff.toExponential(1)}`,
  );
  console.log(`${int(cube.total)} reports; ${int(cube.active.length)} cells classified; max |Δ trend z| naive vs fast: ${trendDiff.toExponential(1)}`);
  console.log(`patterns: ${[...patterns].sort((a, b) => b[1] - a[1]).map(([p, c]) => `${p} ${int(c)}`).join(', ')}`);

  heading('Against DESIGN §7 (the statistics alone; the endpoint adds SQL, region and JSON)');
  const verdicts: Verdict[] = [
    { metric: `giStar, ${int(cells.length)} cells`, value: `${ms(fast.ms)} (CPU ${ms(fast.cpuMs)})`, target: `≤ ${TARGETS.giStarMs} ms end to end`, pass: fast.ms <= TARGETS.giStarMs },
    { metric: `emergingHotspots, ${int(cells.length)} × ${BINS}`, value: `${ms(emergingFast.ms)} (CPU ${ms(emergingFast.cpuMs)})`, target: `≤ ${TARGETS.emergingMs} ms end to end`, pass: emergingFast.ms <= TARGETS.emergingMs },
  ];
  console.log(verdictTable(verdicts));
}

main();
