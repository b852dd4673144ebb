/// <reference types="vite/client" />
/// <reference types="svelte" />

declare module '*.svelte' {
  import type { Component } from 'svelte';
  const component: Component<any>;
  export default component;
}

// The CSP build has the same API as the package's main entry.
declare module 'maplibre-gl/dist/maplibre-gl-csp.js' {
  import * as maplibregl from 'maplibre-gl';
  export default maplibregl;
}

interface Window {
  /** Set by browser tests before the app loads to get `window.__tryggkartaMap`. */
  __TRYGGKARTA_TEST__?: boolean;
  __tryggkartaMap?: import('maplibre-gl').Map;
}

interface Window {
  /** The planner views' maps by name (browser tests only). */
  __tryggkartaMaps?: Record<string, import('maplibre-gl').Map>;
}
