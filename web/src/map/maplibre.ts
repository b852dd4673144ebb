/**
 * The one importer of maplibre-gl. We use its CSP build with the worker served as a
 * same-origin asset: the default build starts its worker from a blob: URL, which the
 * server's Content-Security-Policy (helmet: script-src 'self') would block.
 */
import maplibregl from 'maplibre-gl/dist/maplibre-gl-csp.js';
import workerUrl from 'maplibre-gl/dist/maplibre-gl-csp-worker.js?url';

import { Protocol } from 'pmtiles';

maplibregl.setWorkerUrl(workerUrl);
// A self-hosted basemap (BASEMAP_PMTILES) is read from our own server with range requests.
maplibregl.addProtocol('pmtiles', new Protocol().tile);

export default maplibregl;
export type {
  Map as MaplibreMap,
  StyleSpecification,
  LayerSpecification,
  GeoJSONSource,
  MapLayerMouseEvent,
  ExpressionSpecification,
  LngLatBoundsLike,
  Popup,
} from 'maplibre-gl';
