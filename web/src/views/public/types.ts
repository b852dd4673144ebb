/** What the public view's API sends (`/api/v1/public/areas/:code…`). */
import type { FeatureCollection, MultiPolygon, Polygon } from 'geojson';
import type { Bbox } from '../../lib/types';

export interface PublicArea {
  code: string;
  name: string;
  timezone: string;
  /** k: hexagons with fewer reports than this are not published. */
  minCount: number;
  maxRes: number;
  /** The ISO week in progress, e.g. "2026-W47"; published periods end where it starts. */
  currentWeek: string;
  bbox: Bbox;
  boundary: MultiPolygon;
}

export interface PublicCellProperties {
  cell: string;
  count: number;
}

export interface PublicHotspotMeta {
  res: number;
  from: string;
  to: string;
  firstWeek: string;
  lastWeek: string;
  weeks: number;
  minCount: number;
  areaName: string;
}

export interface PublicHotspotCollection extends FeatureCollection<Polygon, PublicCellProperties> {
  meta: PublicHotspotMeta;
}

export interface PublicHotspotQuery {
  code: string;
  res: number;
  /** ISO weeks: the first week counted, and the week the period stops before. */
  from: string;
  to: string;
}

/** What the panel says about the current request. */
export type PublicResult = { kind: 'loading' } | { kind: 'error'; message: string } | { kind: 'ready'; cells: number };
