/**
 * Wall-clock time in a named IANA time zone → UTC instant, DST-correct, using only Intl.
 * Imports give times like "2026-08-22 21:30" that mean local time in the area's zone.
 */

export interface LocalDateTime {
  year: number;
  /** 1–12 */
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
  millisecond: number;
}

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatterFor(timeZone: string): Intl.DateTimeFormat {
  let formatter = formatters.get(timeZone);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
    formatters.set(timeZone, formatter);
  }
  return formatter;
}

/** True if Intl knows the zone (e.g. "Europe/Stockholm"). */
export function isValidTimeZone(timeZone: string): boolean {
  try {
    formatterFor(timeZone);
    return true;
  } catch {
    return false;
  }
}

// formatToParts costs a few µs; offsets only change on quarter-hour UTC boundaries in every
// real zone, so an import of 100k rows needs only a handful of Intl calls.
const QUARTER_HOUR_MS = 15 * 60 * 1000;
const offsetCache = new Map<string, number>();

/** Offset of `timeZone` from UTC at instant `epochMs`, in milliseconds (Stockholm summer: +7 200 000). */
export function zoneOffsetMs(epochMs: number, timeZone: string): number {
  const bucket = Math.floor(epochMs / QUARTER_HOUR_MS);
  const key = `${timeZone}|${bucket}`;
  const cached = offsetCache.get(key);
  if (cached !== undefined) return cached;

  const at = bucket * QUARTER_HOUR_MS;
  const parts: Record<string, number> = {};
  for (const part of formatterFor(timeZone).formatToParts(new Date(at))) {
    if (part.type !== 'literal') parts[part.type] = Number(part.value);
  }
  const wallAsUtc = Date.UTC(parts.year!, parts.month! - 1, parts.day!, parts.hour!, parts.minute!, parts.second!);
  const offset = wallAsUtc - at;

  if (offsetCache.size > 50_000) offsetCache.clear();
  offsetCache.set(key, offset);
  return offset;
}

/**
 * The UTC instant of a local wall-clock time. Resolves DST like Temporal's "compatible" mode:
 * a time that occurs twice (autumn, 02:30 on 2026-10-25 in Stockholm) takes the earlier instant;
 * a time that never occurs (spring gap, 02:30 on 2026-03-29) moves forward by the gap (03:30 CEST).
 *
 * @example localToUtc({ year: 2026, month: 8, day: 22, hour: 21, minute: 30, second: 0, millisecond: 0 }, 'Europe/Stockholm')
 *   // → 2026-08-22T19:30:00.000Z
 */
export function localToUtc(local: LocalDateTime, timeZone: string): Date {
  const wallAsUtc = Date.UTC(local.year, local.month - 1, local.day, local.hour, local.minute, local.second, local.millisecond);
  // Transitions fall on quarter hours of wall time too, so the chosen offset is the same for a whole quarter hour.
  const key = `${timeZone}|${Math.floor(wallAsUtc / QUARTER_HOUR_MS)}`;
  let offset = wallOffsetCache.get(key);
  if (offset === undefined) {
    offset = resolveWallOffset(wallAsUtc, timeZone);
    if (wallOffsetCache.size > 50_000) wallOffsetCache.clear();
    wallOffsetCache.set(key, offset);
  }
  return new Date(wallAsUtc - offset);
}

const wallOffsetCache = new Map<string, number>();

function resolveWallOffset(wallAsUtc: number, timeZone: string): number {
  // The offsets a day either side bracket any transition near this wall time.
  const offsetBefore = zoneOffsetMs(wallAsUtc - 86_400_000, timeZone);
  const offsetAfter = zoneOffsetMs(wallAsUtc + 86_400_000, timeZone);

  // The larger offset gives the earlier instant, which wins when the wall time occurs twice.
  const valid = [offsetBefore, offsetAfter].filter((offset) => zoneOffsetMs(wallAsUtc - offset, timeZone) === offset);
  if (valid.length > 0) return Math.max(...valid);
  // In a gap: read the wall time with the offset in force before the gap, which lands after it.
  return offsetBefore;
}
