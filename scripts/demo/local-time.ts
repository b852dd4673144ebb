/**
 * Local wall-clock time → UTC for the demo generator. Reports are imagined in local time
 * (Friday 23:00 at the square), so every calendar day and hour is mapped to its UTC instant
 * once, with the zone's real offsets (DST included) taken from Intl.
 */

const HOUR_MS = 3_600_000;
export const DAY_MS = 86_400_000;

/** A calendar day in the local zone. Weekday follows DESIGN §5: Monday = 0 … Sunday = 6. */
export interface LocalDay {
  year: number;
  /** 1–12 */
  month: number;
  day: number;
  weekday: number;
  /** ISO 8601 week number, used for school holidays that are set by week (sportlov, höstlov). */
  isoWeek: number;
  /** 0-based day of the year, used to interpolate seasonal curves. */
  dayOfYear: number;
}

/**
 * Every local hour of the days that touch [fromMs, toMs]. `hourStartMs[d * 24 + h]` is the UTC
 * instant at which hour h of day d starts, or NaN when that hour does not exist (the hour
 * skipped when DST starts). In the repeated autumn hour the later occurrence is used.
 */
export interface LocalHourGrid {
  days: LocalDay[];
  hourStartMs: Float64Array;
}

export function buildLocalHourGrid(fromMs: number, toMs: number, timeZone: string): LocalHourGrid {
  const offsets = new ZoneOffsets(timeZone);
  const first = offsets.localDate(fromMs);
  const last = offsets.localDate(toMs);
  const firstUtcDay = Date.UTC(first.year, first.month - 1, first.day);
  const dayCount = Math.round((Date.UTC(last.year, last.month - 1, last.day) - firstUtcDay) / DAY_MS) + 1;

  const days: LocalDay[] = [];
  const hourStartMs = new Float64Array(dayCount * 24);
  for (let d = 0; d < dayCount; d++) {
    // Civil-date arithmetic in UTC is exact: calendar days do not depend on the zone.
    const civil = new Date(firstUtcDay + d * DAY_MS);
    const day = describeDay(civil.getUTCFullYear(), civil.getUTCMonth() + 1, civil.getUTCDate());
    days.push(day);
    for (let h = 0; h < 24; h++) {
      hourStartMs[d * 24 + h] = offsets.localToUtc(day.year, day.month, day.day, h);
    }
  }
  return { days, hourStartMs };
}

export function describeDay(year: number, month: number, day: number): LocalDay {
  const utcMidnight = Date.UTC(year, month - 1, day);
  return {
    year,
    month,
    day,
    weekday: (new Date(utcMidnight).getUTCDay() + 6) % 7,
    isoWeek: isoWeekNumber(utcMidnight),
    dayOfYear: Math.round((utcMidnight - Date.UTC(year, 0, 1)) / DAY_MS),
  };
}

function isoWeekNumber(utcMidnight: number): number {
  const date = new Date(utcMidnight);
  const weekday = (date.getUTCDay() + 6) % 7;
  // The Thursday of this week decides which year the week belongs to.
  const thursday = utcMidnight + (3 - weekday) * DAY_MS;
  const yearStart = Date.UTC(new Date(thursday).getUTCFullYear(), 0, 1);
  return Math.floor((thursday - yearStart) / DAY_MS / 7) + 1;
}

/** Offsets of one zone, looked up with Intl and cached per UTC hour (zones here change on whole hours). */
class ZoneOffsets {
  private readonly format: Intl.DateTimeFormat;
  private readonly cache = new Map<number, number>();

  constructor(timeZone: string) {
    this.format = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
  }

  /** Local minus UTC, in milliseconds, at the given instant. */
  offsetAt(utcMs: number): number {
    const hourKey = Math.floor(utcMs / HOUR_MS);
    let offset = this.cache.get(hourKey);
    if (offset === undefined) {
      const instant = hourKey * HOUR_MS;
      const local = this.fields(instant);
      offset = Date.UTC(local.year, local.month - 1, local.day, local.hour, local.minute, local.second) - instant;
      this.cache.set(hourKey, offset);
    }
    return offset;
  }

  localDate(utcMs: number): { year: number; month: number; day: number } {
    const local = new Date(utcMs + this.offsetAt(utcMs));
    return { year: local.getUTCFullYear(), month: local.getUTCMonth() + 1, day: local.getUTCDate() };
  }

  /** UTC instant of a local wall-clock hour; NaN if that hour is skipped by a DST change. */
  localToUtc(year: number, month: number, day: number, hour: number): number {
    const wallAsUtc = Date.UTC(year, month - 1, day, hour);
    // Two passes: the first guess may sit on the other side of a DST change.
    const guess = wallAsUtc - this.offsetAt(wallAsUtc);
    const utc = wallAsUtc - this.offsetAt(guess);
    return utc + this.offsetAt(utc) === wallAsUtc ? utc : Number.NaN;
  }

  private fields(utcMs: number): Record<'year' | 'month' | 'day' | 'hour' | 'minute' | 'second', number> {
    const fields = { year: 0, month: 0, day: 0, hour: 0, minute: 0, second: 0 };
    for (const part of this.format.formatToParts(utcMs)) {
      if (part.type in fields) fields[part.type as keyof typeof fields] = Number(part.value);
    }
    return fields;
  }
}
