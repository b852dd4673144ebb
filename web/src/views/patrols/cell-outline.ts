/**
 * The outline of a proposed target's cells, drawn in the browser: a proposal answers cells, not
 * geometry. Its own module so h3-js (~200 kB) loads with the proposal screen only, not with every
 * view that draws saved targets.
 */
import { cellsToMultiPolygon } from 'h3-js';
import type { MultiPolygon } from 'geojson';

/** The dissolved outline of H3 cells, in GeoJSON order ([lng, lat]). */
export function cellsOutline(cells: readonly string[]): MultiPolygon {
  return { type: 'MultiPolygon', coordinates: cellsToMultiPolygon([...cells], true) };
}
