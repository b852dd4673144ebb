import { describe, expect, it } from 'vitest';
import { localParts, periodLabel, periodsCovering } from '../../server/shared/local-periods';

const TZ = 'Europe/Stockholm';

describe('local calendar periods', () => {
  it('labels ISO weeks, months and years by the local date', () => {
    // Sunday 23:30 UTC on 29 Nov 2026 is Monday 00:30 in Stockholm: already W49 and still November.
    const at = new Date('2026-11-29T23:30:00Z');
    expect(periodLabel(at, 'week', TZ)).toBe('2026-W49');
    expect(periodLabel(at, 'month', TZ)).toBe('2026-11');
    // New Year's Eve 23:30 UTC is Friday 1 January 2027 locally: a new year and month, but ISO week 2026-W53.
    const newYear = new Date('2026-12-31T23:30:00Z');
    expect(periodLabel(newYear, 'year', TZ)).toBe('2027');
    expect(periodLabel(newYear, 'month', TZ)).toBe('2027-01');
    expect(periodLabel(newYear, 'week', TZ)).toBe('2026-W53');
  });

  it('covers a window with whole periods and the part of each inside it', () => {
    const months = periodsCovering(new Date('2026-02-15T00:00:00+01:00'), new Date('2026-04-10T00:00:00+02:00'), 'month', TZ);
    expect(months.map((m) => [m.label, m.start.toISOString(), m.end.toISOString(), m.from.toISOString(), m.to.toISOString()])).toEqual([
      ['2026-02', '2026-01-31T23:00:00.000Z', '2026-02-28T23:00:00.000Z', '2026-02-14T23:00:00.000Z', '2026-02-28T23:00:00.000Z'],
      // March changes to summer time on the 29th: it ends at 22:00 UTC.
      ['2026-03', '2026-02-28T23:00:00.000Z', '2026-03-31T22:00:00.000Z', '2026-02-28T23:00:00.000Z', '2026-03-31T22:00:00.000Z'],
      ['2026-04', '2026-03-31T22:00:00.000Z', '2026-04-30T22:00:00.000Z', '2026-03-31T22:00:00.000Z', '2026-04-09T22:00:00.000Z'],
    ]);
    const years = periodsCovering(new Date('2026-01-01T00:00:00+01:00'), new Date('2027-01-01T00:00:00+01:00'), 'year', TZ);
    expect(years.map((y) => y.label)).toEqual(['2026']);
    const weeks = periodsCovering(new Date('2026-11-18T00:00:00+01:00'), new Date('2026-12-01T00:00:00+01:00'), 'week', TZ);
    expect(weeks.map((w) => w.label)).toEqual(['2026-W47', '2026-W48', '2026-W49']);
  });

  it('reads weekday (Monday = 0) and hour on the local clock', () => {
    expect(localParts(new Date('2026-11-29T23:30:00Z'), TZ)).toMatchObject({ weekday: 0, hour: 0, minute: 30, day: 30 });
    expect(localParts(new Date('2026-07-04T21:15:00Z'), TZ)).toMatchObject({ weekday: 5, hour: 23, minute: 15 });
  });
});
