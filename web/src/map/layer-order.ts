import type { LayerSpecification, Map as MaplibreMap } from 'maplibre-gl';

/**
 * Bottom-to-top order of our own layers. Components add theirs whenever a style loads, in
 * whatever order their effects run, so each layer is inserted below the first one that
 * should be above it.
 */
export const LAYER_ORDER = [
  'area-mask',
  'hotspot-fill',
  'hotspot-outline',
  'hotspot-selected',
  // The planner views' cell layers (lägesbild, compare, trends, print): fill (with its outline),
  // change patterns and outlines, the selected cell.
  'cells-fill',
  'cells-pattern',
  'cells-change-outline',
  'cells-selected',
  'zones-fill',
  'zones-outline',
  'zones-selected',
  // Patrol targets (issue 6): above hexagons and zones, below the area outline.
  'patrol-targets-fill',
  'patrol-targets-outline',
  'patrol-targets-selected',
  'patrol-targets-dose',
  'report-point',
  'area-line-casing',
  'area-line',
  'zone-draft-fill',
  'zone-draft-line',
  'zone-draft-vertices',
  // Walk findings as points above every hexagon and zone.
  'findings-circle',
] as const;

export type OurLayerId = (typeof LAYER_ORDER)[number];

export function addLayerInOrder(map: MaplibreMap, layer: LayerSpecification & { id: OurLayerId }): void {
  const above = LAYER_ORDER.slice(LAYER_ORDER.indexOf(layer.id) + 1).find((id) => map.getLayer(id));
  map.addLayer(layer, above);
}

/**
 * Remove layers, then their source. Tolerates a map that is already removed or whose style
 * was replaced (which drops them anyway): cleanup order between parent and child is not ours.
 */
export function removeLayersAndSource(map: MaplibreMap, layerIds: readonly string[], sourceId: string): void {
  try {
    if (!map.style) return;
    for (const id of layerIds) if (map.getLayer(id)) map.removeLayer(id);
    if (map.getSource(sourceId)) map.removeSource(sourceId);
  } catch {
    // The map was destroyed first; nothing left to clean up.
  }
}
