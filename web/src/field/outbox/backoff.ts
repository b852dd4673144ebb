/**
 * How long to wait before sending a failed item again: exponential, capped, with "equal jitter"
 * (half fixed, half random), so a hundred phones coming out of the same tunnel do not retry in
 * step, and no retry comes sooner than half the schedule.
 */
export interface BackoffSchedule {
  baseMs: number;
  factor: number;
  maxMs: number;
}

export const DEFAULT_BACKOFF: BackoffSchedule = { baseMs: 2_000, factor: 2, maxMs: 5 * 60_000 };

/**
 * The delay after the `attempt`-th failure (1 = the first).
 * @example backoffDelay(1, () => 0.5) // 1500: between 1000 and 2000 ms
 */
export function backoffDelay(attempt: number, random: () => number, schedule: BackoffSchedule = DEFAULT_BACKOFF): number {
  const exponent = Math.max(0, Math.min(attempt - 1, 30));
  const ceiling = Math.min(schedule.maxMs, schedule.baseMs * schedule.factor ** exponent);
  return Math.round(ceiling / 2 + random() * (ceiling / 2));
}

/**
 * The wait a server asked for (`Retry-After`: seconds or an HTTP date), in ms, or null.
 * @example retryAfterMs('120', 0) // 120000
 */
export function retryAfterMs(header: string | null, now: number): number | null {
  if (!header) return null;
  const trimmed = header.trim();
  if (/^\d+$/.test(trimmed)) return Number(trimmed) * 1000;
  const at = Date.parse(trimmed);
  return Number.isNaN(at) ? null : Math.max(0, at - now);
}
