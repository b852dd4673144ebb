/**
 * A hand-made set of patrol logs and the dosage expected of them, worked out by hand. Shared by
 * the dosage API test (test/patrols-api/dosage.test.ts) and the demo report, so both show the
 * same figures. September 2026: Stockholm is UTC+2; W38 = Mon 14 – Sun 20 Sep, W39 = 21 – 27 Sep.
 */
import { cellToLatLng, latLngToCell } from 'h3-js';

const local = (s: string) => `${s}+02:00`;
const line = (from: [number, number], to: [number, number]) => ({ type: 'LineString', coordinates: [from, to] });
const point = (lng: number, lat: number) => ({ type: 'Point', coordinates: [lng, lat] });

/** Target A: a zone, the rectangle 16.50–16.51 E × 59.370–59.375 N. */
export const RECT = { type: 'Polygon', coordinates: [[[16.5, 59.37], [16.51, 59.37], [16.51, 59.375], [16.5, 59.375], [16.5, 59.37]]] };
/** Target B: one res-9 cell north-east of A. */
export const B_CELL = latLngToCell(59.4, 16.55, 9);
const [bLat, bLng] = cellToLatLng(B_CELL);

export const PLAN_PERIOD = { from: '2026-09-14', to: '2026-09-28' };

/** A: Friday 18–21 (18:00–22:00, slots 18–20 and 20–22), 2 visits of 15 min. B: Saturday 22-1 (22:00–02:00, slots 22–24 and Sunday 00–02), 2 visits of 12 min. */
export const planTargets = (zoneId: string) => [
  { zoneId, windows: [{ weekdays: [4], hours: '18-21' }], dwellMinutes: 15, visitsPerWeek: 2, priority: 1 },
  { cells: [B_CELL], windows: [{ weekdays: [5], hours: '22-1' }], dwellMinutes: 12, visitsPerWeek: 2, priority: 2, unit: 'Patrull 2215' },
];

/** planRef: 'this' = the plan, 'other' = another plan, absent = no plan. */
export const HAND_MADE_LOGS: { label: string; why: string; planRef?: 'this' | 'other'; body: Record<string, unknown> }[] = [
  { label: 'L1', why: 'along 59.372 N from 16.49 to 16.52 E, Fri 18 Sep 18:30–19:30: a third inside A → 20 min; A slot 18–20', body: { startedAt: local('2026-09-18T18:30:00'), endedAt: local('2026-09-18T19:30:00'), track: line([16.49, 59.372], [16.52, 59.372]) } },
  { label: 'L2', why: 'a stop inside A, Fri 18 Sep 20:10–20:25 → 15 min; A slot 20–22', body: { startedAt: local('2026-09-18T20:10:00'), endedAt: local('2026-09-18T20:25:00'), location: point(16.505, 59.3725) } },
  { label: 'L3', why: 'a track along 59.38 N: touches neither target', body: { startedAt: local('2026-09-18T21:00:00'), endedAt: local('2026-09-18T21:40:00'), track: line([16.49, 59.38], [16.52, 59.38]) } },
  { label: 'L4', why: 'a stop in B, Sat 19 Sep 23:00–23:14 → 14 min; B slot 22–24', body: { startedAt: local('2026-09-19T23:00:00'), endedAt: local('2026-09-19T23:14:00'), location: point(bLng, bLat) } },
  { label: 'L5', why: 'inside A in W39 but logged under another plan: not counted', planRef: 'other', body: { startedAt: local('2026-09-25T19:00:00'), endedAt: local('2026-09-25T19:15:00'), location: point(16.505, 59.3725) } },
  { label: 'L6', why: 'along 59.371 N from 16.5075 to 16.5175, Thu 24 Sep 12:00–12:40: a quarter inside A → 10 min; no window on Thursday', body: { startedAt: local('2026-09-24T12:00:00'), endedAt: local('2026-09-24T12:40:00'), track: line([16.5075, 59.371], [16.5175, 59.371]) } },
  { label: 'L7', why: 'inside A on Sun 13 Sep, before the plan: not counted', body: { startedAt: local('2026-09-13T20:00:00'), endedAt: local('2026-09-13T20:30:00'), location: point(16.505, 59.3725) } },
  { label: 'L8', why: 'in B on Sun 27 Sep 01:00–01:20 → 20 min; the 00–02 slot of Saturday 26’s window', planRef: 'this', body: { startedAt: local('2026-09-27T01:00:00'), endedAt: local('2026-09-27T01:20:00'), location: point(bLng, bLat) } },
];

/** [week, plannedVisits, doneVisits, plannedMinutes, doneMinutes, windowCoverage] per target, by hand. */
export const EXPECTED_DOSAGE = [
  // A, W38: L1 + L2 = 2 visits, 20 + 15 = 35 min, both Friday slots → 1. W39: L6 only (L5 is another plan's), 10 min, 0 of 2 slots.
  [
    ['2026-W38', 2, 2, 30, 35, 1],
    ['2026-W39', 2, 1, 30, 10, 0],
  ],
  // B, W38: L4, 14 min, 1 of 2 slots. W39: L8, 20 min, 1 of 2 slots.
  [
    ['2026-W38', 2, 1, 24, 14, 0.5],
    ['2026-W39', 2, 1, 24, 20, 0.5],
  ],
];
