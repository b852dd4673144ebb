/**
 * The permutation that sorts non-negative doubles ascending, by a stable LSD radix sort on their
 * IEEE-754 bits (for x ≥ 0 the bit pattern, read as an unsigned integer, orders like the number).
 * Six passes of 11 bits over typed arrays: about 15× faster than `Array.prototype.sort` with a
 * comparator on the 1.3M p-values of an emerging-hotspot cube, and it yields the indices directly.
 */

const LITTLE_ENDIAN = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;
/** Below this a comparator sort is as fast and allocates less. */
const RADIX_MIN = 512;
const DIGIT_BITS = 11;
const DIGITS = 6;
const BUCKETS = 1 << DIGIT_BITS;
const MASK = BUCKETS - 1;

/**
 * @param values non-negative numbers (−0 counts as 0); NaN is not allowed.
 * @returns indices i₀, i₁, … with values[i₀] ≤ values[i₁] ≤ …, ties in index order.
 * @example
 * ascendingOrder(Float64Array.from([0.3, 0.1, 0.2])); // Uint32Array [1, 2, 0]
 */
export function ascendingOrder(values: Float64Array): Uint32Array {
  const n = values.length;
  if (n < RADIX_MIN || !LITTLE_ENDIAN) {
    const order = Array.from({ length: n }, (_, i) => i);
    order.sort((i, j) => values[i]! - values[j]! || i - j);
    return Uint32Array.from(order);
  }
  const words = new Uint32Array(values.buffer, values.byteOffset, 2 * n);
  let lo = new Uint32Array(n);
  let hi = new Uint32Array(n);
  let index = new Uint32Array(n);
  for (let i = 0; i < n; i++) {
    const low = words[2 * i]!;
    const high = words[2 * i + 1]!;
    // −0 has the sign bit set and would sort last: read it as +0.
    lo[i] = low;
    hi[i] = high === 0x80000000 && low === 0 ? 0 : high;
    index[i] = i;
  }
  let nextLo = new Uint32Array(n);
  let nextHi = new Uint32Array(n);
  let nextIndex = new Uint32Array(n);
  // Six 11-bit digits (2,048 buckets: the scatter stays within the caches), histograms in one read.
  const histograms = new Uint32Array(DIGITS * BUCKETS);
  for (let i = 0; i < n; i++) {
    const l = lo[i]!;
    const h = hi[i]!;
    histograms[l & MASK]!++;
    histograms[BUCKETS + ((l >>> 11) & MASK)]!++;
    histograms[2 * BUCKETS + (l >>> 22)]!++;
    histograms[3 * BUCKETS + (h & MASK)]!++;
    histograms[4 * BUCKETS + ((h >>> 11) & MASK)]!++;
    histograms[5 * BUCKETS + (h >>> 22)]!++;
  }
  for (let digit = 0; digit < DIGITS; digit++) {
    const key = digit < 3 ? lo : hi;
    const shift = (digit % 3) * 11;
    const base = digit * BUCKETS;
    // One bucket holding everything: this digit orders nothing (common in the exponent bits).
    if (histograms[base + ((key[0]! >>> shift) & MASK)] === n) continue;
    let position = 0;
    for (let d = base; d < base + BUCKETS; d++) {
      const size = histograms[d]!;
      histograms[d] = position;
      position += size;
    }
    for (let i = 0; i < n; i++) {
      const at = histograms[base + ((key[i]! >>> shift) & MASK)]!++;
      nextLo[at] = lo[i]!;
      nextHi[at] = hi[i]!;
      nextIndex[at] = index[i]!;
    }
    [lo, nextLo] = [nextLo, lo];
    [hi, nextHi] = [nextHi, hi];
    [index, nextIndex] = [nextIndex, index];
  }
  return index;
}
