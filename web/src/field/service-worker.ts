/**
 * Registers the service worker (src/sw.ts): the app opens offline and the outbox is sent by
 * Background Sync after the page is closed. Not in the Vite dev server, which builds no worker.
 */
import { watchForAppUpdate } from './app-update.svelte';

export function registerServiceWorker(): void {
  if (import.meta.env.DEV || !('serviceWorker' in navigator)) return;
  watchForAppUpdate();
  navigator.serviceWorker.register('/sw.js', { scope: '/' }).catch(() => {
    // Without a worker the app still works online, and the outbox still sends from the page.
  });
}
