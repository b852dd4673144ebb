import type { Tx } from '../db/scope';
import { HttpError } from '../http/errors';
import { tuneForAnalytics } from '../hotspots/hotspots.repository';
import { StatsError } from '../stats/errors';
import { selectAreaVersion, selectCategoryCodes, type AreaVersion } from './analytics.repository';

/**
 * The start of every analytics transaction: planner settings, the caller's area (time zone,
 * boundary version) and the category filter checked against the area's taxonomy, so a typo
 * answers 400 instead of an empty map that looks like "no reports".
 */
export async function openAnalytics(tx: Tx, areaId: number, categories: readonly string[] | undefined): Promise<AreaVersion> {
  await tuneForAnalytics(tx);
  const area = await selectAreaVersion(tx, areaId);
  if (!area) throw HttpError.notFound('Area');
  if (categories) await assertKnownCategories(tx, areaId, categories);
  return area;
}

export async function assertKnownCategories(tx: Tx, areaId: number, categories: readonly string[]): Promise<void> {
  const known = await selectCategoryCodes(tx, areaId);
  const unknown = categories.filter((c) => !known.includes(c));
  if (unknown.length === 0) return;
  throw HttpError.badRequest(`Unknown categories: ${unknown.join(', ')}`, [
    { path: 'categories', message: `${unknown.join(', ')} ${unknown.length === 1 ? 'is' : 'are'} not categories of this area; its codes are ${known.join(', ')}` },
  ]);
}

/** A statistic's refusal as the API's: too few cells is the caller's query (422), anything else a bug. */
export function fromStatsError(err: unknown, advice: string): never {
  if (err instanceof StatsError && err.code === 'region_too_small') {
    throw HttpError.unprocessable('region_too_small', `${err.message}: ${advice}`, [{ path: 'res', message: advice }]);
  }
  throw err;
}
