import { describe, expect, it } from 'vitest';
import { addDays, addMonths, isValidRange, presetRange, rangeToWindow, startOfDayIso, todayIn, yesterdayIn } from '../../web/src/lib/period';
import { quantileClasses } from '../../web/src/map/classify';

const TZ = 'Europe/Stockholm';

describe('lägesbild periods in local time', () => {
  it('starts a day at local midnight with the offset of that day (winter +01, summer +02)', () => {
    expect(startOfDayIso('2026-01-15', TZ)).toBe('2026-01-15T00:00:00+01:00');
    expect(startOfDayIso('2026-07-01', TZ)).toBe('2026-07-01T00:00:00+02:00');
  });

  it('keeps whole local days across the DST changes of 2026-03-29 and 2026-10-25', () => {
    expect(rangeToWindow({ fromDate: '2026-03-29', toDate: '2026-03-29' }, TZ)).toEqual({
      from: '2026-03-29T00:00:00+01:00',
      to: '2026-03-30T00:00:00+02:00',
    });
    expect(rangeToWindow({ fromDate: '2026-10-25', toDate: '2026-10-25' }, TZ)).toEqual({
      from: '2026-10-25T00:00:00+02:00',
      to: '2026-10-26T00:00:00+01:00',
    });
  });

  it('makes the 14-day preset the last 14 whole local days, up to and including yesterday', () => {
    const range = presetRange('days14', TZ, new Date('2026-11-22T10:00:00Z'));
    expect(range).toEqual({ fromDate: '2026-11-08', toDate: '2026-11-21' });
    // Just after local midnight the local date is already the next day, so yesterday is the 22nd.
    expect(presetRange('days14', TZ, new Date('2026-11-22T23:30:00Z')).toDate).toBe('2026-11-22');
  });

  it('clamps month arithmetic to the end of shorter months', () => {
    expect(addMonths('2026-05-31', -3)).toBe('2026-02-28');
    expect(addDays('2026-12-31', 1)).toBe('2027-01-01');
  });

  it('rejects reversed and impossible ranges', () => {
    expect(isValidRange({ fromDate: '2026-05-02', toDate: '2026-05-01' })).toBe(false);
    expect(isValidRange({ fromDate: '2026-02-30', toDate: '2026-03-01' })).toBe(false);
    expect(isValidRange({ fromDate: '2026-05-01', toDate: '2026-05-01' })).toBe(true);
  });
});

describe("today and yesterday are the area's days, not UTC's", () => {
  // 00:30 on 1 April in Stockholm (CEST, UTC+2) is still 31 March in UTC.
  const justAfterMidnight = new Date('2026-03-31T22:30:00Z');

  it('gives the local date at a UTC/local day boundary (the print footer)', () => {
    expect(todayIn('Europe/Stockholm', justAfterMidnight)).toBe('2026-04-01');
    expect(todayIn('UTC', justAfterMidnight)).toBe('2026-03-31');
  });

  it("gives the local yesterday (the period filter's latest day)", () => {
    expect(yesterdayIn('Europe/Stockholm', justAfterMidnight)).toBe('2026-03-31');
    expect(yesterdayIn('Europe/Stockholm', new Date('2026-04-01T21:59:00Z'))).toBe('2026-03-31');
    expect(yesterdayIn('Europe/Stockholm', new Date('2026-04-01T22:00:00Z'))).toBe('2026-04-01');
  });
});

describe('legend classes', () => {
  it('merges duplicate quantile breaks into fewer honest classes', () => {
    expect(quantileClasses([1, 1, 1, 2, 5, 9]).map((c) => [c.min, c.max])).toEqual([
      [1, 1],
      [2, 2],
      [3, 5],
      [6, 9],
    ]);
  });

  it('gives no classes for no data and one class for one value', () => {
    expect(quantileClasses([])).toEqual([]);
    expect(quantileClasses([4, 4, 4])).toHaveLength(1);
  });
});
