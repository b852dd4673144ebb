/**
 * Which outbox items may be sent now. Items that share an ordering key go strictly in the order
 * they were entered: a walk before its start, its track and its findings, a finding before its
 * photo, everything of a walk before the walk is marked done. Unrelated items never wait for
 * each other, so one refused report does not hold up the rest.
 */
import type { OutboxItem, OutboxPayload } from './types';

/** The keys an item is ordered by: the entities it creates or changes, and those it belongs to. */
export function orderingKeys(id: string, payload: OutboxPayload): string[] {
  switch (payload.kind) {
    case 'report':
      return [`report:${id}`];
    case 'confirmation':
      return [`confirmation:${id}`];
    case 'photo':
      return payload.parent.kind === 'report'
        ? [`report:${payload.parent.id}`]
        : [`finding:${payload.parent.id}`, ...(payload.parent.walkId ? [`walk:${payload.parent.walkId}`] : [])];
    case 'walk':
      return [`walk:${id}`];
    case 'walk-status':
    case 'track':
      return [`walk:${payload.walkId}`];
    case 'finding':
      return [`finding:${id}`, `walk:${payload.walkId}`];
    case 'finding-update':
      return [`finding:${payload.findingId}`];
    case 'patrol-log':
      return [`patrol-log:${id}`];
  }
}

export type Wait =
  | { kind: 'ready' }
  /** Tried and failed; tried again from `at` (epoch ms). */
  | { kind: 'backoff'; at: number }
  /** An earlier item it depends on is still in the outbox. */
  | { kind: 'after'; item: OutboxItem }
  /** That earlier item was refused: this one cannot go until it is fixed or deleted. */
  | { kind: 'blocked'; item: OutboxItem }
  | { kind: 'refused' }
  /** Entered by another user of this phone; sent when they sign in. */
  | { kind: 'other-user' };

function bySeq(a: OutboxItem, b: OutboxItem) {
  return a.seq - b.seq;
}

/** The earliest earlier item that shares a key with `item`, or undefined. */
function firstPredecessor(item: OutboxItem, sorted: readonly OutboxItem[]): OutboxItem | undefined {
  const keys = new Set(item.keys);
  return sorted.find((other) => other.seq < item.seq && other.keys.some((k) => keys.has(k)));
}

/** Why `item` is (not) being sent now. A refused predecessor anywhere up the chain blocks it. */
export function waitOf(item: OutboxItem, items: readonly OutboxItem[], now: number, userId: number | null): Wait {
  if (item.userId !== userId) return { kind: 'other-user' };
  if (item.state === 'refused') return { kind: 'refused' };
  const sorted = [...items].sort(bySeq);
  const before = firstPredecessor(item, sorted);
  if (before) {
    const refusedUpstream = chain(before, sorted).find((i) => i.state === 'refused');
    return refusedUpstream ? { kind: 'blocked', item: refusedUpstream } : { kind: 'after', item: before };
  }
  if (item.nextAttemptAt > now) return { kind: 'backoff', at: item.nextAttemptAt };
  return { kind: 'ready' };
}

/** `item` and every item it waits for, transitively. */
function chain(item: OutboxItem, sorted: readonly OutboxItem[]): OutboxItem[] {
  const seen: OutboxItem[] = [];
  for (let current: OutboxItem | undefined = item; current && !seen.includes(current); current = firstPredecessor(current, sorted)) {
    seen.push(current);
  }
  return seen;
}

/** The items the signed-in user's phone may send now, in order of entry. */
export function readyItems(items: readonly OutboxItem[], now: number, userId: number | null): OutboxItem[] {
  return [...items].sort(bySeq).filter((item) => waitOf(item, items, now, userId).kind === 'ready');
}

/**
 * When to look again: the earliest backoff among items that wait for nothing else, or null
 * when nothing of this user will become ready by itself (all sent, refused or blocked).
 */
export function nextWakeAt(items: readonly OutboxItem[], now: number, userId: number | null): number | null {
  let earliest: number | null = null;
  for (const item of items) {
    const wait = waitOf(item, items, now, userId);
    if (wait.kind === 'backoff' && (earliest === null || wait.at < earliest)) earliest = wait.at;
  }
  return earliest;
}
