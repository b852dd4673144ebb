/**
 * Deterministic safety walks for the demo area: the walks of walk-plans.ts with their recorded GPS
 * tracks, findings placed along the routes, the follow-up (owners, due dates, statuses, some
 * overdue) as a finding history, and a re-walk that checked the unfinished findings. Pure: no
 * database, no clock except the `now` it is given, no Math.random.
 *
 * @example
 * const walks = generateDemoWalks({ now: new Date('2026-11-30T12:00:00Z') });
 */
import type { LngLat } from './area.js';
import { DEMO_TIME_ZONE } from './area.js';
import { MeasuredPath, offsetByMetres } from './geometry.js';
import { Prng } from './prng.js';
import { DEMO_REWALK, DEMO_WALK_PLANS, type DemoFindingPlan, type DemoFindingStatus, type DemoResponsible, type DemoWalkPlan } from './walk-plans.js';

export const DEMO_WALKS_SEED = 20_260_915;
const DAY_MS = 86_400_000;
const FIX_EVERY_MS = 5_000;
const WALKING_METRES_PER_SECOND = 1.1;
/** The follow-up meeting, two weeks after the walk (as the national guide suggests). */
const FOLLOW_UP_AFTER_DAYS = 14;

export type DemoWalkStatus = 'planned' | 'ongoing' | 'done';
export type DemoActor = 'walker' | 'planner';

export interface DemoFindingEvent {
  at: Date;
  by: DemoActor;
  action: 'created' | 'updated' | 'checked';
  fromStatus: DemoFindingStatus | null;
  toStatus: DemoFindingStatus | null;
  owner: string | null;
  dueDate: string | null;
  comment: string | null;
  changes: Record<string, [unknown, unknown]> | null;
  /** The re-walk that checked it (action 'checked'). */
  walkId: string | null;
}

export interface DemoFinding {
  id: string;
  category: string;
  lng: number;
  lat: number;
  priority: number;
  description: string;
  proposedFix: string;
  responsible: DemoResponsible;
  responsibleName: string;
  status: DemoFindingStatus;
  owner: string | null;
  dueDate: string | null;
  observedAt: Date;
  events: DemoFindingEvent[];
}

export interface DemoWalk {
  id: string;
  key: string;
  name: string;
  plannedAt: Date;
  status: DemoWalkStatus;
  startedAt: Date | null;
  endedAt: Date | null;
  plannedRoute: LngLat[];
  track: { lng: number; lat: number; at: Date; accuracy: number }[];
  participants: DemoWalkPlan['participants'];
  notes: string;
  rewalkOf: string | null;
  findings: DemoFinding[];
  checks: { findingId: string; result: 'fixed' | 'not-fixed' | null; checkedAt: Date | null }[];
}

/** YYYY-MM-DD in the demo's time zone. */
function localDate(at: Date): string {
  return new Intl.DateTimeFormat('sv-SE', { timeZone: DEMO_TIME_ZONE }).format(at);
}

/** The instant of hh:00 local time on the local day `days` from `now`'s day. */
function localHour(now: Date, days: number, hour: number): Date {
  const day = localDate(new Date(now.getTime() + days * DAY_MS));
  for (const offset of [1, 2]) {
    const candidate = new Date(`${day}T${String(hour - offset).padStart(2, '0')}:00:00Z`);
    const shown = new Intl.DateTimeFormat('sv-SE', { timeZone: DEMO_TIME_ZONE, hour: '2-digit', hourCycle: 'h23' }).format(candidate);
    if (Number(shown) === hour) return candidate;
  }
  throw new Error(`no ${hour}:00 on ${day} in ${DEMO_TIME_ZONE}`);
}

/** Fixes every 5 s at walking pace along the route, a few metres of GPS noise, a pause where planned. */
function recordTrack(prng: Prng, plan: DemoWalkPlan, start: Date) {
  const path = new MeasuredPath(plan.route);
  const seconds = path.lengthMetres / WALKING_METRES_PER_SECOND;
  const fixes: DemoWalk['track'] = [];
  let pauseMs = 0;
  for (let t = 0; t * 1000 <= seconds * 1000; t += FIX_EVERY_MS / 1000) {
    const fraction = Math.min(1, t / seconds);
    if (plan.pause && pauseMs === 0 && fraction >= plan.pause.at) pauseMs = plan.pause.minutes * 60_000;
    const [lng, lat] = path.pointAt(fraction);
    const [jLng, jLat] = offsetByMetres(lng, lat, prng.normal() * 2.5, prng.normal() * 2.5);
    fixes.push({ lng: round7(jLng), lat: round7(jLat), at: new Date(start.getTime() + t * 1000 + pauseMs), accuracy: prng.int(4, 12) });
  }
  return { fixes, timeAt: (fraction: number) => new Date(start.getTime() + fraction * seconds * 1000 + (plan.pause && fraction >= plan.pause.at ? plan.pause.minutes * 60_000 : 0)) };
}

const round7 = (x: number) => Math.round(x * 1e7) / 1e7;

/** The point `side` metres to the left of the route at `along`. */
function beside(route: readonly LngLat[], along: number, side: number): LngLat {
  const path = new MeasuredPath(route);
  const [lng, lat] = path.pointAt(along);
  const [aLng, aLat] = path.pointAt(Math.max(0, along - 0.01));
  const [bLng, bLat] = path.pointAt(Math.min(1, along + 0.01));
  const dx = (bLng - aLng) * Math.cos((lat * Math.PI) / 180);
  const dy = bLat - aLat;
  const norm = Math.hypot(dx, dy) || 1;
  const [pLng, pLat] = offsetByMetres(lng, lat, (-dy / norm) * side, (dx / norm) * side);
  return [round7(pLng), round7(pLat)];
}

/** The finding's history: recorded on the walk, followed up at the meeting, closed later. */
function followUp(plan: DemoFindingPlan, observedAt: Date, meeting: Date, now: Date, dueDate: string | null): DemoFindingEvent[] {
  const event = (at: Date, by: DemoActor, e: Partial<DemoFindingEvent>): DemoFindingEvent => ({
    at, by, action: 'updated', fromStatus: null, toStatus: null, owner: null, dueDate: null, comment: null, changes: null, walkId: null, ...e,
  });
  const events = [event(observedAt, 'walker', { action: 'created', toStatus: 'open' })];
  if (meeting > now) return events;
  const owner = plan.owner ?? null;
  const promised = { ...(owner && { owner: [null, owner] as [unknown, unknown] }), ...(dueDate && { dueDate: [null, dueDate] as [unknown, unknown] }) };
  if (plan.status === 'wont-fix') {
    events.push(event(meeting, 'planner', { fromStatus: 'open', toStatus: 'wont-fix', owner, comment: plan.comment ?? null, changes: { status: ['open', 'wont-fix'], ...promised } }));
  } else if (plan.status === 'planned' || plan.status === 'fixed') {
    events.push(event(meeting, 'planner', { fromStatus: 'open', toStatus: 'planned', owner, dueDate, comment: plan.status === 'planned' ? (plan.comment ?? null) : null, changes: { status: ['open', 'planned'], ...promised } }));
    if (plan.status === 'fixed') {
      const fixedAt = new Date(Math.min(meeting.getTime() + 21 * DAY_MS, now.getTime() - DAY_MS));
      events.push(event(fixedAt, 'planner', { fromStatus: 'planned', toStatus: 'fixed', comment: plan.comment ?? null, changes: { status: ['planned', 'fixed'] } }));
    }
  } else if (owner || dueDate) {
    events.push(event(meeting, 'planner', { owner, dueDate, changes: promised }));
  }
  return events;
}

export function generateDemoWalks(options: { now?: Date; seed?: number } = {}): DemoWalk[] {
  const now = options.now ?? new Date();
  const prng = new Prng(options.seed ?? DEMO_WALKS_SEED);
  const walks: DemoWalk[] = DEMO_WALK_PLANS.map((plan) => {
    const plannedAt = localHour(now, -plan.daysAgo, 18);
    const done = plan.daysAgo > 0;
    const { fixes, timeAt } = recordTrack(prng, plan, new Date(plannedAt.getTime() + 5 * 60_000));
    const endedAt = done ? new Date(fixes[fixes.length - 1]!.at.getTime() + 60_000) : null;
    const meeting = new Date(Math.min((endedAt?.getTime() ?? 0) + FOLLOW_UP_AFTER_DAYS * DAY_MS, now.getTime() - 3_600_000));
    const findings = plan.findings.map((f) => {
      const [lng, lat] = beside(plan.route, f.along, f.side);
      const observedAt = timeAt(f.along);
      const dueDate = f.dueInDays === undefined ? null : localDate(new Date(now.getTime() + f.dueInDays * DAY_MS));
      return {
        id: prng.uuid(),
        category: f.category,
        lng,
        lat,
        priority: f.priority,
        description: f.description,
        proposedFix: f.proposedFix,
        responsible: f.responsible,
        responsibleName: f.responsibleName,
        status: f.status,
        owner: f.owner ?? null,
        dueDate,
        observedAt,
        events: followUp(f, observedAt, meeting, now, dueDate),
      };
    });
    return {
      id: prng.uuid(),
      key: plan.key,
      name: plan.name,
      plannedAt,
      status: done ? 'done' : 'planned',
      startedAt: done ? fixes[0]!.at : null,
      endedAt,
      plannedRoute: [...plan.route],
      track: done ? fixes : [],
      participants: plan.participants,
      notes: plan.notes,
      rewalkOf: null,
      findings,
      checks: [],
    };
  });
  return [...walks, rewalk(prng, walks.find((w) => w.key === DEMO_REWALK.of)!, now)];
}

/** The re-walk of the centre walk: it checked every unfinished finding, some fixed by then, some not. */
function rewalk(prng: Prng, original: DemoWalk, now: Date): DemoWalk {
  const plannedAt = localHour(now, -DEMO_REWALK.daysAgo, 18);
  const plan = DEMO_WALK_PLANS.find((p) => p.key === DEMO_REWALK.of)!;
  const { fixes, timeAt } = recordTrack(prng, plan, new Date(plannedAt.getTime() + 5 * 60_000));
  const id = prng.uuid();
  const checks: DemoWalk['checks'] = [];
  original.findings.forEach((finding, i) => {
    if (finding.status !== 'open' && finding.status !== 'planned') return;
    const fixed = (DEMO_REWALK.results.fixed as readonly number[]).includes(i);
    const checked = fixed || (DEMO_REWALK.results.notFixed as readonly number[]).includes(i);
    const checkedAt = timeAt(plan.findings[i]!.along);
    checks.push({ findingId: finding.id, result: checked ? (fixed ? 'fixed' : 'not-fixed') : null, checkedAt: checked ? checkedAt : null });
    if (!checked) return;
    const to = fixed ? 'fixed' : finding.status;
    finding.events.push({
      at: checkedAt, by: 'walker', action: 'checked', fromStatus: finding.status, toStatus: to, owner: null, dueDate: null,
      comment: fixed ? 'Åtgärdat, kontrollerat på plats.' : 'Inte åtgärdat vid återbesöket.', changes: fixed ? { status: [finding.status, 'fixed'] } : null, walkId: id,
    });
    finding.status = to;
  });
  return {
    id,
    key: `${original.key}-aterbesok`,
    name: `${original.name} – återbesök`,
    plannedAt,
    status: 'done',
    startedAt: fixes[0]!.at,
    endedAt: new Date(fixes[fixes.length - 1]!.at.getTime() + 60_000),
    plannedRoute: original.plannedRoute,
    track: fixes,
    participants: original.participants,
    notes: 'Återbesök: kontroll av de fynd som inte var åtgärdade.',
    rewalkOf: original.id,
    findings: [],
    checks,
  };
}
