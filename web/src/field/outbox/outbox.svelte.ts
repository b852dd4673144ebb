/**
 * The outbox as the field screens see it: what waits, why, and a sync loop that sends it when it
 * can (at start, when the network returns, every 30 s, after every save, at each item's backoff)
 * and asks the service worker to send it later (Background Sync) when the page is gone.
 */
import { FieldStore, newOutboxItem } from './store';
import { drainOutbox, type SyncResult } from './sync';
import { DEFAULT_BACKOFF, type BackoffSchedule } from './backoff';
import { OUTBOX_CHANNEL, OUTBOX_SYNC_TAG, USER_META_KEY } from './channel';
import { groupEntries, type OutboxEntry } from './entries';
import type { OutboxItem, OutboxPayload, SentRecord } from './types';

const PERIOD_MS = 30_000;

declare global {
  interface Window {
    /** Browser tests shorten the backoff so a flaky-network run takes seconds, not minutes. */
    __TRYGGKARTA_BACKOFF__?: BackoffSchedule;
  }
}

const state = $state({
  items: [] as OutboxItem[],
  sent: [] as SentRecord[],
  userId: null as number | null,
  syncing: false,
  authNeeded: false,
  online: typeof navigator === 'undefined' ? true : navigator.onLine,
  loaded: false,
  lastSync: null as (SyncResult & { at: number }) | null,
});

let storePromise: Promise<FieldStore> | null = null;
const store = () => (storePromise ??= FieldStore.open());

let wakeTimer: ReturnType<typeof setTimeout> | undefined;
let runAgain = false;
let listening = false;

async function refresh(): Promise<void> {
  const s = await store();
  state.items = await s.outbox();
  state.sent = await s.sent();
  state.loaded = true;
}

function listen(): void {
  if (listening) return;
  listening = true;
  window.addEventListener('online', () => {
    state.online = true;
    // Everything waiting on a backoff goes now: the reason it failed is probably gone.
    void (async () => {
      if (state.userId !== null) await (await store()).retryNow(state.userId);
      void outbox.sync();
    })();
  });
  window.addEventListener('offline', () => {
    state.online = false;
  });
  document.addEventListener('visibilitychange', () => {
    if (document.visibilityState === 'visible') void outbox.sync();
  });
  setInterval(() => void outbox.sync(), PERIOD_MS);
  // The service worker sent something: show it.
  if ('BroadcastChannel' in window) new BroadcastChannel(OUTBOX_CHANNEL).onmessage = () => void refresh();
}

/** Background Sync where the browser has it: the worker sends the outbox once there is a network. */
async function askWorkerToSync(): Promise<void> {
  try {
    const registration = (await navigator.serviceWorker?.getRegistration()) as (ServiceWorkerRegistration & { sync?: { register(tag: string): Promise<void> } }) | undefined;
    await registration?.sync?.register(OUTBOX_SYNC_TAG);
  } catch {
    // Not supported or not allowed: the page's own loop still sends.
  }
}

/** Ask once that the browser keep our storage under pressure (the outbox must not be evicted). */
let persistenceAsked = false;
function askPersistence(): void {
  if (persistenceAsked) return;
  persistenceAsked = true;
  void navigator.storage?.persist?.().catch(() => false);
}

/**
 * Something new waits in the store: show it, keep the storage, and send it now or, offline, through
 * the worker's Background Sync (sync() returns early offline, before it could register).
 */
async function afterQueued(): Promise<void> {
  askPersistence();
  await refresh();
  void askWorkerToSync();
  void outbox.sync();
}

function schedule(at: number | null): void {
  clearTimeout(wakeTimer);
  if (at === null) return;
  wakeTimer = setTimeout(() => void outbox.sync(), Math.max(0, at - Date.now()));
}

export const outbox = {
  get items(): OutboxItem[] {
    return state.items;
  },
  /** This user's unsent items, in order. */
  get mine(): OutboxItem[] {
    return state.items.filter((item) => item.userId === state.userId);
  },
  /** This user's unsent items as the things they entered (a report with its photo is one). */
  get entries(): OutboxEntry[] {
    return groupEntries(this.mine);
  },
  /** "6 ej skickade": entries, not requests. */
  get count(): number {
    return this.entries.length;
  },
  get refusedCount(): number {
    return this.entries.filter((entry) => [entry.primary, ...entry.attached].some((item) => item.state === 'refused')).length;
  },
  get sent(): SentRecord[] {
    return state.sent.filter((record) => record.userId === state.userId);
  },
  get syncing(): boolean {
    return state.syncing;
  },
  get authNeeded(): boolean {
    return state.authNeeded;
  },
  get online(): boolean {
    return state.online;
  },
  get loaded(): boolean {
    return state.loaded;
  },
  get userId(): number | null {
    return state.userId;
  },
  get lastSync() {
    return state.lastSync;
  },

  /** The signed-in user's outbox: loaded, and sending from now on. */
  async start(userId: number): Promise<void> {
    const s = await store();
    if (state.userId !== userId) {
      state.userId = userId;
      state.authNeeded = false;
      await s.setMeta(USER_META_KEY, userId);
    }
    listen();
    await refresh();
    void outbox.sync();
  },

  /** Signed out: nothing more is sent for anyone until the next sign-in. */
  async stop(): Promise<void> {
    state.userId = null;
    schedule(null);
    await (await store()).setMeta(USER_META_KEY, null);
  },

  /** Saves items to the phone first, then tries to send them. */
  async enqueue(entries: { id: string; payload: OutboxPayload }[]): Promise<void> {
    if (state.userId === null) throw new Error('Nobody is signed in');
    const s = await store();
    await s.enqueue(entries.map((e) => newOutboxItem(e.id, state.userId!, e.payload)));
    await afterQueued();
  },

  /** Moves a walk's buffered GPS fixes into one track item, then sends it like any other entry. */
  async flushTrack(walkId: string): Promise<boolean> {
    const item = await (await store()).flushTrack(walkId, crypto.randomUUID());
    if (item) await afterQueued();
    return item !== undefined;
  },

  async remove(id: string): Promise<void> {
    await (await store()).remove(id);
    await refresh();
  },

  /** Send a refused (or waiting) item again as it is, e.g. after an admin fixed the taxonomy. */
  async retry(id: string): Promise<void> {
    if (state.userId === null) return;
    await (await store()).retryNow(state.userId, [id]);
    await refresh();
    void outbox.sync();
  },

  /** An edited item goes back in line under the same id. */
  async replace(id: string, payload: OutboxPayload): Promise<void> {
    await (await store()).replacePayload(id, payload);
    await refresh();
    void outbox.sync();
  },

  async item(id: string): Promise<OutboxItem | undefined> {
    return (await store()).item(id);
  },

  /** The field store itself, for reference data and walk recordings. */
  store,

  refresh,

  /** One run of the sync loop; a call during a run makes the run go once more. */
  async sync(): Promise<void> {
    if (state.userId === null) return;
    if (state.syncing) {
      runAgain = true;
      return;
    }
    state.online = navigator.onLine;
    if (!state.online) {
      await refresh();
      return;
    }
    state.syncing = true;
    try {
      do {
        runAgain = false;
        const result = await drainOutbox({
          store: await store(),
          userId: state.userId,
          backoff: window.__TRYGGKARTA_BACKOFF__ ?? DEFAULT_BACKOFF,
          onProgress: () => void refresh(),
        });
        state.authNeeded = result.authNeeded;
        state.lastSync = { ...result, at: Date.now() };
        schedule(result.nextWakeAt);
        if (result.nextWakeAt !== null) void askWorkerToSync();
      } while (runAgain && !state.authNeeded);
    } finally {
      state.syncing = false;
      await refresh();
    }
  },
};
