import { readFileSync } from 'node:fs';
import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { csvOptionsFromQuery, parseCsv, type CsvOptions } from '../../../server/imports/parsers/csv.js';
import { collect, fixture, inChunks } from './helpers.js';

const HEADER = 'id;category;observed_at;lat;lng;severity;description\n';

async function read(body: string | Buffer, options: Partial<CsvOptions> = {}, chunkSize = 7) {
  const notes: string[] = [];
  const result = await collect(parseCsv(inChunks(body, chunkSize), { ...csvOptionsFromQuery({}), onNote: (note) => notes.push(note), ...options }));
  return { ...result, notes };
}

describe('parseCsv reads what Swedish Excel saves', () => {
  it('reads "CSV (semikolonavgränsad)": Windows-1252, semicolons, decimal commas, CRLF, Swedish headers', async () => {
    const body = readFileSync(fixture('excel-sv-windows1252.csv'));
    const options = csvOptionsFromQuery({
      idColumn: 'Id',
      categoryColumn: 'Kategori',
      observedAtColumn: 'Tidpunkt',
      latColumn: 'Latitud',
      lngColumn: 'Longitud',
      severityColumn: 'Allvarlighet',
      descriptionColumn: 'Beskrivning',
    });
    const { rows, errors, notes } = await read(body, options);

    expect(rows.map((row) => row.externalId)).toEqual(['A-1', 'A-2', 'A-3']);
    expect(rows[0]).toEqual({
      rowNumber: 2,
      externalId: 'A-1',
      category: 'skadegorelse',
      observedAt: new Date('2026-08-22T19:30:00Z'),
      observedUntil: null,
      x: 18.0123,
      y: 59.3712,
      srid: 4326,
      severity: 2,
      description: 'Skadegörelse på Ängsgärdet',
      sourceType: null,
      locationPrecision: 'point',
      inAnalytics: true,
    });
    expect(rows[1]!.description).toBe('Klotter på väggen; två "taggar"');
    expect(rows[1]!.observedAt).toEqual(new Date('2026-08-22T22:00:00Z')); // date only: local midnight
    expect(rows[2]!.description).toBe('Skräp vid\nÅkerivägen');
    // A-3 spans lines 4–5, so A-4 is line 6.
    expect(errors).toEqual([
      { row: 6, field: 'observed_at', message: 'column "Tidpunkt": "2026-02-30 12:00" is not a valid calendar date' },
      { row: 6, field: 'severity', message: 'column "Allvarlighet": "5" must be 1, 2 or 3' },
    ]);
    expect(notes.some((note) => note.includes('Windows-1252'))).toBe(true);
    expect(notes.some((note) => note.includes('semicolon'))).toBe(true);
  });

  it('decodes the Windows-1252 bytes of "Skadegörelse på Ängsgärdet"', async () => {
    const description = Buffer.from([
      0x53, 0x6b, 0x61, 0x64, 0x65, 0x67, 0xf6, 0x72, 0x65, 0x6c, 0x73, 0x65, 0x20, 0x70, 0xe5, 0x20,
      0xc4, 0x6e, 0x67, 0x73, 0x67, 0xe4, 0x72, 0x64, 0x65, 0x74,
    ]);
    const body = Buffer.concat([Buffer.from(`${HEADER}1;skadegorelse;2026-08-22 21:30;59,37;18,01;;`), description, Buffer.from('\r\n')]);
    const { rows } = await read(body);
    expect(rows[0]!.description).toBe('Skadegörelse på Ängsgärdet');
  });

  it('reads "CSV UTF-8": a BOM before the header is not part of the first column name', async () => {
    const body = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(`${HEADER}1;klotter;2026-08-22;59,3;18,0;;Tag på Årstabron\n`)]);
    const { rows, errors, notes } = await read(body);
    expect(errors).toEqual([]);
    expect(rows[0]!.description).toBe('Tag på Årstabron');
    expect(notes.some((note) => note.includes('Windows-1252'))).toBe(false);
  });

  it('reads UTF-8 without BOM even when a character is cut at every chunk boundary', async () => {
    const { rows } = await read(`${HEADER}1;klotter;2026-08-22;59,3;18,0;;Ängsgärdet ö å ä 😀\n`, {}, 1);
    expect(rows[0]!.description).toBe('Ängsgärdet ö å ä 😀');
  });

  it('keeps UTF-8 when the sniffed start of the file ends inside a character', async () => {
    const line = (i: number, description: string) => `${i};klotter;2026-08-22;59,3;18,0;;${description}\n`;
    let body = HEADER;
    let i = 0;
    while (body.length < 65_000) body += line(i++, 'x'.repeat(50));
    const filler = 65_536 - Buffer.byteLength(body) - Buffer.byteLength(`${i};klotter;2026-08-22;59,3;18,0;;`) - 1;
    body += line(i++, `${'y'.repeat(filler)}ö`); // "ö" is bytes 65 535–65 536: split by the 64 KiB sniff window
    const { rows, errors, notes } = await read(Buffer.from(body), {}, 65_536);
    expect(errors).toEqual([]);
    expect(rows.at(-1)!.description!.endsWith('yö')).toBe(true);
    expect(notes.some((note) => note.includes('Windows-1252'))).toBe(false);
  });

  it('reports a row that is not UTF-8 in a file that started as UTF-8, instead of garbling it', async () => {
    let body = HEADER;
    for (let i = 0; i < 2000; i++) body += `${i};klotter;2026-08-22;59,3;18,0;;Vägg\n`; // > 64 KiB of valid UTF-8
    const tail = Buffer.concat([Buffer.from('late;klotter;2026-08-22;59,3;18,0;;Sk'), Buffer.from([0xe5, 0x70]), Buffer.from('\nlast;klotter;2026-08-22;59,3;18,0;;ok\n')]);
    const { rows, errors } = await read(Buffer.concat([Buffer.from(body), tail]), {}, 4096);
    expect(rows).toHaveLength(2001);
    expect(rows.at(-1)!.externalId).toBe('last');
    expect(errors).toEqual([{ row: 2002, field: 'encoding', message: expect.stringMatching(/not valid UTF-8/) }]);
  });

  it('reads Excel "Unicode-text": UTF-16LE with BOM, tab-separated', async () => {
    const text = 'id\tcategory\tobserved_at\tlat\tlng\tdescription\r\n1\tvald\t2026-08-22 21:30\t59,3712\t18,0123\tBråk vid Ängsgärdet\r\n';
    const body = Buffer.concat([Buffer.from([0xff, 0xfe]), iconv.encode(text, 'utf-16le')]);
    const { rows, errors, notes } = await read(body);
    expect(errors).toEqual([]);
    expect(rows[0]).toMatchObject({ x: 18.0123, y: 59.3712, description: 'Bråk vid Ängsgärdet' });
    expect(notes.some((note) => note.includes('UTF-16'))).toBe(true);
  });

  it('skips the bare-separator rows Excel writes for touched but empty rows', async () => {
    const { rows, errors } = await read(`${HEADER};;;;;;\n1;vald;2026-08-22;59,3;18,0;;\n\n;;;;;;\n`);
    expect(errors).toEqual([]);
    expect(rows).toMatchObject([{ externalId: '1', rowNumber: 3 }]);
  });
});

describe('parseCsv separators', () => {
  it('detects commas', async () => {
    const { rows, notes } = await read('id,category,observed_at,lat,lng\n1,vald,2026-08-22,"59,3712",18.0123\n');
    expect(rows[0]).toMatchObject({ x: 18.0123, y: 59.3712 });
    expect(notes).toContain('Separator: comma (,), detected from the header. / Avgränsare: comma (,).');
  });

  it('detects tabs', async () => {
    const { rows } = await read('id\tcategory\tobserved_at\tlat\tlng\n1\tvald\t2026-08-22\t59,3712\t18,0123\n');
    expect(rows[0]).toMatchObject({ x: 18.0123, y: 59.3712 });
  });

  it('lets the delimiter option override detection', async () => {
    // The header has more commas than semicolons, but the file is semicolon-separated.
    const body = 'id;category;observed_at;lat;lng;description\n1;vald;2026-08-22;59,3;18,0;a, b, c, d, e, f\n';
    const { rows, errors } = await read(body.replace('description', '"note, with, commas, in, header, name"'), {
      delimiter: ';',
      columns: { description: 'note, with, commas, in, header, name' },
    });
    expect(errors).toEqual([]);
    expect(rows[0]!.description).toBe('a, b, c, d, e, f');
  });
});
