import { describe, expect, it } from 'vitest';
import { targetDosage, windowSlots } from '../../server/patrols/dosage';

const TZ = 'Europe/Stockholm';
// November: Stockholm is UTC+1. 2026-11-16 is a Monday (ISO week 47).
const local = (s: string) => new Date(`${s}+01:00`);

describe('dosage of one target', () => {
  // Friday and Saturday 22:00–02:00: 4 hours → two 2-hour slots per window-day, 4 per week.
  const target = { windows: [{ weekdays: [4, 5], hours: '22-1' }], visitsPerWeek: 4, dwellMinutes: 15 };
  // The plan runs Wednesday 18 November to Tuesday 1 December (exclusive): W47 in part, W48 whole, W49 one day.
  const plan = { from: local('2026-11-18T00:00:00'), to: local('2026-12-01T00:00:00') };

  it('counts visits, minutes on site and covered Koper slots per ISO week, worked out by hand', () => {
    const visits = [
      // Tuesday 17 Nov: in W47 but before the plan starts: not counted.
      { startedAt: local('2026-11-17T12:00:00'), endedAt: local('2026-11-17T12:30:00'), minutesInside: 30 },
      // Friday 20 Nov 22:10–22:30: covers Friday's 22–24 slot; 20 minutes on site.
      { startedAt: local('2026-11-20T22:10:00'), endedAt: local('2026-11-20T22:30:00'), minutesInside: 20 },
      // Saturday 21 Nov 23:50 – Sunday 00:20: overlaps Saturday's 22–24 slot and its 00–02 slot (on Sunday).
      { startedAt: local('2026-11-21T23:50:00'), endedAt: local('2026-11-22T00:20:00'), minutesInside: 12.5 },
      // Wednesday 25 Nov afternoon: a visit in W48, outside every window.
      { startedAt: local('2026-11-25T14:00:00'), endedAt: local('2026-11-25T14:30:00'), minutesInside: 30 },
    ];
    expect(targetDosage(target, visits, plan, TZ)).toEqual([
      // W47: the plan holds Friday's and Saturday's window-days (4 slots of the full week's 4) → 4 planned.
      // Visits: Friday + Saturday = 2, 20 + 12.5 minutes; slots covered: Fri 22–24, Sat 22–24, Sat 00–02 = 3 of 4.
      { week: '2026-W47', plannedVisits: 4, doneVisits: 2, plannedMinutes: 60, doneMinutes: 32.5, windowCoverage: 0.75, slots: 4, coveredSlots: 3 },
      // W48: whole week planned; one visit on Wednesday, outside the windows: no slot covered.
      { week: '2026-W48', plannedVisits: 4, doneVisits: 1, plannedMinutes: 60, doneMinutes: 30, windowCoverage: 0, slots: 4, coveredSlots: 0 },
      // W49: the plan holds only Monday 30 November: no window-day, nothing planned, coverage undefined.
      { week: '2026-W49', plannedVisits: 0, doneVisits: 0, plannedMinutes: 0, doneMinutes: 0, windowCoverage: null, slots: 0, coveredSlots: 0 },
    ]);
  });

  it('prorates planned visits in a week the plan covers in part', () => {
    // Plan from Saturday 21 Nov: W47 keeps only Saturday's window-day (2 of 4 slots) → round(4 × 2/4) = 2.
    const weeks = targetDosage(target, [], { from: local('2026-11-21T00:00:00'), to: local('2026-11-30T00:00:00') }, TZ);
    expect(weeks.map((w) => [w.week, w.plannedVisits, w.slots])).toEqual([['2026-W47', 2, 2], ['2026-W48', 4, 4]]);
  });

  it('cuts window-days into two-hour slots from their start, in local time across the DST change', () => {
    // Saturday 24 Oct 2026, 22-3: the clocks go back at 03:00 CEST on Sunday; slots stay local wall-clock times.
    const slots = windowSlots([{ weekdays: [5], hours: '22-3' }], new Date('2026-10-19T00:00:00+02:00'), new Date('2026-10-26T00:00:00+01:00'), TZ);
    expect(slots.map((s) => [s.start.toISOString(), s.end.toISOString()])).toEqual([
      ['2026-10-24T20:00:00.000Z', '2026-10-24T22:00:00.000Z'],
      ['2026-10-24T22:00:00.000Z', '2026-10-25T00:00:00.000Z'],
      // 02:00 happens twice that night: the slot starts at the first (CEST) and ends 04:00 CET.
      ['2026-10-25T00:00:00.000Z', '2026-10-25T03:00:00.000Z'],
    ]);
  });
});
