import { describe, expect, it } from 'vitest';
import { averageCellAreaKm2, resolutionForZoom, roundedCellArea } from '../../web/src/map/resolution';

describe('resolution for a map zoom', () => {
  it('gets finer as the map zooms in, and stays within 7..11', () => {
    const resolutions = [5, 8, 9, 10, 11, 12, 13, 14, 15, 18].map(resolutionForZoom);
    expect(resolutions).toEqual([...resolutions].sort((a, b) => a - b));
    expect(Math.min(...resolutions)).toBe(7);
    expect(Math.max(...resolutions)).toBe(11);
  });

  it('shows res 8 for a town-sized view on a phone (zoom ~10.9) and res 9 at zoom 12', () => {
    expect(resolutionForZoom(10.9)).toBe(8);
    expect(resolutionForZoom(12.4)).toBe(9);
  });

  it('states cell areas from the H3 table in readable units', () => {
    expect(averageCellAreaKm2(9)).toBeCloseTo(0.1053, 4);
    expect(roundedCellArea(9)).toEqual({ value: 0.1, unit: 'km2' });
    expect(roundedCellArea(11)).toEqual({ value: 2100, unit: 'm2' });
    expect(() => averageCellAreaKm2(3)).toThrow(RangeError);
  });
});
