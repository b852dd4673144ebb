import type { Adjacency } from '../../stats/adjacency';
import { bigintToCell, cellToBigint } from '../../h3/cells';
import { diskOf, indexOfCell } from '../../h3/regions';

/** Cells in a k-disk: 1 + 3k(k + 1) (7, 19, 37); fewer at pentagons and region edges. */
export const diskSize = (k: number) => 1 + 3 * k * (k + 1);

/**
 * Neighbours within a sorted cell set: gridDisk(cell, k) ∩ set, self included (DESIGN §5), as
 * compressed sparse rows over the set's indices. ~6 µs a cell at k = 1 in h3-js: the reason the
 * boundary's adjacency is cached.
 */
export function adjacencyWithin(cells: BigInt64Array, k: number): Adjacency {
  const n = cells.length;
  const names = new Array<string>(n);
  const position = new Map<string, number>();
  for (let i = 0; i < n; i++) {
    names[i] = bigintToCell(cells[i]!);
    position.set(names[i]!, i);
  }
  const offsets = new Int32Array(n + 1);
  let index = new Int32Array(n * diskSize(k));
  let used = 0;
  for (let i = 0; i < n; i++) {
    for (const neighbour of diskOf(names[i]!, k)) {
      const j = position.get(neighbour);
      if (j !== undefined) index[used++] = j;
    }
    offsets[i + 1] = used;
  }
  if (used < index.length) index = index.slice(0, used);
  return { offsets, index };
}

export const adjacencyBytes = (a: Adjacency) => a.offsets.byteLength + a.index.byteLength;

/**
 * The study region of one query (DESIGN §5): the area's boundary cells ∪ the cells holding a
 * counted report, sorted ascending. Report cells outside the boundary set (a report near the edge
 * whose cell's centre lies outside) are few; the region is built from the cached boundary set
 * without copying its neighbour lists cell by cell through h3-js again.
 */
export class StudyRegion {
  /** Region index of each boundary cell, and of each extra cell. */
  private readonly boundaryAt: Int32Array;
  private readonly extraAt: Int32Array;

  private constructor(
    readonly cells: BigInt64Array,
    private readonly boundary: BigInt64Array,
    private readonly extra: BigInt64Array,
  ) {
    this.boundaryAt = new Int32Array(boundary.length);
    this.extraAt = new Int32Array(extra.length);
    let b = 0;
    let e = 0;
    for (let r = 0; r < cells.length; r++) {
      if (b < boundary.length && cells[r] === boundary[b]) this.boundaryAt[b++] = r;
      else this.extraAt[e++] = r;
    }
  }

  /** The region of the boundary cells and the report cells (any order, repeats allowed). */
  static of(boundary: BigInt64Array, reportCells: Iterable<bigint>): StudyRegion {
    const outside: bigint[] = [];
    for (const cell of reportCells) if (indexOfCell(boundary, cell) < 0) outside.push(cell);
    const extra = BigInt64Array.from(new Set(outside)).sort();
    if (extra.length === 0) return new StudyRegion(boundary, boundary, extra);
    const cells = new BigInt64Array(boundary.length + extra.length);
    let b = 0;
    let e = 0;
    for (let r = 0; r < cells.length; r++) {
      cells[r] = e >= extra.length || (b < boundary.length && boundary[b]! < extra[e]!) ? boundary[b++]! : extra[e++]!;
    }
    return new StudyRegion(cells, boundary, extra);
  }

  get n(): number {
    return this.cells.length;
  }

  get boundaryCount(): number {
    return this.boundary.length;
  }

  indexOf(cell: bigint): number {
    return indexOfCell(this.cells, cell);
  }

  cellAt(i: number): string {
    return bigintToCell(this.cells[i]!);
  }

  /**
   * The region's adjacency from the boundary's (same k): the boundary lists renumbered, the extra
   * cells' own disks added, and each extra cell added to its boundary neighbours' lists (grid
   * distance is symmetric).
   */
  adjacency(boundaryAdjacency: Adjacency, k: number): Adjacency {
    if (this.extra.length === 0) return boundaryAdjacency;
    const n = this.n;
    const extraLists: number[][] = [];
    const added = new Map<number, number[]>();
    for (let e = 0; e < this.extra.length; e++) {
      const self = this.extraAt[e]!;
      const list: number[] = [];
      for (const neighbour of diskOf(bigintToCell(this.extra[e]!), k)) {
        const r = indexOfCell(this.cells, cellToBigint(neighbour));
        if (r < 0) continue;
        list.push(r);
        if (r !== self && indexOfCell(this.extra, this.cells[r]!) < 0) {
          const into = added.get(r) ?? [];
          into.push(self);
          added.set(r, into);
        }
      }
      extraLists.push(list);
    }
    const degree = new Int32Array(n);
    const { offsets: bOffsets, index: bIndex } = boundaryAdjacency;
    for (let b = 0; b < this.boundary.length; b++) {
      const r = this.boundaryAt[b]!;
      degree[r] = bOffsets[b + 1]! - bOffsets[b]! + (added.get(r)?.length ?? 0);
    }
    for (let e = 0; e < this.extra.length; e++) degree[this.extraAt[e]!] = extraLists[e]!.length;
    const offsets = new Int32Array(n + 1);
    for (let r = 0; r < n; r++) offsets[r + 1] = offsets[r]! + degree[r]!;
    const index = new Int32Array(offsets[n]!);
    for (let b = 0; b < this.boundary.length; b++) {
      const r = this.boundaryAt[b]!;
      let at = offsets[r]!;
      for (let q = bOffsets[b]!; q < bOffsets[b + 1]!; q++) index[at++] = this.boundaryAt[bIndex[q]!]!;
      for (const extra of added.get(r) ?? []) index[at++] = extra;
    }
    for (let e = 0; e < this.extra.length; e++) index.set(extraLists[e]!, offsets[this.extraAt[e]!]!);
    return { offsets, index };
  }
}
