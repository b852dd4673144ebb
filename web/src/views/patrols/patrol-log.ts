/**
 * A check-in/check-out as the log the server takes. While checked in the phone keeps the GPS fixes
 * it trusts (the walk recorder's rule: ≤ 50 m accuracy, a step of 5 m or 30 s); at check-out they
 * become the track. One usable position makes a point; none at all (GPS denied or never fixed)
 * falls back to the target's own centre, so the visit the patrol reports still counts there —
 * the screen says so before it happens.
 */
import type { LineString, Point } from 'geojson';
import type { PatrolLogBody, TrackFix } from '../../field/outbox/types';

export interface OpenCheckIn {
  /** The log's client id: the same id however often the outbox sends it. */
  logId: string;
  userId: number;
  planId: string;
  targetId: string;
  place: string;
  unit: string;
  startedAt: string;
  /** Trusted fixes since check-in, oldest first. */
  fixes: TrackFix[];
  /** [lng, lat] of the target, for a check-out without any fix. */
  fallback: [number, number];
}

export interface CheckOut {
  body: PatrolLogBody;
  /** How the place was recorded, for the message after check-out. */
  source: 'track' | 'point' | 'target';
}

const samePosition = (a: TrackFix, b: TrackFix) => a[0] === b[0] && a[1] === b[1];

export function checkOut(open: OpenCheckIn, endedAt: Date): CheckOut {
  // A log cannot end before it starts, whatever the phone's clock did meanwhile.
  const ended = new Date(Math.max(endedAt.getTime(), Date.parse(open.startedAt))).toISOString();
  const base = { id: open.logId, planId: open.planId, unit: open.unit, startedAt: open.startedAt, endedAt: ended };
  const distinct = open.fixes.filter((fix, i) => i === 0 || !samePosition(fix, open.fixes[i - 1]!));
  if (distinct.length >= 2) {
    const track: LineString = { type: 'LineString', coordinates: distinct.map(([lng, lat]) => [lng, lat]) };
    return { body: { ...base, track }, source: 'track' };
  }
  const only = distinct[0];
  const location: Point = { type: 'Point', coordinates: only ? [only[0], only[1]] : [...open.fallback] };
  return { body: { ...base, location }, source: only ? 'point' : 'target' };
}

/** Whole minutes since check-in, never negative. */
export function minutesSince(startedAt: string, now: number): number {
  return Math.max(0, Math.floor((now - Date.parse(startedAt)) / 60_000));
}
