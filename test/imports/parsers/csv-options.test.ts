import { describe, expect, it } from 'vitest';
import { csvOptionsFromQuery, CsvOptionsError } from '../../../server/imports/parsers/csv.js';

function optionsError(query: Record<string, unknown>): CsvOptionsError {
  try {
    csvOptionsFromQuery(query);
  } catch (error) {
    if (error instanceof CsvOptionsError) return error;
    throw error;
  }
  throw new Error('expected a CsvOptionsError');
}

describe('csvOptionsFromQuery', () => {
  it('defaults to WGS 84, a detected separator and the default column names', () => {
    expect(csvOptionsFromQuery({})).toEqual({ srid: 4326, delimiter: null, columns: {} });
  });

  it('reads the CRS in its usual spellings', () => {
    expect(csvOptionsFromQuery({ crs: 'EPSG:3006' }).srid).toBe(3006);
    expect(csvOptionsFromQuery({ crs: '3021' }).srid).toBe(3021);
    expect(csvOptionsFromQuery({ crs: '4326' }).srid).toBe(4326);
  });

  it('reads separators by character or by name', () => {
    expect(csvOptionsFromQuery({ delimiter: ';' }).delimiter).toBe(';');
    expect(csvOptionsFromQuery({ delimiter: 'tab' }).delimiter).toBe('\t');
    expect(csvOptionsFromQuery({ delimiter: '\t' }).delimiter).toBe('\t');
    expect(csvOptionsFromQuery({ delimiter: 'comma' }).delimiter).toBe(',');
  });

  it('maps every column parameter to its canonical column', () => {
    const options = csvOptionsFromQuery({
      idColumn: 'Id',
      categoryColumn: 'Kategori',
      observedAtColumn: 'Tidpunkt',
      observedUntilColumn: 'Till',
      latColumn: 'Latitud',
      lngColumn: 'Longitud',
      eColumn: 'Öst',
      nColumn: 'Nord',
      xColumn: 'X-koord',
      yColumn: 'Y-koord',
      severityColumn: 'Grad',
      descriptionColumn: 'Beskrivning',
    });
    expect(options.columns).toEqual({
      id: 'Id',
      category: 'Kategori',
      observed_at: 'Tidpunkt',
      observed_until: 'Till',
      lat: 'Latitud',
      lng: 'Longitud',
      e: 'Öst',
      n: 'Nord',
      x: 'X-koord',
      y: 'Y-koord',
      severity: 'Grad',
      description: 'Beskrivning',
    });
  });

  it('ignores query parameters that are not CSV options', () => {
    expect(csvOptionsFromQuery({ dryRun: 'true', format: 'csv' })).toEqual({ srid: 4326, delimiter: null, columns: {} });
  });

  it('names the parameter of an unsupported CRS', () => {
    const error = optionsError({ crs: 'EPSG:3857' });
    expect(error.field).toBe('crs');
    expect(error.message).toMatch(/EPSG:3006/);
  });

  it('names the parameter of an unknown separator', () => {
    expect(optionsError({ delimiter: 'x' }).field).toBe('delimiter');
  });

  it('rejects a column parameter given twice or empty', () => {
    expect(optionsError({ latColumn: ['a', 'b'] })).toMatchObject({ field: 'latColumn', message: expect.stringMatching(/once/) });
    expect(optionsError({ idColumn: '  ' })).toMatchObject({ field: 'idColumn' });
  });
});
