import { describe, expect, it } from 'vitest';
import { backoffDelay, DEFAULT_BACKOFF, retryAfterMs } from '../../../web/src/field/outbox/backoff';
import { classifyAnswer } from '../../../web/src/field/outbox/classify';
import { nextWakeAt, orderingKeys, readyItems, waitOf } from '../../../web/src/field/outbox/order';
import type { OutboxItem, OutboxPayload } from '../../../web/src/field/outbox/types';

const point = { type: 'Point' as const, coordinates: [16.5, 59.37] };
const report = (id: string): OutboxPayload => ({ kind: 'report', body: { id, category: 'vald', observedAt: '2026-06-01T12:00:00Z', location: point, severity: 1 } });
const walk = (id: string): OutboxPayload => ({ kind: 'walk', body: { id, name: 'Kvällsvandring', plannedAt: '2026-06-01T18:00:00Z', participants: [] } });
const finding = (id: string, walkId: string): OutboxPayload => ({
  kind: 'finding',
  walkId,
  body: { id, category: 'belysning', location: point, priority: 1, responsible: 'kommun', observedAt: '2026-06-01T18:10:00Z' },
});
const photo = (parent: { kind: 'report' | 'finding'; id: string; walkId?: string }): OutboxPayload => ({ kind: 'photo', parent, blob: new Blob(['x']), width: 1, height: 1 });
const status = (walkId: string, s: 'ongoing' | 'done'): OutboxPayload => ({ kind: 'walk-status', walkId, status: s, statusAt: '2026-06-01T18:00:00Z' });
const track = (walkId: string): OutboxPayload => ({ kind: 'track', walkId, points: [[16.5, 59.37, '2026-06-01T18:01:00Z', 5]] });

let seq = 0;
function item(id: string, payload: OutboxPayload, extra: Partial<OutboxItem> = {}): OutboxItem {
  seq += 1;
  return { id, seq, userId: 7, createdAt: '2026-06-01T18:00:00Z', keys: orderingKeys(id, payload), state: 'pending', attempts: 0, nextAttemptAt: 0, lastError: null, payload, ...extra };
}

describe('backoff schedule', () => {
  it('doubles from 2 s with equal jitter: between half and all of 2, 4, 8, 16 s for the first failures', () => {
    for (const [attempt, ceiling] of [[1, 2000], [2, 4000], [3, 8000], [4, 16000]] as const) {
      expect(backoffDelay(attempt, () => 0)).toBe(ceiling / 2);
      expect(backoffDelay(attempt, () => 0.999999)).toBe(ceiling);
      expect(backoffDelay(attempt, () => 0.5)).toBe(ceiling * 0.75);
    }
  });

  it('never waits more than 5 minutes, however many failures', () => {
    for (const attempt of [9, 10, 20, 1000]) expect(backoffDelay(attempt, () => 0.999999)).toBeLessThanOrEqual(DEFAULT_BACKOFF.maxMs);
    expect(backoffDelay(50, () => 0)).toBe(DEFAULT_BACKOFF.maxMs / 2);
  });

  it('spreads phones that failed together: different random draws give different delays', () => {
    const draws = [0.1, 0.4, 0.7, 0.95].map((r) => backoffDelay(3, () => r));
    expect(new Set(draws).size).toBe(4);
  });

  it('reads Retry-After as seconds or as an HTTP date', () => {
    expect(retryAfterMs('120', 0)).toBe(120_000);
    expect(retryAfterMs('Wed, 01 Jul 2026 12:00:10 GMT', Date.parse('2026-07-01T12:00:00Z'))).toBe(10_000);
    expect(retryAfterMs(null, 0)).toBeNull();
    expect(retryAfterMs('soon', 0)).toBeNull();
  });
});

describe('what an answer means', () => {
  it('retries when there was no answer, the server failed or asked to wait', () => {
    for (const s of [0, 500, 502, 503, 504, 408, 429]) expect(classifyAnswer('report', s), String(s)).toBe('retry');
  });

  it('is done on 201 and on 200 (already stored: a retry whose first answer was lost)', () => {
    expect(classifyAnswer('report', 201)).toBe('done');
    expect(classifyAnswer('photo', 200)).toBe('done');
  });

  it('does not retry a refusal blindly: outside the area, validation, too large, forbidden, not found, conflict', () => {
    for (const s of [400, 403, 404, 409, 413, 415, 422]) expect(classifyAnswer('report', s, 'x'), String(s)).toBe('refused');
  });

  it('asks for a new login on 401, keeping the item', () => {
    expect(classifyAnswer('finding', 401)).toBe('auth');
  });

  it('takes a walk already past the status it was asked for as done', () => {
    expect(classifyAnswer('walk-status', 409, 'conflict')).toBe('done');
    expect(classifyAnswer('walk-status', 422, 'invalid_date')).toBe('refused');
  });
});

describe('queue order and dependencies', () => {
  it('sends a walk before its start, track, findings and their photos, and marks it done last', () => {
    const items = [
      item('w', walk('w')),
      item('s1', status('w', 'ongoing')),
      item('t1', track('w')),
      item('f', finding('f', 'w')),
      item('p', photo({ kind: 'finding', id: 'f', walkId: 'w' })),
      item('s2', status('w', 'done')),
    ];
    const order: string[] = [];
    let queue = items;
    for (;;) {
      const ready = readyItems(queue, 0, 7);
      if (!ready.length) break;
      // Only the first of a walk's chain is ever ready.
      expect(ready.map((i) => i.id)).toHaveLength(1);
      order.push(ready[0]!.id);
      queue = queue.filter((i) => i !== ready[0]);
    }
    expect(order).toEqual(['w', 's1', 't1', 'f', 'p', 's2']);
  });

  it('sends a report before its photo, and unrelated reports side by side', () => {
    const items = [item('r1', report('r1')), item('p1', photo({ kind: 'report', id: 'r1' })), item('r2', report('r2'))];
    expect(readyItems(items, 0, 7).map((i) => i.id)).toEqual(['r1', 'r2']);
    expect(waitOf(items[1]!, items, 0, 7)).toEqual({ kind: 'after', item: items[0] });
  });

  it('holds back what depends on a refused item, and nothing else', () => {
    const refused = item('r1', report('r1'), { state: 'refused' });
    const items = [refused, item('p1', photo({ kind: 'report', id: 'r1' })), item('r2', report('r2'))];
    expect(readyItems(items, 0, 7).map((i) => i.id)).toEqual(['r2']);
    expect(waitOf(items[1]!, items, 0, 7)).toEqual({ kind: 'blocked', item: refused });
    expect(waitOf(refused, items, 0, 7)).toEqual({ kind: 'refused' });
  });

  it('reports a refusal further up a chain as the reason, not the item in between', () => {
    const refusedWalk = item('w', walk('w'), { state: 'refused' });
    const items = [refusedWalk, item('f', finding('f', 'w')), item('p', photo({ kind: 'finding', id: 'f', walkId: 'w' }))];
    expect(waitOf(items[2]!, items, 0, 7)).toEqual({ kind: 'blocked', item: refusedWalk });
  });

  it('waits out a backoff, and wakes at the earliest one', () => {
    const items = [item('r1', report('r1'), { nextAttemptAt: 5000 }), item('r2', report('r2'), { nextAttemptAt: 3000 }), item('r3', report('r3'))];
    expect(readyItems(items, 1000, 7).map((i) => i.id)).toEqual(['r3']);
    expect(readyItems(items, 5000, 7).map((i) => i.id)).toEqual(['r1', 'r2', 'r3']);
    expect(nextWakeAt(items, 1000, 7)).toBe(3000);
  });

  it("never sends another user's items; they wait for that user", () => {
    const items = [item('r1', report('r1'), { userId: 8 })];
    expect(readyItems(items, 0, 7)).toEqual([]);
    expect(waitOf(items[0]!, items, 0, 7)).toEqual({ kind: 'other-user' });
    expect(readyItems(items, 0, null)).toEqual([]);
  });

  it('orders by the keys of the entity and what it belongs to', () => {
    expect(orderingKeys('f', finding('f', 'w'))).toEqual(['finding:f', 'walk:w']);
    expect(orderingKeys('p', photo({ kind: 'report', id: 'r' }))).toEqual(['report:r']);
    expect(orderingKeys('t', track('w'))).toEqual(['walk:w']);
  });
});

describe('outbox entries as the user counts them', () => {
  it('counts a report with its photo as one entry, and a walk track of several batches as one', async () => {
    const { groupEntries } = await import('../../../web/src/field/outbox/entries');
    const items = [
      item('r1', report('r1')),
      item('p1', photo({ kind: 'report', id: 'r1' })),
      item('t1', track('w')),
      item('f', finding('f', 'w')),
      item('t2', track('w')),
      item('pf', photo({ kind: 'finding', id: 'f', walkId: 'w' })),
    ];
    const entries = groupEntries(items);
    expect(entries.map((e) => [e.primary.id, e.attached.map((a) => a.id)])).toEqual([
      ['r1', ['p1']],
      ['t1', ['t2']],
      ['f', ['pf']],
    ]);
  });

  it('shows a photo whose report has gone as an entry of its own', async () => {
    const { groupEntries } = await import('../../../web/src/field/outbox/entries');
    expect(groupEntries([item('p1', photo({ kind: 'report', id: 'gone' }))]).map((e) => e.primary.id)).toEqual(['p1']);
  });
});
