/**
 * Time-ordered UUIDs (version 7, RFC 9562 §5.7) for imported reports: 48 bits of Unix time in
 * milliseconds, then a 12-bit counter (§6.2 method 1) so ids made in the same millisecond still
 * ascend, then 62 random bits. A batch of new rows then lands at the right-hand end of the
 * primary-key index instead of on random pages of it.
 *
 * The id reveals when the row was written, to the millisecond; reports.reported_at holds the same.
 */
import { randomFillSync } from 'node:crypto';

const HEX = Array.from({ length: 256 }, (_, i) => i.toString(16).padStart(2, '0'));
const POOL_IDS = 512;
const pool = Buffer.alloc(8 * POOL_IDS);
let poolAt = pool.length;

let lastMs = -1;
let counter = 0;

/** A new version-7 UUID; ids from one process ascend (the clock going back does not break that). */
export function uuidv7(now: number = Date.now()): string {
  if (now > lastMs) {
    lastMs = now;
    // Start low in the 12-bit space, leaving room to count up within the millisecond.
    counter = (Math.random() * 0x400) | 0;
  } else if (++counter > 0xfff) {
    lastMs++; // borrow the next millisecond rather than repeat or wrap
    counter = 0;
  }
  if (poolAt === pool.length) {
    randomFillSync(pool);
    poolAt = 0;
  }
  const r = poolAt;
  poolAt += 8;
  const high = Math.floor(lastMs / 0x1000000); // top 24 of the 48 time bits
  const low = lastMs % 0x1000000;
  return (
    HEX[(high >>> 16) & 0xff]! + HEX[(high >>> 8) & 0xff]! + HEX[high & 0xff]! + HEX[(low >>> 16) & 0xff]! + '-' +
    HEX[(low >>> 8) & 0xff]! + HEX[low & 0xff]! + '-' +
    HEX[0x70 | (counter >>> 8)]! + HEX[counter & 0xff]! + '-' +
    HEX[0x80 | (pool[r]! & 0x3f)]! + HEX[pool[r + 1]!]! + '-' +
    HEX[pool[r + 2]!]! + HEX[pool[r + 3]!]! + HEX[pool[r + 4]!]! + HEX[pool[r + 5]!]! + HEX[pool[r + 6]!]! + HEX[pool[r + 7]!]!
  );
}
