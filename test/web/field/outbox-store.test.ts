import 'fake-indexeddb/auto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { FieldStore, newOutboxItem } from '../../../web/src/field/outbox/store';
import { drainOutbox } from '../../../web/src/field/outbox/sync';
import type { Answer } from '../../../web/src/field/outbox/transport';
import type { OutboxPayload } from '../../../web/src/field/outbox/types';

/** The IndexedDB outbox and the sync loop in node (fake-indexeddb), against a scripted server. */

const point = { type: 'Point' as const, coordinates: [16.5, 59.37] };
const report = (id: string): OutboxPayload => ({ kind: 'report', body: { id, category: 'vald', observedAt: '2026-06-01T12:00:00Z', location: point, severity: 1 } });
const USER = 7;
let dbCount = 0;

/** A server that answers from a script per item id (default 201), and records what it got. */
function scriptedServer(script: Record<string, number[]> = {}) {
  const received: string[] = [];
  const stored = new Set<string>();
  const send = async (id: string): Promise<Answer> => {
    const status = script[id]?.shift() ?? (stored.has(id) ? 200 : 201);
    received.push(`${id}:${status}`);
    if (status === 201) stored.add(id);
    const error = status >= 300 || status === 0 ? { status, code: status === 422 ? 'outside_area' : 'x', message: 'nej', details: [], at: '' } : null;
    return { status, error, retryAfter: null };
  };
  return { send, received, stored };
}

describe('the IndexedDB outbox', () => {
  let store: FieldStore;
  let clock = 1_000_000;
  const now = () => clock;

  beforeEach(async () => {
    store = await FieldStore.open(`test-${++dbCount}`);
  });
  afterEach(() => store.close());

  it('numbers items in order of entry and keeps one item per id', async () => {
    await store.enqueue([newOutboxItem('a', USER, report('a')), newOutboxItem('b', USER, report('b'))]);
    const again = await store.enqueue([newOutboxItem('a', USER, report('a')), newOutboxItem('c', USER, report('c'))]);
    expect(again.map((i) => i.id)).toEqual(['c']);
    expect((await store.outbox()).map((i) => [i.id, i.seq])).toEqual([['a', 1], ['b', 2], ['c', 3]]);
  });

  it('survives closing and reopening the database', async () => {
    const name = `test-reopen-${++dbCount}`;
    const first = await FieldStore.open(name);
    await first.enqueue([newOutboxItem('a', USER, report('a'))]);
    first.close();
    const second = await FieldStore.open(name);
    expect((await second.outbox()).map((i) => i.id)).toEqual(['a']);
    second.close();
  });

  it('sends everything in order and empties the outbox into the sent log', async () => {
    await store.enqueue(['a', 'b', 'c'].map((id) => newOutboxItem(id, USER, report(id))));
    const server = scriptedServer();
    const result = await drainOutbox({ store, userId: USER, send: server.send, now });
    expect(result).toMatchObject({ sent: 3, refused: 0, failed: 0, authNeeded: false, nextWakeAt: null });
    expect(server.received).toEqual(['a:201', 'b:201', 'c:201']);
    expect(await store.outbox()).toEqual([]);
    expect((await store.sent()).map((s) => s.id).sort()).toEqual(['a', 'b', 'c']);
  });

  it('retries a failed send with the same id after the backoff, and the server stores it once', async () => {
    await store.enqueue([newOutboxItem('a', USER, report('a'))]);
    // Stored, but the answer was lost (503 to the client): the retry is answered 200.
    const server = scriptedServer({ a: [503] });
    const first = await drainOutbox({ store, userId: USER, send: async (id) => (server.stored.add(id), server.send(id)), now, random: () => 0 });
    expect(first).toMatchObject({ sent: 0, failed: 1, nextWakeAt: clock + 1000 });
    const [waiting] = await store.outbox();
    expect(waiting).toMatchObject({ attempts: 1, nextAttemptAt: clock + 1000, state: 'pending', lastError: { status: 503 } });

    expect((await drainOutbox({ store, userId: USER, send: server.send, now })).sent).toBe(0);
    clock += 1000;
    const second = await drainOutbox({ store, userId: USER, send: server.send, now });
    expect(second).toMatchObject({ sent: 1, alreadyStored: 1 });
    expect(server.received).toEqual(['a:503', 'a:200']);
  });

  it('stops at the first item that gets no answer, leaving the rest for when the network is back', async () => {
    await store.enqueue(['a', 'b'].map((id) => newOutboxItem(id, USER, report(id))));
    const server = scriptedServer({ a: [0] });
    const result = await drainOutbox({ store, userId: USER, send: server.send, now, random: () => 0 });
    expect(server.received).toEqual(['a:0']);
    expect(result.nextWakeAt).toBe(clock + 1000);
  });

  it('keeps a refused item with the reason, never drops it, and sends the rest', async () => {
    await store.enqueue(['a', 'b'].map((id) => newOutboxItem(id, USER, report(id))));
    const server = scriptedServer({ a: [422] });
    const result = await drainOutbox({ store, userId: USER, send: server.send, now });
    expect(result).toMatchObject({ sent: 1, refused: 1, nextWakeAt: null });
    const [refused] = await store.outbox();
    expect(refused).toMatchObject({ id: 'a', state: 'refused', lastError: { status: 422, code: 'outside_area' } });
    // Not tried again by itself.
    await drainOutbox({ store, userId: USER, send: server.send, now });
    expect(server.received).toEqual(['a:422', 'b:201']);
  });

  it('sends an edited refused item again under the same id', async () => {
    await store.enqueue([newOutboxItem('a', USER, report('a'))]);
    const server = scriptedServer({ a: [422] });
    await drainOutbox({ store, userId: USER, send: server.send, now });
    const moved = report('a');
    if (moved.kind === 'report') moved.body.location = { type: 'Point', coordinates: [16.51, 59.371] };
    await store.replacePayload('a', moved);
    expect((await drainOutbox({ store, userId: USER, send: server.send, now })).sent).toBe(1);
    expect(server.received).toEqual(['a:422', 'a:201']);
  });

  it('stops on 401 and keeps every item for after the next login', async () => {
    await store.enqueue(['a', 'b'].map((id) => newOutboxItem(id, USER, report(id))));
    const server = scriptedServer({ a: [401] });
    const result = await drainOutbox({ store, userId: USER, send: server.send, now });
    expect(result.authNeeded).toBe(true);
    expect((await store.outbox()).map((i) => [i.id, i.state])).toEqual([['a', 'pending'], ['b', 'pending']]);
    expect((await drainOutbox({ store, userId: USER, send: server.send, now })).sent).toBe(2);
  });

  it('moves buffered track fixes into one outbox item, leaving the buffer empty', async () => {
    await store.saveRecording({ walkId: 'w', userId: USER, mode: 'recording', buffer: [[16.5, 59.37, '2026-06-01T18:00:00Z', 5], [16.501, 59.37, '2026-06-01T18:00:10Z', 5]], lastFix: null, drawn: [], flushedAt: 0 });
    const item = await store.flushTrack('w', 't1', clock);
    expect(item?.payload).toMatchObject({ kind: 'track', walkId: 'w' });
    expect((await store.recording('w'))?.buffer).toEqual([]);
    expect(await store.flushTrack('w', 't2', clock)).toBeUndefined();
    expect((await store.outbox()).map((i) => i.id)).toEqual(['t1']);
  });

  it('"try now" clears waits of this user, and puts chosen refused items back in line', async () => {
    await store.enqueue(['a', 'b'].map((id) => newOutboxItem(id, USER, report(id))));
    await drainOutbox({ store, userId: USER, send: scriptedServer({ a: [503], b: [422] }).send, now, random: () => 0 });
    await store.retryNow(USER);
    expect((await store.outbox()).map((i) => [i.id, i.state, i.nextAttemptAt])).toEqual([['a', 'pending', 0], ['b', 'refused', 0]]);
    await store.retryNow(USER, ['b']);
    expect((await store.item('b'))?.state).toBe('pending');
  });
});
