import { readFileSync } from 'node:fs';
import { describe, expect, it, vi } from 'vitest';
import { MalformedBodyError, parseGeoJson } from '../../../server/imports/parsers/geojson.js';
import { collect, fixture, inChunks } from './helpers.js';

const collection = (features: unknown[]) => JSON.stringify({ type: 'FeatureCollection', features });
const point = (properties: Record<string, unknown>, coordinates: unknown = [18.07, 59.33], extra: Record<string, unknown> = {}) => ({
  type: 'Feature',
  geometry: { type: 'Point', coordinates },
  properties: { id: 'p', category: 'vald', observedAt: '2026-08-22T21:30:00+02:00', ...properties },
  ...extra,
});

async function malformed(body: string): Promise<MalformedBodyError> {
  try {
    await collect(parseGeoJson(inChunks(body)));
  } catch (error) {
    if (error instanceof MalformedBodyError) return error;
    throw error;
  }
  throw new Error('expected a MalformedBodyError');
}

describe('parseGeoJson', () => {
  it('reads Point features into rows and reports bad features by field path', async () => {
    const { rows, errors } = await collect(parseGeoJson(inChunks(readFileSync(fixture('points.geojson')))));
    expect(rows).toEqual([
      {
        rowNumber: 1,
        externalId: 'g-1',
        category: 'skadegorelse',
        observedAt: new Date('2026-08-22T19:30:00Z'),
        observedUntil: new Date('2026-08-22T21:00:00Z'),
        x: 18.0686,
        y: 59.3293,
        srid: 4326,
        severity: 2,
        description: 'Krossad ruta vid Ängsgärdets busshållplats',
        sourceType: null,
        locationPrecision: 'point',
        inAnalytics: true,
      },
      expect.objectContaining({ rowNumber: 2, externalId: '4711', x: 11.9746, y: 57.7089, severity: null, description: null }),
    ]);
    expect(errors.map(({ row, field }) => ({ row, field }))).toEqual([
      { row: 3, field: 'geometry.type' },
      { row: 4, field: 'geometry.coordinates' },
      { row: 4, field: 'properties.observedAt' },
      { row: 4, field: 'properties.severity' },
    ]);
    expect(errors[2]!.message).toMatch(/explicit UTC offset/);
  });

  it('gives the same items whatever the chunk size (1 byte, 7 bytes, whole body)', async () => {
    const body = readFileSync(fixture('points.geojson'));
    const whole = await collect(parseGeoJson(inChunks(body, body.length)));
    expect(await collect(parseGeoJson(inChunks(body, 7)))).toEqual(whole);
    expect(await collect(parseGeoJson(inChunks(body, 1)))).toEqual(whole);
  });

  it('prefers properties.id over the Feature id and accepts numbers', async () => {
    const { rows } = await collect(parseGeoJson(inChunks(collection([point({ id: 12 }, undefined, { id: 'feature-id' }), point({ id: null }, undefined, { id: 'f2' })]))));
    expect(rows.map((r) => r.externalId)).toEqual(['12', 'f2']);
  });

  it('reports missing and invalid properties with their paths', async () => {
    const features = [
      point({ id: undefined, category: undefined, observedAt: undefined }),
      point({ category: 7, observedAt: 1724355000, description: 'x'.repeat(2001) }),
      point({ observedAt: '2026-02-30T12:00:00Z', observedUntil: '2026-08-22T20:00:00+02:00' }),
      point({ observedUntil: '2026-08-22T20:00:00+02:00', severity: '2', id: { nested: true } }),
    ];
    const { rows, errors } = await collect(parseGeoJson(inChunks(collection(features))));
    expect(rows).toEqual([]);
    expect(errors.map(({ row, field }) => `${row} ${field}`)).toEqual([
      '1 properties.id',
      '1 properties.category',
      '1 properties.observedAt',
      '2 properties.category',
      '2 properties.observedAt',
      '2 properties.description',
      '3 properties.observedAt',
      '4 properties.id',
      '4 properties.observedUntil',
    ]);
  });

  it('reports geometry problems', async () => {
    const features = [
      { type: 'Feature', geometry: null, properties: { id: 'a', category: 'vald', observedAt: '2026-08-22T19:30:00Z' } },
      point({}, ['18.07', '59.33']),
      point({}, [18.07]),
      point({}, [18.07, 95]),
      point({}, [59.33, 18.07, 0]), // valid order-wise: the service's boundary test catches it
      { type: 'Feature', properties: { id: 'b', category: 'vald', observedAt: '2026-08-22T19:30:00Z' } },
      'not a feature',
      { type: 'Feature', geometry: { type: 'Point', coordinates: [18, 59] }, properties: null },
    ];
    const { rows, errors } = await collect(parseGeoJson(inChunks(collection(features))));
    expect(rows.map((r) => r.rowNumber)).toEqual([5]);
    expect(errors.map(({ row, field }) => `${row} ${field}`)).toEqual([
      '1 geometry',
      '2 geometry.coordinates',
      '3 geometry.coordinates',
      '4 geometry.coordinates',
      '6 geometry',
      '7 type',
      '8 properties',
      '8 properties.id',
      '8 properties.category',
      '8 properties.observedAt',
    ]);
  });

  it('yields nothing for an empty FeatureCollection, whatever the member order', async () => {
    expect(await collect(parseGeoJson(inChunks('{"features": [], "type": "FeatureCollection", "bbox": [1, 2, 3, 4]}')))).toEqual({ rows: [], errors: [] });
  });

  it('throws MalformedBodyError with the approximate position of a JSON syntax error', async () => {
    const body = '{"type":"FeatureCollection","features":[{"type":"Feature",}]}';
    const error = await malformed(body);
    // stream-json keeps a few unconsumed bytes, so the position is "near", not exact.
    expect(Math.abs(error.position! - body.indexOf(',}'))).toBeLessThanOrEqual(8);
    expect(error.message).toMatch(/^invalid JSON: unexpected token '}' \(near byte \d+\)$/);
  });

  it('throws MalformedBodyError for bodies that are not a FeatureCollection', async () => {
    expect((await malformed('{"type":"Feature","geometry":null,"properties":{}}')).message).toMatch(/got type "Feature"/);
    expect((await malformed('[{"type":"Feature"}]')).message).toMatch(/FeatureCollection/);
    expect((await malformed('{"type":"FeatureCollection"}')).message).toMatch(/"features" array/);
    expect((await malformed('{"type":"FeatureCollection","features":{}}')).message).toMatch(/must be an array/);
    expect((await malformed('{"features":[]}')).message).toMatch(/"type" is missing/);
    expect((await malformed('')).message).toMatch(/empty/);
    expect((await malformed('{"type":"FeatureCollection","features":[]} trailing')).message).toMatch(/invalid JSON/);
  });

  it('yields a feature before the rest of the body has arrived', async () => {
    const body = collection([point({ id: 'a' }), point({ id: 'b' })]);
    const split = body.indexOf('},{') + 2;
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    async function* slowClient(): AsyncGenerator<Buffer> {
      yield Buffer.from(body.slice(0, split));
      await gate; // the rest arrives only after the first feature has been seen
      yield Buffer.from(body.slice(split));
    }
    const items = parseGeoJson(slowClient());
    const first = await Promise.race([
      items.next(),
      new Promise<never>((_, reject) => setTimeout(() => reject(new Error('parser waited for the whole body')), 2000)),
    ]);
    expect(first.value).toMatchObject({ kind: 'row', row: { externalId: 'a' } });
    release();
    const rest = await collect(items);
    expect(rest.rows.map((r) => r.externalId)).toEqual(['b']);
  });

  it('stops reading the body when the consumer stops early', async () => {
    let pulled = 0;
    let closed = false;
    async function* endlessBody(): AsyncGenerator<Buffer> {
      try {
        yield Buffer.from('{"type":"FeatureCollection","features":[');
        for (let i = 0; ; i++) {
          pulled++;
          yield Buffer.from(`${i === 0 ? '' : ','}${JSON.stringify(point({ id: `p${i}` }))}`);
        }
      } finally {
        closed = true;
      }
    }
    for await (const item of parseGeoJson(endlessBody())) {
      if (item.kind === 'row' && item.row.externalId === 'p10') break;
    }
    await vi.waitFor(() => expect(closed).toBe(true));
    expect(pulled).toBeLessThan(5_000);
  });

  it('passes errors of the input stream on unchanged', async () => {
    const aborted = new Error('client aborted');
    async function* failing(): AsyncGenerator<Buffer> {
      yield Buffer.from('{"type":"FeatureCollection","features":[');
      throw aborted;
    }
    await expect(collect(parseGeoJson(failing()))).rejects.toBe(aborted);
  });
});
