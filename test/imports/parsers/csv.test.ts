import { readFileSync } from 'node:fs';
import { describe, expect, it, vi } from 'vitest';
import { csvOptionsFromQuery, CsvOptionsError, parseCsv, type CsvOptions } from '../../../server/imports/parsers/csv.js';
import { collect, fixture, inChunks } from './helpers.js';

async function read(body: string | Buffer, query: Record<string, unknown> = {}, extra: Partial<CsvOptions> = {}) {
  const notes: string[] = [];
  const options = { ...csvOptionsFromQuery(query), onNote: (note: string) => notes.push(note), ...extra };
  return { ...(await collect(parseCsv(inChunks(body), options))), notes };
}

async function headerError(body: string, query: Record<string, unknown> = {}, extra: Partial<CsvOptions> = {}): Promise<CsvOptionsError> {
  let yielded = 0;
  try {
    for await (const _ of parseCsv(inChunks(body), { ...csvOptionsFromQuery(query), ...extra })) yielded++;
  } catch (error) {
    expect(yielded).toBe(0);
    if (error instanceof CsvOptionsError) return error;
    throw error;
  }
  throw new Error('expected a CsvOptionsError');
}

const WGS_HEADER = 'id;category;observed_at;lat;lng;severity;description;observed_until\n';
const row = (fields: Partial<Record<'id' | 'category' | 'observed_at' | 'lat' | 'lng' | 'severity' | 'description' | 'observed_until', string>>) => {
  const values = { id: '1', category: 'vald', observed_at: '2026-08-22 21:30', lat: '59,33', lng: '18,07', severity: '', description: '', observed_until: '', ...fields };
  return `${[values.id, values.category, values.observed_at, values.lat, values.lng, values.severity, values.description, values.observed_until].join(';')}\n`;
};

describe('parseCsv columns', () => {
  it('reads the default columns, matching header names case-insensitively and trimmed', async () => {
    const { rows, errors } = await read(' ID ;Category;OBSERVED_AT; Lat;LNG\n1;vald;2026-08-22T21:30:00+02:00;59,33;18,07\n');
    expect(errors).toEqual([]);
    expect(rows[0]).toMatchObject({ externalId: '1', category: 'vald', x: 18.07, y: 59.33, severity: null, description: null, observedUntil: null });
  });

  it('accepts latitude/longitude as default names too', async () => {
    const { rows } = await read('id,category,observed_at,latitude,longitude\n1,vald,2026-08-22,59.33,18.07\n');
    expect(rows[0]).toMatchObject({ x: 18.07, y: 59.33 });
  });

  it('uses mapped header names, matched case-insensitively', async () => {
    const body = 'Händelse;Typ;Tid;Lat (WGS84);Long (WGS84)\nH1;klotter;2026-08-22 21:30;59,33;18,07\n';
    const { rows } = await read(body, { idColumn: 'händelse', categoryColumn: 'TYP', observedAtColumn: 'Tid', latColumn: 'Lat (WGS84)', lngColumn: 'long (wgs84)' });
    expect(rows[0]).toMatchObject({ externalId: 'H1', category: 'klotter', x: 18.07, y: 59.33 });
  });

  it('names the canonical column in `field` and the file\'s header in the message', async () => {
    const body = 'Händelse;Typ;Tid;Lat;Lng\nH1;klotter;igår;59,33;18,07\n';
    const { errors } = await read(body, { idColumn: 'Händelse', categoryColumn: 'Typ', observedAtColumn: 'Tid' });
    expect(errors).toEqual([{ row: 2, field: 'observed_at', message: expect.stringMatching(/^column "Tid": "igår" is not an ISO 8601/) }]);
  });

  it('rejects a file without a required column before yielding any row', async () => {
    const error = await headerError('id;category;observed_at;lng\n1;vald;2026-08-22;18\n');
    expect(error.field).toBe('lat');
    expect(error.message).toMatch(/latColumn/);
  });

  it('hints at the CRS when a WGS 84 import finds projected columns', async () => {
    const error = await headerError('id;category;observed_at;e;n\n1;vald;2026-08-22;674032;6580822\n');
    expect(error.field).toBe('lat');
    expect(error.message).toMatch(/crs=EPSG:3006/);
  });

  it('names the parameter of a mapped column that is not in the header', async () => {
    const error = await headerError(WGS_HEADER + row({}), { latColumn: 'Latitud' });
    expect(error).toMatchObject({ field: 'latColumn', message: expect.stringMatching(/"Latitud" is not in the header/) });
  });

  it('rejects an empty file and a header naming a used column twice', async () => {
    expect((await headerError('')).field).toBe('header');
    expect((await headerError('id;category;observed_at;lat;lng;LAT\n')).field).toBe('header');
  });

  it('rejects an unknown time zone', async () => {
    expect((await headerError(WGS_HEADER, {}, { timezone: 'Mars/Olympus' })).field).toBe('timezone');
  });
});

describe('parseCsv coordinate systems', () => {
  it('reads WGS 84 lat/lng as x = lng, y = lat, srid 4326', async () => {
    const { rows } = await read(WGS_HEADER + row({ lat: '59,3712', lng: '18,0123' }));
    expect(rows[0]).toMatchObject({ x: 18.0123, y: 59.3712, srid: 4326 });
  });

  it('swaps lat/lng back when the latitude is beyond ±90, and says so', async () => {
    const { rows, errors, notes } = await read(WGS_HEADER + row({ id: 'a' }) + row({ id: 'b', lat: '118,07', lng: '59,33' }));
    expect(errors).toEqual([]);
    expect(rows[1]).toMatchObject({ x: 118.07, y: 59.33 });
    expect(notes).toContainEqual(expect.stringMatching(/^lat and lng were swapped in 1 row \(first: row 3\)/));
  });

  it('rejects latitudes and longitudes out of range, one error per field', async () => {
    const { errors } = await read(WGS_HEADER + row({ lat: '95', lng: '200' }) + row({ lat: 'norr', lng: '' }));
    expect(errors).toEqual([
      { row: 2, field: 'lat', message: 'column "lat": 95 is not a latitude (−90…90)' },
      { row: 2, field: 'lng', message: 'column "lng": 200 is not a longitude (−180…180)' },
      { row: 3, field: 'lat', message: 'column "lat": "norr" is not a number' },
      { row: 3, field: 'lng', message: 'column "lng": is required' },
    ]);
  });

  it('reads SWEREF 99 TM e/n columns as x = easting, y = northing, srid 3006', async () => {
    const { rows, notes } = await read('id;category;observed_at;e;n\n1;vald;2026-08-22;674032;6580822\n', { crs: 'EPSG:3006' });
    expect(rows[0]).toMatchObject({ x: 674032, y: 6580822, srid: 3006 });
    expect(notes.some((note) => note.includes('swapped'))).toBe(false);
  });

  it('reads Swedish x/y, where X is the northing, from a UTF-8 file with BOM', async () => {
    const { rows, errors } = await read(readFileSync(fixture('sweref99tm-xy-bom.csv')), { crs: 'EPSG:3006' });
    expect(errors).toEqual([]);
    expect(rows.map(({ x, y, srid }) => ({ x, y, srid }))).toEqual([
      { x: 674032, y: 6580822, srid: 3006 },
      { x: 319180, y: 6399790, srid: 3006 },
    ]);
    expect(rows[0]!.description).toBe('Stockholm, Sergels torg');
  });

  it('detects x/y written in GIS order (x = easting) and swaps them back with a note', async () => {
    const { rows, notes } = await read('id;category;observed_at;x;y\n1;vald;2026-08-22;674032;6580822\n2;vald;2026-08-22;6580822;674032\n', {
      crs: 'EPSG:3006',
    });
    expect(rows.map(({ x, y }) => [x, y])).toEqual([
      [674032, 6580822],
      [674032, 6580822],
    ]);
    expect(notes).toContainEqual(expect.stringMatching(/^x and y were swapped in 1 row \(first: row 2\).*Axlarna var omkastade \(x\/y\)/));
  });

  it('detects swapped e/n columns', async () => {
    const { rows, notes } = await read('id;category;observed_at;e;n\n1;vald;2026-08-22;6 580 822;674 032\n', { crs: 'EPSG:3006' });
    expect(rows[0]).toMatchObject({ x: 674032, y: 6580822 });
    expect(notes).toContainEqual(expect.stringMatching(/^e and n were swapped in 1 row/));
  });

  it.each([3007, 3008, 3009, 3010, 3011, 3012, 3013, 3014, 3015, 3016, 3017, 3018])(
    'reads local zone EPSG:%i with eastings around the false easting 150 000',
    async (srid) => {
      const { rows, errors } = await read('id;category;observed_at;e;n\n1;vald;2026-08-22;153900,5;6580600\n2;vald;2026-08-22;6580600;153900\n', {
        crs: `EPSG:${srid}`,
      });
      expect(errors).toEqual([]);
      expect(rows.map(({ x, y, srid: s }) => [x, y, s])).toEqual([
        [153900.5, 6580600, srid],
        [153900, 6580600, srid],
      ]);
    },
  );

  it('reads RT 90 2.5 gon V (EPSG:3021) x/y', async () => {
    const { rows } = await read('id;category;observed_at;X;Y\n1;vald;2026-08-22;6581000;1628500\n', { crs: 'EPSG:3021' });
    expect(rows[0]).toMatchObject({ x: 1628500, y: 6581000, srid: 3021 });
  });

  it('rejects projected coordinates outside Sweden, naming the bad axis', async () => {
    const { errors } = await read('id;category;observed_at;e;n\n1;vald;2026-08-22;674032;42\n2;vald;2026-08-22;18,07;59,33\n', { crs: 'EPSG:3006' });
    expect(errors.map(({ row, field }) => ({ row, field }))).toEqual([
      { row: 2, field: 'n' },
      { row: 3, field: 'e' },
      { row: 3, field: 'n' },
    ]);
    expect(errors[0]!.message).toMatch(/northing 42 is outside Sweden in EPSG:3006/);
  });

  it('rejects a SWEREF 99 TM easting in a local-zone file', async () => {
    const { errors } = await read('id;category;observed_at;e;n\n1;vald;2026-08-22;674032;6580822\n', { crs: 'EPSG:3011' });
    expect(errors).toMatchObject([{ row: 2, field: 'e' }]);
  });

  it('needs e/n or x/y columns for a projected CRS', async () => {
    expect((await headerError('id;category;observed_at;lat;lng\n', { crs: 'EPSG:3006' })).field).toBe('header');
    expect((await headerError('id;category;observed_at;e\n', { crs: 'EPSG:3006', eColumn: 'e' })).field).toBe('n');
  });
});

describe('parseCsv values', () => {
  it('reads local times in the area time zone across the 2026 DST changes', async () => {
    const body =
      WGS_HEADER +
      row({ id: 'spring-before', observed_at: '2026-03-29 01:30' }) +
      row({ id: 'spring-after', observed_at: '2026-03-29T03:30:00' }) +
      row({ id: 'autumn-before', observed_at: '2026-10-25 01:30:00' }) +
      row({ id: 'autumn-after', observed_at: '2026-10-25 03:30' }) +
      row({ id: 'offset', observed_at: '2026-10-25T03:30:00+02:00' });
    const { rows } = await read(body);
    expect(Object.fromEntries(rows.map((r) => [r.externalId, r.observedAt.toISOString()]))).toEqual({
      'spring-before': '2026-03-29T00:30:00.000Z',
      'spring-after': '2026-03-29T01:30:00.000Z',
      'autumn-before': '2026-10-24T23:30:00.000Z',
      'autumn-after': '2026-10-25T02:30:00.000Z',
      offset: '2026-10-25T01:30:00.000Z',
    });
  });

  it('uses the time zone it is given', async () => {
    const { rows } = await read(WGS_HEADER + row({ observed_at: '2026-08-22 21:30' }), {}, { timezone: 'UTC' });
    expect(rows[0]!.observedAt.toISOString()).toBe('2026-08-22T21:30:00.000Z');
  });

  it('rejects impossible and non-ISO dates', async () => {
    const body = WGS_HEADER + ['2026-02-30', '2026-02-29 12:00', 'yesterday', '22/08/2026', '2026-08-22 25:00'].map((observed_at) => row({ observed_at })).join('');
    const { rows, errors } = await read(body);
    expect(rows).toEqual([]);
    expect(errors.map((e) => [e.row, e.field])).toEqual([
      [2, 'observed_at'],
      [3, 'observed_at'],
      [4, 'observed_at'],
      [5, 'observed_at'],
      [6, 'observed_at'],
    ]);
  });

  it('reads observed_until and rejects one before observed_at', async () => {
    const { rows, errors } = await read(
      WGS_HEADER + row({ id: 'ok', observed_until: '2026-08-22 23:00' }) + row({ id: 'bad', observed_until: '2026-08-22 20:00' }),
    );
    expect(rows[0]!.observedUntil).toEqual(new Date('2026-08-22T21:00:00Z'));
    expect(errors).toEqual([{ row: 3, field: 'observed_until', message: expect.stringMatching(/before observed_at/) }]);
  });

  it('reads severity 1–3, empty as null, anything else as an error', async () => {
    const { rows, errors } = await read(WGS_HEADER + ['1', '3', '', '0', '2,5', 'hög'].map((severity, i) => row({ id: `s${i}`, severity })).join(''));
    expect(rows.map((r) => r.severity)).toEqual([1, 3, null]);
    expect(errors.map((e) => [e.row, e.field])).toEqual([
      [5, 'severity'],
      [6, 'severity'],
      [7, 'severity'],
    ]);
  });

  it('accepts a 2000-character description and rejects 2001', async () => {
    const { rows, errors } = await read(WGS_HEADER + row({ id: 'max', description: 'å'.repeat(2000) }) + row({ id: 'over', description: 'å'.repeat(2001) }));
    expect(rows.map((r) => r.externalId)).toEqual(['max']);
    expect(errors).toEqual([{ row: 3, field: 'description', message: expect.stringMatching(/2001 characters long; the limit is 2000/) }]);
  });

  it('requires id (at most 200 characters) and category', async () => {
    const { errors } = await read(WGS_HEADER + row({ id: '' }) + row({ id: 'x'.repeat(201) }) + row({ category: '  ' }));
    expect(errors.map((e) => [e.row, e.field, e.message])).toEqual([
      [2, 'id', 'column "id": is required'],
      [3, 'id', expect.stringMatching(/longer than 200 characters/)],
      [4, 'category', 'column "category": is required'],
    ]);
  });

  it('reports one error per bad field of a row', async () => {
    const { errors } = await read(WGS_HEADER + row({ id: '', category: '', observed_at: 'nu', lat: 'x', severity: '9' }));
    expect(errors.map((e) => e.field)).toEqual(['id', 'category', 'observed_at', 'severity', 'lat']);
    expect(new Set(errors.map((e) => e.row))).toEqual(new Set([2]));
  });
});

describe('parseCsv malformed input', () => {
  it('reports a row with the wrong number of fields and goes on', async () => {
    const { rows, errors } = await read(`${WGS_HEADER}1;vald;2026-08-22;59,3\n${row({ id: '2' })}`);
    expect(errors).toEqual([{ row: 2, field: 'csv', message: expect.stringMatching(/expected 8 fields as in the header, found 4/) }]);
    expect(rows.map((r) => r.rowNumber)).toEqual([3]);
  });

  it('tolerates extra empty trailing fields', async () => {
    const { rows, errors } = await read(`${WGS_HEADER}${row({}).trimEnd()};;\n`);
    expect(errors).toEqual([]);
    expect(rows).toHaveLength(1);
  });

  it('reports an unterminated quote at the line it opens, keeping the rows before it', async () => {
    const { rows, errors } = await read(`${WGS_HEADER}${row({ id: 'a' })}${row({ id: 'b' })}3;vald;2026-08-22;59,3;18,0;;"Aldrig stängd\n${row({ id: 'c' })}`);
    expect(rows.map((r) => r.externalId)).toEqual(['a', 'b']);
    expect(errors).toEqual([{ row: 4, field: 'csv', message: expect.stringMatching(/quoted field starting on line 4 is never closed/) }]);
  });

  it('keeps row numbers right after quoted newlines, LF or CRLF', async () => {
    const body = `${WGS_HEADER}${row({ id: 'a', description: '"rad 1\nrad 2\nrad 3"' })}${row({ id: 'b', description: '"x\r\ny"' })}${row({ id: 'c', observed_at: 'fel' })}`;
    for (const variant of [body, body.replace(/\r?\n/g, '\r\n')]) {
      const { rows, errors } = await read(variant);
      expect(rows.map((r) => [r.externalId, r.rowNumber])).toEqual([
        ['a', 2],
        ['b', 5],
      ]);
      expect(errors.map((e) => e.row)).toEqual([7]);
    }
  });

  it('keeps a stray quote inside an unquoted cell as text', async () => {
    const { rows } = await read(WGS_HEADER + row({ description: 'En 12" skärm' }));
    expect(rows[0]!.description).toBe('En 12" skärm');
  });

  it('stops reading the body when the consumer stops early', async () => {
    let pulled = 0;
    let closed = false;
    async function* endlessBody(): AsyncGenerator<Buffer> {
      try {
        yield Buffer.from(WGS_HEADER);
        for (let i = 0; ; i++) {
          pulled++;
          yield Buffer.from(row({ id: `r${i}` }).repeat(10));
        }
      } finally {
        closed = true;
      }
    }
    for await (const item of parseCsv(endlessBody(), csvOptionsFromQuery({}))) {
      if (item.kind === 'row' && item.row.rowNumber > 100) break;
    }
    await vi.waitFor(() => expect(closed).toBe(true));
    expect(pulled).toBeLessThan(10_000);
  });
});
