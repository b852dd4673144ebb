import { describe, expect, it } from 'vitest';
import { isValidTimeZone, localToUtc, zoneOffsetMs } from '../../../server/imports/parsers/local-time.js';
import { parseTimestamp } from '../../../server/imports/parsers/timestamps.js';

const STOCKHOLM = 'Europe/Stockholm';
const local = (year: number, month: number, day: number, hour: number, minute = 0) =>
  localToUtc({ year, month, day, hour, minute, second: 0, millisecond: 0 }, STOCKHOLM).toISOString();
const inStockholm = (text: string) => {
  const parsed = parseTimestamp(text, { localTimeZone: STOCKHOLM });
  return parsed.ok ? parsed.value.toISOString() : `invalid: ${parsed.reason}`;
};

describe('localToUtc in Europe/Stockholm', () => {
  it('uses +01:00 in winter and +02:00 in summer', () => {
    expect(local(2026, 1, 15, 12)).toBe('2026-01-15T11:00:00.000Z');
    expect(local(2026, 8, 22, 21, 30)).toBe('2026-08-22T19:30:00.000Z');
  });

  it('switches to summer time at 02:00 on 2026-03-29', () => {
    expect(local(2026, 3, 29, 1, 59)).toBe('2026-03-29T00:59:00.000Z');
    expect(local(2026, 3, 29, 3, 0)).toBe('2026-03-29T01:00:00.000Z');
  });

  it('moves a time in the skipped spring hour forward by the gap', () => {
    expect(local(2026, 3, 29, 2, 30)).toBe(local(2026, 3, 29, 3, 30));
  });

  it('takes the first (summer-time) occurrence of the repeated autumn hour on 2026-10-25', () => {
    expect(local(2026, 10, 25, 2, 30)).toBe('2026-10-25T00:30:00.000Z');
    expect(local(2026, 10, 25, 3, 30)).toBe('2026-10-25T02:30:00.000Z');
    expect(local(2026, 10, 25, 1, 30)).toBe('2026-10-24T23:30:00.000Z');
  });

  it('knows the offset at an instant', () => {
    expect(zoneOffsetMs(Date.parse('2026-03-29T00:59:59Z'), STOCKHOLM)).toBe(3_600_000);
    expect(zoneOffsetMs(Date.parse('2026-03-29T01:00:00Z'), STOCKHOLM)).toBe(7_200_000);
  });

  it('works in other zones too', () => {
    expect(localToUtc({ year: 2026, month: 7, day: 1, hour: 12, minute: 0, second: 0, millisecond: 0 }, 'UTC').toISOString()).toBe(
      '2026-07-01T12:00:00.000Z',
    );
    expect(isValidTimeZone('Europe/Helsinki')).toBe(true);
    expect(isValidTimeZone('Europe/Narnia')).toBe(false);
  });
});

describe('parseTimestamp', () => {
  it('reads an explicit offset or Z regardless of the local zone', () => {
    expect(inStockholm('2026-08-22T21:30:00+02:00')).toBe('2026-08-22T19:30:00.000Z');
    expect(inStockholm('2026-08-22T19:30:00Z')).toBe('2026-08-22T19:30:00.000Z');
    expect(inStockholm('2026-08-22T21:30:00.250+0200')).toBe('2026-08-22T19:30:00.250Z');
    expect(inStockholm('2026-01-02 9:48:12 +01:00')).toBe('2026-01-02T08:48:12.000Z');
  });

  it('reads times without offset as local time', () => {
    expect(inStockholm('2026-08-22 21:30')).toBe('2026-08-22T19:30:00.000Z');
    expect(inStockholm('2026-08-22T21:30:00')).toBe('2026-08-22T19:30:00.000Z');
    expect(inStockholm('2026-08-22 21:30:00')).toBe('2026-08-22T19:30:00.000Z');
    expect(inStockholm('2026-01-22 21:30')).toBe('2026-01-22T20:30:00.000Z');
  });

  it('reads a date alone as local midnight, DST included', () => {
    expect(inStockholm('2026-08-22')).toBe('2026-08-21T22:00:00.000Z');
    expect(inStockholm('2026-03-29')).toBe('2026-03-28T23:00:00.000Z');
    expect(inStockholm('2026-10-25')).toBe('2026-10-24T22:00:00.000Z');
  });

  it('reads local times across both 2026 DST changes', () => {
    expect(inStockholm('2026-03-29 01:30')).toBe('2026-03-29T00:30:00.000Z');
    expect(inStockholm('2026-03-29 03:30')).toBe('2026-03-29T01:30:00.000Z');
    expect(inStockholm('2026-10-25 01:30')).toBe('2026-10-24T23:30:00.000Z');
    expect(inStockholm('2026-10-25 03:30')).toBe('2026-10-25T02:30:00.000Z');
  });

  it('rejects impossible dates instead of rolling them over', () => {
    expect(inStockholm('2026-02-30')).toMatch(/not a valid calendar date/);
    expect(inStockholm('2026-02-29')).toMatch(/not a valid calendar date/);
    expect(inStockholm('2028-02-29')).toBe('2028-02-28T23:00:00.000Z');
    expect(inStockholm('2026-13-01')).toMatch(/not a valid calendar date/);
    expect(inStockholm('2026-04-31 12:00')).toMatch(/not a valid calendar date/);
    expect(inStockholm('2026-08-22 24:00')).toMatch(/not a valid time/);
    expect(inStockholm('2026-08-22 21:60')).toMatch(/not a valid time/);
  });

  it('rejects text that is not ISO 8601', () => {
    for (const text of ['yesterday', '22/08/2026', '2026-8-22', '', '2026-08-22T21:30+25:00']) {
      expect(inStockholm(text)).toMatch(/^invalid/);
    }
  });

  it('requires an offset when no local zone is allowed', () => {
    const parsed = parseTimestamp('2026-08-22T21:30:00', { localTimeZone: null });
    expect(parsed).toEqual({ ok: false, reason: expect.stringMatching(/explicit UTC offset/) });
    expect(parseTimestamp('2026-08-22', { localTimeZone: null }).ok).toBe(false);
  });
});
