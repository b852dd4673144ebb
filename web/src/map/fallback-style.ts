import type { StyleSpecification } from 'maplibre-gl';

/**
 * The built-in basemap: a plain background and nothing fetched from anywhere, so the map
 * works offline and on networks that cannot reach a tile server. No symbol layers, because
 * those would need a glyphs URL.
 */
export const FALLBACK_BACKGROUND = '#eceff1';

export function fallbackStyle(): StyleSpecification {
  return {
    version: 8,
    name: 'tryggkarta-fallback',
    sources: {},
    layers: [
      {
        id: 'background',
        type: 'background',
        paint: { 'background-color': FALLBACK_BACKGROUND },
      },
    ],
  };
}
