import { describe, expect, it } from 'vitest';
import { municipalityCoordinates, placePolisenEvents, type PolisenEvent } from '../../../server/imports/parsers/polisen.js';

const VARA: [number, number] = [12.9515, 58.2623]; // also the centroid Polisen gives Västra Götalands län
const TOREBODA: [number, number] = [14.1251, 58.7059];
const GOTEBORG: [number, number] = [11.9746, 57.7089];

let nextRow = 1;
function event(locationName: string, name: string, point: readonly [number, number], overrides: Partial<PolisenEvent> = {}): PolisenEvent {
  const county = locationName.endsWith(' län');
  const municipalityName = county ? (/, ([^,]+)$/.exec(name)?.[1] ?? null) : locationName;
  const rowNumber = nextRow++;
  return {
    rowNumber,
    externalId: String(1000 + rowNumber),
    type: 'Trafikolycka',
    name,
    summary: '  Olycka på länsväg 200.  ',
    url: `/aktuellt/handelser/${rowNumber}/`,
    locationName,
    lng: point[0],
    lat: point[1],
    publishedAt: new Date('2026-08-22T15:48:23Z'),
    observedAt: new Date('2026-08-22T14:01:00Z'),
    level: county ? 'county' : 'municipality',
    municipalityName: municipalityName?.endsWith(' län') ? null : municipalityName,
    category: 'trafik',
    inAnalytics: true,
    ...overrides,
  };
}

describe('municipalityCoordinates', () => {
  it('lists each municipality-level location once, by lower-cased name, and no counties', () => {
    const points = municipalityCoordinates([
      event('Vara', '22 augusti 10.00, Brand, Vara', VARA),
      event('Vara', '22 augusti 11.00, Brand, Vara', VARA),
      event('Upplands-bro', '22 augusti 11.00, Brand, Upplands-bro', [17.63, 59.52]),
      event('Västra Götalands län', '22 augusti 12.00, Brand, Töreboda', VARA),
    ]);
    expect([...points]).toEqual([
      ['vara', VARA],
      ['upplands-bro', [17.63, 59.52]],
    ]);
  });
});

describe('placePolisenEvents', () => {
  it('places a municipality-level event inside the area at its own coordinate', () => {
    const inVara = event('Vara', '22 augusti 10.00, Trafikolycka, Vara', [12.95, 58.26]);
    const { rows } = placePolisenEvents([inVara], new Map([['vara', VARA]]));
    expect(rows).toEqual([
      {
        rowNumber: inVara.rowNumber,
        externalId: inVara.externalId,
        category: 'trafik',
        observedAt: inVara.observedAt,
        observedUntil: null,
        x: 12.95,
        y: 58.26,
        srid: 4326,
        severity: null,
        description: 'Olycka på länsväg 200.',
        sourceType: 'Trafikolycka',
        locationPrecision: 'municipality',
        inAnalytics: true,
      },
    ]);
  });

  it('places a county-level event naming a municipality inside the area at that municipality, not the county centroid', () => {
    const county = event('Västra Götalands län', '22 augusti 16.01, Trafikolycka, Töreboda', VARA);
    const { rows } = placePolisenEvents([county], new Map([['töreboda', TOREBODA]]));
    expect(rows).toMatchObject([{ x: TOREBODA[0], y: TOREBODA[1], locationPrecision: 'municipality' }]);
  });

  it('matches municipality names case-insensitively (Polisen "Upplands-bro", SCB "Upplands-Bro")', () => {
    const county = event('Stockholms län', '22 augusti 16.01, Brand, Upplands-Bro', [18.07, 59.33]);
    const local = event('Upplands-bro', '22 augusti 16.01, Brand, Upplands-bro', [17.63, 59.52]);
    const { rows } = placePolisenEvents([county, local], new Map([['upplands-bro', [17.63, 59.52] as [number, number]]]));
    expect(rows).toHaveLength(2);
  });

  it('never puts county events on the municipality their centroid happens to lie in', () => {
    const events = [
      event('Västra Götalands län', '22 augusti 06.00, Sammanfattning natt, Västra Götalands län', VARA, { type: 'Sammanfattning natt', inAnalytics: false }),
      event('Västra Götalands län', '22 augusti 16.01, Trafikolycka, Töreboda', VARA),
      event('Västra Götalands län', '22 augusti 17.00, Brand, Vara', VARA),
    ];
    const { rows, outsideArea, countyWide } = placePolisenEvents(events, new Map([['vara', VARA]]));
    expect(rows.map((r) => r.externalId)).toEqual([events[2]!.externalId]);
    expect(outsideArea).toEqual([events[0], events[1]]);
    expect(countyWide).toBe(1);
  });

  it('counts events outside the area, and county-wide ones separately', () => {
    const events = [
      event('Göteborg', '22 augusti 10.00, Rån, Göteborg', GOTEBORG),
      event('Hallands län', '22 augusti 06.00, Sammanfattning natt, Hallands län', [12.8, 56.9]),
      event('Hallands län', '22 augusti 07.00, Brand, Falkenberg', [12.8, 56.9]),
    ];
    const { rows, outsideArea, countyWide } = placePolisenEvents(events, new Map([['vara', VARA]]));
    expect(rows).toEqual([]);
    expect(outsideArea).toHaveLength(3);
    expect(countyWide).toBe(1);
  });

  it('places events in the area by its own name at the area point', () => {
    const areaPoint: [number, number] = [11.97, 57.7];
    const county = event('Västra Götalands län', '22 augusti 16.01, Misshandel, Göteborg', VARA, { category: 'vald', type: 'Misshandel' });
    const { rows } = placePolisenEvents([county], new Map([['göteborg', areaPoint]]));
    expect(rows).toMatchObject([{ x: 11.97, y: 57.7, category: 'vald', sourceType: 'Misshandel' }]);
  });

  it('stores an empty summary as null and cuts a long one to 2000 characters', () => {
    const blank = event('Vara', '22 augusti 10.00, Brand, Vara', VARA, { summary: '   ' });
    const long = event('Vara', '22 augusti 10.00, Brand, Vara', VARA, { summary: 'å'.repeat(2500) });
    const { rows } = placePolisenEvents([blank, long], new Map([['vara', VARA]]));
    expect(rows[0]!.description).toBeNull();
    expect(rows[1]!.description).toHaveLength(2000);
  });

  it('keeps inAnalytics from the event', () => {
    const summary = event('Vara', '22 augusti 06.00, Sammanfattning natt, Vara', VARA, { inAnalytics: false });
    expect(placePolisenEvents([summary], new Map([['vara', VARA]])).rows[0]!.inAnalytics).toBe(false);
  });
});
