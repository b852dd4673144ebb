/**
 * A small seeded pseudo-random number generator and sampling helpers (the demo generator, Koper patrol schedules).
 * Everything random in the demo data flows from one `Prng`, so one seed gives byte-identical output.
 */

/** Uniform floats in [0, 1) from mulberry32: tiny, fast and good enough for synthetic data. */
export class Prng {
  private state: number;
  /** Second Box–Muller value, kept so each pair of uniforms yields two normals. */
  private spareNormal: number | null = null;

  constructor(seed: number) {
    this.state = seed >>> 0;
  }

  next(): number {
    this.state = (this.state + 0x6d2b79f5) | 0;
    let t = this.state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }

  /** Integer in [min, max], both inclusive. */
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }

  pick<T>(items: readonly T[]): T {
    return items[Math.floor(this.next() * items.length)]!;
  }

  /** Standard normal deviate (Box–Muller). */
  normal(): number {
    if (this.spareNormal !== null) {
      const spare = this.spareNormal;
      this.spareNormal = null;
      return spare;
    }
    const radius = Math.sqrt(-2 * Math.log(1 - this.next()));
    const angle = 2 * Math.PI * this.next();
    this.spareNormal = radius * Math.sin(angle);
    return radius * Math.cos(angle);
  }

  /** A UUID v4-shaped string; deterministic, so it is an id for demo rows, never a secret. */
  uuid(): string {
    const a = this.uint32();
    const b = (this.uint32() & 0xffff0fff) | 0x00004000; // version 4
    const c = ((this.uint32() & 0x3fffffff) | 0x80000000) >>> 0; // RFC 4122 variant
    const d = this.uint32();
    return (
      hex16(a >>> 16) + hex16(a & 0xffff) + '-' + hex16(b >>> 16) + '-' + hex16(b & 0xffff) + '-' +
      hex16(c >>> 16) + '-' + hex16(c & 0xffff) + hex16(d >>> 16) + hex16(d & 0xffff)
    );
  }

  private uint32(): number {
    return Math.floor(this.next() * 4294967296) >>> 0;
  }
}

/** Byte → two hex digits; a table because toString(16) dominated the profile of a million ids. */
const HEX_BYTES: readonly string[] = Array.from({ length: 256 }, (_, byte) => byte.toString(16).padStart(2, '0'));

function hex16(value: number): string {
  return HEX_BYTES[(value >>> 8) & 0xff]! + HEX_BYTES[value & 0xff]!;
}

/**
 * Weighted choice by binary search over cumulative weights: O(log n) per draw, which matters for
 * the 8,760-cell hour tables sampled a million times by the benchmark.
 */
export class WeightedTable<T> {
  readonly total: number;

  private constructor(
    private readonly items: readonly T[],
    private readonly cumulative: Float64Array,
  ) {
    this.total = cumulative.length === 0 ? 0 : cumulative[cumulative.length - 1]!;
  }

  static from<T>(entries: Iterable<readonly [T, number]>): WeightedTable<T> {
    const items: T[] = [];
    const weights: number[] = [];
    for (const [item, weight] of entries) {
      if (weight > 0) {
        items.push(item);
        weights.push(weight);
      }
    }
    return new WeightedTable(items, cumulate(weights));
  }

  /** Draws an item; throws when every weight is zero so an empty table is never silently sampled. */
  sample(prng: Prng): T {
    if (this.total <= 0) throw new Error('WeightedTable.sample: all weights are zero');
    return this.items[searchCumulative(this.cumulative, prng.next() * this.total)]!;
  }
}

/** Index sampling over a dense weight array (item i has weight weights[i]); zero weights are never drawn. */
export class IndexTable {
  readonly total: number;
  private readonly cumulative: Float64Array;

  constructor(weights: ArrayLike<number>) {
    this.cumulative = cumulate(weights);
    this.total = this.cumulative.length === 0 ? 0 : this.cumulative[this.cumulative.length - 1]!;
  }

  sample(prng: Prng): number {
    if (this.total <= 0) throw new Error('IndexTable.sample: all weights are zero');
    return searchCumulative(this.cumulative, prng.next() * this.total);
  }
}

function cumulate(weights: ArrayLike<number>): Float64Array {
  const cumulative = new Float64Array(weights.length);
  let sum = 0;
  for (let i = 0; i < weights.length; i++) {
    sum += Math.max(0, weights[i]!);
    cumulative[i] = sum;
  }
  return cumulative;
}

/** First index whose cumulative weight exceeds target (so zero-weight entries are skipped). */
function searchCumulative(cumulative: Float64Array, target: number): number {
  let lo = 0;
  let hi = cumulative.length - 1;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (cumulative[mid]! > target) hi = mid;
    else lo = mid + 1;
  }
  return lo;
}
