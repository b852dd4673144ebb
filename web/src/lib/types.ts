/** DTOs of the Tryggkarta API (`/api/v1`), as the server sends them. */
import type { Feature, FeatureCollection, MultiPolygon, Polygon } from 'geojson';

export type Role = 'reporter' | 'walker' | 'planner' | 'analyst' | 'admin';

export interface AreaSummary {
  id: number;
  code: string;
  name: string;
}

export interface User {
  id: number;
  email: string;
  name: string;
  role: Role;
  organisationId: number | null;
  area: AreaSummary;
}

/** [west, south, east, north] in degrees. */
export type Bbox = [number, number, number, number];

export interface Area extends AreaSummary {
  timezone: string;
  boundary: MultiPolygon;
  bbox: Bbox;
}

export type CategoryKind = 'report' | 'finding';

export interface Category {
  code: string;
  labelSv: string;
  labelEn: string;
  group: string | null;
  kind: CategoryKind;
  active: boolean;
}

export interface Organisation {
  id: number;
  name: string;
  kind: string;
}

export interface HotspotCellProperties {
  cell: string;
  count: number;
  weight: number;
}

export type HotspotFeature = Feature<Polygon, HotspotCellProperties>;

export interface HotspotMeta {
  res: number;
  from: string;
  to: string;
  total: number;
  cells: number;
}

export interface HotspotCollection extends FeatureCollection<Polygon, HotspotCellProperties> {
  meta: HotspotMeta;
}

export interface HotspotQuery {
  res: number;
  /** ISO 8601 with offset; inclusive. */
  from: string;
  /** ISO 8601 with offset; exclusive. */
  to: string;
  /** Category codes; omitted means every category. */
  categories?: readonly string[];
  organisations?: readonly string[];
  sources?: readonly string[];
  precision?: 'point' | 'all';
  weekdays?: readonly number[];
  /** e.g. "18-23" */
  hours?: string;
  weighted?: boolean;
}

export interface ClientConfig {
  basemapStyleUrl: string | null;
}
