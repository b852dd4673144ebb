import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';
import { svelte } from '@sveltejs/vite-plugin-svelte';
import { VitePWA } from 'vite-plugin-pwa';

const webRoot = fileURLToPath(new URL('.', import.meta.url));

/** Brand colours of the installed app (the header is white; the icon's hexagon is #bd0026). */
const THEME_COLOUR = '#ffffff';
const BACKGROUND_COLOUR = '#f5f6f8';

export default defineConfig({
  root: webRoot,
  base: '/',
  publicDir: 'public',
  plugins: [
    svelte({ configFile: false, compilerOptions: { runes: true } }),
    // Installable, offline-first phone app (issue 5): the manifest, and src/sw.ts built with the
    // list of every hashed asset of this build to precache.
    VitePWA({
      strategies: 'injectManifest',
      srcDir: 'src',
      filename: 'sw.ts',
      injectRegister: false,
      manifest: {
        name: 'Tryggkarta',
        short_name: 'Tryggkarta',
        description: 'Rapportera otrygghet och gör trygghetsvandringar, även utan täckning.',
        lang: 'sv',
        start_url: '/rapportera',
        scope: '/',
        display: 'standalone',
        orientation: 'portrait',
        theme_color: THEME_COLOUR,
        background_color: BACKGROUND_COLOUR,
        icons: [
          { src: '/icons/icon-192.png', sizes: '192x192', type: 'image/png', purpose: 'any' },
          { src: '/icons/icon-512.png', sizes: '512x512', type: 'image/png', purpose: 'any' },
          { src: '/icons/maskable-512.png', sizes: '512x512', type: 'image/png', purpose: 'maskable' },
        ],
      },
      includeManifestIcons: false,
      injectManifest: {
        rollupFormat: 'iife',
        globPatterns: ['**/*.{js,css,html,svg,png,webmanifest}'],
        // maplibre-gl (~800 kB) and its worker are part of the shell the field map needs offline.
        maximumFileSizeToCacheInBytes: 3 * 1024 * 1024,
      },
      devOptions: { enabled: false },
    }),
  ],
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    target: 'es2022',
    sourcemap: false,
    // maplibre-gl alone is ~800 kB minified and cannot be split further; it is lazy-loaded
    // with the map view, so the login page stays small.
    chunkSizeWarningLimit: 1100,
  },
  server: {
    port: 5173,
    proxy: {
      '/api': { target: 'http://localhost:8080', changeOrigin: false },
    },
  },
});
