/**
 * Server data the field screens need without a network: the taxonomy, the organisations, the
 * area outline, and the walks. Each online load stores the answer on the phone; offline, the
 * stored copy is used and the screen says how old it is.
 */
import { api, ApiError } from '../lib/api';
import type { Area, Category, Organisation } from '../lib/types';
import { fieldApi } from './api';
import { outbox } from './outbox/outbox.svelte';
import type { FindingCollection, Walk, WalkDetail } from './types';

export interface Loaded<T> {
  value: T;
  /** When the stored copy was saved, if it came from the phone rather than the server. */
  cachedAt: string | null;
}

/** No answer at all (offline, timeout): the stored copy stands in. Any real answer is shown as is. */
function isUnreachable(error: unknown): boolean {
  return error instanceof ApiError ? error.status === 0 : error instanceof TypeError;
}

/** Fetch and store, or the stored copy when the server cannot be reached. */
async function loadWithCache<T>(key: string, fetcher: () => Promise<T>): Promise<Loaded<T>> {
  const store = await outbox.store();
  try {
    const value = await fetcher();
    await store.cache(key, value);
    return { value, cachedAt: null };
  } catch (error) {
    if (!isUnreachable(error)) throw error;
    const cached = await store.cached<T>(key);
    if (!cached) throw error;
    return { value: cached.value, cachedAt: cached.savedAt };
  }
}

export interface ReferenceData {
  categories: Category[];
  organisations: Organisation[];
  area: Area;
  basemapStyleUrl: string | null;
}

export async function loadReferenceData(): Promise<Loaded<ReferenceData>> {
  return loadWithCache('reference', async () => {
    const [categories, organisations, area, config] = await Promise.all([
      api.categories(),
      api.organisations(),
      api.currentArea(),
      api.clientConfig().catch(() => ({ basemapStyleUrl: null })),
    ]);
    return { categories, organisations, area, basemapStyleUrl: config.basemapStyleUrl };
  });
}

export function loadWalks(): Promise<Loaded<Walk[]>> {
  return loadWithCache('walks', () => fieldApi.walks());
}

export function loadWalk(id: string): Promise<Loaded<WalkDetail>> {
  return loadWithCache(`walk:${id}`, () => fieldApi.walk(id));
}

/** A walk planned on this phone and not yet on the server: what the outbox holds of it. */
export async function cachedWalk(id: string): Promise<WalkDetail | undefined> {
  return (await (await outbox.store()).cached<WalkDetail>(`walk:${id}`))?.value;
}

export async function cacheWalk(walk: WalkDetail): Promise<void> {
  await (await outbox.store()).cache(`walk:${walk.id}`, walk);
}

export function loadWalkFindings(walkId: string): Promise<Loaded<FindingCollection>> {
  return loadWithCache(`findings:${walkId}`, () => fieldApi.findings({ walk: walkId }));
}
