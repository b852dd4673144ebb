/**
 * The phone's IndexedDB: the outbox, a short log of what was sent, the reference data the forms
 * need offline, and walks being recorded. Used by the page and by the service worker (Background
 * Sync), so nothing here touches the DOM or Svelte.
 */
import { openDB, type DBSchema, type IDBPDatabase } from 'idb';
import { orderingKeys } from './order';
import type { NewOutboxItem, OutboxItem, OutboxPayload, SentRecord, TrackFix, WalkRecording } from './types';

interface FieldDb extends DBSchema {
  outbox: { key: string; value: OutboxItem; indexes: { seq: number } };
  sent: { key: string; value: SentRecord; indexes: { sentAt: string } };
  cache: { key: string; value: { key: string; value: unknown; savedAt: string } };
  meta: { key: string; value: { key: string; value: unknown } };
  walks: { key: string; value: WalkRecording };
}

export const FIELD_DB_NAME = 'tryggkarta-field';
const SENT_LOG_LENGTH = 100;

export function openFieldDb(name = FIELD_DB_NAME): Promise<IDBPDatabase<FieldDb>> {
  return openDB<FieldDb>(name, 1, {
    upgrade(db) {
      db.createObjectStore('outbox', { keyPath: 'id' }).createIndex('seq', 'seq', { unique: true });
      db.createObjectStore('sent', { keyPath: 'id' }).createIndex('sentAt', 'sentAt');
      db.createObjectStore('cache', { keyPath: 'key' });
      db.createObjectStore('meta', { keyPath: 'key' });
      db.createObjectStore('walks', { keyPath: 'walkId' });
    },
  });
}

type Db = IDBPDatabase<FieldDb>;

export class FieldStore {
  constructor(private readonly db: Db) {}

  static async open(name?: string): Promise<FieldStore> {
    return new FieldStore(await openFieldDb(name));
  }

  close(): void {
    this.db.close();
  }

  /** Every queued item, in order of entry. */
  async outbox(): Promise<OutboxItem[]> {
    return this.db.getAllFromIndex('outbox', 'seq');
  }

  async item(id: string): Promise<OutboxItem | undefined> {
    return this.db.get('outbox', id);
  }

  /**
   * Queues items in one transaction, numbered after everything queued before. An id already in
   * the outbox is left as it is (the same form saved twice), so the answer lists what was added.
   */
  async enqueue(items: readonly NewOutboxItem[], now = Date.now()): Promise<OutboxItem[]> {
    const tx = this.db.transaction(['outbox', 'meta'], 'readwrite');
    const counter = (await tx.objectStore('meta').get('seq'))?.value as number | undefined;
    let seq = counter ?? 0;
    const added: OutboxItem[] = [];
    for (const item of items) {
      if (await tx.objectStore('outbox').get(item.id)) continue;
      seq += 1;
      const stored: OutboxItem = {
        ...item,
        createdAt: item.createdAt ?? new Date(now).toISOString(),
        seq,
        state: 'pending',
        attempts: 0,
        nextAttemptAt: 0,
        lastError: null,
      };
      await tx.objectStore('outbox').add(stored);
      added.push(stored);
    }
    await tx.objectStore('meta').put({ key: 'seq', value: seq });
    await tx.done;
    return added;
  }

  async update(item: OutboxItem): Promise<void> {
    // Only if still queued: the user may have deleted it while it was on its way.
    const tx = this.db.transaction('outbox', 'readwrite');
    if (await tx.store.get(item.id)) await tx.store.put(item);
    await tx.done;
  }

  /** Takes a sent item out of the outbox and notes it in the sent log, in one transaction. */
  async markSent(item: OutboxItem, status: number, now = Date.now()): Promise<void> {
    const tx = this.db.transaction(['outbox', 'sent'], 'readwrite');
    await tx.objectStore('outbox').delete(item.id);
    await tx.objectStore('sent').put({ id: item.id, kind: item.payload.kind, userId: item.userId, sentAt: new Date(now).toISOString(), status, summary: summaryOf(item.payload) });
    const sent = tx.objectStore('sent');
    const excess = (await sent.count()) - SENT_LOG_LENGTH;
    if (excess > 0) {
      let cursor = await sent.index('sentAt').openCursor();
      for (let i = 0; i < excess && cursor; i++) {
        await cursor.delete();
        cursor = await cursor.continue();
      }
    }
    await tx.done;
  }

  async sent(): Promise<SentRecord[]> {
    return (await this.db.getAllFromIndex('sent', 'sentAt')).reverse();
  }

  async remove(id: string): Promise<void> {
    await this.db.delete('outbox', id);
  }

  /** An edited item (a refused report with its marker moved): queued again as new, same id, same place in line. */
  async replacePayload(id: string, payload: OutboxPayload): Promise<OutboxItem | undefined> {
    const tx = this.db.transaction('outbox', 'readwrite');
    const item = await tx.store.get(id);
    if (!item) return undefined;
    const replaced: OutboxItem = { ...item, payload, keys: orderingKeys(id, payload), state: 'pending', attempts: 0, nextAttemptAt: 0, lastError: null };
    await tx.store.put(replaced);
    await tx.done;
    return replaced;
  }

  /** "Try now": refused items of this user back in line and every wait cleared (coming online, a tap). */
  async retryNow(userId: number, ids?: readonly string[]): Promise<void> {
    const tx = this.db.transaction('outbox', 'readwrite');
    for (const item of await tx.store.getAll()) {
      if (item.userId !== userId || (ids && !ids.includes(item.id))) continue;
      if (!ids && item.state === 'refused') continue;
      await tx.store.put({ ...item, state: 'pending', nextAttemptAt: 0 });
    }
    await tx.done;
  }

  async cached<T>(key: string): Promise<{ value: T; savedAt: string } | undefined> {
    const row = await this.db.get('cache', key);
    return row ? { value: row.value as T, savedAt: row.savedAt } : undefined;
  }

  async cache(key: string, value: unknown, now = Date.now()): Promise<void> {
    await this.db.put('cache', { key, value, savedAt: new Date(now).toISOString() });
  }

  async meta<T>(key: string): Promise<T | undefined> {
    return (await this.db.get('meta', key))?.value as T | undefined;
  }

  async setMeta(key: string, value: unknown): Promise<void> {
    await this.db.put('meta', { key, value });
  }

  async recording(walkId: string): Promise<WalkRecording | undefined> {
    return this.db.get('walks', walkId);
  }

  async saveRecording(recording: WalkRecording): Promise<void> {
    await this.db.put('walks', recording);
  }

  /**
   * Moves the buffered fixes of a walk into one track item of the outbox, in one transaction, so
   * a fix is never both buffered and queued, nor lost between the two.
   */
  async flushTrack(walkId: string, itemId: string, now = Date.now()): Promise<OutboxItem | undefined> {
    const tx = this.db.transaction(['walks', 'outbox', 'meta'], 'readwrite');
    const recording = await tx.objectStore('walks').get(walkId);
    if (!recording || recording.buffer.length === 0) {
      await tx.done;
      return undefined;
    }
    const seq = (((await tx.objectStore('meta').get('seq'))?.value as number | undefined) ?? 0) + 1;
    const points: TrackFix[] = recording.buffer;
    const payload: OutboxPayload = { kind: 'track', walkId, points };
    const item: OutboxItem = {
      id: itemId,
      seq,
      userId: recording.userId,
      createdAt: new Date(now).toISOString(),
      keys: orderingKeys(itemId, payload),
      state: 'pending',
      attempts: 0,
      nextAttemptAt: 0,
      lastError: null,
      payload,
    };
    await tx.objectStore('outbox').add(item);
    await tx.objectStore('meta').put({ key: 'seq', value: seq });
    await tx.objectStore('walks').put({ ...recording, buffer: [], flushedAt: now });
    await tx.done;
    return item;
  }
}

function summaryOf(payload: OutboxPayload): SentRecord['summary'] {
  switch (payload.kind) {
    case 'report':
      return { category: payload.body.category };
    case 'confirmation':
      return { category: payload.category };
    case 'finding':
      return { category: payload.body.category, walkId: payload.walkId };
    case 'track':
      return { walkId: payload.walkId, points: payload.points.length };
    case 'walk-status':
      return { walkId: payload.walkId };
    case 'walk':
      return { walkId: payload.body.id };
    case 'photo':
      return { walkId: payload.parent.walkId };
    case 'finding-update':
      return {};
    case 'patrol-log':
      return { place: payload.place, points: payload.body.track?.coordinates.length };
  }
}

/** An outbox item for `payload`, its ordering keys derived from it. */
export function newOutboxItem(id: string, userId: number, payload: OutboxPayload): NewOutboxItem {
  return { id, userId, keys: orderingKeys(id, payload), payload };
}
