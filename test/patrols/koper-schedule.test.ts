import { describe, expect, it } from 'vitest';
import { Prng } from '../../server/shared/prng';
import {
  formatWindowHours,
  koperSchedule,
  koperVisitsPerWeek,
  MAX_DWELL_MINUTES,
  MIN_DWELL_MINUTES,
  parseWindowHours,
  stopOffsets,
  visitsPerWindowDay,
} from '../../server/patrols/koper-schedule';

describe('window hours', () => {
  it('reads the /hotspots notation as inclusive hour blocks, wrapping past midnight', () => {
    expect(parseWindowHours('18-23')).toEqual({ startHour: 18, hours: 6 });
    expect(parseWindowHours('22-3')).toEqual({ startHour: 22, hours: 6 });
    expect(parseWindowHours('7')).toEqual({ startHour: 7, hours: 1 });
    expect(parseWindowHours('0-23')).toEqual({ startHour: 0, hours: 24 });
    expect(parseWindowHours('12-11')).toEqual({ startHour: 12, hours: 24 });
  });

  it('refuses lists, out-of-range hours and junk', () => {
    for (const bad of ['8,12-13', '24', '18-24', '-1', '', 'x', '18–23', '1-2-3']) expect(parseWindowHours(bad), bad).toBeUndefined();
  });

  it('writes a span back in the same notation', () => {
    for (const spec of ['18-23', '22-3', '7', '0-23']) expect(formatWindowHours(parseWindowHours(spec)!)).toBe(spec);
  });

  it('plans one stop per started two hours of each window-day', () => {
    expect(visitsPerWindowDay({ startHour: 18, hours: 6 })).toBe(3);
    expect(visitsPerWindowDay({ startHour: 18, hours: 5 })).toBe(3);
    expect(visitsPerWindowDay({ startHour: 18, hours: 1 })).toBe(1);
    // Friday and Saturday 22-3 (6 h: 3 stops each) + weekdays 16-19 (4 h: 2 stops each) = 6 + 10.
    expect(koperVisitsPerWeek([{ weekdays: [4, 5], hours: '22-3' }, { weekdays: [0, 1, 2, 3, 4], hours: '16-19' }])).toBe(16);
  });
});

describe('Koper stop times', () => {
  it('keeps every start within two hours of the previous one, of the window start and of its end, without overlaps', () => {
    const prng = new Prng(7);
    for (let hours = 1; hours <= 24; hours++) {
      for (let dwell = MIN_DWELL_MINUTES; dwell <= MAX_DWELL_MINUTES; dwell++) {
        for (let run = 0; run < 40; run++) {
          const offsets = stopOffsets({ startHour: 0, hours }, dwell, prng);
          const where = `${hours} h, ${dwell} min: ${offsets}`;
          expect(offsets.length, where).toBe(Math.ceil(hours / 2));
          expect(offsets[0]!, where).toBeGreaterThanOrEqual(0);
          expect(offsets[0]!, where).toBeLessThanOrEqual(120);
          for (let i = 1; i < offsets.length; i++) {
            expect(offsets[i]! - offsets[i - 1]!, where).toBeGreaterThanOrEqual(dwell);
            expect(offsets[i]! - offsets[i - 1]!, where).toBeLessThanOrEqual(120);
          }
          expect(hours * 60 - offsets.at(-1)!, where).toBeLessThanOrEqual(120);
          expect(offsets.at(-1)! + dwell, where).toBeLessThanOrEqual(hours * 60);
        }
      }
    }
  });

  it('is the same for the same seed and differs for another', () => {
    const windows = [{ weekdays: [4, 5], hours: '22-3' }];
    const a = koperSchedule(windows, 15, new Prng(42));
    expect(koperSchedule(windows, 15, new Prng(42))).toEqual(a);
    expect(koperSchedule(windows, 15, new Prng(43))).not.toEqual(a);
  });

  it('puts stops after midnight on the next calendar day, sorted by weekday and time', () => {
    const schedule = koperSchedule([{ weekdays: [6], hours: '22-3' }], 12, new Prng(1));
    expect(schedule).toHaveLength(3);
    // Sunday 22:00 – Monday 04:00: the first stop is on Sunday (6), the last after midnight (Monday, 0).
    expect(schedule.every((s) => s.dwellMinutes === 12)).toBe(true);
    const sunday = schedule.filter((s) => s.weekday === 6);
    const monday = schedule.filter((s) => s.weekday === 0);
    expect(sunday.length + monday.length).toBe(3);
    expect(monday.length).toBeGreaterThanOrEqual(1);
    for (const s of sunday) expect(s.time >= '22:00').toBe(true);
    for (const s of monday) expect(s.time < '04:00').toBe(true);
    expect(schedule[0]!.weekday).toBe(0);
    expect(schedule.map((s) => /^\d{2}:\d{2}$/.test(s.time))).toEqual([true, true, true]);
  });
});
