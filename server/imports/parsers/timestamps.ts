/**
 * ISO 8601 timestamps as imports write them. With an offset or `Z` the instant is explicit;
 * without one (only where the caller allows it) the wall time is local in the area's time zone.
 */
import { localToUtc } from './local-time.js';

export type TimestampResult = { ok: true; value: Date } | { ok: false; reason: string };

export interface TimestampOptions {
  /** Zone for timestamps without offset; when null, such timestamps are rejected. */
  localTimeZone: string | null;
}

// Date, optional time (T or space; hour may lack its leading zero, as Polisen and Excel write it),
// optional fraction, optional offset (Z, ±hh, ±hhmm, ±hh:mm, optionally after a space).
const ISO_PATTERN =
  /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{1,2}):(\d{2})(?::(\d{2})(?:[.,](\d{1,9}))?)?(?: ?(Z|z|[+-]\d{2}(?::?\d{2})?))?)?$/;

export function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/**
 * Parses an ISO 8601 date or date-time; impossible dates ("2026-02-30", "25:00") are rejected
 * rather than rolled over the way `Date` does.
 *
 * @example parseTimestamp('2026-08-22 21:30', { localTimeZone: 'Europe/Stockholm' }) // 19:30Z
 * @example parseTimestamp('2026-08-22T21:30:00+02:00', { localTimeZone: null })      // 19:30Z
 */
export function parseTimestamp(text: string, options: TimestampOptions): TimestampResult {
  const match = ISO_PATTERN.exec(text.trim());
  if (!match) {
    return { ok: false, reason: 'is not an ISO 8601 date or date-time (e.g. 2026-08-22T21:30:00+02:00)' };
  }
  const [, y, mo, d, h, mi, s, fraction, offsetText] = match;
  const year = Number(y);
  const month = Number(mo);
  const day = Number(d);
  const hour = h === undefined ? 0 : Number(h);
  const minute = mi === undefined ? 0 : Number(mi);
  const second = s === undefined ? 0 : Number(s);
  const millisecond = fraction === undefined ? 0 : Number(fraction.padEnd(3, '0').slice(0, 3));

  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) {
    return { ok: false, reason: 'is not a valid calendar date' };
  }
  if (hour > 23 || minute > 59 || second > 59) {
    return { ok: false, reason: 'is not a valid time of day' };
  }

  if (offsetText !== undefined) {
    const offsetMinutes = parseOffsetMinutes(offsetText);
    if (offsetMinutes === null) return { ok: false, reason: 'has an invalid UTC offset' };
    const wallAsUtc = Date.UTC(year, month - 1, day, hour, minute, second, millisecond);
    return { ok: true, value: new Date(wallAsUtc - offsetMinutes * 60_000) };
  }
  if (options.localTimeZone === null) {
    return { ok: false, reason: 'needs an explicit UTC offset or Z (e.g. 2026-08-22T21:30:00+02:00)' };
  }
  return {
    ok: true,
    value: localToUtc({ year, month, day, hour, minute, second, millisecond }, options.localTimeZone),
  };
}

function parseOffsetMinutes(text: string): number | null {
  if (text === 'Z' || text === 'z') return 0;
  const sign = text.startsWith('-') ? -1 : 1;
  const digits = text.slice(1).replace(':', '');
  const hours = Number(digits.slice(0, 2));
  const minutes = digits.length > 2 ? Number(digits.slice(2, 4)) : 0;
  if (hours > 14 || minutes > 59) return null;
  return sign * (hours * 60 + minutes);
}
