/**
 * Which GPS fixes of a walk to keep. A phone standing still reports a new fix every second or so,
 * each a few metres off; keeping them all would draw a scribble and fill the outbox. A fix is kept
 * when it is precise enough and either far enough from the last kept one or a while after it.
 */
import type { TrackFix } from './outbox/types';

export const MAX_ACCURACY_METERS = 50;
export const MIN_STEP_METERS = 5;
export const MAX_SILENCE_MS = 30_000;

const EARTH_RADIUS_METERS = 6_371_008.8;

/** Great-circle distance in metres between two [lng, lat] positions. */
export function distanceMeters(a: readonly [number, number], b: readonly [number, number]): number {
  const rad = Math.PI / 180;
  const dLat = (b[1] - a[1]) * rad;
  const dLng = (b[0] - a[0]) * rad;
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(a[1] * rad) * Math.cos(b[1] * rad) * Math.sin(dLng / 2) ** 2;
  return 2 * EARTH_RADIUS_METERS * Math.asin(Math.min(1, Math.sqrt(h)));
}

/** Whether to keep `fix` after `last` (the last kept fix, or null at the start). */
export function keepFix(last: TrackFix | null, fix: TrackFix): boolean {
  if (!(fix[3] <= MAX_ACCURACY_METERS)) return false;
  if (!last) return true;
  const dt = Date.parse(fix[2]) - Date.parse(last[2]);
  // The server keys fixes by time: never two with the same time, never one going back.
  if (!(dt > 0)) return false;
  return distanceMeters([last[0], last[1]], [fix[0], fix[1]]) >= MIN_STEP_METERS || dt >= MAX_SILENCE_MS;
}

/** A batch goes to the outbox when it is this big or this old (and at pause, finish and each finding). */
export const BATCH_POINTS = 25;
export const BATCH_AGE_MS = 60_000;

export function batchDue(buffered: number, flushedAt: number, now: number): boolean {
  return buffered >= BATCH_POINTS || (buffered > 0 && now - flushedAt >= BATCH_AGE_MS);
}
