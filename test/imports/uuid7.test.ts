import { describe, expect, it } from 'vitest';
import { uuidv7 } from '../../server/imports/uuid7';

const V7 = /^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

describe('uuidv7', () => {
  it('is an RFC 9562 version-7 UUID carrying the millisecond', () => {
    const now = Date.UTC(2026, 7, 22, 19, 30, 0, 123);
    const id = uuidv7(now + 1_000_000); // later than anything generated so far in this process
    expect(id).toMatch(V7);
    expect(parseInt(id.slice(0, 8) + id.slice(9, 13), 16)).toBe(now + 1_000_000);
  });

  it('ascends, also many in one millisecond and when the clock goes back', () => {
    const t = Date.now() + 10_000_000;
    const ids = [
      ...Array.from({ length: 10_000 }, () => uuidv7(t)), // more than the 4,096 the counter holds
      ...Array.from({ length: 100 }, () => uuidv7(t - 5_000)), // clock stepped back
      ...Array.from({ length: 20_000 }, () => uuidv7()),
    ];
    for (const id of ids) expect(id).toMatch(V7);
    expect(new Set(ids).size).toBe(ids.length);
    expect([...ids].sort()).toEqual(ids);
  });
});
