import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { adjacencyFromLists, type Adjacency } from '../../server/stats/adjacency';
import { benjaminiHochberg } from '../../server/stats/fdr';
import { giStar } from '../../server/stats/gi-star';
import { SHARED_DATA_SKIP_REASON } from '../support/shared-data';
import { HAS_SHARED_DATA, readOracle } from './oracles';
import { expectStatsError } from './stats-error';

/** Neighbour lists of a path 0 – 1 – … – (n−1), self included. */
const path = (n: number) => adjacencyFromLists(Array.from({ length: n }, (_, i) => [i - 1, i, i + 1].filter((j) => j >= 0 && j < n)));

describe.skipIf(!HAS_SHARED_DATA)(`Gi* against the esda oracle${HAS_SHARED_DATA ? '' : ` (skipped: ${SHARED_DATA_SKIP_REASON})`}`, () => {
  const oracle = HAS_SHARED_DATA ? readOracle().gi_star_6pt : undefined;

  it('builds the inclusive distance band 15 from the points (pair 3–4 is exactly 15 apart)', () => {
    const { points, neighbors0 } = oracle!;
    const band = points.map(([x1, y1], i) =>
      points.flatMap(([x2, y2], j) => (j !== i && Math.hypot(x1 - x2, y1 - y2) <= 15 ? [j] : [])),
    );
    expect(band).toEqual(neighbors0);
  });

  it('reproduces esda’s Gi* z (binary weights, self included) and the two-sided p to 1e−6', () => {
    const { y, neighbors0, Zs_GiStar_B, p_two_sided_GiStar_B_derived } = oracle!;
    const result = giStar(y, adjacencyFromLists(neighbors0.map((list, i) => [i, ...list])));
    Zs_GiStar_B.forEach((z, i) => expect(Math.abs(result.z[i]! - z), `z of point ${i}`).toBeLessThan(1e-6));
    p_two_sided_GiStar_B_derived.forEach((p, i) => expect(Math.abs(result.p[i]! - p), `p of point ${i}`).toBeLessThan(1e-6));
    expect(Array.from(result.sumW)).toEqual([3, 4, 2, 4, 5, 2]);
  });
});

describe('Gi* hand-checked cases', () => {
  it('an all-zero region: S = 0, so every z = 0, p = 1, pFdr = 1, bin 0', () => {
    const result = giStar([0, 0, 0, 0, 0], path(5));
    expect(result.sd).toBe(0);
    expect(Array.from(result.z)).toEqual([0, 0, 0, 0, 0]);
    expect(Array.from(result.p)).toEqual([1, 1, 1, 1, 1]);
    expect(Array.from(result.pFdr)).toEqual([1, 1, 1, 1, 1]);
    expect(Array.from(result.bin)).toEqual([0, 0, 0, 0, 0]);
    expect([...result.zeroNeighbourhoodZ]).toEqual([
      [2, 0],
      [3, 0],
    ]);
  });

  it('a constant non-zero region is also S = 0: no cell differs from the rest', () => {
    const result = giStar([0.1, 0.1, 0.1, 0.1], path(4));
    expect(result.sd).toBe(0);
    expect(Array.from(result.z)).toEqual([0, 0, 0, 0]);
    expect(Array.from(result.p)).toEqual([1, 1, 1, 1]);
  });

  it('a single non-zero cell on a path of ten', () => {
    // x = 5 at cell 4, 0 elsewhere; n = 10. x̄ = 0.5; S = √(25/10 − 0.25) = √2.25 = 1.5.
    // Cells 3, 4, 5 (W = 3, Σx = 5): z = (5 − 0.5·3) / (1.5·√((10·3 − 9)/9)) = 3.5 / (1.5·√(7/3)) = √(7/3) = 1.5275252316519468.
    // Other inner cells (W = 3, Σx = 0): z = −1.5 / (1.5·√(7/3)) = −√(3/7) = −0.6546536707079771.
    // End cells (W = 2, Σx = 0): z = −1 / (1.5·√((20 − 4)/9)) = −1 / 2 = −0.5.
    const result = giStar([0, 0, 0, 0, 5, 0, 0, 0, 0, 0], path(10));
    expect(result.mean).toBe(0.5);
    expect(result.sd).toBeCloseTo(1.5, 15);
    const hot = Math.sqrt(7 / 3);
    const cold = -Math.sqrt(3 / 7);
    const expected = [-0.5, cold, cold, hot, hot, hot, cold, cold, cold, -0.5];
    expected.forEach((z, i) => expect(result.z[i], `cell ${i}`).toBeCloseTo(z, 13));
    expect(Array.from(result.neighbourhoodSum)).toEqual([0, 0, 0, 5, 5, 5, 0, 0, 0, 0]);
    expect(result.zeroNeighbourhoodZ.get(2)).toBeCloseTo(-0.5, 13);
    expect(result.zeroNeighbourhoodZ.get(3)).toBeCloseTo(cold, 13);
    expect(result.zeroNeighbourhoodZ.size).toBe(2);
    // |z| ≤ 1.53: p ≥ 0.126, nothing is significant.
    expect(Array.from(result.bin)).toEqual(new Array(10).fill(0));
  });

  it('a pentagon: five neighbours plus itself give Σw = 6, and z uses 6, not 7', () => {
    // H3 has 12 pentagons per resolution. Cell 0 is one, ringed by cells 1..5 (each touching its two
    // ring neighbours); cells 6..11 are a separate path of empty cells.
    const lists = [
      [0, 1, 2, 3, 4, 5],
      [1, 0, 2, 5],
      [2, 0, 1, 3],
      [3, 0, 2, 4],
      [4, 0, 3, 5],
      [5, 0, 4, 1],
      [6, 7],
      [6, 7, 8],
      [7, 8, 9],
      [8, 9, 10],
      [9, 10, 11],
      [10, 11],
    ];
    // x̄ = 9/12 = 0.75; S² = 21/12 − 0.75² = 1.1875.
    // Pentagon: z = (9 − 0.75·6) / (√1.1875 · √((12·6 − 36)/11)) = 4.5 / (1.0897247358851685·1.8090680674665818) = 2.282657730758046.
    // (With a hexagon's W = 7 the same sum would give 1.9291978932391032.)
    const result = giStar([4, 1, 1, 1, 1, 1, 0, 0, 0, 0, 0, 0], adjacencyFromLists(lists));
    expect(result.sumW[0]).toBe(6);
    expect(result.z[0]).toBeCloseTo(2.282657730758046, 13);
  });

  it('a neighbourhood that is the whole region carries no evidence: z = 0, p = 1', () => {
    const everyone = adjacencyFromLists([[0, 1, 2], [0, 1], [1, 2]]);
    const result = giStar([3, 1, 0], everyone);
    expect(result.z[0]).toBe(0);
    expect(result.p[0]).toBe(1);
  });

  it('adjusts p over all n cells with Benjamini–Hochberg and bins by the adjusted p', () => {
    // A 40-cell path with a cluster of reports: hot cells must survive the correction over all 40.
    const x = new Array(40).fill(0);
    x[20] = 9;
    x[21] = 12;
    x[22] = 8;
    const result = giStar(x, path(40));
    expect(Array.from(result.pFdr)).toEqual(Array.from(benjaminiHochberg(result.p)));
    expect(result.bin[21]).toBe(3);
    expect(result.p[21]).toBeLessThan(result.pFdr[21]!);
    for (let i = 0; i < 40; i++) {
      const level = result.pFdr[i]! <= 0.01 ? 3 : result.pFdr[i]! <= 0.05 ? 2 : result.pFdr[i]! <= 0.1 ? 1 : 0;
      expect(result.bin[i]).toBe(level === 0 ? 0 : Math.sign(result.z[i]!) * level);
    }
  });
});

describe('Gi* input checks', () => {
  it('n < 3 is region_too_small', () => {
    expectStatsError(() => giStar([1, 2], adjacencyFromLists([[0, 1], [0, 1]])), 'region_too_small');
    expectStatsError(() => giStar([4], adjacencyFromLists([[0]])), 'region_too_small');
    expectStatsError(() => giStar([], adjacencyFromLists([])), 'region_too_small');
  });

  it('rejects negative or non-finite values', () => {
    for (const bad of [-1, NaN, Infinity]) expectStatsError(() => giStar([1, bad, 0], path(3)), 'invalid_input');
  });

  it('rejects an adjacency of another size or with indices outside the region', () => {
    expectStatsError(() => giStar([1, 2, 3], path(4)), 'invalid_input');
    const broken: Adjacency = { offsets: Int32Array.from([0, 1, 2, 3]), index: Int32Array.from([0, 1, 7]) };
    expectStatsError(() => giStar([1, 2, 3], broken), 'invalid_input');
    expectStatsError(() => adjacencyFromLists([[0, 3], [1], [2]]), 'invalid_input');
    expectStatsError(() => adjacencyFromLists([[0, 0], [1], [2]]), 'invalid_input');
  });
});

describe('Gi* against the textbook formula', () => {
  /** DESIGN §5 written out literally, with general weights: the slow, obviously-right version. */
  function textbookZ(x: number[], neighbours: number[][]): number[] {
    const n = x.length;
    const mean = x.reduce((a, b) => a + b, 0) / n;
    const s = Math.sqrt(x.reduce((a, b) => a + b * b, 0) / n - mean * mean);
    return neighbours.map((list) => {
      const w = list.length;
      const sum = list.reduce((a, j) => a + x[j]!, 0);
      return (sum - mean * w) / (s * Math.sqrt((n * w - w * w) / (n - 1)));
    });
  }

  it('agrees to 1e−9 on random regions with random neighbourhoods', () => {
    const region = fc.integer({ min: 4, max: 60 }).chain((n) =>
      fc.record({
        x: fc.array(fc.integer({ min: 0, max: 30 }), { minLength: n, maxLength: n }),
        neighbours: fc.array(fc.uniqueArray(fc.integer({ min: 0, max: n - 1 }), { maxLength: n - 2 }), { minLength: n, maxLength: n }),
      }),
    );
    fc.assert(
      fc.property(region, ({ x, neighbours }) => {
        fc.pre(new Set(x).size > 1);
        const lists = neighbours.map((list, i) => [i, ...list.filter((j) => j !== i)]);
        const got = giStar(x, adjacencyFromLists(lists)).z;
        textbookZ(x, lists).forEach((z, i) => expect(got[i]).toBeCloseTo(z, 9));
      }),
      { numRuns: 300, seed: 20260329 },
    );
  });
});
