/**
 * The patrol screens' pure logic: windows in words ("fre–lör 20–02") and in time (open now, next
 * stop), Koper visits, minutes against the budget, the dosage as read week by week, the draft a
 * planner edits, the log a check-out makes, and the honest wording of progress and evaluations.
 */
import { describe, expect, it } from 'vitest';
import { sv } from '../../web/src/lib/i18n/sv';
import { en } from '../../web/src/lib/i18n/en';
import {
  clockRange,
  formatWeekdays,
  formatWindow,
  hoursSpec,
  inWords,
  koperVisitsPerWeek,
  nextStop,
  nextWindow,
  openWindow,
  parseHours,
  scheduleByDay,
  todaysWindows,
  weekMinute,
  type Translate,
} from '../../web/src/views/patrols/windows';
import { barSegments, budgetUse, plannedMinutes } from '../../web/src/views/patrols/budget';
import { anythingLogged, doseClass, dosageTotals, isoWeekOf, weekNumber, weekState, weekToShow } from '../../web/src/views/patrols/dosage-view';
import { draftFromProposal, draftProblems, editTarget, planTargets, removeTarget } from '../../web/src/views/patrols/proposal-draft';
import { checkOut, minutesSince, type OpenCheckIn } from '../../web/src/views/patrols/patrol-log';
import { inclusiveDays, lastDayOf } from '../../web/src/views/patrols/dates';
import { onTrackWords, periodLabel, targetLabel } from '../../web/src/views/promises/progress-wording';
import { intervalAxis, ringWording, signed, treatedWording } from '../../web/src/views/evaluation/evaluation-wording';
import { decodeView, DEFAULT_VIEW, encodeQuery } from '../../web/src/views/planner/url-state';
import type { DosageWeek, PlanDosage, ProposedTarget } from '../../web/src/views/patrols/types';
import type { TargetProgress } from '../../web/src/views/promises/types';
import type { Evaluation } from '../../web/src/views/evaluation/types';

const translator =
  (catalogue: Record<string, string>): Translate =>
  (key, params) => {
    const template = catalogue[key];
    if (template === undefined) throw new Error(`no text for ${key}`);
    return template.replace(/\{(\w+)\}/g, (whole, name: string) => (params && name in params ? String(params[name]) : whole));
  };
const svT = translator(sv);
const enT = translator(en);
const TZ = 'Europe/Stockholm';
const MON = 0;
const FRI = 4;
const SAT = 5;
const SUN = 6;
const at = (weekday: number, hh: number, mm = 0) => weekday * 1440 + hh * 60 + mm;

describe('windows in words', () => {
  it('reads the API hours: a run past midnight, a single hour, the whole day', () => {
    expect(parseHours('20-1')).toEqual({ startHour: 20, hours: 6 });
    expect(parseHours('7')).toEqual({ startHour: 7, hours: 1 });
    expect(parseHours('0-23')).toEqual({ startHour: 0, hours: 24 });
    expect(parseHours('24-2')).toBeNull();
    expect(parseHours('18–23')).toBeNull();
  });

  it('writes a clock range with an exclusive end back as the API hours', () => {
    expect(hoursSpec(20, 2)).toBe('20-1');
    expect(hoursSpec(18, 0)).toBe('18-23');
    expect(hoursSpec(9, 10)).toBe('9');
    expect(hoursSpec(6, 6)).toBe('6-5');
    expect(parseHours(hoursSpec(6, 6))).toEqual({ startHour: 6, hours: 24 });
  });

  it('says "fre–lör 20–02" for Friday and Saturday nights', () => {
    expect(formatWindow({ weekdays: [FRI, SAT], hours: '20-1' }, svT)).toBe('fre–lör 20–02');
    expect(formatWindow({ weekdays: [SAT, FRI], hours: '20-1' }, enT)).toBe('Fri–Sat 20–02');
    expect(clockRange({ startHour: 7, hours: 1 })).toBe('07–08');
  });

  it('joins runs of days and lists lone days', () => {
    expect(formatWeekdays([0, 1, 5, 6], svT)).toBe('mån–tis, lör–sön');
    expect(formatWeekdays([0, 2, 3, 4], svT)).toBe('mån, ons–fre');
    expect(formatWeekdays([2], svT)).toBe('ons');
    expect(formatWeekdays([0, 1, 2, 3, 4, 5, 6], svT)).toBe('alla dagar');
  });

  it('asks one Koper stop per started two hours of every window-day', () => {
    // fre–lör 20–02: 2 days × ceil(6 / 2) = 6; ons 19–20: 1 day × ceil(1 / 2) = 1.
    expect(koperVisitsPerWeek([{ weekdays: [FRI, SAT], hours: '20-1' }, { weekdays: [2], hours: '19' }])).toBe(7);
    expect(koperVisitsPerWeek([{ weekdays: [0, 1, 2], hours: '18-22' }])).toBe(9);
    expect(koperVisitsPerWeek([])).toBe(0);
  });

  it('puts how soon in words', () => {
    expect(inWords(0, svT)).toBe('nu');
    expect(inWords(25, svT)).toBe('om 25 min');
    expect(inWords(120, svT)).toBe('om 2 h');
    expect(inWords(80, svT)).toBe('om 1 h 20 min');
    expect(inWords(3 * 1440 + 60, enT)).toBe('in 3 days');
  });
});

describe('windows in time', () => {
  it('counts minutes of the local week from Monday 00:00, across daylight saving', () => {
    // Friday 27 March 2026 21:30 CET (UTC+1) and Sunday 29 March 2026 12:00 CEST (UTC+2).
    expect(weekMinute(new Date('2026-03-27T20:30:00Z'), TZ)).toBe(at(FRI, 21, 30));
    expect(weekMinute(new Date('2026-03-29T10:00:00Z'), TZ)).toBe(at(SUN, 12));
    expect(weekMinute(new Date('2026-11-30T00:10:00Z'), TZ)).toBe(at(MON, 1, 10));
  });

  it('knows a window is open after midnight on the day after it started', () => {
    const windows = [{ weekdays: [FRI, SAT], hours: '22-3' }];
    expect(openWindow(windows, at(SAT, 2, 59))?.weekday).toBe(FRI);
    expect(openWindow(windows, at(SAT, 4))).toBeNull();
    expect(openWindow(windows, at(SUN, 0, 30))?.weekday).toBe(SAT);
    // Sunday's window would run into Monday: none here, so Monday night is closed.
    expect(openWindow(windows, at(MON, 1))).toBeNull();
    expect(openWindow([{ weekdays: [SUN], hours: '23-1' }], at(MON, 0, 30))?.weekday).toBe(SUN);
  });

  it('finds the next stop around the end of the week', () => {
    const schedule = [
      { weekday: FRI, time: '22:01', dwellMinutes: 15 },
      { weekday: SAT, time: '00:01', dwellMinutes: 15 },
    ];
    expect(nextStop(schedule, at(FRI, 22))).toEqual({ item: schedule[0], inMinutes: 1 });
    expect(nextStop(schedule, at(FRI, 23))).toEqual({ item: schedule[1], inMinutes: 61 });
    // Sunday evening: next Friday's first stop, five days minus two hours ahead.
    expect(nextStop(schedule, at(SUN, 0, 2))?.inMinutes).toBe(at(FRI, 22, 1) + 7 * 1440 - at(SUN, 0, 2));
    expect(nextStop([], at(MON, 0))).toBeNull();
  });

  it('finds the next window to open, and the windows that start today', () => {
    const windows = [{ weekdays: [FRI, SAT], hours: '20-1' }, { weekdays: [FRI], hours: '12-13' }];
    expect(nextWindow(windows, at(FRI, 10))).toEqual({ item: { weekday: FRI, span: { startHour: 12, hours: 2 } }, inMinutes: 120 });
    expect(todaysWindows(windows, FRI).map((d) => d.span.startHour)).toEqual([12, 20]);
    expect(todaysWindows(windows, SUN)).toEqual([]);
  });

  it('lists a week of stops by weekday, each day in time order', () => {
    const days = scheduleByDay([
      { weekday: SAT, time: '22:22', dwellMinutes: 15 },
      { weekday: FRI, time: '22:01', dwellMinutes: 15 },
      { weekday: SAT, time: '00:01', dwellMinutes: 15 },
    ]);
    expect(days.map((d) => [d.weekday, d.stops.map((s) => s.time)])).toEqual([
      [FRI, ['22:01']],
      [SAT, ['00:01', '22:22']],
    ]);
  });
});

describe('minutes against the budget', () => {
  const targets = [
    { dwellMinutes: 10, visitsPerWeek: 22 },
    { dwellMinutes: 10, visitsPerWeek: 8 },
  ];

  it('plans dwell × visits per target and their sum per plan', () => {
    expect(plannedMinutes(targets[0]!)).toBe(220);
    expect(budgetUse(targets, 300)).toEqual({ used: 300, budget: 300, remaining: 0, share: 1, over: false });
  });

  it('says how far over the budget an adjusted plan goes', () => {
    const use = budgetUse([...targets, { dwellMinutes: 15, visitsPerWeek: 3 }], 300);
    expect(use).toMatchObject({ used: 345, remaining: -45, over: true });
    expect(use.share).toBeCloseTo(1.15);
  });

  it('sizes the bar by the budget, or by what is used when that is more', () => {
    expect(barSegments(targets, 400)).toEqual([0.55, 0.2]);
    expect(barSegments(targets, 150)).toEqual([220 / 300, 80 / 300]);
    expect(budgetUse([], 0)).toMatchObject({ used: 0, share: 0, over: false });
  });
});

describe('the dosage as read week by week', () => {
  const week = (w: string, done: number, planned = 6): DosageWeek => ({
    week: w,
    plannedVisits: planned,
    doneVisits: done,
    plannedMinutes: planned * 15,
    doneMinutes: done * 15.5,
    windowCoverage: planned ? done / planned : null,
    slots: planned,
    coveredSlots: done,
  });

  it('names ISO weeks in the area time zone, zero-padded, across a year end', () => {
    expect(isoWeekOf(new Date('2026-11-30T01:00:00Z'), TZ)).toBe('2026-W49');
    expect(isoWeekOf(new Date('2027-01-01T12:00:00Z'), TZ)).toBe('2026-W53');
    // 23:30 UTC on Sunday 4 January is already Monday in Stockholm: week 2.
    expect(isoWeekOf(new Date('2026-01-04T23:30:00Z'), TZ)).toBe('2026-W02');
    expect(weekNumber('2026-W02')).toBe(2);
  });

  it('tells past, current and coming weeks apart', () => {
    expect(weekState('2026-W48', '2026-W49')).toBe('past');
    expect(weekState('2026-W49', '2026-W49')).toBe('current');
    expect(weekState('2027-W01', '2026-W53')).toBe('future');
  });

  it('classes a week by the share of planned visits done: all, half, some, none', () => {
    expect(doseClass(6, 6)).toBe('met');
    expect(doseClass(7, 6)).toBe('met');
    expect(doseClass(3, 6)).toBe('part');
    expect(doseClass(2, 6)).toBe('low');
    expect(doseClass(0, 6)).toBe('none');
    expect(doseClass(2, 0)).toBe('unplanned');
  });

  it('sums only the completed weeks, so a week just begun is no shortfall', () => {
    const weeks = [week('2026-W47', 6), week('2026-W48', 3), week('2026-W49', 0), week('2026-W50', 0)];
    expect(dosageTotals(weeks, '2026-W49')).toEqual({ plannedVisits: 12, doneVisits: 9, plannedMinutes: 180, doneMinutes: 139.5, weeks: 2 });
    expect(weekToShow(weeks, '2026-W49')?.week).toBe('2026-W49');
    expect(weekToShow(weeks, '2027-W05')?.week).toBe('2026-W50');
    expect(weekToShow(weeks, '2026-W40')).toBeNull();
  });

  it('knows when nothing at all was logged', () => {
    const dosage = (done: number): PlanDosage => ({ planId: 'p', timezone: TZ, from: '', to: '', targets: [{ targetId: 't', name: null, priority: 1, weeks: [week('2026-W49', done)] }] });
    expect(anythingLogged(dosage(0))).toBe(false);
    expect(anythingLogged(dosage(1))).toBe(true);
  });
});

describe('the draft a planner adjusts', () => {
  const proposed: ProposedTarget[] = [
    {
      name: 'Munktellstaden',
      cells: ['89088699e83ffff', '89088699e1bffff'],
      windows: [{ weekdays: [4, 5], hours: '20-1' }],
      dwellMinutes: 10,
      visitsPerWeek: 6,
      plannedMinutesPerWeek: 60,
      unit: null,
      priority: 1,
      schedule: [{ weekday: 4, time: '20:31', dwellMinutes: 10 }],
      reason: 'I Munktellstaden: 243 rapporter på 14 dagar',
      topCategories: [{ category: 'klotter', label: 'Klotter', count: 35 }],
    },
    {
      name: null,
      cells: ['8908869914fffff'],
      windows: [{ weekdays: [0], hours: '18-22' }],
      dwellMinutes: 10,
      visitsPerWeek: 3,
      plannedMinutesPerWeek: 30,
      unit: null,
      priority: 2,
      schedule: [],
      reason: 'x',
      topCategories: [],
    },
  ];

  it('drops the schedule once windows, dwell or visits change, and keeps it otherwise', () => {
    const [first] = draftFromProposal(proposed);
    expect(editTarget(first!, 'windows', [{ weekdays: [5], hours: '20-1' }]).schedule).toBeNull();
    expect(editTarget(first!, 'dwellMinutes', 12).schedule).toBeNull();
    expect(editTarget(first!, 'visitsPerWeek', 4).schedule).toBeNull();
    expect(editTarget(first!, 'unit', 'Patrull 2215').schedule).toEqual(proposed[0]!.schedule);
    expect(editTarget(first!, 'zoneId', 'c8fb6d9c-3c37-4940-942d-97aad88054c5').schedule).toEqual(proposed[0]!.schedule);
  });

  it('names the fields the server would refuse', () => {
    const [first, second] = draftFromProposal(proposed);
    const broken = [editTarget(first!, 'windows', [{ weekdays: [], hours: '20-1' }]), editTarget(editTarget(second!, 'dwellMinutes', 0), 'priority', 100)];
    expect(draftProblems(broken).map((p) => `${p.key}:${p.field}`)).toEqual([`${first!.key}:windows`, `${second!.key}:dwellMinutes`, `${second!.key}:priority`]);
    expect(draftProblems(draftFromProposal(proposed))).toEqual([]);
  });

  it('saves cells or the picked zone, trimmed, in the order kept after a removal', () => {
    const draft = draftFromProposal(proposed);
    const edited = [editTarget(editTarget(draft[0]!, 'zoneId', 'c8fb6d9c-3c37-4940-942d-97aad88054c5'), 'unit', '  Patrull 2215 '), draft[1]!];
    const targets = planTargets(removeTarget(edited, draft[1]!.key));
    expect(targets).toEqual([
      {
        name: 'Munktellstaden',
        zoneId: 'c8fb6d9c-3c37-4940-942d-97aad88054c5',
        windows: [{ weekdays: [4, 5], hours: '20-1' }],
        dwellMinutes: 10,
        visitsPerWeek: 6,
        unit: 'Patrull 2215',
        priority: 1,
        schedule: proposed[0]!.schedule,
        reason: proposed[0]!.reason,
        topCategories: proposed[0]!.topCategories,
      },
    ]);
    expect(planTargets([draft[1]!])[0]).toMatchObject({ name: null, cells: ['8908869914fffff'], unit: null });
  });
});

describe('the log a check-out makes', () => {
  const open: OpenCheckIn = {
    logId: '3f1c8f62-1111-4e57-9a7e-2c9a0a6f0d11',
    userId: 4,
    planId: 'cb98dea8-58b3-4b37-9d85-9529f8195669',
    targetId: 't1',
    place: 'Fristadstorget',
    unit: 'Patrull 2215',
    startedAt: '2026-11-27T21:05:00.000Z',
    fixes: [],
    fallback: [16.5093, 59.3712],
  };

  it('sends the trusted fixes as the track', () => {
    const done = checkOut(
      {
        ...open,
        fixes: [
          [16.509, 59.371, '2026-11-27T21:05:10Z', 8],
          [16.509, 59.371, '2026-11-27T21:05:40Z', 8],
          [16.5095, 59.3714, '2026-11-27T21:09:00Z', 6],
        ],
      },
      new Date('2026-11-27T21:20:00Z'),
    );
    expect(done.source).toBe('track');
    expect(done.body).toEqual({
      id: open.logId,
      planId: open.planId,
      unit: 'Patrull 2215',
      startedAt: '2026-11-27T21:05:00.000Z',
      endedAt: '2026-11-27T21:20:00.000Z',
      track: { type: 'LineString', coordinates: [[16.509, 59.371], [16.5095, 59.3714]] },
    });
  });

  it('sends one position as a point, and none as the target itself', () => {
    const one = checkOut({ ...open, fixes: [[16.51, 59.37, '2026-11-27T21:06:00Z', 12]] }, new Date('2026-11-27T21:20:00Z'));
    expect(one).toMatchObject({ source: 'point', body: { location: { type: 'Point', coordinates: [16.51, 59.37] } } });
    expect(one.body.track).toBeUndefined();
    const none = checkOut(open, new Date('2026-11-27T21:20:00Z'));
    expect(none).toMatchObject({ source: 'target', body: { location: { type: 'Point', coordinates: [16.5093, 59.3712] } } });
  });

  it('never ends before it started, whatever the clock did', () => {
    expect(checkOut(open, new Date('2026-11-27T21:00:00Z')).body.endedAt).toBe(open.startedAt);
    expect(minutesSince(open.startedAt, Date.parse('2026-11-27T21:17:59Z'))).toBe(12);
    expect(minutesSince(open.startedAt, Date.parse('2026-11-27T21:00:00Z'))).toBe(0);
  });
});

describe('periods of plans and promises', () => {
  it('reads half-open local periods as inclusive days', () => {
    expect(inclusiveDays({ from: '2026-10-19T00:00:00+02:00', to: '2026-12-28T00:00:00+01:00' })).toEqual({ fromDate: '2026-10-19', toDate: '2026-12-27' });
    expect(lastDayOf('2026-11-30T00:00:00+01:00')).toBe('2026-11-29');
    expect(lastDayOf('2026-11-30T02:10:42+01:00')).toBe('2026-11-30');
  });
});

describe('a promise’s progress in words', () => {
  const progress = (onTrack: boolean | null, per: 'week' | 'month' = 'week'): TargetProgress => ({
    targetId: 't',
    metric: 'patrol-visits',
    zoneId: 'z',
    zoneName: 'Nyfors centrum',
    per,
    goal: 4,
    total: 112,
    completedPeriods: 27,
    metPeriods: 21,
    onTrack,
    periods: [
      { period: '2026-W48', from: '', to: '', goal: 4, done: 4, met: true, status: 'done' },
      { period: '2026-W49', from: '', to: '', goal: 4, done: 1, met: false, status: 'current' },
    ],
  });
  const fmt = (n: number) => String(n);

  it('labels weeks, months and years', () => {
    expect(periodLabel('2026-W47', 'week', svT, 'sv-SE')).toBe('v. 47 2026');
    expect(periodLabel('2026-11', 'month', svT, 'sv-SE')).toMatch(/^nov\.? 2026$/);
    expect(periodLabel('2026', 'year', svT, 'sv-SE')).toBe('2026');
  });

  it('says what a target asks for', () => {
    expect(targetLabel(progress(true), svT, fmt)).toBe('Patrullbesök i Nyfors centrum: 4 per vecka');
    expect(targetLabel({ ...progress(true), zoneName: null, metric: 'walks', per: 'month', goal: 1 }, enT, fmt)).toBe('Safety walks: 1 per month');
  });

  it('says on track or not with the figures behind it, and nothing before the start', () => {
    expect(onTrackWords(progress(false), svT, fmt)).toBe('Inte i fas: 21 av 27 veckor uppfyllda. Denna vecka hittills 1 av 4.');
    expect(onTrackWords(progress(true), enT, fmt)).toBe('On track: 21 of 27 weeks met. This week so far 1 of 4.');
    expect(onTrackWords({ ...progress(true, 'month'), completedPeriods: 0, metPeriods: 0, periods: [] }, svT, fmt)).toBe('I fas: inga avslutade månader än.');
    expect(onTrackWords(progress(null), svT, fmt)).toBe('Löftet har inte börjat än.');
  });
});

describe('an evaluation in honest words', () => {
  const two = (x: number) => x.toFixed(2).replace('.', ',');
  const evaluation = (over: Partial<Evaluation>): Evaluation =>
    ({
      treated: { cells: 1, cellIds: [], countBefore: 163, countAfter: 88, rateBefore: 13.43, rateAfter: 7.33 },
      control: { cells: 3, matchedPerCell: 3, pool: 458, countBefore: 487, countAfter: 601, rateBefore: 13.38, rateAfter: 16.69 },
      estimate: -9.416,
      ciLow: -12.5451,
      ciHigh: -6.287,
      verdictCode: 'decrease',
      ring: { k: 1, cells: 6, countBefore: 201, countAfter: 96, rateBefore: 2.76, rateAfter: 1.33, control: { cells: 16, countBefore: 604, countAfter: 868, rateBefore: 2.76, rateAfter: 4.02 }, estimate: -2.68, standardError: 0.3, ciLow: -3.28, ciHigh: -2.08, verdict: '', verdictCode: 'diffusion' },
      ...over,
    }) as Evaluation;

  it('writes changes with their sign', () => {
    expect(signed(-9.416, two)).toBe('−9,42');
    expect(signed(1.2, two)).toBe('+1,20');
    expect(signed(0.001, two)).toBe('0,00');
  });

  it('says a change is sure at 95 % only when the interval excludes zero, and never claims a cause', () => {
    const sure = treatedWording(evaluation({}), svT, two);
    expect(sure.headline).toBe('Rapporterna minskade mer än i kontrollområdena: −9,42 per hexagon och vecka.');
    expect(sure.certainty).toContain('Säkert på 95 %-nivån: intervallet −12,55 till −6,29 rymmer inte noll');
    expect(sure.certainty).toContain('inte att insatsen ensam orsakade den');
  });

  it('calls a 90 %-only change uncertain and an interval over zero no clear change', () => {
    expect(treatedWording(evaluation({ verdictCode: 'possible-decrease', estimate: -2, ciLow: -4.1, ciHigh: 0.1 }), svT, two).certainty).toBe(
      'Osäkert: 95 %-intervallet −4,10 till +0,10 rymmer också ingen förändring alls.',
    );
    const unclear = treatedWording(evaluation({ verdictCode: 'no-clear-change', estimate: 2.21, ciLow: -4.53, ciHigh: 8.95 }), enT, two);
    expect(unclear.headline).toBe('No clear difference from the control areas (+2,21 per hexagon and week).');
    expect(unclear.certainty).toContain('cannot tell an effect from chance');
  });

  it('says "för få rapporter för att avgöra" for small numbers, with the count', () => {
    const few = treatedWording(evaluation({ verdictCode: 'too-few-reports', treated: { cells: 1, cellIds: [], countBefore: 7, countAfter: 5, rateBefore: 0.6, rateAfter: 0.4 } }), svT, two);
    expect(few.headline).toBe('För få rapporter för att avgöra.');
    expect(few.certainty).toContain('Bara 12 rapporter före och efter tillsammans');
  });

  it('words the ring as displacement or diffusion of benefits', () => {
    expect(ringWording(evaluation({}), svT, two).headline).toBe('Spridning av nyttan: även grannskapet minskade, −2,68 per hexagon och vecka jämfört med kontrollområdena.');
    const displaced = evaluation({});
    displaced.ring = { ...displaced.ring, verdictCode: 'displacement', estimate: 1.5, ciLow: 0.4, ciHigh: 2.6 };
    expect(ringWording(displaced, enT, two).headline).toContain('Signs of displacement');
  });

  it('draws the interval on an axis that holds zero and ends on round steps', () => {
    expect(intervalAxis([-12.5451, -6.287, -3.28, -2.08])).toEqual({ min: -15, max: 0, ticks: [-15, -10, -5, 0] });
    expect(intervalAxis([-4.53, 8.95, 2.21])).toEqual({ min: -5, max: 10, ticks: [-5, 0, 5, 10] });
    expect(intervalAxis([0.2, 0.9]).ticks).toContain(0);
  });
});

describe('the patrol layers in the lägesbild URL', () => {
  it('keeps the plan layer, the dosage colouring and the promise panel in the link', () => {
    const view = { ...DEFAULT_VIEW, patrolPlans: true, patrolDosage: true, promisePanel: true };
    expect(encodeQuery(view)).toBe('plan=1&dos=1&loften=1');
    expect(decodeView('?plan=1&dos=1&loften=1')).toEqual({ ...view, map: null });
    expect(decodeView('?plan=yes')).toEqual({ ...DEFAULT_VIEW });
  });
});
