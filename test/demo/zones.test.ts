import { booleanClockwise, booleanContains, booleanPointInPolygon, booleanValid, kinks, polygon } from '@turf/turf';
import { describe, expect, it } from 'vitest';
import { DEMO_BOUNDARY, DEMO_PLACES } from '../../scripts/demo/area.js';
import { DEMO_ZONES } from '../../scripts/demo/zones.js';

/** The demo's named places: plain valid polygons inside the demo area, around the places reports cluster at. */
describe('demo zones', () => {
  // The demo boundary is one polygon (area.ts).
  const boundary = polygon(DEMO_BOUNDARY.coordinates[0]!);

  it.each(DEMO_ZONES.map((z) => [z.name, z] as const))('%s is a valid, closed, counter-clockwise polygon inside the area', (_name, zone) => {
    const shape = polygon(zone.geometry.coordinates);
    expect(booleanValid(shape)).toBe(true);
    expect(kinks(shape).features).toHaveLength(0);
    const ring = zone.geometry.coordinates[0]!;
    expect(ring[0]).toEqual(ring[ring.length - 1]);
    expect(booleanClockwise(ring as [number, number][])).toBe(false);
    expect(booleanContains(boundary, shape)).toBe(true);
  });

  it('has unique names', () => {
    const names = DEMO_ZONES.map((z) => z.name.toLowerCase());
    expect(new Set(names).size).toBe(names.length);
  });

  it('names the places the synthetic reports cluster at', () => {
    const named = ['krogstraket', 'resecentrum', 'stadsparken', 'fritidsgard', 'lagersberg', 'tunapark', 'tunavallen', 'munktell-parkering', 'nyfors-centrum'];
    for (const key of named) {
      const place = DEMO_PLACES.find((p) => p.key === key)!;
      const holders = DEMO_ZONES.filter((z) => booleanPointInPolygon([place.lng, place.lat], polygon(z.geometry.coordinates)));
      expect(holders.length, key).toBeGreaterThan(0);
    }
  });
});
