import { cellPolygon } from '../h3/cells';

/**
 * Cell outlines cost ~10 µs each in h3-js and the same cells come back query after query, so
 * keep recent ones. A Map iterates in insertion order, which makes eviction of the oldest cheap.
 */
const MAX_ENTRIES = 200_000;
const cache = new Map<string, ReturnType<typeof cellPolygon>>();

export function cachedCellPolygon(cell: string) {
  let polygon = cache.get(cell);
  if (!polygon) {
    polygon = cellPolygon(cell);
    if (cache.size >= MAX_ENTRIES) cache.delete(cache.keys().next().value!);
    cache.set(cell, polygon);
  }
  return polygon;
}
