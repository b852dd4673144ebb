import { getContext, setContext } from 'svelte';
import type { Map as MaplibreMap } from 'maplibre-gl';

/** What `<Map>` shares with the sources, layers and controls inside it. */
export interface MapContext {
  readonly map: MaplibreMap;
  /**
   * Increases each time a style has finished loading. Switching style drops every source and
   * layer, so components read this in the `$effect` that adds theirs and are re-run.
   */
  readonly styleGeneration: number;
}

const MAP_CONTEXT = Symbol('tryggkarta.map');

export function setMapContext(context: MapContext): void {
  setContext(MAP_CONTEXT, context);
}

/** The enclosing map; throws when a map component is used outside `<Map>`. */
export function getMapContext(): MapContext {
  const context = getContext<MapContext | undefined>(MAP_CONTEXT);
  if (!context) throw new Error('Map components must be placed inside <Map>.');
  return context;
}
