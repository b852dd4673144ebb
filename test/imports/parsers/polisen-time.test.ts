import { describe, expect, it } from 'vitest';
import { incidentTimeFromName, parsePolisenDatetime } from '../../../server/imports/parsers/polisen-time.js';

const published = (text: string) => parsePolisenDatetime(text)!;
const incident = (name: string, publishedText: string) => incidentTimeFromName(name, published(publishedText))?.toISOString() ?? null;

describe('parsePolisenDatetime', () => {
  it('reads hours without a leading zero, as the API writes them', () => {
    expect(parsePolisenDatetime('2026-08-22 9:48:12 +02:00')?.toISOString()).toBe('2026-08-22T07:48:12.000Z');
    expect(parsePolisenDatetime('2026-01-01 0:05:56 +01:00')?.toISOString()).toBe('2025-12-31T23:05:56.000Z');
  });

  it('reads padded hours', () => {
    expect(parsePolisenDatetime('2026-08-22 19:51:41 +02:00')?.toISOString()).toBe('2026-08-22T17:51:41.000Z');
  });

  it('rejects a datetime without offset or with an impossible date', () => {
    expect(parsePolisenDatetime('2026-08-22 19:51:41')).toBeNull();
    expect(parsePolisenDatetime('2026-02-30 19:51:41 +01:00')).toBeNull();
    expect(parsePolisenDatetime('igår')).toBeNull();
  });
});

describe('incidentTimeFromName', () => {
  it('reads "22 augusti 17.59" as Swedish summer time', () => {
    expect(incident('22 augusti 17.59, Brand, Kävlinge', '2026-08-22 19:51:41 +02:00')).toBe('2026-08-22T15:59:00.000Z');
  });

  it('reads a colon, a leading zero and winter time', () => {
    expect(incident('09 november 12:33, Övrigt, Västerås', '2025-11-09 13:01:00 +01:00')).toBe('2025-11-09T11:33:00.000Z');
  });

  it('reads a date without time as local midnight', () => {
    expect(incident('22 augusti, Sammanfattning natt, Hallands län', '2026-08-22 7:00:00 +02:00')).toBe('2026-08-21T22:00:00.000Z');
  });

  it('takes the start of a time range', () => {
    expect(incident('22 augusti 17.00-18.00, Trafikkontroll, Malmö', '2026-08-22 19:00:00 +02:00')).toBe('2026-08-22T15:00:00.000Z');
    expect(incident('22 augusti 17.00 - 18.00, Trafikkontroll, Malmö', '2026-08-22 19:00:00 +02:00')).toBe('2026-08-22T15:00:00.000Z');
  });

  it('puts "31 december" published on New Year\'s Day in the previous year', () => {
    expect(incident('31 december 23.30, Brand, Åstorp', '2026-01-01 6:50:38 +01:00')).toBe('2025-12-31T22:30:00.000Z');
    expect(incident('31 december 23.08, Vållande till kroppsskada, Solna', '2026-01-01 0:05:56 +01:00')).toBe('2025-12-31T22:08:00.000Z');
  });

  it('puts "1 januari" published on New Year\'s Eve in the next year', () => {
    expect(incident('1 januari 00.30, Brand, Malmö', '2025-12-31 23:59:00 +01:00')).toBe('2025-12-31T23:30:00.000Z');
  });

  it('keeps an announced operation a few days after its publication in the same year', () => {
    // Real archive case: Valborg/1 May operation announced on 28 April.
    expect(incident('01 maj 08:00, Övrigt, Stockholm', '2023-04-28 7:30:18 +02:00')).toBe('2023-05-01T06:00:00.000Z');
  });

  it('applies DST on the changeover days', () => {
    expect(incident('29 mars 01.30, Brand, Malmö', '2026-03-29 9:00:00 +02:00')).toBe('2026-03-29T00:30:00.000Z');
    expect(incident('29 mars 03.30, Brand, Malmö', '2026-03-29 9:00:00 +02:00')).toBe('2026-03-29T01:30:00.000Z');
    expect(incident('25 oktober 01.30, Brand, Malmö', '2026-10-25 9:00:00 +01:00')).toBe('2026-10-24T23:30:00.000Z');
    expect(incident('25 oktober 03.30, Brand, Malmö', '2026-10-25 9:00:00 +01:00')).toBe('2026-10-25T02:30:00.000Z');
  });

  it('finds 29 februari in the leap year', () => {
    expect(incident('29 februari 10.00, Stöld, Lund', '2024-03-01 8:00:00 +01:00')).toBe('2024-02-29T09:00:00.000Z');
  });

  it('returns null for names without a valid date', () => {
    expect(incident('31 juni 12.00, Brand, Malmö', '2026-06-30 12:00:00 +02:00')).toBeNull();
    expect(incident('22 augusti 25.00, Brand, Malmö', '2026-08-22 12:00:00 +02:00')).toBeNull();
    expect(incident('Brand, Malmö', '2026-08-22 12:00:00 +02:00')).toBeNull();
    expect(incident('', '2026-08-22 12:00:00 +02:00')).toBeNull();
  });
});
