import { z } from 'zod';

/** Months after which a report's raw description and reporter link are purged, unless the area says otherwise. */
export const DEFAULT_RETENTION_MONTHS = 24;

/** areas.settings.retentionMonths: a whole number of months, 1 to 120 (migration 0004 checks the same). */
export const RetentionMonths = z.number().int('must be a whole number of months').min(1).max(120);

export class RetentionSettingError extends Error {}

/**
 * The retention period an area's settings give. An invalid value stops the purge for that area
 * rather than falling back to the default, which could purge more than the area asked for.
 */
export function retentionMonthsOf(settings: Record<string, unknown> | null | undefined, areaCode: string): number {
  const value = settings?.retentionMonths;
  if (value === undefined || value === null) return DEFAULT_RETENTION_MONTHS;
  const parsed = RetentionMonths.safeParse(value);
  if (!parsed.success) {
    throw new RetentionSettingError(
      `Area ${areaCode}: settings.retentionMonths must be a whole number from 1 to 120, not ${JSON.stringify(value)}`,
    );
  }
  return parsed.data;
}

/**
 * The instant `months` calendar months before `now` (UTC), clamped to the end of a shorter month
 * the way PostgreSQL's interval arithmetic does.
 * @example monthsBefore(new Date('2026-03-31T12:00:00Z'), 1) // 2026-02-28T12:00:00Z
 */
export function monthsBefore(now: Date, months: number): Date {
  const year = now.getUTCFullYear();
  const month = now.getUTCMonth() - months;
  const lastDay = new Date(Date.UTC(year, month + 1, 0)).getUTCDate();
  return new Date(
    Date.UTC(year, month, Math.min(now.getUTCDate(), lastDay), now.getUTCHours(), now.getUTCMinutes(), now.getUTCSeconds(), now.getUTCMilliseconds()),
  );
}
