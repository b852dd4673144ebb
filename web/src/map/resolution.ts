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
  // At Swedish latitudes an average hexagon is 24 px wide where it is first chosen (res 8 at zoom 10),
  // res 9 at zoom 12 is 36 px, res 10 at zoom 14 54 px (hexagonWidthPx).
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

/** Metres per CSS pixel at zoom 0 on the equator with maplibre's 512-px tiles. */
const METRES_PER_PX_Z0 = 78_271.517;

/** Width (flat side to flat side) of an average hexagon of `res` in pixels at `zoom` and `lat`. */
export function hexagonWidthPx(res: number, zoom: number, lat: number): number {
  // A regular hexagon of area A is sqrt(2A/√3) wide.
  const widthM = Math.sqrt((2 * averageCellAreaKm2(res) * 1e6) / Math.sqrt(3));
  return widthM / ((METRES_PER_PX_Z0 * Math.cos((lat * Math.PI) / 180)) / 2 ** zoom);
}

/**
 * The zoom from which hexagons of `res` are at least `minPx` wide at `lat`. Below it the map
 * leaves out their 1 px outlines: on hexagons of a few pixels the outlines hide the colours, and
 * the outline pass cost as much as the fill (21,480 res-10 hexagons of ~3 px in software WebGL:
 * a panning frame p50 117 → 71 ms without it; `npm run bench:map`).
 */
export function outlineMinZoom(res: number, lat: number, minPx = 8): number {
  return Math.log2(minPx / hexagonWidthPx(res, 0, lat));
}

/** An H3 cell's resolution from its 15-digit hex index (the digit after the mode), or null. */
export function resolutionOfCell(cell: unknown): number | null {
  if (typeof cell !== 'string' || !/^8[0-9a-f]{14}$/i.test(cell)) return null;
  return parseInt(cell[1]!, 16);
}
