/**
 * The normalised row every import format parses into. Parsers (csv, geojson, polisen) are pure
 * and know nothing of the database; the import service transforms coordinates, checks the
 * area boundary, computes H3 and writes rows in one transaction.
 */
export type LocationPrecision = 'point' | 'municipality' | 'county';

export interface ImportRow {
  /** Row number as the user sees it: CSV line number (header = line 1), GeoJSON feature index + 1, Polisen array index + 1. */
  rowNumber: number;
  externalId: string;
  /** Taxonomy code; the service checks it against the area's categories. */
  category: string;
  observedAt: Date;
  observedUntil: Date | null;
  /** Longitude/latitude when srid = 4326, else easting/northing in the given CRS. */
  x: number;
  y: number;
  srid: number;
  severity: 1 | 2 | 3 | null;
  description: string | null;
  /** Original type of an imported event (Polisen `type`, CSV category before mapping...). */
  sourceType: string | null;
  locationPrecision: LocationPrecision;
  /** False for rows stored but left out of analytics by default (Polisen summaries, police activity). */
  inAnalytics: boolean;
}

export interface RowError {
  row: number;
  field: string;
  message: string;
}

export type ParsedItem = { kind: 'row'; row: ImportRow } | { kind: 'error'; error: RowError };
