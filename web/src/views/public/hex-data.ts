import type { HotspotCollection } from '../../lib/types';
import type { PublicHotspotCollection } from './types';

/**
 * The public answer in the shape HexLayer draws. The public API sends cell and count only, so
 * `weight` is the count and the totals are those of the hexagons shown.
 */
export function toHexLayerData(collection: PublicHotspotCollection): HotspotCollection {
  const features = collection.features.map((f) => ({ ...f, properties: { ...f.properties, weight: f.properties.count } }));
  return {
    type: 'FeatureCollection',
    features,
    meta: {
      res: collection.meta.res,
      from: collection.meta.from,
      to: collection.meta.to,
      total: features.reduce((sum, f) => sum + f.properties.count, 0),
      cells: features.length,
    },
  };
}
