import { describe, expect, it } from 'vitest';
import { latLngToCell } from 'h3-js';
import { averageCellAreaKm2, hexagonWidthPx, outlineMinZoom, resolutionForZoom, resolutionOfCell, roundedCellArea } from '../../web/src/map/resolution';

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

describe('hexagon outlines by size on screen', () => {
  const ESKILSTUNA = 59.37;

  it('measures an average res-9 hexagon (349 m wide) in pixels: doubling per zoom level', () => {
    // 0.1053 km² → 348.8 m across; 9.74 m per pixel at zoom 12 at 59.37° N.
    expect(hexagonWidthPx(9, 12, ESKILSTUNA)).toBeCloseTo(35.82, 1);
    expect(hexagonWidthPx(9, 13, ESKILSTUNA) / hexagonWidthPx(9, 12, ESKILSTUNA)).toBeCloseTo(2, 12);
    expect(hexagonWidthPx(10, 12, ESKILSTUNA) / hexagonWidthPx(9, 12, ESKILSTUNA)).toBeCloseTo(1 / Math.sqrt(7), 2);
  });

  it('draws outlines from the zoom where a hexagon is 8 px wide, and always where the zoom picks the resolution itself', () => {
    for (const res of [7, 8, 9, 10, 11]) {
      const from = outlineMinZoom(res, ESKILSTUNA);
      expect(hexagonWidthPx(res, from, ESKILSTUNA)).toBeCloseTo(8, 9);
      for (const zoom of [8, 9, 10, 11, 12, 13, 14, 15, 16, 17]) if (resolutionForZoom(zoom) === res) expect(zoom).toBeGreaterThanOrEqual(from);
    }
    // Res 10 fixed by hand over a whole town (zoom ~10): 3–4 px hexagons, no outlines.
    expect(outlineMinZoom(10, ESKILSTUNA)).toBeGreaterThan(11);
    expect(outlineMinZoom(10, ESKILSTUNA)).toBeLessThan(11.5);
  });

  it('reads the resolution from an H3 index', () => {
    for (const res of [0, 6, 9, 10, 12, 15]) expect(resolutionOfCell(latLngToCell(ESKILSTUNA, 16.51, res))).toBe(res);
    for (const junk of [undefined, 42, '', 'hexagon', '0x89', '89283082837ffff1']) expect(resolutionOfCell(junk)).toBeNull();
  });
});
