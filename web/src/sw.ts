/**
 * The service worker: the app shell and every built asset precached (the list is written in at
 * build time by vite-plugin-pwa), page loads answered from that cache when there is no network,
 * and the outbox sent by Background Sync when the page is closed. API requests are never cached
 * here: the forms keep what they need offline in IndexedDB.
 *
 * Typed with the page's DOM library (one tsconfig for web/); the few worker types used are
 * declared below.
 */
import { cleanupOutdatedCaches, createHandlerBoundToURL, precacheAndRoute } from 'workbox-precaching';
import { NavigationRoute, registerRoute } from 'workbox-routing';
import { FieldStore } from './field/outbox/store';
import { drainOutbox } from './field/outbox/sync';
import { OUTBOX_CHANNEL, OUTBOX_SYNC_TAG, USER_META_KEY } from './field/outbox/channel';

interface ExtendableEventLike extends Event {
  waitUntil(promise: Promise<unknown>): void;
}
interface SyncEventLike extends ExtendableEventLike {
  readonly tag: string;
}
interface WorkerScope {
  __WB_MANIFEST: { url: string; revision: string | null }[];
  skipWaiting(): Promise<void>;
  clients: { claim(): Promise<void> };
  addEventListener(type: 'install' | 'activate', listener: (event: ExtendableEventLike) => void): void;
  addEventListener(type: 'sync', listener: (event: SyncEventLike) => void): void;
}
const worker = self as unknown as WorkerScope;

// A new version takes over at once: the outbox lives in IndexedDB, not in the worker, and old
// precached files are removed only after the new ones are in.
worker.addEventListener('install', () => void worker.skipWaiting());
worker.addEventListener('activate', (event) => event.waitUntil(worker.clients.claim()));

cleanupOutdatedCaches();
// Written as self.__WB_MANIFEST: the build looks for that text to put the list in.
precacheAndRoute((self as unknown as WorkerScope).__WB_MANIFEST);
// Every page of the single-page app is index.html; the API and the server's own pages are not.
registerRoute(new NavigationRoute(createHandlerBoundToURL('/index.html'), { denylist: [/^\/api\//] }));

worker.addEventListener('sync', (event) => {
  if (event.tag === OUTBOX_SYNC_TAG) event.waitUntil(sendOutbox());
});

async function sendOutbox(): Promise<void> {
  const store = await FieldStore.open();
  try {
    const userId = (await store.meta<number>(USER_META_KEY)) ?? null;
    const result = await drainOutbox({ store, userId });
    new BroadcastChannel(OUTBOX_CHANNEL).postMessage({ type: 'changed' });
    // Rejecting asks the browser to fire the sync again later, with its own backoff.
    if (result.nextWakeAt !== null) throw new Error('Items are waiting for the network');
  } finally {
    store.close();
  }
}
