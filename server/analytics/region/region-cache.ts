/**
 * An in-memory LRU bounded by bytes, for what the study regions reuse query after query: an
 * area's boundary cells per resolution and their k-ring adjacency. Building them costs ~1.2 s
 * for 70,000 cells (polygonToCells + gridDisk in h3-js); reading them costs nothing.
 *
 * Keys start with `<areaId>:`; `forgetAreaExcept` drops an area's entries built from an older
 * boundary. Concurrent misses of one key share one build. An entry larger than the whole budget
 * is handed back without being kept, so a huge region costs time, never unbounded memory.
 */
export class RegionCache {
  private readonly entries = new Map<string, { value: unknown; bytes: number }>();
  private readonly building = new Map<string, Promise<unknown>>();
  private usedBytes = 0;

  constructor(readonly maxBytes: number) {}

  get bytes(): number {
    return this.usedBytes;
  }

  get size(): number {
    return this.entries.size;
  }

  async get<T>(key: string, build: () => Promise<T> | T, sizeOf: (value: T) => number): Promise<T> {
    const hit = this.entries.get(key);
    if (hit) {
      // Map keeps insertion order: re-inserting makes this the most recently used.
      this.entries.delete(key);
      this.entries.set(key, hit);
      return hit.value as T;
    }
    const pending = this.building.get(key);
    if (pending) return pending as Promise<T>;
    const promise = (async () => {
      const value = await build();
      this.keep(key, value, sizeOf(value));
      return value;
    })();
    this.building.set(key, promise);
    try {
      return await promise;
    } finally {
      this.building.delete(key);
    }
  }

  /** Drops every entry of the area whose key does not carry the current boundary version. */
  forgetAreaExcept(areaId: number, version: string): void {
    const prefix = `${areaId}:`;
    const current = `${areaId}:${version}:`;
    for (const [key, entry] of this.entries) {
      if (key.startsWith(prefix) && !key.startsWith(current)) {
        this.entries.delete(key);
        this.usedBytes -= entry.bytes;
      }
    }
  }

  private keep(key: string, value: unknown, bytes: number): void {
    if (bytes > this.maxBytes) return;
    const old = this.entries.get(key);
    if (old) this.usedBytes -= old.bytes;
    this.entries.set(key, { value, bytes });
    this.usedBytes += bytes;
    for (const [oldest, entry] of this.entries) {
      if (this.usedBytes <= this.maxBytes) break;
      this.entries.delete(oldest);
      this.usedBytes -= entry.bytes;
    }
  }
}
