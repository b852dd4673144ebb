import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { ascendingOrder } from '../../server/stats/sort-order';

/** The obviously-right order: a comparator sort of the indices, ties by index. */
const reference = (values: readonly number[]) => values.map((_, i) => i).sort((i, j) => values[i]! - values[j]! || i - j);

describe('ascendingOrder', () => {
  it('orders a small array (comparator path)', () => {
    expect(Array.from(ascendingOrder(Float64Array.from([0.3, 0.1, 0.2])))).toEqual([1, 2, 0]);
  });

  it('matches a comparator sort on large arrays of p-values, with ties kept in index order (radix path)', () => {
    const pValues = fc.array(
      fc.oneof(
        fc.double({ min: 0, max: 1, noNaN: true }),
        fc.constantFrom(0, 1, 0.5, 1e-300, 5e-324, 0.7632579), // exact ties, denormals, the edges
      ),
      { minLength: 512, maxLength: 3000 },
    );
    fc.assert(
      fc.property(pValues, (values) => {
        expect(Array.from(ascendingOrder(Float64Array.from(values)))).toEqual(reference(values));
      }),
      { numRuns: 60, seed: 4711 },
    );
  });

  it('orders values that differ only in their lowest bits (the low word decides)', () => {
    const values = Array.from({ length: 2000 }, (_, i) => 0.5 + ((i * 7919) % 2000) * 2 ** -53);
    expect(Array.from(ascendingOrder(Float64Array.from(values)))).toEqual(reference(values));
  });

  it('sorts −0 together with 0', () => {
    const values = Array.from({ length: 600 }, (_, i) => (i % 3 === 0 ? -0 : i % 3 === 1 ? 0 : 0.25));
    const order = Array.from(ascendingOrder(Float64Array.from(values)));
    expect(order.slice(0, 400).every((i) => i % 3 !== 2)).toBe(true);
    expect(order.slice(0, 400)).toEqual([...order.slice(0, 400)].sort((a, b) => a - b));
  });

  it('handles an array where every value is the same (every digit pass is skipped)', () => {
    const order = ascendingOrder(new Float64Array(1000).fill(0.125));
    expect(Array.from(order)).toEqual(Array.from({ length: 1000 }, (_, i) => i));
  });
});
