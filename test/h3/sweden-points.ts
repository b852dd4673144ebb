/** Seeded random points over Sweden's bounding box, so every run checks the same cases. */

/** mulberry32: a small, well-mixed 32-bit PRNG; the same seed gives the same sequence everywhere. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const SOUTH = 55.3;
const NORTH = 69.1;
const WEST = 10.9;
const EAST = 24.2;

/** `count` points as { lat, lng } inside Sweden's bounding box. */
export function randomSwedishPoints(count: number, seed: number): { lat: number; lng: number }[] {
  const random = seededRandom(seed);
  return Array.from({ length: count }, () => ({
    lat: SOUTH + random() * (NORTH - SOUTH),
    lng: WEST + random() * (EAST - WEST),
  }));
}
