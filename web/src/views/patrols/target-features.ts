/**
 * Patrol targets as map features. A saved target carries its outline (`geometry`); a proposed one
 * only its cells (outlined in cell-outline.ts) or a zone the planner picked (the zone's outline).
 */
import type { Feature, FeatureCollection, MultiPolygon, Polygon } from 'geojson';
import type { DoseClass } from './dosage-view';

export type TargetGeometry = Polygon | MultiPolygon;

export interface TargetFeatureProperties {
  id: string;
  /** "1. Fristadstorget": what the popup and the list call it. */
  label: string;
  /** Further lines of the popup: windows, dose, unit. */
  details: string[];
  dose?: DoseClass;
}

export type TargetCollection = FeatureCollection<TargetGeometry, TargetFeatureProperties>;

export function targetCollection(targets: readonly { geometry: TargetGeometry | null; properties: TargetFeatureProperties }[]): TargetCollection {
  return {
    type: 'FeatureCollection',
    features: targets.flatMap((t): Feature<TargetGeometry, TargetFeatureProperties>[] =>
      t.geometry ? [{ type: 'Feature', id: t.properties.id, geometry: t.geometry, properties: t.properties }] : [],
    ),
  };
}

/** [[west, south], [east, north]] around every target, for fitBounds; null without any. */
export function collectionBounds(collection: TargetCollection): [[number, number], [number, number]] | null {
  let [w, s, e, n] = [Infinity, Infinity, -Infinity, -Infinity];
  for (const feature of collection.features) {
    const polygons = feature.geometry.type === 'Polygon' ? [feature.geometry.coordinates] : feature.geometry.coordinates;
    for (const ring of polygons.flat())
      for (const [lng, lat] of ring) {
        w = Math.min(w, lng!);
        e = Math.max(e, lng!);
        s = Math.min(s, lat!);
        n = Math.max(n, lat!);
      }
  }
  return Number.isFinite(w) ? [[w, s], [e, n]] : null;
}

/** A point inside-ish the target to stand for it when the phone has no GPS: its bounding box centre. */
export function targetCentre(geometry: TargetGeometry): [number, number] {
  const bounds = collectionBounds(targetCollection([{ geometry, properties: { id: '', label: '', details: [] } }]))!;
  return [(bounds[0][0] + bounds[1][0]) / 2, (bounds[0][1] + bounds[1][1]) / 2];
}
