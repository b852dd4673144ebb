/**
 * Demo patrols and a medborgarlöfte, deterministic for a `now` and a seed: an active patrol plan
 * on the demo's hot places (Fristadstorget, Stationen, Munktellstaden) with weeks of patrol logs
 * following its Koper schedule (not every slot is kept: 60–85 % are), and the Nyfors centrum
 * promise whose foot patrols began half a year ago (the FADING source in sources.ts), with its
 * manual activities. Pure: the seed (server/demo/seed-patrols.ts) writes it.
 */
import { koperSchedule, parseWindowHours, type PatrolWindow, type ScheduledStop } from '../../server/patrols/koper-schedule.js';
import { addLocalWeeks, startOfLocalWeek } from '../../server/public/public-weeks.js';
import { localParts, localTimeOnDay } from '../../server/shared/local-periods.js';
import { Prng } from '../../server/shared/prng.js';
import { DEMO_PLACES, DEMO_TIME_ZONE, type LngLat } from './area.js';
import { offsetByMetres } from './geometry.js';

export const DEMO_PATROL_SEED = 20261106;
const DAY_MS = 86_400_000;
const MINUTE_MS = 60_000;

export interface DemoPlanTarget {
  zoneName: string;
  windows: PatrolWindow[];
  dwellMinutes: number;
  visitsPerWeek: number;
  unit: string;
  priority: number;
  schedule: ScheduledStop[];
  reason: string;
  topCategories: { category: string; count: number }[];
}

export interface DemoLog {
  id: string;
  unit: string;
  startedAt: Date;
  endedAt: Date;
  /** A stop (Point) or a walked track (LineString), [lng, lat]. */
  geometry: { type: 'Point'; coordinates: LngLat } | { type: 'LineString'; coordinates: LngLat[] };
  underPlan: boolean;
}

export interface DemoActivity {
  id: string;
  kind: 'skolbesok' | 'informationsinsats' | 'medborgardialog' | 'foraldravandring' | 'samverkansmote';
  date: string;
  inZone: boolean;
  note: string;
  count: number;
}

export interface DemoPatrols {
  plan: { name: string; from: Date; to: Date; targets: DemoPlanTarget[] };
  logs: DemoLog[];
  promise: {
    title: string;
    from: Date;
    to: Date;
    zoneName: string;
    targets: { metric: 'patrol-visits' | 'patrol-minutes' | 'walks' | 'activities'; inZone: boolean; per: 'week' | 'month'; goal: number }[];
  };
  activities: DemoActivity[];
}

const anchor = (key: string): LngLat => {
  const place = DEMO_PLACES.find((p) => p.key === key);
  if (!place) throw new Error(`demo patrols: unknown place ${key}`);
  return [place.lng, place.lat];
};

const TARGETS = [
  { place: 'krogstraket', zoneName: 'Fristadstorget', windows: [{ weekdays: [4, 5], hours: '22-3' }], dwell: 15, unit: 'Patrull 2215', categories: { vald: 21, alkohol: 17, ordningsstorning: 14 } },
  { place: 'resecentrum', zoneName: 'Stationen', windows: [{ weekdays: [3, 4, 5], hours: '19-0' }], dwell: 12, unit: 'Patrull 2216', categories: { narkotika: 12, 'otrygg-samling': 11, stold: 9 } },
  { place: 'munktell-parkering', zoneName: 'Munktellstaden', windows: [{ weekdays: [4, 5, 6], hours: '20-1' }], dwell: 12, unit: 'Patrull 2216', categories: { 'otrygg-samling': 15, narkotika: 10, skadegorelse: 6 } },
] as const;

const round6 = (x: number) => Math.round(x * 1e6) / 1e6;

/** A stop near the place (within ~40 m), or a track walked through it from ~250 m one side to the other. */
function patrolGeometry(prng: Prng, at: LngLat, trackShare: number): DemoLog['geometry'] {
  const near = (metres: number): LngLat => {
    const [lng, lat] = offsetByMetres(at[0], at[1], prng.normal() * metres, prng.normal() * metres);
    return [round6(lng), round6(lat)];
  };
  if (prng.next() >= trackShare) return { type: 'Point', coordinates: near(25) };
  const angle = prng.next() * Math.PI;
  const end = (sign: number): LngLat => {
    const [lng, lat] = offsetByMetres(at[0], at[1], sign * 250 * Math.cos(angle), sign * 250 * Math.sin(angle));
    return [round6(lng), round6(lat)];
  };
  return { type: 'LineString', coordinates: [end(-1), near(20), end(1)] };
}

/** Every local calendar day from `from` (a local midnight) to before `until`, as [year, month, day]. */
function* localDays(from: Date, until: Date): Generator<[number, number, number]> {
  const first = localParts(from, DEMO_TIME_ZONE);
  for (let d = 0; ; d++) {
    const start = localTimeOnDay(first.year, first.month, first.day + d, 0, DEMO_TIME_ZONE);
    if (start >= until) return;
    const p = localParts(start, DEMO_TIME_ZONE);
    yield [p.year, p.month, p.day];
  }
}

export function generateDemoPatrols(now: Date, seed = DEMO_PATROL_SEED): DemoPatrols {
  const prng = new Prng(seed);
  const thisWeek = startOfLocalWeek(now, DEMO_TIME_ZONE);
  const planFrom = addLocalWeeks(thisWeek, -6, DEMO_TIME_ZONE);
  const planTo = addLocalWeeks(thisWeek, 4, DEMO_TIME_ZONE);
  const targets: DemoPlanTarget[] = TARGETS.map((t, i) => {
    const windows = t.windows.map((w) => ({ weekdays: [...w.weekdays], hours: w.hours }));
    const visits = windows.reduce((sum, w) => sum + w.weekdays.length * Math.ceil(parseWindowHours(w.hours)!.hours / 2), 0);
    return {
      zoneName: t.zoneName,
      windows,
      dwellMinutes: t.dwell,
      visitsPerWeek: visits,
      unit: t.unit,
      priority: i + 1,
      schedule: koperSchedule(windows, t.dwell, prng),
      reason: `Demoplan: ${t.zoneName}, en av områdets mest belastade platser de senaste veckorna`,
      topCategories: Object.entries(t.categories).map(([category, count]) => ({ category, count })),
    };
  });

  const logs: DemoLog[] = [];
  // The plan's logs: each Koper slot of each window-day so far, kept with a probability that
  // sags in the middle weeks (a busy period), as real dosage does.
  TARGETS.forEach((t, ti) => {
    for (const [year, month, day] of localDays(planFrom, now)) {
      const weekday = localParts(localTimeOnDay(year, month, day, 720, DEMO_TIME_ZONE), DEMO_TIME_ZONE).weekday;
      for (const w of t.windows) {
        if (!(w.weekdays as readonly number[]).includes(weekday)) continue;
        const span = parseWindowHours(w.hours)!;
        for (let offset = 0; offset < span.hours * 60; offset += 120) {
          const slotStart = localTimeOnDay(year, month, day, span.startHour * 60 + offset, DEMO_TIME_ZONE);
          const weeksIn = (slotStart.getTime() - planFrom.getTime()) / (7 * DAY_MS);
          const keep = weeksIn >= 2 && weeksIn < 4 ? 0.6 : 0.85;
          if (prng.next() >= keep) continue;
          const startedAt = new Date(slotStart.getTime() + prng.int(0, 100) * MINUTE_MS);
          const geometry = patrolGeometry(prng, anchor(t.place), 0.3);
          const minutes = geometry.type === 'Point' ? prng.int(10, 18) : prng.int(20, 40);
          const endedAt = new Date(startedAt.getTime() + minutes * MINUTE_MS);
          if (endedAt > now) continue;
          logs.push({ id: prng.uuid(), unit: targets[ti]!.unit, startedAt, endedAt, geometry, underPlan: true });
        }
      }
    }
  });

  // Nyfors centrum: the promise's foot patrols, three to five evenings a week since they began.
  const promiseFrom = startOfLocalWeek(new Date(now.getTime() - 183 * DAY_MS), DEMO_TIME_ZONE);
  const promiseTo = addLocalWeeks(promiseFrom, 52, DEMO_TIME_ZONE);
  const nyfors = anchor('nyfors-centrum');
  for (let week = promiseFrom; week < now; week = addLocalWeeks(week, 1, DEMO_TIME_ZONE)) {
    const days = [0, 1, 2, 3, 4, 5, 6].filter(() => prng.next() < 0.62);
    for (const d of days) {
      const p = localParts(new Date(week.getTime() + (d + 0.5) * DAY_MS), DEMO_TIME_ZONE);
      const startedAt = localTimeOnDay(p.year, p.month, p.day, prng.int(16 * 60, 22 * 60), DEMO_TIME_ZONE);
      const geometry = patrolGeometry(prng, nyfors, 0.4);
      const endedAt = new Date(startedAt.getTime() + (geometry.type === 'Point' ? prng.int(10, 16) : prng.int(25, 45)) * MINUTE_MS);
      if (endedAt <= now) logs.push({ id: prng.uuid(), unit: 'Patrull 2217', startedAt, endedAt, geometry, underPlan: false });
    }
  }
  logs.sort((a, b) => a.startedAt.getTime() - b.startedAt.getTime() || (a.id < b.id ? -1 : 1));

  const activities: DemoActivity[] = [];
  const kinds: { kind: DemoActivity['kind']; note: string; count: [number, number] }[] = [
    { kind: 'skolbesok', note: 'Besök i årskurs 7–9 om trygghet och droger', count: [1, 3] },
    { kind: 'informationsinsats', note: 'Information till boende och butiker i centrum', count: [1, 2] },
    { kind: 'medborgardialog', note: 'Dialog på torget med boende', count: [1, 1] },
    { kind: 'foraldravandring', note: 'Föräldravandring fredag kväll', count: [1, 1] },
    { kind: 'samverkansmote', note: 'EST-möte med fastighetsägare och fältgruppen', count: [1, 1] },
  ];
  for (let day = promiseFrom; day < now; day = new Date(day.getTime() + prng.int(8, 16) * DAY_MS)) {
    const k = prng.pick(kinds);
    const p = localParts(new Date(day.getTime() + 12 * 3600_000), DEMO_TIME_ZONE);
    activities.push({
      id: prng.uuid(),
      kind: k.kind,
      date: `${p.year}-${String(p.month).padStart(2, '0')}-${String(p.day).padStart(2, '0')}`,
      inZone: k.kind !== 'samverkansmote',
      note: k.note,
      count: prng.int(k.count[0], k.count[1]),
    });
  }

  return {
    plan: { name: 'Helgnätter i centrum', from: planFrom, to: planTo, targets },
    logs,
    promise: {
      title: 'Medborgarlöfte Nyfors centrum',
      from: promiseFrom,
      to: promiseTo,
      zoneName: 'Nyfors centrum',
      targets: [
        { metric: 'patrol-visits', inZone: true, per: 'week', goal: 4 },
        { metric: 'patrol-minutes', inZone: true, per: 'month', goal: 240 },
        { metric: 'walks', inZone: false, per: 'month', goal: 1 },
        { metric: 'activities', inZone: false, per: 'month', goal: 2 },
      ],
    },
    activities,
  };
}
