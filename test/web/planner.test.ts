/**
 * The planner views' pure logic: ISO week labels, period presets (incl. "same period last year"
 * across daylight saving), the URL state, map classification and the sentences built from numbers.
 */
import { describe, expect, it } from 'vitest';
import { sv } from '../../web/src/lib/i18n/sv';
import { en } from '../../web/src/lib/i18n/en';
import { dateOfIsoWeek, isoWeekDate, sameWeeksLastYear, weekSpan, weeksInYear } from '../../web/src/lib/iso-week';
import { presetRange, previousRange, rangeDays, rangeToWindow } from '../../web/src/lib/period';
import { carriesView, decodeHash, decodeView, DEFAULT_VIEW, encodeHash, encodeQuery, type PlannerView } from '../../web/src/views/planner/url-state';
import { changeSummary, countChanges, numberRepeats, weekLabel, type Translate } from '../../web/src/views/planner/wording';
import { CHANGE_STYLE, countBins, giColourExpression, GI_CLASSES, patternColourExpression, PATTERN_COLOURS, patternPixels, TRANSPARENT } from '../../web/src/views/planner/colours';
import { filtersOf, periodOf, referenceOf } from '../../web/src/views/planner/derive';
import { filtersInWords, shownCount } from '../../web/src/views/print/print-text';
import type { CompareCellProperties } from '../../web/src/views/planner/analytics-types';

const TZ = 'Europe/Stockholm';
const translator =
  (catalogue: Record<string, string>): Translate =>
  (key, params) =>
    catalogue[key]!.replace(/\{(\w+)\}/g, (whole, name: string) => (params && name in params ? String(params[name]) : whole));
const svT = translator(sv);
const enT = translator(en);

describe('ISO 8601 weeks', () => {
  it.each([
    ['2026-01-01', { year: 2026, week: 1, weekday: 4 }],
    ['2024-12-30', { year: 2025, week: 1, weekday: 1 }],
    ['2027-01-01', { year: 2026, week: 53, weekday: 5 }],
    ['2026-08-10', { year: 2026, week: 33, weekday: 1 }],
    ['2026-08-23', { year: 2026, week: 34, weekday: 7 }],
  ])('%s is %o', (date, expected) => {
    expect(isoWeekDate(date)).toEqual(expected);
    expect(dateOfIsoWeek(expected)).toBe(date);
  });

  it('knows which years have a week 53', () => {
    expect(weeksInYear(2026)).toBe(53);
    expect(weeksInYear(2025)).toBe(52);
    expect(weeksInYear(2020)).toBe(53);
  });

  it('labels a two-week period "v. 33–34", one week "v. 33", and a year end with both years', () => {
    expect(weekLabel({ fromDate: '2026-08-10', toDate: '2026-08-23' }, svT)).toBe('v. 33–34');
    expect(weekLabel({ fromDate: '2026-08-10', toDate: '2026-08-16' }, svT)).toBe('v. 33');
    expect(weekLabel({ fromDate: '2026-12-21', toDate: '2027-01-10' }, svT)).toBe('v. 52 2026 – v. 1 2027');
    expect(weekLabel({ fromDate: '2026-08-10', toDate: '2026-08-23' }, enT)).toBe('wk 33–34');
  });

  it('names the weeks a period touches, also when it starts mid-week', () => {
    expect(weekSpan({ fromDate: '2026-11-16', toDate: '2026-11-29' })).toEqual({ kind: 'span', first: 47, last: 48, year: 2026 });
    expect(weekSpan({ fromDate: '2026-11-18', toDate: '2026-12-01' })).toEqual({ kind: 'span', first: 47, last: 49, year: 2026 });
  });
});

describe('period presets in the area’s local days', () => {
  // Monday 30 November 2026, 00:30 in Stockholm (still Sunday in UTC).
  const justAfterMidnight = new Date('2026-11-29T23:30:00Z');

  it('makes "14 dagar" the 14 whole local days up to yesterday', () => {
    expect(presetRange('days14', TZ, justAfterMidnight)).toEqual({ fromDate: '2026-11-16', toDate: '2026-11-29' });
    expect(presetRange('weeks4', TZ, justAfterMidnight)).toEqual({ fromDate: '2026-11-02', toDate: '2026-11-29' });
    expect(presetRange('quarter', TZ, justAfterMidnight)).toEqual({ fromDate: '2026-08-30', toDate: '2026-11-29' });
    expect(presetRange('year', TZ, justAfterMidnight)).toEqual({ fromDate: '2025-11-30', toDate: '2026-11-29' });
  });

  it('makes the reference period A the same number of days just before', () => {
    const b = presetRange('days14', TZ, justAfterMidnight);
    expect(previousRange(b)).toEqual({ fromDate: '2026-11-02', toDate: '2026-11-15' });
    expect(rangeDays(previousRange(b))).toBe(14);
  });

  it('moves "same period last year" to the same ISO weeks and weekdays, across the spring DST change', () => {
    // 14 days ending Wednesday 1 April 2026 (v. 12–14) span the change to summer time on 29 March.
    const now = new Date('2026-04-02T10:00:00Z');
    const lastYear = presetRange('lastYear', TZ, now);
    expect(lastYear).toEqual({ fromDate: '2025-03-20', toDate: '2025-04-02' });
    expect(isoWeekDate(lastYear.fromDate)).toEqual({ year: 2025, week: 12, weekday: 4 });
    // 2025's change was on 30 March: the window starts in winter time and ends in summer time.
    expect(rangeToWindow(lastYear, TZ)).toEqual({ from: '2025-03-20T00:00:00+01:00', to: '2025-04-03T00:00:00+02:00' });
  });

  it('maps week 53 to week 52 in a year without one, keeping the length', () => {
    expect(sameWeeksLastYear({ fromDate: '2026-12-28', toDate: '2027-01-10' })).toEqual({ fromDate: '2025-12-22', toDate: '2026-01-04' });
  });

  it('compares with last year’s weeks when the compare view asks for it', () => {
    const view = { ...DEFAULT_VIEW, reference: 'lastYear' as const };
    const period = periodOf(view, TZ, justAfterMidnight);
    expect(referenceOf(view, period)).toEqual({ fromDate: '2025-11-17', toDate: '2025-11-30' });
  });
});

describe('the picture in the URL', () => {
  const full: PlannerView = {
    ...DEFAULT_VIEW,
    preset: 'custom',
    custom: { fromDate: '2026-08-10', toDate: '2026-08-23' },
    categories: ['vald', 'narkotika'],
    organisations: [3, 1],
    weekdays: [5, 4],
    hours: { from: 22, to: 3 },
    res: 10,
    colouring: 'gi',
    centroids: true,
    cell: '89088699e83ffff',
    reference: 'lastYear',
    trendStepDays: 7,
    trendBins: 26,
    findings: true,
    shared: true,
    map: { zoom: 13.25, lat: 59.37123, lng: 16.50987 },
  };

  it('leaves the defaults out, so the plain lägesbild has a bare URL', () => {
    expect(encodeQuery(DEFAULT_VIEW)).toBe('');
    expect(encodeHash(null)).toBe('');
    expect(carriesView('', '')).toBe(false);
  });

  it('writes every choice readably and reads it back unchanged', () => {
    const query = encodeQuery(full);
    expect(query).toBe(
      'period=custom&from=2026-08-10&to=2026-08-23&cat=narkotika,vald&org=1,3&wd=4,5&h=22-3&res=10&colour=gi&precision=all&cell=89088699e83ffff&ref=lastYear&step=7d&bins=26&findings=1&shared=1',
    );
    const hash = encodeHash(full.map);
    expect(hash).toBe('map=13.25/59.37123/16.50987');
    expect(decodeView(`?${query}`, `#${hash}`)).toEqual({ ...full, categories: ['narkotika', 'vald'], organisations: [1, 3], weekdays: [4, 5] });
    expect(carriesView(`?${query}`)).toBe(true);
  });

  it('keeps "no category" apart from "all categories"', () => {
    expect(encodeQuery({ ...DEFAULT_VIEW, categories: [] })).toBe('cat=');
    expect(decodeView('?cat=').categories).toEqual([]);
    expect(decodeView('').categories).toBeNull();
  });

  it('rounds the map position to what matters (0.01 zoom, about a metre)', () => {
    expect(encodeHash({ zoom: 12.3456, lat: 59.123456789, lng: 16.987654321 })).toBe('map=12.35/59.12346/16.98765');
  });

  it.each([
    ['?period=forever', { preset: 'days14' }],
    ['?period=custom&from=2026-08-23&to=2026-08-10', { preset: 'days14', custom: null }],
    ['?period=custom&from=2026-02-30&to=2026-03-10', { preset: 'days14', custom: null }],
    ['?cat=vald,<script>', { categories: null }],
    ['?wd=1,9', { weekdays: null }],
    ['?h=18-24', { hours: null }],
    ['?res=13', { res: null }],
    ['?colour=rainbow', { colouring: 'count' }],
    ['?cell=not-a-cell', { cell: null }],
    ['?step=5d&bins=500', { trendStepDays: 14, trendBins: 12 }],
  ])('falls back to the default for a bad value: %s', (search, expected) => {
    expect(decodeView(search)).toMatchObject(expected);
  });

  it('ignores a map position outside the world or Web Mercator', () => {
    expect(decodeHash('#map=12/91/16')).toBeNull();
    expect(decodeHash('#map=30/59/16')).toBeNull();
    expect(decodeHash('#map=12/59.3/16.5')).toEqual({ zoom: 12, lat: 59.3, lng: 16.5 });
  });

  it('turns the picture into API filters, dropping category codes the area does not have', () => {
    const view = { ...full, categories: ['vald', 'gone-code'] };
    expect(filtersOf(view, ['vald', 'klotter'])).toEqual({ categories: ['vald'], organisations: ['3', '1'], weekdays: [5, 4], hours: '22-3', precision: 'all' });
    expect(filtersOf(DEFAULT_VIEW, null)).toEqual({ categories: undefined, organisations: undefined, weekdays: undefined, hours: undefined, precision: 'point' });
  });
});

describe('map classification', () => {
  it('colours Gi* bins with RdBu, hot red and cold blue, leaving bin 0 transparent', () => {
    expect(GI_CLASSES.map((c) => c.bin)).toEqual([3, 2, 1, 0, -1, -2, -3]);
    expect(giColourExpression()).toEqual(['match', ['get', 'bin'], 3, '#b2182b', 2, '#ef8a62', 1, '#fddbc7', -1, '#d1e5f0', -2, '#67a9cf', -3, '#2166ac', TRANSPARENT]);
    expect(countBins([3, 3, 0, -1, 3])).toEqual(new Map([[3, 3], [0, 1], [-1, 1]]));
  });

  it('gives each change its own hue and pattern', () => {
    const styles = Object.values(CHANGE_STYLE);
    expect(new Set(styles.map((s) => s.colour)).size).toBe(4);
    expect(new Set(styles.map((s) => s.pattern)).size).toBe(4);
    const rising = patternPixels('rising', '#E69F00', 12);
    expect(rising).toHaveLength(12 * 12 * 4);
    // Marks are opaque, the wash between them is not.
    const alphas = new Set(Array.from({ length: 144 }, (_, i) => rising[i * 4 + 3]));
    expect(alphas).toEqual(new Set([255, 70]));
  });

  it('colours all sixteen emerging patterns distinctly, or one alone', () => {
    expect(new Set(Object.values(PATTERN_COLOURS)).size).toBe(16);
    expect(patternColourExpression('new-hot')).toEqual(['match', ['get', 'pattern'], 'new-hot', PATTERN_COLOURS['new-hot'], TRANSPARENT]);
  });
});

describe('sentences from numbers', () => {
  const cell = (change: CompareCellProperties['change'], pFdr: number): CompareCellProperties => ({ cell: 'x', a: 1, b: 2, diff: 1, rateRatio: 2, p: pFdr, pFdr, change });

  it('counts only significant changes (pFdr ≤ 0.05)', () => {
    const cells = [cell('new', 0.01), cell('new', 0.05), cell('increased', 0.2), cell('gone', 0.04), cell('stable', 0.9), cell('decreased', 0.001)];
    expect(countChanges(cells)).toEqual({ new: 2, increased: 0, decreased: 1, gone: 1 });
  });

  it('says what changed the way the lägesbild meeting says it', () => {
    expect(changeSummary({ new: 3, gone: 2, increased: 5, decreased: 1 }, 'v. 31–32', svT)).toBe('3 nya hotspots, 2 försvunna, 5 ökade, 1 minskad – jämfört med v. 31–32');
    expect(changeSummary({ new: 1, gone: 0, increased: 0, decreased: 2 }, 'v. 31–32', svT)).toBe('1 ny hotspot, 2 minskade – jämfört med v. 31–32');
    expect(changeSummary({ new: 0, gone: 0, increased: 0, decreased: 0 }, 'v. 31–32', svT)).toBe('Inga statistiskt säkerställda förändringar jämfört med v. 31–32');
    expect(changeSummary({ new: 3, gone: 1, increased: 0, decreased: 0 }, 'wk 31–32', enT)).toBe('3 new hotspots, 1 gone – compared with wk 31–32');
  });

  it('numbers a place name that repeats, so two hexagons of one zone stay apart', () => {
    expect(numberRepeats(['Hamnen', 'Torget', 'Hamnen', 'Hamnen'])).toEqual(['Hamnen', 'Torget', 'Hamnen (2)', 'Hamnen (3)']);
  });

  it('suppresses counts below the threshold in the shared print version only', () => {
    expect(shownCount(3, { shared: true, minCount: 5 }, svT)).toBe('< 5');
    expect(shownCount(5, { shared: true, minCount: 5 }, svT)).toBe('5');
    expect(shownCount(0, { shared: true, minCount: 5 }, svT)).toBe('0');
    expect(shownCount(3, { shared: false, minCount: 5 }, svT)).toBe('3');
  });

  it('states the filters in words', () => {
    const labels = { category: (c: string) => ({ vald: 'Våld/hot', narkotika: 'Narkotika' })[c] ?? c, organisation: (id: number) => `Org ${id}`, weekday: (d: number) => ['mån', 'tis', 'ons', 'tor', 'fre', 'lör', 'sön'][d]! };
    expect(filtersInWords(DEFAULT_VIEW, labels, svT)).toBe('alla rapporter');
    expect(filtersInWords({ ...DEFAULT_VIEW, categories: ['vald', 'narkotika'], weekdays: [4, 5], hours: { from: 22, to: 3 } }, labels, svT)).toBe(
      'kategorier: Våld/hot, Narkotika; veckodagar: fre, lör; kl. 22.00–03.59',
    );
  });
});
