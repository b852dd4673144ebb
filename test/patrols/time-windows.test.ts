import { describe, expect, it } from 'vitest';
import { groupWindowDays, windowDaysFromProfile } from '../../server/patrols/time-windows';

const empty = () => Array.from({ length: 7 }, () => new Array<number>(24).fill(0));

describe('windows from a weekday × hour profile', () => {
  it('takes the fewest hour blocks holding 60 % of the reports and merges them into windows', () => {
    const m = empty();
    // Friday and Saturday 22-01 hold 8 × 5 = 40 reports; scattered daytime noise 20 more; 60 in all.
    for (const day of [4, 5]) for (const h of [22, 23]) m[day]![h] = 5;
    for (const day of [5, 6]) for (const h of [0, 1]) m[day]![h] = 5;
    for (let i = 0; i < 20; i++) m[i % 7]![8 + (i % 5)]! += 1;
    const days = windowDaysFromProfile(m);
    // 36 of 60 reports = 60 % needs 8 blocks of 5 (40): the two nights. Each runs 22-1 past midnight.
    expect(days.map((d) => [d.weekday, d.startHour, d.hourly.length])).toEqual([[4, 22, 4], [5, 22, 4]]);
    expect(groupWindowDays(days)).toEqual([{ weekdays: [4, 5], hours: '22-1' }]);
  });

  it('fills a one-hour gap and widens a lone hour to a two-hour slot toward the busier side', () => {
    const m = empty();
    m[0]![18] = 10;
    m[0]![20] = 10;
    m[0]![19] = 0;
    m[2]![9] = 12;
    m[2]![10] = 2;
    m[2]![8] = 1;
    const days = windowDaysFromProfile(m, 0.9);
    expect(days.map((d) => [d.weekday, d.startHour, d.hourly])).toEqual([
      [0, 18, [10, 0, 10]],
      [2, 9, [12, 2]],
    ]);
  });

  it('patrols through gaps of up to two hours and gives overlapping evenings of different days one span', () => {
    const m = empty();
    // Monday 18 and 21 (a two-hour gap), Tuesday 19-23 and Wednesday 20-0: one group, spans 18-0 at most + 2 h.
    m[0]![18] = 6;
    m[0]![21] = 6;
    for (const h of [19, 20, 21, 22, 23]) m[1]![h] = 3;
    for (const h of [20, 21, 22, 23]) m[2]![h] = 2;
    m[2]![0] = 0;
    const days = windowDaysFromProfile(m, 1);
    expect(days.map((d) => [d.weekday, d.startHour, d.hourly.length])).toEqual([
      [0, 18, 6],
      [1, 18, 6],
      [2, 18, 6],
    ]);
    expect(groupWindowDays(days)).toEqual([{ weekdays: [0, 1, 2], hours: '18-23' }]);
  });

  it('wraps from Sunday night into Monday morning on one window', () => {
    const m = empty();
    m[6]![23] = 5;
    m[0]![0] = 5;
    const days = windowDaysFromProfile(m);
    expect(days.map((d) => [d.weekday, d.startHour, d.hourly])).toEqual([[6, 23, [5, 5]]]);
    expect(groupWindowDays(days)).toEqual([{ weekdays: [6], hours: '23-0' }]);
  });

  it('gives no window for a place without reports, and splits an all-week profile into days', () => {
    expect(windowDaysFromProfile(empty())).toEqual([]);
    const flat = Array.from({ length: 7 }, () => new Array<number>(24).fill(1));
    const days = windowDaysFromProfile(flat, 1);
    expect(days).toHaveLength(7);
    expect(groupWindowDays(days)).toEqual([{ weekdays: [0, 1, 2, 3, 4, 5, 6], hours: '0-23' }]);
  });

  it('orders grouped windows by the reports they hold', () => {
    const windows = groupWindowDays([
      { weekday: 1, startHour: 8, hourly: [1, 1] },
      { weekday: 4, startHour: 22, hourly: [5, 5, 5] },
      { weekday: 3, startHour: 8, hourly: [1, 0] },
    ]);
    expect(windows).toEqual([{ weekdays: [4], hours: '22-0' }, { weekdays: [1, 3], hours: '8-9' }]);
  });
});
