/**
 * Records a walk's route on the phone: GPS fixes while recording (not while paused), thinned by
 * keepFix, buffered in IndexedDB and handed to the outbox in batches (every 25 fixes or minute,
 * and at pause, finish and each finding), so a closed browser loses at most nothing: the buffer
 * and the mode are stored, and recording resumes when the walk's page opens again.
 */
import type { Fix, Geolocator } from './geolocation.svelte';
import { outbox } from './outbox/outbox.svelte';
import type { TrackFix, WalkRecording } from './outbox/types';
import { batchDue, keepFix } from './track-filter';

export class TrackRecorder {
  mode = $state<WalkRecording['mode']>('stopped');
  /** Every fix kept on this phone for the walk, sent or not, to draw the route. */
  drawn = $state.raw<TrackFix[]>([]);
  private unsubscribe: (() => void) | null = null;
  /** IndexedDB read-modify-writes, one after another (fixes can arrive faster than a write). */
  private chain: Promise<unknown> = Promise.resolve();

  constructor(
    private readonly walkId: string,
    private readonly userId: number,
    private readonly geolocator: Geolocator,
  ) {}

  private serial<T>(work: () => Promise<T>): Promise<T> {
    const next = this.chain.then(work, work);
    this.chain = next.catch(() => undefined);
    return next;
  }

  private async recording(): Promise<WalkRecording> {
    const store = await outbox.store();
    return (await store.recording(this.walkId)) ?? { walkId: this.walkId, userId: this.userId, mode: 'stopped', buffer: [], lastFix: null, drawn: [], flushedAt: Date.now() };
  }

  private async setMode(mode: WalkRecording['mode']): Promise<void> {
    await this.serial(async () => {
      const store = await outbox.store();
      await store.saveRecording({ ...(await this.recording()), mode });
    });
    this.mode = mode;
    if (mode === 'recording') this.watch();
    else this.unwatch();
  }

  /** Picks up a recording this phone was making (a reload, a closed browser). */
  async restore(): Promise<void> {
    const saved = await (await outbox.store()).recording(this.walkId);
    if (!saved) return;
    this.drawn = saved.drawn;
    this.mode = saved.mode;
    if (saved.mode === 'recording') this.watch();
  }

  start(): Promise<void> {
    return this.setMode('recording');
  }

  async pause(): Promise<void> {
    await this.setMode('paused');
    await this.flush();
  }

  resume(): Promise<void> {
    return this.setMode('recording');
  }

  async finish(): Promise<void> {
    await this.setMode('stopped');
    await this.flush();
  }

  /** Hands the buffered fixes to the outbox now. */
  async flush(): Promise<void> {
    await this.serial(() => outbox.flushTrack(this.walkId));
  }

  /** Stops listening (the page closes); the stored mode stays for the next visit. */
  detach(): void {
    this.unwatch();
  }

  private watch(): void {
    if (this.unsubscribe) return;
    this.geolocator.start();
    this.unsubscribe = this.geolocator.onFix((fix) => void this.take(fix));
    // The fix the page already has counts too (the GPS may not move for a while).
    if (this.geolocator.fix) void this.take(this.geolocator.fix);
  }

  private unwatch(): void {
    this.unsubscribe?.();
    this.unsubscribe = null;
  }

  private async take(fix: Fix): Promise<void> {
    const trackFix: TrackFix = [round(fix.lng), round(fix.lat), new Date(fix.at).toISOString(), Math.round(fix.accuracy * 10) / 10];
    const due = await this.serial(async () => {
      const rec = await this.recording();
      if (rec.mode !== 'recording' || !keepFix(rec.lastFix, trackFix)) return false;
      const next = { ...rec, buffer: [...rec.buffer, trackFix], lastFix: trackFix, drawn: [...rec.drawn, trackFix] };
      await (await outbox.store()).saveRecording(next);
      this.drawn = next.drawn;
      return batchDue(next.buffer.length, next.flushedAt, Date.now());
    });
    if (due) await this.flush();
  }
}

function round(value: number): number {
  return Math.round(value * 1e7) / 1e7;
}
