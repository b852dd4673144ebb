/**
 * Coordinate reference systems an import may use, the value ranges Sweden covers in each, and
 * the axis-order repairs those ranges allow. The service does the actual transform (PostGIS
 * ST_Transform); this module only decides which number is the easting and which the northing.
 */

export const WGS84 = 4326;

interface ProjectedCrs {
  srid: number;
  name: string;
  /** Eastings that occur in Sweden, with a margin. */
  easting: readonly [number, number];
}

// Northings of Sweden (Smygehuk ~6.13 Mm, Treriksröset ~7.67 Mm) are alike in every one of these
// CRSs. Every easting range ends far below 6 Mm, so an easting can never pass for a northing.
const NORTHING: readonly [number, number] = [6_000_000, 7_800_000];
const SWEREF99_LOCAL_EASTING = [50_000, 350_000] as const; // false easting 150 000 m

const PROJECTED: readonly ProjectedCrs[] = [
  { srid: 3006, name: 'SWEREF 99 TM', easting: [150_000, 1_000_000] },
  ...(
    [
      [3007, '12 00'], [3008, '13 30'], [3009, '15 00'], [3010, '16 30'], [3011, '18 00'], [3012, '14 15'],
      [3013, '15 45'], [3014, '17 15'], [3015, '18 45'], [3016, '20 15'], [3017, '21 45'], [3018, '23 15'],
    ] as const
  ).map(([srid, meridian]) => ({ srid, name: `SWEREF 99 ${meridian}`, easting: SWEREF99_LOCAL_EASTING })),
  { srid: 3021, name: 'RT 90 2.5 gon V', easting: [1_100_000, 2_000_000] },
];

const PROJECTED_BY_SRID = new Map(PROJECTED.map((crs) => [crs.srid, crs]));

export const SUPPORTED_CRS = ['EPSG:4326', ...PROJECTED.map((crs) => `EPSG:${crs.srid}`)] as const;

/**
 * "EPSG:3006", "epsg:3006", "3006", "urn:ogc:def:crs:EPSG::3006" → 3006; "CRS84" → 4326;
 * null for anything not supported.
 */
export function parseCrs(text: string): number | null {
  const trimmed = text.trim();
  if (/^(urn:ogc:def:crs:OGC:1\.3:)?CRS84$/i.test(trimmed)) return WGS84;
  const match = /^(?:(?:urn:ogc:def:crs:)?EPSG:{1,2})?(\d{4,5})$/i.exec(trimmed);
  if (!match) return null;
  const srid = Number(match[1]);
  return srid === WGS84 || PROJECTED_BY_SRID.has(srid) ? srid : null;
}

export function crsName(srid: number): string {
  return srid === WGS84 ? 'WGS 84' : (PROJECTED_BY_SRID.get(srid)?.name ?? `EPSG:${srid}`);
}

/**
 * A number as Swedish spreadsheets write it: decimal comma or point, optional thousands
 * separators as (non-breaking) spaces, Unicode minus. Null when it is not a plain number.
 *
 * @example parseDecimal('59,3712') // 59.3712
 * @example parseDecimal('6 580 822,5') // 6580822.5
 */
export function parseDecimal(text: string): number | null {
  let value = text.trim().replace(/\u2212/g, '-');
  if (/^[+-]?\d{1,3}([ \u00a0\u202f]\d{3})+([.,]\d+)?$/.test(value)) value = value.replace(/[ \u00a0\u202f]/g, '');
  if (!/^[+-]?(\d+([.,]\d*)?|[.,]\d+)$/.test(value)) return null;
  const number = Number(value.replace(',', '.'));
  return Number.isFinite(number) ? number : null;
}

export type AxisResolution =
  | { ok: true; easting: number; northing: number; swapped: boolean }
  | { ok: false; badEasting: boolean; badNorthing: boolean };

/**
 * Decides which of two values is the easting. `easting`/`northing` are what the file claims;
 * if only the opposite reading fits Sweden, the axes were swapped and are swapped back.
 */
export function resolveProjectedAxes(srid: number, easting: number, northing: number): AxisResolution {
  const crs = PROJECTED_BY_SRID.get(srid);
  if (!crs) throw new Error(`not a projected CRS: ${srid}`);
  const isEasting = (v: number) => v >= crs.easting[0] && v <= crs.easting[1];
  const isNorthing = (v: number) => v >= NORTHING[0] && v <= NORTHING[1];

  if (isEasting(easting) && isNorthing(northing)) return { ok: true, easting, northing, swapped: false };
  if (isEasting(northing) && isNorthing(easting)) {
    return { ok: true, easting: northing, northing: easting, swapped: true };
  }
  // Blame the value that fits neither role; if each fits some role but not as a pair, blame both.
  const eastingFits = isEasting(easting) || isNorthing(easting);
  const northingFits = isEasting(northing) || isNorthing(northing);
  return {
    ok: false,
    badEasting: !eastingFits || eastingFits === northingFits,
    badNorthing: !northingFits || eastingFits === northingFits,
  };
}

/** Human-readable ranges for error messages. */
export function projectedRangeText(srid: number): string {
  const crs = PROJECTED_BY_SRID.get(srid);
  if (!crs) return '';
  const km = (m: number) => `${(m / 1000).toLocaleString('en-US')} km`;
  return `easting ${km(crs.easting[0])}–${km(crs.easting[1])}, northing ${km(NORTHING[0])}–${km(NORTHING[1])}`;
}

export type LatLngResolution =
  | { ok: true; lat: number; lng: number; swapped: boolean }
  | { ok: false; badLat: boolean; badLng: boolean };

/** Range check for WGS 84; a latitude beyond ±90 with a longitude that would be a valid latitude means the columns were swapped. */
export function resolveLatLng(lat: number, lng: number): LatLngResolution {
  const latOk = Math.abs(lat) <= 90;
  const lngOk = Math.abs(lng) <= 180;
  if (latOk && lngOk) return { ok: true, lat, lng, swapped: false };
  if (!latOk && Math.abs(lat) <= 180 && Math.abs(lng) <= 90) return { ok: true, lat: lng, lng: lat, swapped: true };
  return { ok: false, badLat: !latOk, badLng: !lngOk };
}
