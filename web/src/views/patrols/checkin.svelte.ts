/**
 * The patrol's check-in on this phone: opened at a target, fed with GPS fixes, closed into a
 * patrol log that goes through the field app's outbox (stored on the phone first, sent when
 * there is a network, idempotent by its id). The open check-in itself is kept in the phone's
 * IndexedDB, so a reload or a closed browser does not lose it.
 */
import { outbox } from '../../field/outbox/outbox.svelte';
import { keepFix } from '../../field/track-filter';
import type { TrackFix } from '../../field/outbox/types';
import { checkOut, type CheckOut, type OpenCheckIn } from './patrol-log';

const key = (userId: number) => `patrol-checkin:${userId}`;

class PatrolCheckIn {
  open = $state.raw<OpenCheckIn | null>(null);
  private chain: Promise<unknown> = Promise.resolve();

  /** IndexedDB writes one after another, so a fix arriving during a write is not lost. */
  private serial(work: () => Promise<void>): Promise<void> {
    const next = this.chain.then(work, work);
    this.chain = next.catch(() => undefined);
    return next;
  }

  private persist(): Promise<void> {
    const value = this.open;
    const userId = value?.userId;
    return this.serial(async () => {
      if (userId !== undefined) await (await outbox.store()).cache(key(userId), value);
    });
  }

  async restore(userId: number): Promise<void> {
    const saved = await (await outbox.store()).cached<OpenCheckIn | null>(key(userId));
    this.open = saved?.value ?? null;
  }

  async checkIn(open: Omit<OpenCheckIn, 'logId' | 'startedAt' | 'fixes'>, first: TrackFix | null): Promise<void> {
    this.open = { ...open, logId: crypto.randomUUID(), startedAt: new Date().toISOString(), fixes: first && keepFix(null, first) ? [first] : [] };
    await this.persist();
  }

  addFix(fix: TrackFix): void {
    const open = this.open;
    if (!open || !keepFix(open.fixes.at(-1) ?? null, fix)) return;
    this.open = { ...open, fixes: [...open.fixes, fix] };
    void this.persist();
  }

  /** Closes the check-in into a log in the outbox; answers what was queued. */
  async checkOut(now = new Date()): Promise<CheckOut | null> {
    const open = this.open;
    if (!open) return null;
    const done = checkOut(open, now);
    await outbox.enqueue([{ id: open.logId, payload: { kind: 'patrol-log', place: open.place, body: done.body } }]);
    this.open = null;
    await this.serial(async () => (await outbox.store()).cache(key(open.userId), null));
    return done;
  }
}

export const patrolCheckIn = new PatrolCheckIn();
