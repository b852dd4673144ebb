import { describe, expect, it } from 'vitest';
import { fitBudget } from '../../server/patrols/patrol-budget';
import type { WindowDay } from '../../server/patrols/time-windows';

const day = (weekday: number, startHour: number, hourly: number[]): WindowDay => ({ weekday, startHour, hourly });

// Target 1: Friday and Saturday 22-3 (6 h → 3 visits each) = 6 visits.
const first = [day(4, 22, [5, 5, 4, 4, 2, 1]), day(5, 22, [6, 6, 5, 4, 2, 2])];
// Target 2: Monday 16-19 (4 h → 2 visits), Wednesday 16-17 (2 h → 1 visit) = 3 visits.
const second = [day(0, 16, [3, 3, 1, 1]), day(2, 16, [1, 1])];

describe('fitting targets into the weekly budget', () => {
  it('keeps everything at 15-minute stops when the budget allows', () => {
    const fit = fitBudget([first, second], 200);
    expect(fit.dwellMinutes).toBe(15);
    expect(fit.targets.map((t) => t.visitsPerWeek)).toEqual([6, 3]);
    expect(fit.plannedMinutesPerWeek).toBe(135);
    expect(fit.cuts).toEqual([]);
  });

  it('first shortens the stops, not below 10 minutes', () => {
    // 9 visits: 9 × 15 = 135 > 100; 100 / 9 = 11.1 → 11-minute stops, 99 minutes.
    const fit = fitBudget([first, second], 100);
    expect(fit.dwellMinutes).toBe(11);
    expect(fit.plannedMinutesPerWeek).toBe(99);
    expect(fit.cuts.map((c) => c.kind)).toEqual(['dwell-shortened']);
  });

  it('then takes visits off the lowest-ranked target, quietest window-day first, and drops it when nothing is left', () => {
    // 70 minutes at 10 min = 7 visits: target 2 gives up its Wednesday (1 visit) and then the quieter
    // end (16-17: 6 reports vs 18-19: 2 → the end goes) of Monday.
    const fit = fitBudget([first, second], 70);
    expect(fit.dwellMinutes).toBe(10);
    expect(fit.targets.map((t) => [t.index, t.visitsPerWeek])).toEqual([[0, 6], [1, 1]]);
    expect(fit.targets[1]!.windowDays).toEqual([day(0, 16, [3, 3])]);
    expect(fit.plannedMinutesPerWeek).toBe(70);
    expect(fit.cuts.map((c) => [c.rank, c.kind])).toEqual([[null, 'dwell-shortened'], [2, 'windows-shortened']]);

    const tight = fitBudget([first, second], 45);
    // 4 visits: target 2 dropped, target 1 loses 2 visits from Friday (the quieter night).
    expect(tight.targets.map((t) => [t.index, t.visitsPerWeek])).toEqual([[0, 4]]);
    expect(tight.dwellMinutes).toBe(11);
    expect(tight.plannedMinutesPerWeek).toBe(44);
    expect(tight.cuts.map((c) => [c.rank, c.kind])).toEqual([[null, 'dwell-shortened'], [1, 'windows-shortened'], [2, 'target-dropped']]);
  });

  it('never plans more than the budget', () => {
    for (let budget = 10; budget <= 160; budget++) {
      const fit = fitBudget([first, second], budget);
      expect(fit.plannedMinutesPerWeek, `budget ${budget}`).toBeLessThanOrEqual(budget);
      expect(fit.dwellMinutes).toBeGreaterThanOrEqual(10);
      expect(fit.targets.length).toBeGreaterThanOrEqual(1);
    }
  });
});
