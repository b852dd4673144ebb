import { StatsError } from './errors';
import type { MannKendall, Trend } from './mann-kendall';

export type EmergingPattern =
  | 'new-hot'
  | 'consecutive-hot'
  | 'intensifying-hot'
  | 'persistent-hot'
  | 'diminishing-hot'
  | 'sporadic-hot'
  | 'oscillating-hot'
  | 'historical-hot'
  | 'new-cold'
  | 'consecutive-cold'
  | 'intensifying-cold'
  | 'persistent-cold'
  | 'diminishing-cold'
  | 'sporadic-cold'
  | 'oscillating-cold'
  | 'historical-cold'
  | 'none';

type Kind = 'new' | 'consecutive' | 'intensifying' | 'persistent' | 'diminishing' | 'sporadic' | 'oscillating' | 'historical';

/**
 * The emerging-hotspot pattern of one cell from its per-bin hot/cold flags and the Mann–Kendall
 * trend of its z series (Esri's Emerging Hot Spot Analysis; DESIGN §5). The hot patterns are tested
 * first, in this order, and the first that fits wins; the cold ones mirror them; else `none`:
 *  1. ≥ 90 % of bins hot (10·H ≥ 9·T) including the last: `intensifying` (significant upward trend),
 *     `diminishing` (significant downward trend) or `persistent` (neither);
 *  2. `historical`: the last bin not hot, ≥ 90 % hot;
 *  3. `new`: the last bin hot, H = 1;
 *  4. `consecutive`: the last bin hot, one uninterrupted run of ≥ 2 hot bins ending at the last bin
 *     and no hot bin before it (an earlier cold bin does not matter: this test comes before 5);
 *  5. `oscillating`: the last bin hot, some earlier bin cold;
 *  6. `sporadic`: the last bin hot, never cold.
 * For cold spots "intensifying" means the z series falls significantly (ever colder).
 *
 * @param hot per-bin flags, time order: z > 0 and pFdr ≤ 0.05.
 * @param cold per-bin flags: z < 0 and pFdr ≤ 0.05.
 * @param trend Mann–Kendall of the cell's z series.
 * @example
 * classifyPattern([false, false, true], [false, false, false], mannKendall([0.1, 0.3, 4])); // 'new-hot'
 */
export function classifyPattern(hot: ArrayLike<boolean>, cold: ArrayLike<boolean>, trend: MannKendall): EmergingPattern {
  if (hot.length !== cold.length) throw new StatsError('invalid_input', `hot has ${hot.length} bins, cold ${cold.length}`);
  const hotKind = kindOf(hot, cold, trend.trend, 'increasing', 'decreasing');
  if (hotKind) return `${hotKind}-hot`;
  const coldKind = kindOf(cold, hot, trend.trend, 'decreasing', 'increasing');
  if (coldKind) return `${coldKind}-cold`;
  return 'none';
}

/** The pattern kind for `flagged` bins (hot, or cold in the mirror), `opposite` the other flags. */
function kindOf(flagged: ArrayLike<boolean>, opposite: ArrayLike<boolean>, trend: Trend, stronger: Trend, weaker: Trend): Kind | null {
  const bins = flagged.length;
  if (bins === 0) return null;
  let count = 0;
  for (let t = 0; t < bins; t++) if (flagged[t]) count++;
  const last = flagged[bins - 1]!;
  const mostly = 10 * count >= 9 * bins;
  if (mostly && last) return trend === stronger ? 'intensifying' : trend === weaker ? 'diminishing' : 'persistent';
  if (mostly) return 'historical';
  if (!last) return null;
  if (count === 1) return 'new';
  let run = 0;
  while (run < bins && flagged[bins - 1 - run]) run++;
  if (run >= 2 && run === count) return 'consecutive';
  for (let t = 0; t < bins - 1; t++) if (opposite[t]) return 'oscillating';
  return 'sporadic';
}
