import { describe, expect, it } from 'vitest';
import { targetProgress } from '../../server/promises/progress';

const TZ = 'Europe/Stockholm';
const local = (s: string) => new Date(`${s}+01:00`);
const at = (s: string, amount = 1) => ({ at: local(s), amount });

describe('promise progress per period', () => {
  // The promise runs from Thursday 5 November to Monday 30 November 2026 (exclusive).
  const promise = { from: local('2026-11-05T00:00:00'), to: local('2026-11-30T00:00:00') };

  it('counts per ISO week, prorates the goal of a part week, and judges the pace of the current one', () => {
    const events = [at('2026-11-05T20:00:00'), at('2026-11-07T21:00:00'), at('2026-11-08T23:59:00'), at('2026-11-10T10:00:00'), at('2026-11-12T10:00:00'), at('2026-11-17T09:00:00')];
    // Now: Wednesday 18 Nov 12:00: W45 and W46 are done, W47 current (2.5 of 7 days gone), W48 future.
    const now = local('2026-11-18T12:00:00');
    const p = targetProgress(events, { per: 'week', goal: 4 }, promise, TZ, now);
    expect(p.periods.map((x) => [x.period, x.goal, x.done, x.met, x.status])).toEqual([
      // W45: Thursday–Sunday, 4 of 7 days → ceil(4 × 4/7) = 3; three events → met.
      ['2026-W45', 3, 3, true, 'done'],
      // W46: two events of four.
      ['2026-W46', 4, 2, false, 'done'],
      ['2026-W47', 4, 1, false, 'current'],
      ['2026-W48', 4, 0, false, 'future'],
    ]);
    // 1 of 2 completed weeks met (50 % < 80 %): not on track.
    expect(p).toMatchObject({ completedPeriods: 2, metPeriods: 1, onTrack: false });
  });

  it('is on track when ≥ 80 % of completed periods met and the current one is on pace', () => {
    const events = ['05', '06', '07', '09', '10', '11', '12', '16', '17'].map((d) => at(`2026-11-${d}T12:00:00`));
    const now = local('2026-11-18T12:00:00');
    const p = targetProgress(events, { per: 'week', goal: 4 }, promise, TZ, now);
    // W47: 2 done ≥ 4 × 2.5/7 = 1.43 on pace.
    expect(p.periods.map((x) => x.met)).toEqual([true, true, false, false]);
    expect(p.onTrack).toBe(true);
    // Behind pace on Saturday of W47 with the same 2: 4 × 5.5/7 = 3.1 > 2.
    expect(targetProgress(events, { per: 'week', goal: 4 }, promise, TZ, local('2026-11-21T12:00:00')).onTrack).toBe(false);
  });

  it('has nothing to judge before the promise starts, and sums amounts (minutes) per month', () => {
    expect(targetProgress([], { per: 'week', goal: 1 }, promise, TZ, local('2026-11-01T00:00:00')).onTrack).toBeNull();
    const minutes = targetProgress([at('2026-11-06T10:00:00', 12.25), at('2026-11-20T10:00:00', 30)], { per: 'month', goal: 60 }, promise, TZ, local('2026-12-05T00:00:00'));
    // November holds 25 of 30 days → ceil(60 × 25/30) = 50; 42.3 (rounded to a tenth) < 50.
    expect(minutes.periods).toMatchObject([{ period: '2026-11', goal: 50, done: 42.3, met: false, status: 'done' }]);
    expect(minutes.onTrack).toBe(false);
  });
});
