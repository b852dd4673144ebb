import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  categoryForPolisenType,
  isPolisenTypeInAnalytics,
  MalformedBodyError,
  municipalityInName,
  parsePolisenEvents,
  POLISEN_TYPE_CATEGORIES,
  type PolisenEvent,
} from '../../../server/imports/parsers/polisen.js';
import type { RowError } from '../../../server/imports/import-row.js';
import { hasSharedData, inChunks, sharedData } from './helpers.js';

const SNAPSHOT = 'incidents/polisen_events_api_snapshot_2026-08-22.json';

const apiEvent = (overrides: Record<string, unknown> = {}) => ({
  id: 650295,
  datetime: '2026-08-22 17:48:23 +02:00',
  name: '22 augusti 16.01, Trafikolycka, Töreboda',
  summary: 'En motorcykel har varit involverad i en olycka på LV200 söder om Töreboda.',
  url: '/aktuellt/handelser/2026/augusti/22/22-augusti-16.01-trafikolycka-toreboda/',
  type: 'Trafikolycka',
  location: { name: 'Västra Götalands län', gps: '58.252793,13.059643' },
  ...overrides,
});

async function parse(body: string | Buffer) {
  const events: PolisenEvent[] = [];
  const errors: RowError[] = [];
  for await (const item of parsePolisenEvents(inChunks(body))) {
    if (item.kind === 'event') events.push(item.event);
    else errors.push(item.error);
  }
  return { events, errors };
}

describe('parsePolisenEvents', () => {
  it('reads an event: publication from datetime, incident time from name, county level with its municipality', async () => {
    const { events, errors } = await parse(JSON.stringify([apiEvent()]));
    expect(errors).toEqual([]);
    expect(events).toEqual([
      {
        rowNumber: 1,
        externalId: '650295',
        type: 'Trafikolycka',
        name: '22 augusti 16.01, Trafikolycka, Töreboda',
        summary: 'En motorcykel har varit involverad i en olycka på LV200 söder om Töreboda.',
        url: '/aktuellt/handelser/2026/augusti/22/22-augusti-16.01-trafikolycka-toreboda/',
        locationName: 'Västra Götalands län',
        lng: 13.059643,
        lat: 58.252793,
        publishedAt: new Date('2026-08-22T15:48:23Z'),
        observedAt: new Date('2026-08-22T14:01:00Z'),
        level: 'county',
        municipalityName: 'Töreboda',
        category: 'trafik',
        inAnalytics: true,
      },
    ]);
  });

  it('marks municipality-level events and uses the location as their municipality', async () => {
    const { events } = await parse(JSON.stringify([apiEvent({ location: { name: 'Upplands-bro', gps: '59.5,17.6' }, name: '22 augusti 16.01, Stöld, Upplands-bro', type: 'Stöld' })]));
    expect(events[0]).toMatchObject({ level: 'municipality', municipalityName: 'Upplands-bro', category: 'stold' });
  });

  it('treats "Gotlands län" as county level although it shares Gotland\'s coordinate', async () => {
    const { events } = await parse(
      JSON.stringify([
        apiEvent({ name: '06 januari 02:33, Mord/dråp, försök, Gotlands län', type: 'Mord/dråp, försök', location: { name: 'Gotlands län', gps: '57.468412,18.486745' } }),
        apiEvent({ name: '27 mars 10:12, Trafikolycka, singel, Gotland', type: 'Trafikolycka, singel', location: { name: 'Gotland', gps: '57.468412,18.486745' } }),
      ]),
    );
    expect(events.map((e) => [e.level, e.municipalityName])).toEqual([
      ['county', null],
      ['municipality', 'Gotland'],
    ]);
  });

  it('keeps summaries and police activity out of analytics', async () => {
    const { events } = await parse(
      JSON.stringify([
        apiEvent({ type: 'Sammanfattning natt', name: '22 augusti 06.00, Sammanfattning natt, Hallands län', location: { name: 'Hallands län', gps: '56.89,12.80' } }),
        apiEvent({ type: 'Trafikkontroll' }),
        apiEvent({ type: 'Misshandel' }),
      ]),
    );
    expect(events.map((e) => [e.category, e.inAnalytics, e.municipalityName])).toEqual([
      ['ovrigt', false, null],
      ['trafik', false, 'Töreboda'],
      ['vald', true, 'Töreboda'],
    ]);
  });

  it('falls back to the publication time when the name has no date', async () => {
    const { events } = await parse(JSON.stringify([apiEvent({ name: 'Trafikolycka, Töreboda' })]));
    expect(events[0]!.observedAt).toEqual(events[0]!.publishedAt);
  });

  it('reports bad events with the field and goes on', async () => {
    const { events, errors } = await parse(
      JSON.stringify([
        apiEvent({ id: undefined }),
        apiEvent({ datetime: '22 augusti' }),
        apiEvent({ location: { name: 'Töreboda', gps: 'okänd' } }),
        apiEvent({ location: { name: 'Töreboda', gps: '158.2,13.0' } }),
        apiEvent({ location: null }),
        'not an event',
        apiEvent({ id: 1 }),
      ]),
    );
    expect(errors.map(({ row, field }) => `${row} ${field}`)).toEqual(['1 id', '2 datetime', '3 location.gps', '4 location.gps', '5 location', '6 event']);
    expect(events.map((e) => [e.rowNumber, e.externalId])).toEqual([[7, '1']]);
  });

  it('throws MalformedBodyError for broken JSON or a body that is not an array', async () => {
    await expect(parse('[{"id": 1,]')).rejects.toBeInstanceOf(MalformedBodyError);
    await expect(parse('{"events": []}')).rejects.toThrow(/JSON array of Polisen events/);
  });

  it.skipIf(!hasSharedData(SNAPSHOT))('parses the real 500-event API snapshot with no errors (skipped without ../shared/data)', async () => {
    const { events, errors } = await parse(readFileSync(sharedData(SNAPSHOT)));
    expect(errors).toEqual([]);
    expect(events).toHaveLength(500);
    expect(events.every((e) => e.observedAt.getTime() <= e.publishedAt.getTime() + 86_400_000)).toBe(true);
  });
});

describe('municipalityInName', () => {
  it('takes the last token when it names a place', () => {
    expect(municipalityInName('22 augusti 16.01, Trafikolycka, Töreboda', 'Trafikolycka')).toBe('Töreboda');
    expect(municipalityInName('22 augusti 16.01, Trafikolycka, personskada, Upplands-Bro', 'Trafikolycka, personskada')).toBe('Upplands-Bro');
  });

  it('returns null for a county, a piece of the type or a date', () => {
    expect(municipalityInName('21 mars 06:00, Sammanfattning natt, Hallands län', 'Sammanfattning natt')).toBeNull();
    expect(municipalityInName('21 mars 06:00, Trafikolycka, personskada', 'Trafikolycka, personskada')).toBeNull();
    expect(municipalityInName('21 mars 06:00, Brand', 'Brand')).toBeNull();
    expect(municipalityInName('Brand, 21 mars', 'Brand')).toBeNull();
    expect(municipalityInName('21 mars 06:00, Brand, ', 'Brand')).toBeNull();
  });
});

describe('Polisen type mapping', () => {
  it('maps the examples the taxonomy is built on', () => {
    const expected: Record<string, string> = {
      Misshandel: 'vald',
      'Misshandel, grov': 'vald',
      Rån: 'vald',
      'Rån väpnat': 'vald',
      'Våld/hot mot tjänsteman': 'vald',
      Skottlossning: 'vald',
      'Mord/dråp': 'vald',
      'Olaga hot': 'vald',
      Knivlagen: 'vald',
      Narkotikabrott: 'narkotika',
      Rattfylleri: 'trafik',
      'Trafikolycka, vilt': 'trafik',
      Trafikbrott: 'trafik',
      'Olovlig körning': 'trafik',
      Trafikhinder: 'trafik',
      Stöld: 'stold',
      Inbrott: 'stold',
      'Stöld/inbrott': 'stold',
      Bedrägeri: 'ovrigt',
      Brand: 'brand',
      'Brand automatlarm': 'brand',
      Skadegörelse: 'skadegorelse',
      'Fylleri/LOB': 'alkohol',
      Ordningslagen: 'ordningsstorning',
      Bråk: 'ordningsstorning',
      'Ofredande/förargelse': 'ordningsstorning',
      Övrigt: 'ovrigt',
    };
    for (const [type, category] of Object.entries(expected)) expect([type, categoryForPolisenType(type)]).toEqual([type, category]);
  });

  it('maps unknown types to ovrigt and ignores surrounding spaces', () => {
    expect(categoryForPolisenType('Helt ny händelsetyp')).toBe('ovrigt');
    expect(categoryForPolisenType('constructor')).toBe('ovrigt');
    expect(categoryForPolisenType('Lagen om hundar och katter ')).toBe('ovrigt');
    expect(categoryForPolisenType(' Misshandel ')).toBe('vald');
  });

  it('uses only codes of the default report taxonomy', () => {
    const codes = ['skadegorelse', 'klotter', 'nedskrapning', 'brand', 'otrygg-samling', 'narkotika', 'alkohol', 'vald', 'stold', 'trafik', 'ordningsstorning', 'otrygg-plats', 'ovrigt'];
    for (const category of Object.values(POLISEN_TYPE_CATEGORIES)) expect(codes).toContain(category);
  });

  it('keeps summaries of any period and police activity out of analytics, incidents in', () => {
    for (const type of ['Sammanfattning natt', 'Sammanfattning vecka', 'Sammanfattning påsk', 'Trafikkontroll', 'Polisinsats/kommendering', 'Kontroll person/fordon', 'Information', 'Uppdatering']) {
      expect([type, isPolisenTypeInAnalytics(type)]).toEqual([type, false]);
    }
    for (const type of ['Övrigt', 'Fylleri/LOB', 'Misshandel', 'Kontroll', 'Okänd typ']) expect([type, isPolisenTypeInAnalytics(type)]).toEqual([type, true]);
  });
});
