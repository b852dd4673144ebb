import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { adjacencyFromLists } from '../../server/stats/adjacency';
import { emergingHotspots, type EmergingPattern, type SpaceTimeCube } from '../../server/stats/emerging';
import { benjaminiHochberg } from '../../server/stats/fdr';
import { twoSidedP } from '../../server/stats/normal';
import { expectStatsError } from './stats-error';

/**
 * A synthetic region: a 7-cell "flower" (centre 0 and its ring 1..6, as an H3 k = 1 disk) and a
 * path of padding cells that sit at a steady background count in every bin. All flower cells share
 * one value per bin, so the centre's neighbourhood — the flower — is hot when that value is well
 * above the background, cold when well below it. The centre (cell 0) is the cell classified.
 */
function flowerCube(flower: readonly number[], { background = 10, padding = 60, lag = 0 } = {}): SpaceTimeCube {
  const T = flower.length;
  const n = 7 + padding;
  const lists: number[][] = [[0, 1, 2, 3, 4, 5, 6]];
  for (let r = 1; r <= 6; r++) lists.push([0, r, ((r + 4) % 6) + 1, (r % 6) + 1]);
  for (let i = 7; i < n; i++) lists.push([i - 1, i, i + 1].filter((j) => j >= 7 && j < n));
  const counts = new Float64Array(n * T);
  for (let i = 0; i < n; i++) for (let t = 0; t < T; t++) counts[i * T + t] = i < 7 ? flower[t]! : background;
  return { n, T, counts, adjacency: adjacencyFromLists(lists), lag, cells: [0] };
}

/** The centre's bins as a string: H hot, C cold, . neither. */
const flags = (cell: { bins: { z: number; pFdr: number }[] }) =>
  cell.bins.map((b) => (b.pFdr <= 0.05 ? (b.z > 0 ? 'H' : b.z < 0 ? 'C' : '.') : '.')).join('');

// Per bin, the count of every flower cell; the background is 10. Lag 0, so each bin's z depends on
// that bin alone and the intended flags are exactly the ones below (asserted too).
const DESIGNS: { pattern: EmergingPattern; flower: number[]; bins: string }[] = [
  { pattern: 'intensifying-hot', flower: [10, 20, 22, 24, 26, 28, 30, 32, 34, 36], bins: '.HHHHHHHHH' },
  { pattern: 'persistent-hot', flower: [30, 32, 30, 31, 30, 32, 31, 30, 32, 30], bins: 'HHHHHHHHHH' },
  { pattern: 'diminishing-hot', flower: [38, 36, 34, 32, 30, 28, 26, 24, 22, 20], bins: 'HHHHHHHHHH' },
  { pattern: 'historical-hot', flower: [30, 30, 30, 30, 30, 30, 30, 30, 30, 10], bins: 'HHHHHHHHH.' },
  { pattern: 'new-hot', flower: [10, 10, 10, 10, 10, 10, 10, 10, 10, 30], bins: '.........H' },
  { pattern: 'consecutive-hot', flower: [10, 10, 10, 10, 10, 10, 10, 30, 30, 30], bins: '.......HHH' },
  { pattern: 'oscillating-hot', flower: [10, 0, 10, 30, 10, 10, 10, 10, 10, 30], bins: '.C.H.....H' },
  { pattern: 'sporadic-hot', flower: [10, 10, 30, 10, 10, 30, 10, 10, 10, 30], bins: '..H..H...H' },
  { pattern: 'intensifying-cold', flower: [4, 4, 3, 3, 2, 2, 1, 1, 0, 0], bins: 'CCCCCCCCCC' },
  { pattern: 'persistent-cold', flower: [0, 0, 0, 0, 0, 0, 0, 0, 0, 0], bins: 'CCCCCCCCCC' },
  { pattern: 'diminishing-cold', flower: [0, 0, 1, 1, 2, 2, 3, 3, 4, 4], bins: 'CCCCCCCCCC' },
  { pattern: 'historical-cold', flower: [0, 0, 0, 0, 0, 0, 0, 0, 0, 10], bins: 'CCCCCCCCC.' },
  { pattern: 'new-cold', flower: [10, 10, 10, 10, 10, 10, 10, 10, 10, 0], bins: '.........C' },
  { pattern: 'consecutive-cold', flower: [10, 10, 10, 10, 10, 10, 10, 0, 0, 0], bins: '.......CCC' },
  { pattern: 'oscillating-cold', flower: [10, 30, 10, 0, 10, 10, 10, 10, 10, 0], bins: '.H.C.....C' },
  { pattern: 'sporadic-cold', flower: [10, 10, 0, 10, 10, 0, 10, 10, 10, 0], bins: '..C..C...C' },
  { pattern: 'none', flower: [10, 10, 30, 30, 10, 10, 10, 10, 10, 10], bins: '..HH......' },
];

describe('emergingHotspots: one synthetic cube per outcome', () => {
  it('covers all 17 outcomes', () => {
    expect(new Set(DESIGNS.map((d) => d.pattern)).size).toBe(17);
  });

  it.each(DESIGNS)('$pattern: flower $flower', ({ pattern, flower, bins }) => {
    const [centre] = emergingHotspots(flowerCube(flower)).cells;
    expect(flags(centre!)).toBe(bins);
    expect(centre!.pattern).toBe(pattern);
    expect(centre!.hotBins).toBe([...bins].filter((b) => b === 'H').length);
    expect(centre!.coldBins).toBe([...bins].filter((b) => b === 'C').length);
  });

  it('reports the Mann–Kendall trend of the z series: significant for intensifying, none for a constant series', () => {
    const [rising] = emergingHotspots(flowerCube(DESIGNS[0]!.flower)).cells;
    expect(rising!.trendP).toBeLessThanOrEqual(0.05);
    expect(rising!.trendZ).toBeGreaterThan(0);
    expect(rising!.tau).toBe(1); // z rises with the count in every bin: all 45 pairs rise
    const [flat] = emergingHotspots(flowerCube(new Array(10).fill(0))).cells;
    expect(flat).toMatchObject({ trendZ: 0, trendP: 1, tau: 0 });
  });
});

describe('emergingHotspots: the time lag', () => {
  const spikeBeforeLast = [10, 10, 10, 10, 10, 10, 10, 10, 30, 10];

  it('with lag 1 a spike also reaches the next bin: two hot bins at the end make it consecutive', () => {
    const [centre] = emergingHotspots(flowerCube(spikeBeforeLast, { lag: 1 })).cells;
    expect(flags(centre!)).toBe('........HH');
    expect(centre!.pattern).toBe('consecutive-hot');
  });

  it('with lag 0 the same spike is one past hot bin: none', () => {
    const [centre] = emergingHotspots(flowerCube(spikeBeforeLast, { lag: 0 })).cells;
    expect(flags(centre!)).toBe('........H.');
    expect(centre!.pattern).toBe('none');
  });
});

describe('emergingHotspots: space-time Gi* by hand', () => {
  it('a 3-cell path over 2 bins with lag 1', () => {
    // Cells 0 – 1 – 2, bins 0 and 1; x(1, 0) = 6, x(2, 1) = 3, all else 0. N = 6 values:
    // x̄ = 9/6 = 1.5; S = √((36 + 9)/6 − 2.25) = √5.25.
    // (1, t=1): ring {0, 1, 2} × bins {0, 1}: W = 6 = N → z = 0 (the whole cube).
    // (0, t=0): ring {0, 1} × bin {0}: W = 2, Σ = 6 → z = (6 − 3)/(√5.25·√((12 − 4)/5)) = 3/(√5.25·√1.6).
    // (2, t=0): ring {1, 2} × bin {0}: W = 2, Σ = 6 → the same z.
    // (2, t=1): ring {1, 2} × bins {0, 1}: W = 4, Σ = 9 → z = (9 − 6)/(√5.25·√((24 − 16)/5)) = 3/(√5.25·√1.6).
    // (0, t=1): ring {0, 1} × bins {0, 1}: W = 4, Σ = 6 → z = 0.
    const cube: SpaceTimeCube = {
      n: 3,
      T: 2,
      counts: Float64Array.from([0, 0, 6, 0, 0, 3]),
      adjacency: adjacencyFromLists([[0, 1], [0, 1, 2], [1, 2]]),
      lag: 1,
      cells: [0, 1, 2],
    };
    const result = emergingHotspots(cube);
    expect(result.mean).toBe(1.5);
    expect(result.sd).toBeCloseTo(Math.sqrt(5.25), 14);
    const expected = 3 / (Math.sqrt(5.25) * Math.sqrt(1.6));
    const z = result.cells.map((c) => c.bins.map((b) => b.z));
    expect(z[0]![0]).toBeCloseTo(expected, 13);
    expect(z[0]![1]).toBeCloseTo(0, 13);
    expect(z[1]![1]).toBe(0);
    expect(z[2]![0]).toBeCloseTo(expected, 13);
    expect(z[2]![1]).toBeCloseTo(expected, 13);
  });

  /** DESIGN §5 literally: enumerate (j, s) neighbours of every (i, t); slow and obviously right. */
  function textbook(cube: SpaceTimeCube) {
    const { n, T, counts, adjacency, lag } = cube;
    const N = n * T;
    const values = Array.from(counts);
    const mean = values.reduce((a, b) => a + b, 0) / N;
    const sd = Math.sqrt(values.reduce((a, b) => a + b * b, 0) / N - mean * mean);
    const z: number[] = [];
    for (let i = 0; i < n; i++) {
      const ring = Array.from(adjacency.index.subarray(adjacency.offsets[i]!, adjacency.offsets[i + 1]!));
      for (let t = 0; t < T; t++) {
        const members = ring.flatMap((j) => Array.from({ length: lag + 1 }, (_, d) => t - d).filter((s) => s >= 0).map((s) => values[j * T + s]!));
        const w = members.length;
        const sum = members.reduce((a, b) => a + b, 0);
        z.push(w === N ? 0 : (sum - mean * w) / (sd * Math.sqrt((N * w - w * w) / (N - 1))));
      }
    }
    const p = z.map(twoSidedP);
    return { z, p, pFdr: Array.from(benjaminiHochberg(p)) };
  }

  it('agrees with the textbook space-time Gi* (z, p and FDR over all n·T) on random cubes', () => {
    const cubes = fc
      .record({ n: fc.integer({ min: 3, max: 12 }), T: fc.integer({ min: 1, max: 8 }), lag: fc.integer({ min: 0, max: 3 }) })
      .chain(({ n, T, lag }) =>
        fc.record({
          n: fc.constant(n),
          T: fc.constant(T),
          lag: fc.constant(lag),
          counts: fc.array(fc.integer({ min: 0, max: 9 }), { minLength: n * T, maxLength: n * T }),
          neighbours: fc.array(fc.uniqueArray(fc.integer({ min: 0, max: n - 1 }), { maxLength: 4 }), { minLength: n, maxLength: n }),
        }),
      );
    fc.assert(
      fc.property(cubes, ({ n, T, lag, counts, neighbours }) => {
        fc.pre(new Set(counts).size > 1);
        const cube: SpaceTimeCube = {
          n,
          T,
          lag,
          counts: Float64Array.from(counts),
          adjacency: adjacencyFromLists(neighbours.map((list, i) => [i, ...list.filter((j) => j !== i)])),
          cells: Array.from({ length: n }, (_, i) => i),
        };
        const expected = textbook(cube);
        emergingHotspots(cube).cells.forEach((cell, i) =>
          cell.bins.forEach((bin, t) => {
            expect(bin.z).toBeCloseTo(expected.z[i * T + t]!, 9);
            expect(bin.p).toBeCloseTo(expected.p[i * T + t]!, 9);
            expect(bin.pFdr).toBeCloseTo(expected.pFdr[i * T + t]!, 9);
          }),
        );
      }),
      { numRuns: 200, seed: 20261025 },
    );
  });
});

describe('emergingHotspots: edges and input checks', () => {
  it('an all-zero cube: every z = 0, p = 1, pattern none', () => {
    const cube = flowerCube(new Array(6).fill(0), { background: 0, padding: 3 });
    const result = emergingHotspots({ ...cube, cells: [0, 1, 7] });
    expect(result.sd).toBe(0);
    for (const cell of result.cells) {
      expect(cell.pattern).toBe('none');
      expect(cell.bins.every((b) => b.z === 0 && b.p === 1 && b.pFdr === 1)).toBe(true);
    }
  });

  it('classifies only the cells asked for, in the order asked', () => {
    const cube = flowerCube(DESIGNS[4]!.flower);
    expect(emergingHotspots({ ...cube, cells: [9, 0] }).cells.map((c) => c.index)).toEqual([9, 0]);
    expect(emergingHotspots({ ...cube, cells: [] }).cells).toEqual([]);
  });

  it('n < 3 is region_too_small', () => {
    const cube: SpaceTimeCube = {
      n: 2,
      T: 3,
      counts: new Float64Array(6),
      adjacency: adjacencyFromLists([[0, 1], [0, 1]]),
      lag: 1,
      cells: [0],
    };
    expectStatsError(() => emergingHotspots(cube), 'region_too_small');
  });

  it('rejects counts of the wrong length, a negative lag or T, unknown cells and negative counts', () => {
    const cube = flowerCube([10, 20, 30]);
    expectStatsError(() => emergingHotspots({ ...cube, counts: new Float64Array(5) }), 'invalid_input');
    expectStatsError(() => emergingHotspots({ ...cube, lag: -1 }), 'invalid_input');
    expectStatsError(() => emergingHotspots({ ...cube, T: 0, counts: new Float64Array(0) }), 'invalid_input');
    expectStatsError(() => emergingHotspots({ ...cube, cells: [cube.n] }), 'invalid_input');
    const negative = Float64Array.from(cube.counts);
    negative[4] = -1;
    expectStatsError(() => emergingHotspots({ ...cube, counts: negative }), 'invalid_input');
  });
});
