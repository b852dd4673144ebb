/** Typed client for the area's named places (`/api/v1/zones`). */
import type { Feature, FeatureCollection, MultiPolygon, Polygon } from 'geojson';
import { request } from './api';

export type ZoneGeometry = Polygon | MultiPolygon;

export interface Zone {
  id: string;
  name: string;
  geometry: ZoneGeometry;
  areaKm2: number;
  createdAt: string;
  updatedAt: string;
}

export type ZoneProperties = Omit<Zone, 'geometry'>;
export type ZoneCollection = FeatureCollection<ZoneGeometry, ZoneProperties>;
export type ZoneFeature = Feature<ZoneGeometry, ZoneProperties>;

/** A cell named after the place that holds it, or the nearest one (POST /zones/locate). */
export interface LocatedCell {
  cell: string;
  zoneId: string | null;
  name: string | null;
  inside: boolean;
  distanceMeters: number | null;
}

export const zonesApi = {
  list: (signal?: AbortSignal) => request<ZoneCollection>('/zones', { signal }),
  get: (id: string, signal?: AbortSignal) => request<Zone>(`/zones/${encodeURIComponent(id)}`, { signal }),
  create: (name: string, geometry: ZoneGeometry) => request<Zone>('/zones', { method: 'POST', body: { name, geometry } }),
  update: (id: string, patch: { name?: string; geometry?: ZoneGeometry }) =>
    request<Zone>(`/zones/${encodeURIComponent(id)}`, { method: 'PATCH', body: patch }),
  remove: (id: string) => request<void>(`/zones/${encodeURIComponent(id)}`, { method: 'DELETE' }),
  /** Place names for up to 1,000 cells in one request, in the order given. */
  locate: (cells: readonly string[], signal?: AbortSignal, maxDistanceMeters?: number) =>
    request<{ cells: LocatedCell[] }>('/zones/locate', { method: 'POST', body: { cells, maxDistanceMeters }, signal }).then((r) => r.cells),
};
