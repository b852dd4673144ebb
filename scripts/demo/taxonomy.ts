/** The default report taxonomy codes (DESIGN §3) and how severe each kind of report tends to be. */

export const REPORT_CATEGORIES = [
  'skadegorelse', 'klotter', 'nedskrapning', 'brand', 'otrygg-samling', 'narkotika', 'alkohol',
  'vald', 'stold', 'trafik', 'ordningsstorning', 'otrygg-plats', 'ovrigt',
] as const;

export type ReportCategory = (typeof REPORT_CATEGORIES)[number];

export type Severity = 1 | 2 | 3;

/** Relative weights of severity 1, 2, 3. Most reports are minor; violence and fires less so. */
const DEFAULT_SEVERITY: readonly [number, number, number] = [0.6, 0.32, 0.08];

export const SEVERITY_WEIGHTS: Readonly<Record<ReportCategory, readonly [number, number, number]>> = {
  skadegorelse: [0.55, 0.35, 0.1],
  klotter: [0.7, 0.25, 0.05],
  nedskrapning: [0.78, 0.2, 0.02],
  brand: [0.3, 0.45, 0.25],
  'otrygg-samling': [0.5, 0.38, 0.12],
  narkotika: [0.35, 0.45, 0.2],
  alkohol: [0.6, 0.32, 0.08],
  vald: [0.15, 0.4, 0.45],
  stold: [0.5, 0.38, 0.12],
  trafik: [0.45, 0.4, 0.15],
  ordningsstorning: [0.5, 0.38, 0.12],
  'otrygg-plats': [0.6, 0.34, 0.06],
  ovrigt: DEFAULT_SEVERITY,
};
