/**
 * Report sources: each row is one recurring pattern ("fights on the square on Friday and
 * Saturday nights", "moped joyriding in Lagersberg in summer"). A place can have several.
 * Everything that makes the demo look real is tuned here, as data; time-profile.ts and
 * model.ts turn it into sampling tables.
 */
import type { ReportCategory } from './taxonomy.js';

/** Monday = 0 … Sunday = 6. */
const ALL_DAYS = [0, 1, 2, 3, 4, 5, 6] as const;
const WEEKDAYS = [0, 1, 2, 3, 4] as const;
const THURSDAY = [3] as const;
const FRI_SAT = [4, 5] as const;
const WEEKEND = [5, 6] as const;

/** Hours [from, to) on each listed day; when to ≤ from the window runs past midnight into the next day. */
export interface WeeklyWindow {
  days: readonly number[];
  from: number;
  to: number;
  weight: number;
}

/** Like WeeklyWindow, for one calendar date each year (Valborg, New Year's Eve). */
export interface AnnualWindow {
  month: number;
  day: number;
  from: number;
  to: number;
  weight: number;
}

/** Multipliers for the middle of each month, January first; interpolated between months. */
export type SeasonCurve = readonly [number, number, number, number, number, number, number, number, number, number, number, number];

/** Breakpoints [age in days before `now`, multiplier], oldest first; interpolated linearly. */
export type Trend = readonly (readonly [ageDays: number, factor: number])[];

export interface ReportSource {
  key: string;
  /** Reports gather around one of these places (chosen uniformly); empty means anywhere in the area. */
  placeKeys: readonly string[];
  /** Relative share of all reports. */
  share: number;
  /** Standard deviation of the scatter around the place (or across a linear place). */
  spreadMeters: number;
  categories: Partial<Record<ReportCategory, number>>;
  /** Weight of ordinary background activity, times the diurnal curve, in every hour. */
  baseline: number;
  weekly: readonly WeeklyWindow[];
  annual?: readonly AnnualWindow[];
  season: SeasonCurve;
  /** Multiplier while schools are closed (1 or absent: unaffected). */
  schoolHolidayFactor?: number;
  trend?: Trend;
  /** Relative readiness of each organisation (by key) to report here; combined with CATEGORY_AFFINITY. */
  reporters: Readonly<Record<string, number>>;
}

export const SEASON = {
  flat: [1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1],
  general: [0.8, 0.75, 0.85, 0.95, 1.1, 1.2, 1.3, 1.25, 1.05, 0.95, 0.85, 0.9],
  outdoor: [0.3, 0.3, 0.45, 0.8, 1.4, 2.0, 2.4, 2.1, 1.2, 0.6, 0.4, 0.35],
  nightlife: [0.85, 0.8, 0.9, 0.95, 1.05, 1.15, 1.2, 1.15, 1.05, 1.0, 0.95, 1.2],
  shopping: [0.9, 0.8, 0.85, 0.9, 0.95, 0.95, 1.0, 1.0, 0.95, 1.0, 1.15, 1.6],
  moped: [0.05, 0.05, 0.2, 0.8, 1.6, 2.0, 2.2, 2.0, 1.2, 0.5, 0.1, 0.05],
  sports: [0.3, 0.3, 0.6, 1.1, 1.4, 1.3, 0.9, 1.3, 1.4, 1.1, 0.6, 0.3],
} as const satisfies Record<string, SeasonCurve>;

/** A new tillhåll: almost nothing until two months ago, then it heats up over six weeks. */
const EMERGING: Trend = [[400, 0.05], [62, 0.05], [20, 1], [0, 1]];
/** Foot patrols from month six of the year (a medborgarlöfte) push it down to a fifth. */
const FADING: Trend = [[400, 1], [183, 1], [160, 0.2], [0, 0.2]];

const VALBORG: AnnualWindow = { month: 4, day: 30, from: 15, to: 4, weight: 1 };
const NEW_YEARS_EVE: AnnualWindow = { month: 12, day: 31, from: 18, to: 4, weight: 1 };

/** Evenings and weekends when schools stand empty. */
const AFTER_SCHOOL: readonly WeeklyWindow[] = [
  { days: WEEKDAYS, from: 18, to: 23, weight: 4 },
  { days: WEEKEND, from: 14, to: 24, weight: 3 },
  { days: FRI_SAT, from: 0, to: 2, weight: 1 },
];

export const REPORT_SOURCES: readonly ReportSource[] = [
  {
    key: 'krog-helgnatt', placeKeys: ['krogstraket'], share: 9, spreadMeters: 70,
    categories: { vald: 3, alkohol: 3, ordningsstorning: 4, skadegorelse: 0.5, nedskrapning: 0.5 },
    baseline: 0.6, season: SEASON.nightlife,
    weekly: [{ days: FRI_SAT, from: 22, to: 4, weight: 10 }, { days: THURSDAY, from: 22, to: 2, weight: 2 }],
    reporters: { polisen: 5, malarvakt: 3, kommunen: 1, 'fristaden-fastigheter': 1, faltgruppen: 1 },
  },
  {
    key: 'centrum-dagtid', placeKeys: ['krogstraket'], share: 3, spreadMeters: 140,
    categories: { stold: 3, klotter: 2, nedskrapning: 2, 'otrygg-samling': 1, ordningsstorning: 1 },
    baseline: 0.3, season: SEASON.general,
    weekly: [{ days: ALL_DAYS, from: 10, to: 19, weight: 2 }],
    reporters: { 'fristaden-fastigheter': 3, malarvakt: 2, polisen: 1, kommunen: 1 },
  },
  {
    key: 'resecentrum', placeKeys: ['resecentrum'], share: 10, spreadMeters: 80,
    categories: { narkotika: 3, stold: 3, 'otrygg-samling': 3, ordningsstorning: 2, alkohol: 1, vald: 1 },
    baseline: 1, season: SEASON.general,
    weekly: [
      { days: WEEKDAYS, from: 6, to: 9, weight: 3 },
      { days: WEEKDAYS, from: 15, to: 18, weight: 3 },
      { days: ALL_DAYS, from: 19, to: 1, weight: 4 },
    ],
    reporters: { polisen: 4, malarvakt: 3, faltgruppen: 2, kommunen: 1, 'fristaden-fastigheter': 1 },
  },
  {
    key: 'stadsparken', placeKeys: ['stadsparken'], share: 7, spreadMeters: 110,
    categories: { nedskrapning: 4, alkohol: 3, 'otrygg-samling': 3, narkotika: 1, ordningsstorning: 1 },
    baseline: 0.3, season: SEASON.outdoor,
    weekly: [
      { days: ALL_DAYS, from: 17, to: 24, weight: 4 },
      { days: FRI_SAT, from: 22, to: 2, weight: 3 },
      { days: WEEKEND, from: 12, to: 17, weight: 2 },
    ],
    reporters: { kommunen: 3, polisen: 2, faltgruppen: 2, malarvakt: 1 },
  },
  {
    key: 'fritidsgard', placeKeys: ['fritidsgard'], share: 7, spreadMeters: 150,
    categories: { 'otrygg-samling': 4, skadegorelse: 3, narkotika: 2, klotter: 1, brand: 0.5 },
    baseline: 0.3, season: SEASON.general, schoolHolidayFactor: 0.5,
    weekly: [{ days: WEEKDAYS, from: 17, to: 22, weight: 8 }, { days: [4], from: 22, to: 24, weight: 2 }],
    reporters: { fritidsgarden: 4, faltgruppen: 3, polisen: 2, tunabo: 1 },
  },
  {
    key: 'skola-lagersberg', placeKeys: ['skola-lagersberg'], share: 3.5, spreadMeters: 60,
    categories: { klotter: 4, skadegorelse: 3, brand: 1.5, nedskrapning: 1, 'otrygg-samling': 1 },
    baseline: 0.2, season: SEASON.general, schoolHolidayFactor: 0.35, weekly: AFTER_SCHOOL,
    reporters: { lagersbergsskolan: 5, polisen: 1, malarvakt: 1, kommunen: 1 },
  },
  {
    key: 'skola-rinman', placeKeys: ['skola-rinman'], share: 3, spreadMeters: 60,
    categories: { klotter: 4, skadegorelse: 3, brand: 1, nedskrapning: 1, 'otrygg-samling': 1 },
    baseline: 0.2, season: SEASON.general, schoolHolidayFactor: 0.35, weekly: AFTER_SCHOOL,
    reporters: { rinmansskolan: 5, polisen: 1, malarvakt: 1, kommunen: 1 },
  },
  {
    key: 'lagersberg-boende', placeKeys: ['lagersberg'], share: 8, spreadMeters: 160,
    categories: { skadegorelse: 4, brand: 2, narkotika: 2, nedskrapning: 2, 'otrygg-samling': 1, stold: 1, vald: 0.5 },
    baseline: 0.5, season: SEASON.general,
    weekly: [{ days: ALL_DAYS, from: 18, to: 24, weight: 3 }, { days: FRI_SAT, from: 0, to: 3, weight: 2 }],
    reporters: { tunabo: 5, polisen: 2, faltgruppen: 1, kommunen: 1 },
  },
  {
    key: 'lagersberg-buskorning', placeKeys: ['lagersberg'], share: 2.5, spreadMeters: 260,
    categories: { trafik: 1 },
    baseline: 0.1, season: SEASON.moped,
    weekly: [{ days: ALL_DAYS, from: 16, to: 23, weight: 5 }],
    reporters: { polisen: 3, tunabo: 2, kommunen: 1 },
  },
  {
    key: 'tunapark', placeKeys: ['tunapark'], share: 6, spreadMeters: 120,
    categories: { stold: 5, 'otrygg-samling': 2, skadegorelse: 1, ordningsstorning: 1, nedskrapning: 1, trafik: 0.5 },
    baseline: 0.2, season: SEASON.shopping,
    weekly: [{ days: ALL_DAYS, from: 10, to: 20, weight: 4 }, { days: FRI_SAT, from: 18, to: 22, weight: 2 }],
    reporters: { malarvakt: 4, 'fristaden-fastigheter': 3, polisen: 2, kommunen: 0.5 },
  },
  {
    key: 'tunavallen', placeKeys: ['tunavallen'], share: 2.5, spreadMeters: 110,
    categories: { nedskrapning: 3, skadegorelse: 2, ordningsstorning: 2, 'otrygg-samling': 2, klotter: 1, alkohol: 1 },
    baseline: 0.2, season: SEASON.sports,
    weekly: [{ days: WEEKEND, from: 13, to: 18, weight: 4 }, { days: WEEKDAYS, from: 18, to: 22, weight: 2 }],
    reporters: { kommunen: 3, polisen: 2, malarvakt: 2 },
  },
  {
    key: 'strandpromenaden', placeKeys: ['strandpromenaden'], share: 3.5, spreadMeters: 25,
    categories: { 'otrygg-plats': 4, 'otrygg-samling': 2, narkotika: 2, nedskrapning: 2, alkohol: 1, vald: 0.5 },
    baseline: 0.3, season: SEASON.outdoor,
    weekly: [{ days: ALL_DAYS, from: 18, to: 24, weight: 3 }, { days: ALL_DAYS, from: 0, to: 3, weight: 1 }],
    reporters: { kommunen: 3, polisen: 2, faltgruppen: 1 },
  },
  {
    key: 'munktell-parkering', placeKeys: ['munktell-parkering'], share: 2.5, spreadMeters: 50,
    categories: { 'otrygg-samling': 4, narkotika: 3, skadegorelse: 2, klotter: 2, brand: 0.5 },
    baseline: 0.2, season: SEASON.general, trend: EMERGING,
    weekly: [{ days: ALL_DAYS, from: 19, to: 2, weight: 6 }],
    reporters: { malarvakt: 3, polisen: 3, 'fristaden-fastigheter': 2, faltgruppen: 1 },
  },
  {
    key: 'nyfors-centrum', placeKeys: ['nyfors-centrum'], share: 4, spreadMeters: 90,
    categories: { narkotika: 4, 'otrygg-samling': 3, ordningsstorning: 2, vald: 1, skadegorelse: 1 },
    baseline: 0.3, season: SEASON.general, trend: FADING,
    weekly: [{ days: ALL_DAYS, from: 16, to: 23, weight: 5 }],
    reporters: { polisen: 4, faltgruppen: 2, kommunen: 1, tunabo: 1 },
  },
  {
    key: 'vagar', placeKeys: ['malarvagen', 'vasterleden', 'nyforsgatan'], share: 5, spreadMeters: 15,
    categories: { trafik: 1 },
    baseline: 1, season: SEASON.general,
    weekly: [
      { days: WEEKDAYS, from: 7, to: 9, weight: 3 },
      { days: WEEKDAYS, from: 15, to: 18, weight: 3 },
      { days: FRI_SAT, from: 21, to: 3, weight: 2 },
    ],
    reporters: { polisen: 4, kommunen: 1 },
  },
  {
    key: 'bakgrund', placeKeys: [], share: 12, spreadMeters: 0,
    categories: { ovrigt: 3, 'otrygg-plats': 3, nedskrapning: 3, klotter: 3, skadegorelse: 2, stold: 1, trafik: 1 },
    baseline: 1, season: SEASON.general, weekly: [],
    reporters: { kommunen: 3, polisen: 2, tunabo: 2, 'fristaden-fastigheter': 1, malarvakt: 1, faltgruppen: 1 },
  },
  {
    key: 'valborg', placeKeys: ['stadsparken', 'krogstraket'], share: 1, spreadMeters: 200,
    categories: { alkohol: 4, nedskrapning: 3, ordningsstorning: 3, vald: 1, 'otrygg-samling': 1 },
    baseline: 0, season: SEASON.flat, weekly: [], annual: [VALBORG],
    reporters: { polisen: 3, kommunen: 2, malarvakt: 1, faltgruppen: 1 },
  },
  {
    key: 'nyarsafton', placeKeys: ['krogstraket', 'lagersberg', 'fritidsgard', 'nyfors-centrum'], share: 1, spreadMeters: 350,
    categories: { brand: 5, ordningsstorning: 3, skadegorelse: 2, vald: 0.5 },
    baseline: 0, season: SEASON.flat, weekly: [], annual: [NEW_YEARS_EVE],
    reporters: { polisen: 3, tunabo: 2, kommunen: 1, malarvakt: 1 },
  },
];
