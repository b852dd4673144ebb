import { describe, expect, it } from 'vitest';
import { gridDisk, latLngToCell, polygonToCells } from 'h3-js';
import { boundaryCells } from '../../server/h3/regions';
import { adjacencyWithin, StudyRegion } from '../../server/analytics/region/study-region';
import { RegionCache } from '../../server/analytics/region/region-cache';
import { squareBoundary } from '../support/fixtures';

const neighbourSets = (cells: BigInt64Array, adjacency: { offsets: Int32Array; index: Int32Array }) =>
  Array.from(cells, (_, i) => [...adjacency.index.slice(adjacency.offsets[i], adjacency.offsets[i + 1])].map((j) => cells[j]!).sort());

describe('study regions', () => {
  const square = squareBoundary(16.5, 59.37, 0.02);
  const boundary = boundaryCells({ type: 'MultiPolygon', coordinates: [square.coordinates] }, 9);

  it('takes the cells whose centre is inside, sorted ascending, as polygonToCells does', () => {
    const expected = polygonToCells(square.coordinates, 9, true).map((c) => BigInt(`0x${c}`)).sort((a, b) => (a < b ? -1 : 1));
    expect([...boundary]).toEqual(expected);
  });

  it('covers every part of a MultiPolygon and leaves out holes', () => {
    const outer = squareBoundary(16.5, 59.37, 0.03).coordinates[0]!;
    const hole = squareBoundary(16.5, 59.37, 0.01).coordinates[0]!.slice().reverse();
    const second = squareBoundary(16.7, 59.37, 0.01).coordinates;
    const cells = boundaryCells({ type: 'MultiPolygon', coordinates: [[outer, hole], second] }, 9);
    expect(cells.length).toBe(polygonToCells([outer, hole], 9, true).length + polygonToCells(second, 9, true).length);
    expect(cells).not.toContain(BigInt(`0x${latLngToCell(59.37, 16.5, 9)}`));
    expect(cells).toContain(BigInt(`0x${latLngToCell(59.37, 16.7, 9)}`));
  });

  it.each([1, 2, 3])('builds gridDisk(k = %i) ∩ region neighbour lists, self included', (k) => {
    const adjacency = adjacencyWithin(boundary, k);
    const inRegion = new Set([...boundary].map((c) => c.toString(16)));
    neighbourSets(boundary, adjacency).forEach((list, i) => {
      const expected = gridDisk(boundary[i]!.toString(16), k).filter((c) => inRegion.has(c)).map((c) => BigInt(`0x${c}`)).sort();
      expect(list).toEqual(expected);
    });
  });

  it('merges report cells outside the boundary set into the cached lists exactly as a fresh build would', () => {
    // Cells just outside the square (centres outside), touching it and each other, and one far away.
    const outside = [
      latLngToCell(59.37, 16.5 + 0.0405, 9),
      latLngToCell(59.3705, 16.5 + 0.0415, 9),
      latLngToCell(59.37 + 0.0105, 16.5, 9),
      latLngToCell(59.5, 16.9, 9),
    ].map((c) => BigInt(`0x${c}`));
    for (const k of [1, 2]) {
      const region = StudyRegion.of(boundary, [...outside, outside[0]!, boundary[3]!]);
      expect(region.n).toBe(boundary.length + new Set(outside.filter((c) => !boundary.includes(c))).size);
      expect([...region.cells]).toEqual([...region.cells].sort((a, b) => (a < b ? -1 : 1)));
      const merged = region.adjacency(adjacencyWithin(boundary, k), k);
      expect(neighbourSets(region.cells, merged)).toEqual(neighbourSets(region.cells, adjacencyWithin(region.cells, k)));
    }
  });

  it('hands back the boundary lists unchanged when every report cell is in the boundary set', () => {
    const lists = adjacencyWithin(boundary, 1);
    const region = StudyRegion.of(boundary, [boundary[0]!, boundary[10]!]);
    expect(region.adjacency(lists, 1)).toBe(lists);
    expect(region.indexOf(boundary[10]!)).toBe(10);
    expect(region.cellAt(10)).toBe(boundary[10]!.toString(16));
  });
});

describe('the region cache', () => {
  it('evicts the least recently used entries once the byte budget is exceeded', async () => {
    const cache = new RegionCache(100);
    await cache.get('1:v:a', () => 'a', () => 40);
    await cache.get('1:v:b', () => 'b', () => 40);
    await cache.get('1:v:a', () => 'rebuilt', () => 40); // a is now the most recent
    await cache.get('1:v:c', () => 'c', () => 40);
    expect(cache.bytes).toBe(80);
    expect(await cache.get('1:v:a', () => 'rebuilt', () => 40)).toBe('a');
    expect(await cache.get('1:v:b', () => 'rebuilt', () => 40)).toBe('rebuilt');
  });

  it('hands back, but does not keep, an entry larger than the whole budget', async () => {
    const cache = new RegionCache(10);
    expect(await cache.get('1:v:big', () => 'big', () => 11)).toBe('big');
    expect(cache.size).toBe(0);
  });

  it('builds a key once for concurrent callers', async () => {
    const cache = new RegionCache(100);
    let builds = 0;
    const build = async () => {
      builds++;
      await new Promise((r) => setTimeout(r, 10));
      return builds;
    };
    const values = await Promise.all([cache.get('1:v:x', build, () => 1), cache.get('1:v:x', build, () => 1)]);
    expect(values).toEqual([1, 1]);
    expect(builds).toBe(1);
  });

  it('forgets an area’s entries of an older boundary version, and no other area’s', async () => {
    const cache = new RegionCache(100);
    await cache.get('1:old:cells:9', () => 1, () => 10);
    await cache.get('12:old:cells:9', () => 2, () => 10);
    await cache.get('1:new:cells:9', () => 3, () => 10);
    cache.forgetAreaExcept(1, 'new');
    expect(cache.size).toBe(2);
    expect(cache.bytes).toBe(20);
    expect(await cache.get('12:old:cells:9', () => 99, () => 10)).toBe(2);
  });
});
