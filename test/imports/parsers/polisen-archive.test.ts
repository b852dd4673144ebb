/**
 * The Polisen parser against the real 85 011-event archive (2022-09 → 2026-08) in ../shared/data.
 * Skipped, with the reason in the test name, when that folder is not checked out next to the repo.
 */
import { createReadStream } from 'node:fs';
import { createGunzip } from 'node:zlib';
import { beforeAll, describe, expect, it } from 'vitest';
import type { RowError } from '../../../server/imports/import-row.js';
import {
  municipalityCoordinates,
  parsePolisenEvents,
  placePolisenEvents,
  POLISEN_TYPE_CATEGORIES,
  type PolisenEvent,
} from '../../../server/imports/parsers/polisen.js';
import { hasSharedData, sharedData } from './helpers.js';

const ARCHIVE = 'incidents/polisen_events_2022-09_2026-08.json.gz';

describe.skipIf(!hasSharedData(ARCHIVE))('Polisen archive 2022-09 → 2026-08 (skipped without ../shared/data)', () => {
  const events: PolisenEvent[] = [];
  const errors: RowError[] = [];

  beforeAll(async () => {
    const body = createReadStream(sharedData(ARCHIVE)).pipe(createGunzip());
    for await (const item of parsePolisenEvents(body)) {
      if (item.kind === 'event') events.push(item.event);
      else errors.push(item.error);
    }
  }, 120_000);

  it('parses all 85 011 events without errors', () => {
    expect(errors).toEqual([]);
    expect(events).toHaveLength(85_011);
  });

  it('has a mapping for every one of its 97 types', () => {
    const types = new Set(events.map((e) => e.type));
    expect(types.size).toBe(97);
    const unmapped = [...types].filter((type) => !Object.hasOwn(POLISEN_TYPE_CATEGORIES, type.trim()));
    expect(unmapped).toEqual([]);
    expect(Object.keys(POLISEN_TYPE_CATEGORIES)).toHaveLength(97);
  });

  it('finds the municipality in the 9 418 county-level events that name one; the other 22 584 are county-wide', () => {
    const county = events.filter((e) => e.level === 'county');
    expect(county).toHaveLength(32_002);
    expect(county.filter((e) => e.municipalityName !== null)).toHaveLength(9_418);
  });

  it('knows all 290 municipalities by their coordinates', () => {
    expect(municipalityCoordinates(events).size).toBe(290);
  });

  it('never places a Västra Götalands län event on Vara unless its name ends with ", Vara"', () => {
    const vara = municipalityCoordinates(events).get('vara')!;
    const { rows } = placePolisenEvents(events, new Map([['vara', vara]]));
    const byRow = new Map(events.map((e) => [e.rowNumber, e]));
    const countyRowsOnVara = rows.map((r) => byRow.get(r.rowNumber)!).filter((e) => e.level === 'county');
    expect(countyRowsOnVara.length).toBeGreaterThan(0);
    expect(countyRowsOnVara.every((e) => e.name.endsWith(', Vara'))).toBe(true);
    // The county centroid lies inside Vara: a naive spatial join would have put all of these there.
    const westernCounty = events.filter((e) => e.locationName === 'Västra Götalands län');
    expect(westernCounty.length).toBeGreaterThan(3_000);
    expect(rows.length).toBeLessThan(100);
  });

  it('dates incidents close to their publication, across New Year too', () => {
    const hoursBefore = events.map((e) => (e.publishedAt.getTime() - e.observedAt.getTime()) / 3_600_000);
    expect(hoursBefore.filter((h) => h < -24 * 31 || h > 24 * 62)).toEqual([]);
    // Swedish winter time is UTC+1: the local calendar year of an instant.
    const localYear = (date: Date) => new Date(date.getTime() + 3_600_000).getUTCFullYear();
    const newYear = events.filter((e) => e.name.startsWith('31 december') && new Date(e.publishedAt.getTime() + 3_600_000).getUTCMonth() === 0);
    expect(newYear.length).toBeGreaterThan(5);
    for (const e of newYear) expect([e.name, localYear(e.observedAt)]).toEqual([e.name, localYear(e.publishedAt) - 1]);
  });
});
