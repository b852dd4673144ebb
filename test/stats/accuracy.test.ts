import { describe, expect, it } from 'vitest';
import { backtest } from '../../server/stats/accuracy';
import { expectStatsError } from './stats-error';

describe('backtest (hand-checked)', () => {
  // Ten cells. Train counts rank cells 3 (9), 7 (6), then 1 and 5 tied at 4 (index order: 1 first).
  const train = [0, 4, 0, 9, 1, 4, 0, 6, 0, 0]; // Σ = 24
  const test = [1, 2, 0, 5, 0, 3, 1, 4, 0, 0]; // Σ = 16

  it('takes ⌊coverage·n⌋ cells by score descending', () => {
    // coverage 0.2 → 2 cells: 3 and 7. test in them 5 + 4 = 9, train 9 + 6 = 15.
    // hitRate = 9/16; areaShare = 2/10; pai = (9/16)/(1/5) = 2.8125; rri = (9/15)/(16/24) = 0.9.
    const result = backtest({ score: train, train, test, coverage: 0.2 });
    expect(result.taken).toEqual([3, 7]);
    expect(result.areaShare).toBe(0.2);
    expect(result.hitRate).toBe(9 / 16);
    expect(result.pai).toBeCloseTo(2.8125, 14);
    expect(result.rri).toBeCloseTo(0.9, 14);
    expect(result).toMatchObject({ testInTaken: 9, trainInTaken: 15 });
  });

  it('breaks ties by ascending cell index', () => {
    // coverage 0.3 → 3 cells: 3, 7, then 1 (tied with 5 at 4, lower index first).
    expect(backtest({ score: train, train, test, coverage: 0.3 }).taken).toEqual([3, 7, 1]);
    // All scores equal: the first cells by index.
    expect(backtest({ score: new Array(10).fill(0), train, test, coverage: 0.3 }).taken).toEqual([0, 1, 2]);
  });

  it('ranks by any score, e.g. a Gi* z, while hit rate and RRI count reports', () => {
    const z = [-1, 0.5, -1, 2.5, 0, 1.9, -1, 0.2, -1, -1];
    const result = backtest({ score: z, train, test, coverage: 0.2 });
    // Cells 3 and 5: test 5 + 3 = 8 of 16; train 9 + 4 = 13 of 24.
    expect(result.taken).toEqual([3, 5]);
    expect(result.hitRate).toBe(0.5);
    expect(result.rri).toBeCloseTo(8 / 13 / (16 / 24), 14);
  });

  it('takes at least one cell, and reads 0.29 · 100 as 29 despite floating point', () => {
    expect(backtest({ score: train, train, test, coverage: 0.01 }).taken).toEqual([3]);
    const many = new Array(100).fill(1);
    expect(backtest({ score: many, train: many, test: many, coverage: 0.29 }).taken).toHaveLength(29);
    expect(backtest({ score: many, train: many, test: many, coverage: 1 }).areaShare).toBe(1);
  });

  it('gives null where a denominator is 0', () => {
    const noTest = backtest({ score: train, train, test: new Array(10).fill(0), coverage: 0.2 });
    expect(noTest).toMatchObject({ hitRate: null, pai: null, rri: null, areaShare: 0.2 });
    // Taken cells without training reports: test/train in them divides by 0.
    const zeros = new Array(10).fill(0);
    const noTrain = backtest({ score: zeros, train: zeros, test, coverage: 0.1 });
    expect(noTrain.rri).toBeNull();
    expect(noTrain.hitRate).toBe(1 / 16);
    expect(noTrain.pai).toBeCloseTo(1 / 16 / 0.1, 14);
  });
});

describe('backtest input checks', () => {
  it('an empty region is region_too_small', () => {
    expectStatsError(() => backtest({ score: [], train: [], test: [], coverage: 0.05 }), 'region_too_small');
  });

  it('rejects a coverage outside (0, 1], arrays of different lengths, NaN scores and negative counts', () => {
    const ok = { score: [1, 2], train: [1, 2], test: [0, 1] };
    expectStatsError(() => backtest({ ...ok, coverage: 0 }), 'invalid_input');
    expectStatsError(() => backtest({ ...ok, coverage: 1.5 }), 'invalid_input');
    expectStatsError(() => backtest({ ...ok, test: [1], coverage: 0.5 }), 'invalid_input');
    expectStatsError(() => backtest({ ...ok, score: [NaN, 1], coverage: 0.5 }), 'invalid_input');
    expectStatsError(() => backtest({ ...ok, train: [-1, 1], coverage: 0.5 }), 'invalid_input');
  });
});
