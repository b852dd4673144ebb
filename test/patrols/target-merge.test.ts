import { describe, expect, it } from 'vitest';
import { gridDisk, latLngToCell } from 'h3-js';
import { mergeHotCells } from '../../server/patrols/target-merge';

const ring = (cell: string) => gridDisk(cell, 1).filter((c) => c !== cell);
const centre = latLngToCell(59.37, 16.51, 9);
const [, n1, n2, n3, n4, n5, n6] = gridDisk(centre, 1);
const far = latLngToCell(59.35, 16.47, 9);

describe('hot cells merged into targets', () => {
  it('makes neighbouring hot cells one target and keeps distant ones apart', () => {
    const groups = mergeHotCells(
      [
        { cell: far, score: 7 },
        { cell: centre, score: 9 },
        { cell: n1!, score: 4 },
      ],
      ring,
    );
    expect(groups.map((g) => g.map((c) => c.cell))).toEqual([[centre, n1], [far]]);
  });

  it('caps a target at seven cells, the hottest ones around its seed; the rest seeds another', () => {
    const outer = gridDisk(centre, 2).filter((c) => !gridDisk(centre, 1).includes(c));
    const hot = [centre, n1, n2, n3, n4, n5, n6].map((cell, i) => ({ cell: cell!, score: 20 - i }));
    hot.push({ cell: outer[0]!, score: 30 });
    const groups = mergeHotCells(hot, ring);
    expect(groups).toHaveLength(2);
    expect(groups[0]).toHaveLength(7);
    expect(groups[0]![0]!.cell).toBe(outer[0]);
    expect(groups.flat()).toHaveLength(8);
    for (const g of groups) for (const c of g.slice(1)) expect(g.some((o) => ring(o.cell).includes(c.cell))).toBe(true);
  });

  it('breaks ties by ascending cell index, so the result does not depend on input order', () => {
    const cells = [centre, n1!, n2!, far].map((cell) => ({ cell, score: 5 }));
    const a = mergeHotCells(cells, ring);
    expect(mergeHotCells([...cells].reverse(), ring)).toEqual(a);
  });
});
