import { booleanClockwise, booleanPointInPolygon, booleanValid, distance, kinks, multiPolygon, polygon } from '@turf/turf';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  DEMO_PASSWORD,
  generateDemoData,
  generateReports,
  REPORT_CATEGORIES,
  summarizeDemoData,
  type DemoData,
  type DemoReport,
} from '../../scripts/demo/generate.js';

const NOW = new Date('2026-03-15T10:00:00Z');
const DAY_MS = 86_400_000;
const YEAR_MS = 365 * DAY_MS;

/** Local weekday (Monday = 0) and hour in Stockholm, computed independently of the generator. */
const stockholm = new Intl.DateTimeFormat('en-GB', { timeZone: 'Europe/Stockholm', weekday: 'short', hour: '2-digit', hourCycle: 'h23' });
const WEEKDAY_INDEX: Record<string, number> = { Mon: 0, Tue: 1, Wed: 2, Thu: 3, Fri: 4, Sat: 5, Sun: 6 };
const stockholmMonthDay = new Intl.DateTimeFormat('en-GB', { timeZone: 'Europe/Stockholm', month: 'numeric', day: 'numeric' });

function localWeekdayHour(instant: Date): { weekday: number; hour: number } {
  const parts = stockholm.formatToParts(instant);
  return {
    weekday: WEEKDAY_INDEX[parts.find((p) => p.type === 'weekday')!.value]!,
    hour: Number(parts.find((p) => p.type === 'hour')!.value),
  };
}

function localMonthDay(instant: Date): string {
  const parts = stockholmMonthDay.formatToParts(instant);
  return `${Number(parts.find((p) => p.type === 'month')!.value)}-${Number(parts.find((p) => p.type === 'day')!.value)}`;
}

/** Friday or Saturday evening 22–24, or the small hours (00–04) of Saturday or Sunday. */
function isWeekendNight(instant: Date): boolean {
  const { weekday, hour } = localWeekdayHour(instant);
  return ((weekday === 4 || weekday === 5) && hour >= 22) || ((weekday === 5 || weekday === 6) && hour < 4);
}

let demo: DemoData;

beforeAll(() => {
  demo = generateDemoData({ now: NOW });
});

function place(key: string): { lng: number; lat: number } {
  const found = demo.places.find((p) => p.key === key);
  if (!found) throw new Error(`no place ${key}`);
  return found;
}

function reportsNear(key: string, radiusMetres: number, categories?: readonly string[]): DemoReport[] {
  const { lng, lat } = place(key);
  return demo.reports.filter(
    (r) =>
      (categories === undefined || categories.includes(r.category)) &&
      distance([lng, lat], [r.lng, r.lat], { units: 'meters' }) <= radiusMetres,
  );
}

describe('determinism', () => {
  it('gives byte-identical output for the same seed and now', () => {
    expect(JSON.stringify(generateDemoData({ now: NOW }))).toBe(JSON.stringify(demo));
  });

  it('gives different reports for a different seed', () => {
    const other = generateDemoData({ now: NOW, seed: 7, reportCount: 200 });
    expect(other.reports.map((r) => r.id)).not.toEqual(demo.reports.slice(0, 200).map((r) => r.id));
  });

  it('streams the same reports from generateReports as generateDemoData collects', () => {
    const streamed = Array.from(generateReports({ now: NOW, reportCount: 500 }));
    expect(JSON.stringify(streamed)).toBe(JSON.stringify(demo.reports.slice(0, 500)));
  });
});

describe('reports', () => {
  it('has 20,000 reports by default and exactly the requested count otherwise', () => {
    expect(demo.reports).toHaveLength(20_000);
    expect(generateDemoData({ now: NOW, reportCount: 0 }).reports).toHaveLength(0);
    expect(generateDemoData({ now: NOW, reportCount: 1234 }).reports).toHaveLength(1234);
  });

  it('puts every report inside the area boundary', () => {
    const outside = demo.reports.filter((r) => !booleanPointInPolygon([r.lng, r.lat], demo.area.boundary));
    expect(outside).toEqual([]);
  });

  it('places every report in the 365 days before now, none in the future', () => {
    const nowMs = NOW.getTime();
    for (const r of demo.reports) {
      expect(r.observedAt.getTime()).toBeLessThanOrEqual(nowMs);
      expect(r.observedAt.getTime()).toBeGreaterThanOrEqual(nowMs - YEAR_MS);
    }
  });

  it('gives about 5 % a time window of at most a few hours that ends by now', () => {
    const windowed = demo.reports.filter((r) => r.observedUntil !== null);
    expect(windowed.length / demo.reports.length).toBeGreaterThan(0.04);
    expect(windowed.length / demo.reports.length).toBeLessThan(0.06);
    for (const r of windowed) {
      const spanMs = r.observedUntil!.getTime() - r.observedAt.getTime();
      expect(spanMs).toBeGreaterThan(0);
      expect(spanMs).toBeLessThanOrEqual(4 * 3_600_000);
      expect(r.observedUntil!.getTime()).toBeLessThanOrEqual(NOW.getTime());
    }
  });

  it('uses only the report taxonomy codes, and every one of them', () => {
    const used = new Set(demo.reports.map((r) => r.category));
    expect([...used].sort()).toEqual([...REPORT_CATEGORIES].sort());
  });

  it('has unique UUID v4-shaped ids', () => {
    const ids = demo.reports.map((r) => r.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const id of ids) expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  });

  it('is mostly of severity 1–2, with violence more often severe', () => {
    const share3 = (rs: DemoReport[]) => rs.filter((r) => r.severity === 3).length / rs.length;
    expect(demo.reports.every((r) => r.severity >= 1 && r.severity <= 3)).toBe(true);
    expect(share3(demo.reports)).toBeLessThan(0.2);
    expect(share3(demo.reports.filter((r) => r.category === 'vald'))).toBeGreaterThan(0.35);
  });

  it('has short non-empty Swedish descriptions with every placeholder filled', () => {
    for (const r of demo.reports) {
      expect(r.description.length).toBeGreaterThan(5);
      expect(r.description.length).toBeLessThan(140);
      expect(r.description).not.toMatch(/[{}]/);
    }
  });

  it('defaults now to the current time', () => {
    const before = Date.now();
    const { reports } = generateDemoData({ reportCount: 100 });
    for (const r of reports) {
      expect(r.observedAt.getTime()).toBeLessThanOrEqual(Date.now());
      expect(r.observedAt.getTime()).toBeGreaterThanOrEqual(before - YEAR_MS);
    }
  });

  it('rejects a negative or fractional report count', () => {
    expect(() => generateDemoData({ now: NOW, reportCount: -1 })).toThrow(RangeError);
    expect(() => generateDemoData({ now: NOW, reportCount: 1.5 })).toThrow(RangeError);
  });
});

describe('patterns', () => {
  it('gives the nightlife street a clear Friday/Saturday-night peak in local time', () => {
    const nightlife = reportsNear('krogstraket', 150, ['vald', 'alkohol', 'ordningsstorning']);
    const weekendNightShare = nightlife.filter((r) => isWeekendNight(r.observedAt)).length / nightlife.length;
    expect(nightlife.length).toBeGreaterThan(500);
    // Those 12 hours are 7 % of the week; here they hold well over half the reports.
    expect(weekendNightShare).toBeGreaterThan(0.5);
  });

  it('lets the emerging place heat up: more reports in the last 2 months than in the 10 before', () => {
    const cutoff = NOW.getTime() - 61 * DAY_MS;
    const near = reportsNear('munktell-parkering', 150);
    const recent = near.filter((r) => r.observedAt.getTime() >= cutoff).length;
    expect(recent).toBeGreaterThan(2 * (near.length - recent));
  });

  it('lets the fading place cool down after month 6', () => {
    const halfway = NOW.getTime() - 182 * DAY_MS;
    const near = reportsNear('nyfors-centrum', 200);
    const secondHalf = near.filter((r) => r.observedAt.getTime() >= halfway).length;
    expect(secondHalf).toBeLessThan(0.5 * (near.length - secondHalf));
  });

  it('has more reports in July than in February', () => {
    const { byMonth } = summarizeDemoData(demo);
    expect(byMonth['2025-07']!).toBeGreaterThan(1.3 * byMonth['2026-02']!);
  });

  it('has a surge of fires on New Year’s Eve and of drinking on Valborg', () => {
    const perDay = (category: string, monthDay: string) =>
      demo.reports.filter((r) => r.category === category && localMonthDay(r.observedAt) === monthDay).length;
    const averageFiresPerDay = demo.reports.filter((r) => r.category === 'brand').length / 365;
    const averageDrinkingPerDay = demo.reports.filter((r) => r.category === 'alkohol').length / 365;
    expect(perDay('brand', '12-31')).toBeGreaterThan(10 * averageFiresPerDay);
    expect(perDay('alkohol', '4-30')).toBeGreaterThan(10 * averageDrinkingPerDay);
  });

  it('keeps school vandalism down in the summer holiday', () => {
    const atSchool = reportsNear('skola-lagersberg', 120, ['klotter', 'skadegorelse']);
    const month = (r: DemoReport) => r.observedAt.getUTCMonth() + 1;
    const july = atSchool.filter((r) => month(r) === 7).length;
    const october = atSchool.filter((r) => month(r) === 10).length;
    expect(july).toBeLessThan(october);
  });
});

describe('area, places, organisations and users', () => {
  it('names the area as synthetic demo data', () => {
    expect(demo.area.code).toBe('demo');
    expect(demo.area.name).toMatch(/syntetisk/);
  });

  it('has a valid, counter-clockwise MultiPolygon boundary with closed rings of 20–60 vertices', () => {
    const { boundary } = demo.area;
    expect(boundary.type).toBe('MultiPolygon');
    expect(booleanValid(boundary)).toBe(true);
    expect(kinks(multiPolygon(boundary.coordinates)).features).toHaveLength(0);
    for (const rings of boundary.coordinates) {
      const outer = rings[0]!;
      expect(outer[0]).toEqual(outer[outer.length - 1]);
      expect(outer.length - 1).toBeGreaterThanOrEqual(20);
      expect(outer.length - 1).toBeLessThanOrEqual(60);
      expect(booleanClockwise(polygon([outer]).geometry.coordinates[0]!)).toBe(false);
    }
  });

  it('spans 6–12 km across', () => {
    const ring = demo.area.boundary.coordinates[0]![0]!;
    const lngs = ring.map((p) => p[0]!);
    const lats = ring.map((p) => p[1]!);
    const midLat = (Math.min(...lats) + Math.max(...lats)) / 2;
    const eastWest = distance([Math.min(...lngs), midLat], [Math.max(...lngs), midLat], { units: 'kilometers' });
    const northSouth = distance([lngs[0]!, Math.min(...lats)], [lngs[0]!, Math.max(...lats)], { units: 'kilometers' });
    expect(Math.max(eastWest, northSouth)).toBeGreaterThanOrEqual(6);
    expect(Math.max(eastWest, northSouth)).toBeLessThanOrEqual(12);
  });

  it('has every place inside the boundary', () => {
    for (const p of demo.places) expect(booleanPointInPolygon([p.lng, p.lat], demo.area.boundary), p.key).toBe(true);
  });

  it('resolves every organisation and reporter reference', () => {
    const organisationKeys = new Set(demo.organisations.map((o) => o.key));
    const usersByEmail = new Map(demo.users.map((u) => [u.email, u]));
    expect(usersByEmail.size).toBe(demo.users.length);
    expect(organisationKeys.size).toBe(demo.organisations.length);
    for (const user of demo.users) {
      if (user.organisationKey !== null) expect(organisationKeys.has(user.organisationKey), user.email).toBe(true);
    }
    for (const r of demo.reports) {
      const reporter = usersByEmail.get(r.reporterEmail);
      expect(reporter?.role).toBe('reporter');
      expect(reporter?.organisationKey).toBe(r.organisationKey);
    }
  });

  it('has the role accounts and one demo password of at least 12 characters', () => {
    const role = (email: string) => demo.users.find((u) => u.email === email)?.role;
    expect(role('admin@demo.tryggkarta.se')).toBe('admin');
    expect(role('planerare@demo.tryggkarta.se')).toBe('planner');
    expect(role('analytiker@demo.tryggkarta.se')).toBe('analyst');
    expect(role('rapportor@demo.tryggkarta.se')).toBe('reporter');
    expect(role('vandring@demo.tryggkarta.se')).toBe('walker');
    expect(DEMO_PASSWORD).toBe('demo-losenord-2026');
    expect(demo.users.every((u) => u.password === DEMO_PASSWORD)).toBe(true);
    expect(DEMO_PASSWORD.length).toBeGreaterThanOrEqual(12);
  });

  it('lets every organisation report, and plausibly: police report violence, schools graffiti', () => {
    const { byOrganisation } = summarizeDemoData(demo);
    for (const o of demo.organisations) expect(byOrganisation[o.key], o.key).toBeGreaterThan(0);
    const byOrg = (category: string) => {
      const counts = new Map<string, number>();
      for (const r of demo.reports) if (r.category === category) counts.set(r.organisationKey, (counts.get(r.organisationKey) ?? 0) + 1);
      return [...counts.entries()].sort((a, b) => b[1] - a[1])[0]![0];
    };
    expect(byOrg('vald')).toBe('polisen');
    expect(byOrg('narkotika')).toBe('polisen');
    const schoolKeys = demo.organisations.filter((o) => o.kind === 'skola').map((o) => o.key);
    expect(demo.reports.filter((r) => schoolKeys.includes(r.organisationKey)).every((r) => r.category !== 'vald')).toBe(true);
  });
});

describe('summarizeDemoData', () => {
  it('counts by category, organisation and local month, each adding up to the report count', () => {
    const summary = summarizeDemoData(demo);
    const total = (counts: Record<string, number>) => Object.values(counts).reduce((a, b) => a + b, 0);
    expect(summary.reportCount).toBe(20_000);
    expect(total(summary.byCategory)).toBe(20_000);
    expect(total(summary.byOrganisation)).toBe(20_000);
    expect(total(summary.byMonth)).toBe(20_000);
    expect(Object.keys(summary.byMonth)).toEqual([...Object.keys(summary.byMonth)].sort());
    for (const month of Object.keys(summary.byMonth)) expect(month).toMatch(/^\d{4}-\d{2}$/);
  });
});
