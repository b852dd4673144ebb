/**
 * runImport on both backends, directly: several batches in flight one after another, text that
 * must survive the array literals the batch statement is built from, counts, rollback with a
 * batch still being written, and time-ordered ids.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import type { AuthContext } from '../../server/auth/auth-context';
import { runImport, type ImportOptions } from '../../server/imports/imports.service';
import { MalformedBodyError } from '../../server/imports/parsers/errors';
import { csvOptionsFromQuery } from '../../server/imports/parsers/csv';
import { HttpError } from '../../server/http/errors';
import { pointToStorageCell } from '../../server/h3/cells';
import { BACKENDS } from '../support/backends';
import { createTestDatabase, type TestDatabase } from '../support/db';
import { createTestArea, type TestArea } from '../support/fixtures';

const CENTER: [number, number] = [16.5, 59.37];

function feature(id: string, i: number, extra: Record<string, unknown> = {}, coordinates = [CENTER[0] + ((i % 100) - 50) / 1000, CENTER[1] + ((i % 37) - 18) / 1000]) {
  return {
    type: 'Feature',
    geometry: { type: 'Point', coordinates },
    properties: { id, category: 'klotter', observedAt: '2026-05-01T21:30:00+02:00', severity: 1 + (i % 3), ...extra },
  };
}

async function* chunks(text: string, size = 4096): AsyncGenerator<Buffer> {
  const bytes = Buffer.from(text);
  for (let i = 0; i < bytes.length; i += size) yield bytes.subarray(i, i + size);
}

describe.each(BACKENDS)('runImport (%s)', (backend) => {
  let database: TestDatabase;
  let area: TestArea;
  let caller: AuthContext;
  const geojson: ImportOptions = { format: 'geojson', onError: 'reject' };

  beforeAll(async () => {
    database = await createTestDatabase(backend);
    area = await createTestArea(database.handle.db, 'svc', CENTER);
    caller = {
      userId: area.users.admin.id, areaId: area.id, areaCode: area.code, areaName: 'Testområde svc', email: area.users.admin.email,
      name: 'admin', role: 'admin', organisationId: null, via: 'token', readOnly: false,
    };
  });
  afterAll(() => database?.close());

  const app = () => database.handle.appDb();
  const count = async (prefix: string) =>
    (await sql<{ n: number }>`SELECT count(*)::int AS n FROM reports WHERE area_id = ${area.id} AND external_id LIKE ${`${prefix}%`}`.execute(database.handle.db)).rows[0]!.n;

  it('writes many batches, counting inside, outside and duplicates (also within one body)', { timeout: 120_000 }, async () => {
    const features = Array.from({ length: 25_000 }, (_, i) => feature(`many-${i}`, i));
    features.push(feature('many-5', 5)); // the same id again in the same body
    features.push(feature('far-1', 1, {}, [18.07, 59.33])); // Stockholm, outside the area
    const body = JSON.stringify({ type: 'FeatureCollection', features });
    const first = await runImport(app(), caller, chunks(body, 65_536), geojson);
    expect(first).toMatchObject({ inserted: 25_000, duplicates: 1, outsideArea: 1, rejectedCount: 0 });
    const again = await runImport(app(), caller, chunks(body, 65_536), geojson);
    expect(again).toMatchObject({ inserted: 0, duplicates: 25_001, outsideArea: 1 });
    expect(await count('many-')).toBe(25_000);
  });

  it('stores the first occurrence of an id repeated in one batch, in file order, whatever the cells', async () => {
    // Two points inside the area, the later one with the smaller H3 cell (batches are written in cell order).
    const p = [CENTER[0] + 0.01, CENTER[1] + 0.01];
    const q = [CENTER[0] - 0.02, CENTER[1] - 0.01];
    const cell = (c: number[]) => BigInt(pointToStorageCell(c[0]!, c[1]!));
    const [big, small] = cell(p) > cell(q) ? [p, q] : [q, p];
    const features = [
      feature('order-a', 1, { description: 'first' }, big),
      feature('order-a', 2, { description: 'second' }, small),
      feature('order-b', 3, { description: 'outside' }, [18.07, 59.33]),
      feature('order-b', 4, { description: 'first inside' }, big),
      feature('order-b', 5, { description: 'second inside' }, small),
    ];
    const result = await runImport(app(), caller, chunks(JSON.stringify({ type: 'FeatureCollection', features })), geojson);
    expect(result).toMatchObject({ inserted: 2, duplicates: 2, outsideArea: 1 });
    const rows = await database.handle.db.selectFrom('reports').select(['external_id', 'description']).where('external_id', 'like', 'order-%').orderBy('external_id').execute();
    expect(rows).toEqual([
      { external_id: 'order-a', description: 'first' },
      { external_id: 'order-b', description: 'first inside' },
    ]);
  });

  it('stores text exactly: quotes, backslashes, commas, braces, NULL, newlines, emoji', async () => {
    const nasty = ['"quoted"', 'back\\slash', 'a,b', '{braces}', 'NULL', 'null', 'line\nbreak\ttab', 'emoji 😀 åäö', ' spaced ', '\\"', "it's"];
    const body = JSON.stringify({
      type: 'FeatureCollection',
      features: nasty.map((text, i) => feature(`text-${text}`, i, { description: `d:${text}` })),
    });
    expect(await runImport(app(), caller, chunks(body, 7), geojson)).toMatchObject({ inserted: nasty.length });
    const rows = await database.handle.db
      .selectFrom('reports')
      .select(['external_id', 'description', 'id', 'h3', 'severity'])
      .where('external_id', 'like', 'text-%')
      .execute();
    // checkExternalId and checkDescription trim, as before.
    expect(new Map(rows.map((r) => [r.external_id, r.description]))).toEqual(new Map(nasty.map((t) => [`text-${t}`.trim(), `d:${t}`.trim()])));
    for (const r of rows) {
      expect(r.id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
      expect(BigInt(r.h3 as unknown as string) > 0n).toBe(true);
    }
  });

  it('writes nothing when a bad row comes after batches were sent (onError=reject), listing it', { timeout: 120_000 }, async () => {
    const features = Array.from({ length: 22_000 }, (_, i) => feature(`late-${i}`, i));
    features.push(feature('late-bad', 1, { category: 'no-such-category' }));
    const body = JSON.stringify({ type: 'FeatureCollection', features });
    const error = await runImport(app(), caller, chunks(body, 65_536), geojson).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(HttpError);
    expect((error as HttpError).status).toBe(422);
    expect(await count('late-')).toBe(0);
  });

  it('writes nothing when the body turns out malformed after batches were sent', { timeout: 120_000 }, async () => {
    const features = Array.from({ length: 21_000 }, (_, i) => JSON.stringify(feature(`broken-${i}`, i)));
    const body = `{"type":"FeatureCollection","features":[${features.join(',')},{"type":"Feature",}]}`;
    const error = await runImport(app(), caller, chunks(body, 65_536), geojson).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(MalformedBodyError);
    expect(await count('broken-')).toBe(0);
  });

  it('fails with the database\'s error when a batch in flight fails, and writes nothing', { timeout: 120_000 }, async () => {
    // A trigger refuses one row of the second batch, which is written while the third is parsed.
    const owner = database.handle.db;
    await sql`CREATE FUNCTION refuse_row() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN IF NEW.external_id = 'fail-15000' THEN RAISE EXCEPTION 'refused by test trigger'; END IF; RETURN NEW; END $$`.execute(owner);
    await sql`CREATE TRIGGER refuse_row BEFORE INSERT ON reports FOR EACH ROW EXECUTE FUNCTION refuse_row()`.execute(owner);
    try {
      const features = Array.from({ length: 35_000 }, (_, i) => feature(`fail-${i}`, i));
      const body = JSON.stringify({ type: 'FeatureCollection', features });
      const error = await runImport(app(), caller, chunks(body, 65_536), geojson).catch((e: unknown) => e);
      expect((error as Error).message).toMatch(/refused by test trigger/);
      expect(await count('fail-')).toBe(0);
    } finally {
      await sql`DROP TRIGGER refuse_row ON reports`.execute(owner);
      await sql`DROP FUNCTION refuse_row()`.execute(owner);
    }
    // The connection is usable afterwards.
    const ok = JSON.stringify({ type: 'FeatureCollection', features: [feature('fail-ok', 1)] });
    expect(await runImport(app(), caller, chunks(ok), geojson)).toMatchObject({ inserted: 1 });
  });

  it('skips bad rows and writes the rest with onError=skip across batches', { timeout: 120_000 }, async () => {
    const features = Array.from({ length: 12_000 }, (_, i) => feature(`skip-${i}`, i, i % 1000 === 0 ? { observedAt: '1969-01-01T00:00:00Z' } : {}));
    const body = JSON.stringify({ type: 'FeatureCollection', features });
    const result = await runImport(app(), caller, chunks(body, 65_536), { format: 'geojson', onError: 'skip' });
    expect(result).toMatchObject({ inserted: 11_988, rejectedCount: 12 });
    expect(result.rejected.map((r) => r.row)).toEqual(Array.from({ length: 12 }, (_, k) => k * 1000 + 1));
  });

  it('imports projected CSV in several batches (transform first, then the insert)', { timeout: 120_000 }, async () => {
    // ~E 585 770, N 6 582 580 in SWEREF 99 TM is inside the area; spread a little.
    const lines = Array.from({ length: 11_000 }, (_, i) => `proj-${i},klotter,2026-06-01T12:00:00+02:00,${585_000 + (i % 500)},${6_582_000 + (i % 300)}`);
    const body = `id,category,observed_at,x,y\n${lines.join('\n')}\n`;
    const result = await runImport(app(), caller, chunks(body, 65_536), { format: 'csv', onError: 'reject', csv: csvOptionsFromQuery({ crs: 'EPSG:3006' }) });
    expect(result).toMatchObject({ inserted: 11_000, outsideArea: 0 });
    const row = await database.handle.db
      .selectFrom('reports')
      .select([sql<number>`ST_X(geom)`.as('lng'), sql<number>`ST_Y(geom)`.as('lat')])
      .where('external_id', '=', 'proj-0')
      .executeTakeFirstOrThrow();
    expect(Number(row.lng)).toBeCloseTo(16.495, 2);
    expect(Number(row.lat)).toBeCloseTo(59.366, 2);
  });
});
