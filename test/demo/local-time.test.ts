import { describe, expect, it } from 'vitest';
import { buildLocalHourGrid, describeDay } from '../../scripts/demo/local-time.js';

const ZONE = 'Europe/Stockholm';
const localHour = new Intl.DateTimeFormat('en-GB', { timeZone: ZONE, hour: '2-digit', hourCycle: 'h23' });

/** The grid for the local days that touch [from, to]. */
function gridAround(fromIso: string, toIso: string) {
  return buildLocalHourGrid(Date.parse(fromIso), Date.parse(toIso), ZONE);
}

describe('buildLocalHourGrid', () => {
  it('maps winter hours at UTC+1 and summer hours at UTC+2', () => {
    const winter = gridAround('2026-01-15T12:00:00Z', '2026-01-15T12:00:00Z');
    const summer = gridAround('2026-07-15T12:00:00Z', '2026-07-15T12:00:00Z');
    expect(new Date(winter.hourStartMs[22]!).toISOString()).toBe('2026-01-15T21:00:00.000Z');
    expect(new Date(summer.hourStartMs[22]!).toISOString()).toBe('2026-07-15T20:00:00.000Z');
  });

  it('marks the hour skipped when DST starts (29 March 2026, 02:00) as missing', () => {
    const grid = gridAround('2026-03-29T10:00:00Z', '2026-03-29T10:00:00Z');
    expect(grid.hourStartMs[2]).toBeNaN();
    expect(new Date(grid.hourStartMs[1]!).toISOString()).toBe('2026-03-29T00:00:00.000Z');
    expect(new Date(grid.hourStartMs[3]!).toISOString()).toBe('2026-03-29T01:00:00.000Z');
  });

  it('keeps every local hour on the day DST ends (25 October 2026)', () => {
    const grid = gridAround('2026-10-25T10:00:00Z', '2026-10-25T10:00:00Z');
    expect(new Date(grid.hourStartMs[1]!).toISOString()).toBe('2026-10-24T23:00:00.000Z');
    expect(new Date(grid.hourStartMs[3]!).toISOString()).toBe('2026-10-25T02:00:00.000Z');
  });

  it('starts every existing hour of a year at that local hour', () => {
    const grid = gridAround('2025-03-15T10:00:00Z', '2026-03-15T10:00:00Z');
    expect(grid.days).toHaveLength(366);
    grid.hourStartMs.forEach((start, cell) => {
      if (Number.isNaN(start)) return;
      expect(Number(localHour.format(start))).toBe(cell % 24);
    });
  });
});

describe('describeDay', () => {
  it('numbers weekdays from Monday = 0 and weeks the ISO way', () => {
    expect(describeDay(2026, 1, 1)).toMatchObject({ weekday: 3, isoWeek: 1, dayOfYear: 0 });
    expect(describeDay(2027, 1, 1)).toMatchObject({ weekday: 4, isoWeek: 53 });
    expect(describeDay(2026, 12, 31)).toMatchObject({ weekday: 3, isoWeek: 53, dayOfYear: 364 });
  });
});
