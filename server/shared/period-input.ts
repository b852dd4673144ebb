/**
 * Period ends of plans, promises and evaluations as clients write them: a calendar date
 * ("2026-11-16", local midnight in the area's time zone) or an ISO 8601 timestamp with offset.
 * Periods are half-open [from, to) (DESIGN §5), so a plan for November is 2026-11-01 to 2026-12-01.
 */
import { z } from 'zod';
import { HttpError, type ErrorDetail } from '../http/errors';
import { daysInMonth, parseIsoWithOffset } from './iso-time';
import { localMidnight } from './local-periods';

export type BoundaryInput = { kind: 'date'; year: number; month: number; day: number } | { kind: 'instant'; at: Date };

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

export const DateOrInstant = z
  .string()
  .max(40, 'must be a date (2026-11-16) or a timestamp with offset')
  .transform((value, ctx): BoundaryInput => {
    const date = DATE.exec(value.trim());
    if (date) {
      const [year, month, day] = [Number(date[1]), Number(date[2]), Number(date[3])];
      if (year >= 1970 && year <= 2100 && month >= 1 && month <= 12 && day >= 1 && day <= daysInMonth(year, month)) {
        return { kind: 'date', year, month, day };
      }
    } else {
      const at = parseIsoWithOffset(value);
      if (at && at.getUTCFullYear() >= 1970 && at.getUTCFullYear() <= 2100) return { kind: 'instant', at };
    }
    ctx.addIssue({ code: 'custom', message: 'must be a date such as 2026-11-16 (local midnight) or an ISO 8601 timestamp with offset, years 1970–2100' });
    return z.NEVER;
  });

export function resolveBoundary(b: BoundaryInput, timeZone: string): Date {
  return b.kind === 'instant' ? b.at : localMidnight(b.year, b.month, b.day, timeZone);
}

export interface ResolvedPeriod {
  from: Date;
  to: Date;
}

/** from/to resolved in the area's time zone; from ≥ to → 400 naming `${prefix}to`. */
export function resolvePeriod(from: BoundaryInput, to: BoundaryInput, timeZone: string, prefix = ''): ResolvedPeriod {
  const period = { from: resolveBoundary(from, timeZone), to: resolveBoundary(to, timeZone) };
  if (period.from >= period.to) throw invalidPeriod([{ path: `${prefix}to`, message: `must be after ${prefix}from (periods are half-open [from, to))` }]);
  return period;
}

export function invalidPeriod(details: ErrorDetail[]): HttpError {
  return HttpError.badRequest(`Invalid period: ${details.map((d) => `${d.path}: ${d.message}`).join('; ')}`, details);
}
