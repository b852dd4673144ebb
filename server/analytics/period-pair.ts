import { defaultPeriodPair, type Period } from './periods';

/**
 * The two periods of a comparison or a backtest from what the query gave (validated by the
 * schema: all four bounds, only the later period's, or none).
 */
export function resolvePeriodPair(
  given: { aFrom?: Date; aTo?: Date; bFrom?: Date; bTo?: Date },
  timeZone: string,
  now: Date,
): { a: Period; b: Period; defaulted: boolean } {
  if (given.aFrom && given.aTo && given.bFrom && given.bTo) {
    return { a: { from: given.aFrom, to: given.aTo }, b: { from: given.bFrom, to: given.bTo }, defaulted: false };
  }
  if (given.bFrom && given.bTo) {
    // Only the later period: the reference is exactly as long, just before it.
    const length = given.bTo.getTime() - given.bFrom.getTime();
    return { a: { from: new Date(given.bFrom.getTime() - length), to: given.bFrom }, b: { from: given.bFrom, to: given.bTo }, defaulted: false };
  }
  return { ...defaultPeriodPair(now, timeZone), defaulted: true };
}
