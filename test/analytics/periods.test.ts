import { describe, expect, it } from 'vitest';
import { addLocalDays, binEdges, defaultPeriodPair, localMidnight } from '../../server/analytics/periods';

const TZ = 'Europe/Stockholm';
const iso = (d: Date) => d.toISOString();
const step = (count: number, unit: 'h' | 'd' | 'w') => ({ count, unit, text: `${count}${unit}` });

describe('local-calendar periods', () => {
  it('finds local midnight on either side of a DST change', () => {
    expect(iso(localMidnight(new Date('2026-03-29T15:00:00Z'), TZ))).toBe('2026-03-28T23:00:00.000Z');
    expect(iso(localMidnight(new Date('2026-03-30T15:00:00Z'), TZ))).toBe('2026-03-29T22:00:00.000Z');
    expect(iso(localMidnight(new Date('2026-10-24T22:30:00Z'), TZ))).toBe('2026-10-24T22:00:00.000Z'); // 00:30 CEST on the 25th
  });

  it('steps calendar days keeping the local clock time across DST', () => {
    expect(iso(addLocalDays(new Date('2026-04-05T00:00:00+02:00'), -14, TZ))).toBe('2026-03-21T23:00:00.000Z');
    expect(iso(addLocalDays(new Date('2026-10-20T12:00:00+02:00'), 7, TZ))).toBe('2026-10-27T11:00:00.000Z');
    expect(iso(addLocalDays(new Date('2026-12-25T00:00:00+01:00'), 14, TZ))).toBe('2027-01-07T23:00:00.000Z');
  });

  it('defaults to the 14 whole local days before today against the 14 before those', () => {
    const { a, b } = defaultPeriodPair(new Date('2026-04-08T10:00:00Z'), TZ);
    expect([a.from, a.to, b.from, b.to].map(iso)).toEqual([
      '2026-03-10T23:00:00.000Z',
      '2026-03-24T23:00:00.000Z',
      '2026-03-24T23:00:00.000Z',
      '2026-04-07T22:00:00.000Z',
    ]);
  });

  it('lays bins back from `to`, the first whole and starting at or before `from`', () => {
    const edges = binEdges({ from: new Date('2026-03-18T00:00:00+01:00'), to: new Date('2026-04-06T00:00:00+02:00') }, step(1, 'w'), TZ, 200)!;
    expect(edges.map(iso)).toEqual(['2026-03-15T23:00:00.000Z', '2026-03-22T23:00:00.000Z', '2026-03-29T22:00:00.000Z', '2026-04-05T22:00:00.000Z']);
  });

  it('steps hours by the clock', () => {
    const edges = binEdges({ from: new Date('2026-03-29T00:00:00Z'), to: new Date('2026-03-29T03:00:00Z') }, step(1, 'h'), TZ, 200)!;
    expect(edges).toHaveLength(4);
  });

  it('accepts exactly the bin limit and gives up beyond it without stepping further', () => {
    expect(binEdges({ from: new Date('2026-01-01T00:00:00Z'), to: new Date('2026-01-09T08:00:00Z') }, step(1, 'h'), TZ, 200)).toHaveLength(201);
    expect(binEdges({ from: new Date('2026-01-01T00:00:00Z'), to: new Date('2026-01-09T08:01:00Z') }, step(1, 'h'), TZ, 200)).toBeUndefined();
    expect(binEdges({ from: new Date('1970-01-01T00:00:00Z'), to: new Date('2026-01-01T00:00:00Z') }, step(1, 'h'), TZ, 200)).toBeUndefined();
    expect(binEdges({ from: new Date('2026-01-01T00:00:00Z'), to: new Date('2026-01-09T08:00:00Z') }, step(1, 'd'), TZ, 200)).toHaveLength(10);
  });
});
