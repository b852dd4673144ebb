import { describe, expect, it } from 'vitest';
import { daysInMonth, parseIsoWithOffset } from '../../server/shared/iso-time';

describe('strict ISO 8601 timestamps with offset', () => {
  it('parses offsets and Z to the same instant', () => {
    expect(parseIsoWithOffset('2026-08-22T21:30:00+02:00')?.toISOString()).toBe('2026-08-22T19:30:00.000Z');
    expect(parseIsoWithOffset('2026-08-22T19:30:00Z')?.toISOString()).toBe('2026-08-22T19:30:00.000Z');
    expect(parseIsoWithOffset('2026-08-22 19:30:00.123456Z')?.toISOString()).toBe('2026-08-22T19:30:00.123Z');
  });

  it('refuses impossible dates instead of rolling them over', () => {
    expect(parseIsoWithOffset('2026-02-30T10:00:00+01:00')).toBeUndefined();
    expect(parseIsoWithOffset('2026-13-01T10:00:00Z')).toBeUndefined();
    expect(parseIsoWithOffset('2026-01-01T24:00:00Z')).toBeUndefined();
    expect(parseIsoWithOffset('2028-02-29T10:00:00Z')).toBeDefined();
  });

  it('refuses timestamps without an offset', () => {
    expect(parseIsoWithOffset('2026-08-22T21:30:00')).toBeUndefined();
  });

  it('keeps years 0-99 as written (Date.UTC would make 0099 into 1999)', () => {
    expect(parseIsoWithOffset('0099-05-01T21:30:00+02:00')?.toISOString()).toBe('0099-05-01T19:30:00.000Z');
    expect(daysInMonth(4, 2)).toBe(29);
  });
});
