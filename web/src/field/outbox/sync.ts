/**
 * Sends what the outbox holds, one item at a time, in order, until nothing more can go now.
 * Runs in the page (on start, when the network returns, periodically, after each save) and in
 * the service worker (Background Sync); a Web Lock keeps the two from sending at once, though a
 * second send would only be answered "already stored".
 */
import { backoffDelay, DEFAULT_BACKOFF, retryAfterMs, type BackoffSchedule } from './backoff';
import { classifyAnswer } from './classify';
import { nextWakeAt, readyItems } from './order';
import type { FieldStore } from './store';
import { sendItem, type Answer } from './transport';
import type { OutboxItem, OutboxPayload } from './types';

export interface SyncOptions {
  store: FieldStore;
  /** The signed-in user: only their items are sent. */
  userId: number | null;
  send?: (id: string, payload: OutboxPayload) => Promise<Answer>;
  now?: () => number;
  random?: () => number;
  backoff?: BackoffSchedule;
  /** After each item is sent, refused or put back. */
  onProgress?: () => void;
}

export interface SyncResult {
  sent: number;
  /** Of those, how many the server already had (200 to a retry whose first answer was lost). */
  alreadyStored: number;
  refused: number;
  failed: number;
  /** A 401 stopped the run: the items wait for the user to sign in again. */
  authNeeded: boolean;
  /** When to run again (epoch ms), or null when nothing will become ready by itself. */
  nextWakeAt: number | null;
}

export const OUTBOX_LOCK = 'tryggkarta-outbox';
/** More than any phone queues; a guard against a loop that would never end. */
const MAX_SENDS_PER_RUN = 5_000;

export async function drainOutbox(options: SyncOptions): Promise<SyncResult> {
  const locks = (globalThis as { navigator?: { locks?: LockManager } }).navigator?.locks;
  return locks ? locks.request(OUTBOX_LOCK, () => drain(options)) : drain(options);
}

async function drain(options: SyncOptions): Promise<SyncResult> {
  const { store, userId, send = sendItem, now = Date.now, random = Math.random, backoff = DEFAULT_BACKOFF, onProgress } = options;
  const result: SyncResult = { sent: 0, alreadyStored: 0, refused: 0, failed: 0, authNeeded: false, nextWakeAt: null };
  let pausedUntil: number | null = null;
  for (let i = 0; i < MAX_SENDS_PER_RUN && userId !== null; i++) {
    const [item] = readyItems(await store.outbox(), now(), userId);
    if (!item) break;
    const answer = await send(item.id, item.payload);
    const outcome = classifyAnswer(item.payload.kind, answer.status, answer.error?.code);
    if (outcome === 'done') {
      await store.markSent(item, answer.status, now());
      result.sent += 1;
      if (answer.status === 200) result.alreadyStored += 1;
    } else if (outcome === 'retry') {
      const retryAt = scheduleRetry(item, answer, now(), random, backoff);
      await store.update({ ...item, attempts: item.attempts + 1, nextAttemptAt: retryAt, lastError: answer.error });
      result.failed += 1;
      // No answer at all: the network is likely gone for everything, so stop rather than try
      // every other item now; the run resumes when this one is due (or the network returns).
      if (answer.status === 0) {
        pausedUntil = retryAt;
        onProgress?.();
        break;
      }
    } else if (outcome === 'refused') {
      await store.update({ ...item, state: 'refused', attempts: item.attempts + 1, lastError: answer.error });
      result.refused += 1;
    } else {
      await store.update({ ...item, lastError: answer.error });
      result.authNeeded = true;
      onProgress?.();
      break;
    }
    onProgress?.();
  }
  if (!result.authNeeded) {
    const wake = nextWakeAt(await store.outbox(), now(), userId);
    result.nextWakeAt = [wake, pausedUntil].reduce<number | null>((a, b) => (b === null ? a : a === null ? b : Math.min(a, b)), null);
  }
  return result;
}

function scheduleRetry(item: OutboxItem, answer: Answer, now: number, random: () => number, schedule: BackoffSchedule): number {
  const delay = backoffDelay(item.attempts + 1, random, schedule);
  const asked = retryAfterMs(answer.retryAfter, now);
  return now + Math.max(delay, asked ?? 0);
}
