import { StatsError } from './errors';

export interface BacktestInput {
  /** Ranking score per region cell (train count, or train Gi* z): higher is "more hotspot". */
  score: ArrayLike<number>;
  /** Reports per cell in the training period. */
  train: ArrayLike<number>;
  /** Reports per cell in the test period. */
  test: ArrayLike<number>;
  /** Share of the region's cells to take, 0 < coverage ≤ 1. */
  coverage: number;
}

export interface BacktestResult {
  /** Predictive Accuracy Index: hitRate / areaShare; null when there are no test reports. */
  pai: number | null;
  /** Recapture Rate Index: (test/train in the taken cells) / (all test/all train); null on a zero denominator. */
  rri: number | null;
  /** Test reports in the taken cells / all test reports; null when there are none. */
  hitRate: number | null;
  /** taken / n. */
  areaShare: number;
  /** Region indices of the taken cells, best first. */
  taken: number[];
  testInTaken: number;
  trainInTaken: number;
}

/**
 * How well last period's hotspots predict this period's reports (DESIGN §5 "Accuracy").
 *
 * Cells are ranked by score descending, ties by ascending index (= ascending H3 index: the region
 * arrays are in index order), so the ranking is deterministic; the top ⌊coverage·n⌋ cells (at least
 * one) are taken. Cells of one resolution have near-equal area within one municipality, so the
 * taken share of cells is the share of area.
 *
 * @param input scores and counts per region cell, and the coverage.
 * @throws StatsError('region_too_small') for an empty region; StatsError('invalid_input') on
 *   arrays of different lengths, a coverage outside (0, 1], a non-finite score or a negative count.
 * @example
 * backtest({ score: [5, 0, 3, 0], train: [5, 0, 3, 0], test: [4, 1, 1, 0], coverage: 0.25 });
 * // taken [0], areaShare 0.25, hitRate 4/6, pai 8/3, rri (4/5)/(6/8)
 */
export function backtest(input: BacktestInput): BacktestResult {
  const { score, train, test, coverage } = input;
  const n = score.length;
  if (train.length !== n || test.length !== n) {
    throw new StatsError('invalid_input', `score, train and test differ in length (${n}, ${train.length}, ${test.length})`);
  }
  if (n === 0) throw new StatsError('region_too_small', 'The backtest needs a region of at least one cell');
  if (!(coverage > 0 && coverage <= 1)) throw new StatsError('invalid_input', `coverage ${coverage} is not in (0, 1]`);
  let totalTrain = 0;
  let totalTest = 0;
  for (let i = 0; i < n; i++) {
    if (!Number.isFinite(score[i]!)) throw new StatsError('invalid_input', `Score ${score[i]} of cell ${i} is not finite`);
    totalTrain += count(train[i]!, 'train', i);
    totalTest += count(test[i]!, 'test', i);
  }

  // ⌊coverage·n⌋ with a nudge: 0.29·100 is 28.999999999999996 in binary floating point.
  const takenCount = Math.max(1, Math.floor(coverage * n + 1e-9));
  const order = Array.from({ length: n }, (_, i) => i);
  order.sort((i, j) => score[j]! - score[i]! || i - j);
  const taken = order.slice(0, takenCount);

  let testInTaken = 0;
  let trainInTaken = 0;
  for (const i of taken) {
    testInTaken += test[i]!;
    trainInTaken += train[i]!;
  }
  const areaShare = takenCount / n;
  const hitRate = totalTest > 0 ? testInTaken / totalTest : null;
  return {
    pai: hitRate === null ? null : hitRate / areaShare,
    rri: trainInTaken > 0 && totalTest > 0 ? testInTaken / trainInTaken / (totalTest / totalTrain) : null,
    hitRate,
    areaShare,
    taken,
    testInTaken,
    trainInTaken,
  };
}

function count(value: number, what: string, i: number): number {
  if (!(value >= 0 && value < Infinity)) throw new StatsError('invalid_input', `${what} count ${value} of cell ${i} is not a non-negative number`);
  return value;
}
