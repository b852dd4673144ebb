import { describe, expect, it } from 'vitest';
import { batchDue, distanceMeters, keepFix, MAX_SILENCE_MS } from '../../../web/src/field/track-filter';
import { circlePolygon, insidePolygons } from '../../../web/src/field/geometry';
import { fitWithin } from '../../../web/src/field/photo';
import { fromLocalInput, resolveTime, withOffset } from '../../../web/src/field/time';
import type { TrackFix } from '../../../web/src/field/outbox/types';

const at = (seconds: number) => new Date(Date.UTC(2026, 5, 12, 18, 0, seconds)).toISOString();
const fix = (lng: number, lat: number, seconds: number, accuracy = 8): TrackFix => [lng, lat, at(seconds), accuracy];

describe('which GPS fixes a walk keeps', () => {
  it('measures distance on the sphere: 0.001° of latitude is ~111 m', () => {
    expect(distanceMeters([16.5, 59.37], [16.5, 59.371])).toBeCloseTo(111.2, 0);
    // The [lng, lat] order matters: a degree of longitude is shorter up north.
    expect(distanceMeters([16.5, 59.37], [16.501, 59.37])).toBeCloseTo(56.8, 0);
  });

  it('keeps the first precise fix, and leaves out imprecise ones', () => {
    expect(keepFix(null, fix(16.5, 59.37, 0))).toBe(true);
    expect(keepFix(null, fix(16.5, 59.37, 0, 80))).toBe(false);
    expect(keepFix(null, [16.5, 59.37, at(0), Number.NaN])).toBe(false);
  });

  it('leaves out a phone standing still, but keeps one fix every 30 s while it does', () => {
    const last = fix(16.5, 59.37, 0);
    expect(keepFix(last, fix(16.50001, 59.37001, 5))).toBe(false);
    expect(keepFix(last, fix(16.50001, 59.37001, MAX_SILENCE_MS / 1000))).toBe(true);
    expect(keepFix(last, fix(16.5002, 59.37, 5))).toBe(true);
  });

  it('never keeps two fixes with the same time or one going back in time (the server keys fixes by time)', () => {
    const last = fix(16.5, 59.37, 10);
    expect(keepFix(last, fix(16.51, 59.37, 10))).toBe(false);
    expect(keepFix(last, fix(16.51, 59.37, 9))).toBe(false);
  });

  it('sends a batch at 25 fixes or after a minute', () => {
    expect(batchDue(25, 0, 1)).toBe(true);
    expect(batchDue(3, 0, 59_999)).toBe(false);
    expect(batchDue(3, 0, 60_000)).toBe(true);
    expect(batchDue(0, 0, 120_000)).toBe(false);
  });
});

describe('map geometry of the forms', () => {
  it('draws the GPS accuracy as a closed ring of that radius around the position', () => {
    const ring = circlePolygon([16.5, 59.37], 35).coordinates[0]!;
    expect(ring[0]).toEqual(ring[ring.length - 1]);
    for (const point of ring) expect(distanceMeters([16.5, 59.37], point as [number, number])).toBeCloseTo(35, 0);
  });

  it('tells whether a place is inside the area, holes excluded', () => {
    const square = [[[0, 0], [10, 0], [10, 10], [0, 10], [0, 0]], [[4, 4], [6, 4], [6, 6], [4, 6], [4, 4]]] as [number, number][][];
    expect(insidePolygons([1, 1], [square])).toBe(true);
    expect(insidePolygons([5, 5], [square])).toBe(false);
    expect(insidePolygons([11, 5], [square])).toBe(false);
  });
});

describe('photos before they are queued', () => {
  it('shrinks a camera photo to 2048 px on the longest side, keeping its shape, and never enlarges', () => {
    expect(fitWithin(4032, 3024)).toEqual({ width: 2048, height: 1536 });
    expect(fitWithin(3000, 4000)).toEqual({ width: 1536, height: 2048 });
    expect(fitWithin(800, 600)).toEqual({ width: 800, height: 600 });
  });
});

describe('times in the report form', () => {
  it('writes ISO 8601 with the offset the phone has on that day', () => {
    const winter = fromLocalInput('2026-01-15T21:30')!;
    const summer = fromLocalInput('2026-07-15T21:30')!;
    expect(Date.parse(winter)).toBe(new Date(2026, 0, 15, 21, 30).getTime());
    expect(Date.parse(summer)).toBe(new Date(2026, 6, 15, 21, 30).getTime());
    expect(winter).toMatch(/^2026-01-15T21:30:00[+-]\d{2}:\d{2}$/);
    expect(fromLocalInput('')).toBeNull();
    expect(fromLocalInput('2026-02-30T10:00')).toBeNull();
  });

  it('takes "now", a chosen time, or a window whose end comes after its start', () => {
    const now = new Date(2026, 5, 12, 22, 0);
    expect(resolveTime({ mode: 'now', at: '', from: '', until: '' }, now)).toEqual({ observedAt: withOffset(now), observedUntil: null });
    expect(resolveTime({ mode: 'at', at: '2026-06-12T21:15', from: '', until: '' }, now)).toMatchObject({ observedUntil: null });
    expect(resolveTime({ mode: 'at', at: '', from: '', until: '' }, now)).toEqual({ error: 'missing' });
    expect(resolveTime({ mode: 'window', at: '', from: '2026-06-12T20:00', until: '2026-06-12T19:00' }, now)).toEqual({ error: 'order' });
    const window = resolveTime({ mode: 'window', at: '', from: '2026-06-12T20:00', until: '2026-06-12T21:00' }, now);
    expect('observedUntil' in window && Date.parse(window.observedUntil!) - Date.parse(window.observedAt)).toBe(3_600_000);
  });
});
