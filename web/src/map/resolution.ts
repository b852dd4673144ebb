/** H3 resolutions the hotspot view offers, and how map zoom picks one. */

export const MIN_RESOLUTION = 6;
export const MAX_RESOLUTION = 12;
export const RESOLUTIONS = [6, 7, 8, 9, 10, 11, 12] as const;

/**
 * The resolution whose hexagons read well at `zoom`: a few pixels wide at the least,
 * never so many that one street splits into dozens.
 */
export function resolutionForZoom(zoom: number): number {
  const z = Math.floor(zoom);
  // At Swedish latitudes a res-8 cell is ~12 px wide at zoom 10-11, a res-9 cell ~10 px at zoom 12.
  if (z <= 9) return 7;
  if (z <= 11) return 8;
  if (z <= 13) return 9;
  if (z === 14) return 10;
  return 11;
}

/** Average hexagon area per resolution in km² (H3's published table). */
const AVERAGE_AREA_KM2: Record<number, number> = {
  6: 36.129062164,
  7: 5.16129336,
  8: 0.737327598,
  9: 0.105332513,
  10: 0.015047502,
  11: 0.002149643,
  12: 0.000307092,
};

export function averageCellAreaKm2(res: number): number {
  const area = AVERAGE_AREA_KM2[res];
  if (area === undefined) throw new RangeError(`Unsupported H3 resolution ${res}`);
  return area;
}

/** The area as a rounded value and unit, e.g. 0.105 km² → { value: 0.1, unit: 'km2' }. */
export function roundedCellArea(res: number): { value: number; unit: 'km2' | 'm2' } {
  const km2 = averageCellAreaKm2(res);
  if (km2 >= 10) return { value: Math.round(km2), unit: 'km2' };
  if (km2 >= 1) return { value: Math.round(km2 * 10) / 10, unit: 'km2' };
  if (km2 >= 0.1) return { value: Number(km2.toPrecision(1)), unit: 'km2' };
  return { value: Number((km2 * 1e6).toPrecision(2)), unit: 'm2' };
}
