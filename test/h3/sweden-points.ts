/** Seeded random points over Sweden's bounding box, so every run checks the same cases. */
import { Prng } from '../../server/shared/prng';

/** The project's mulberry32 (server/shared/prng.ts): the same seed gives the same sequence everywhere. */
export function seededRandom(seed: number): () => number {
  const prng = new Prng(seed);
  return () => prng.next();
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
