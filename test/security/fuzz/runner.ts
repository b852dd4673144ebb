import fc from 'fast-check';
import { changes, checkAnswer, clip, describeRequest, send, type FuzzCase, type FuzzRequest, type FuzzResponse, type TableWatch } from '../../support/fuzz';
import { KNOWN_BUGS } from './known-bugs';

/**
 * Runs a fuzz family with fast-check: each generated request must be answered with a 4xx JSON
 * error and change no table. Seeds are fixed so CI is reproducible; override with FUZZ_SEED /
 * FUZZ_RUNS, and FUZZ_STRICT=1 to stop tolerating the known bugs (known-bugs.ts).
 */
export const FUZZ_SEED = process.env.FUZZ_SEED ? Number(process.env.FUZZ_SEED) : 20_260_822;
export const FUZZ_RUNS = process.env.FUZZ_RUNS ? Number(process.env.FUZZ_RUNS) : 120;
export const FUZZ_STRICT = process.env.FUZZ_STRICT === '1';

/** One seed per family, so adding a family does not reshuffle the others. */
export function familySeed(family: string): number {
  let h = 0x811c9dc5;
  for (const ch of family) h = Math.imul(h ^ ch.charCodeAt(0), 0x01000193);
  return (h ^ FUZZ_SEED) | 0;
}

export interface FamilyResult {
  family: string;
  runs: number;
  seed: number;
  statuses: Record<number, number>;
  knownBugs: Record<string, number>;
  /** Audit-log entries the family's requests left, each checked against the answer it records. */
  auditEntries: number;
}

/** Per test file: every family's result, printed once at the end (the closing note cites them). */
export const fuzzResults: FamilyResult[] = [];

export function printFuzzResults(label: string): void {
  const lines = fuzzResults.map((r) => {
    const statuses = Object.entries(r.statuses).map(([s, n]) => `${s}×${n}`).join(' ');
    const bugs = Object.entries(r.knownBugs).map(([id, n]) => `${id.split(' ')[0]}×${n}`).join(' ');
    return `  ${r.family}: ${r.runs} runs, seed ${r.seed} [${statuses}] audit entries ${r.auditEntries}${bugs ? `, known bugs: ${bugs}` : ''}`;
  });
  console.log(`[fuzz] ${label} (FUZZ_SEED=${FUZZ_SEED})\n${lines.join('\n')}`);
}

export interface FuzzOptions {
  family: string;
  baseUrl: string;
  watch: TableWatch;
  cases: fc.Arbitrary<FuzzCase>;
  runs?: number;
  /** A table change this family may cause by design (e.g. a failed login is recorded). */
  allowChange?: (key: string, before: string, after: string, c: FuzzCase, res: FuzzResponse) => boolean;
}

/** Runs one family: N generated cases, each answered with a 4xx JSON error and no row written. */
export async function fuzzFamily(opts: FuzzOptions): Promise<FamilyResult> {
  const seed = familySeed(opts.family);
  const result: FamilyResult = { family: opts.family, runs: 0, seed, statuses: {}, knownBugs: {}, auditEntries: 0 };
  // Each request carries its own id, so the audit entries can be matched to the answers they record.
  const answered = new Map<string, { status: number; request: FuzzRequest }>();
  const prefix = `fuzz-${(seed >>> 0).toString(36)}-`;
  const auditFrom = await opts.watch.auditHighWater();
  // One snapshot per request: the one after a request is the one before the next. Cleared when
  // a run throws, so the runs fast-check makes while shrinking start from a fresh one.
  let last: Record<string, string> | undefined;
  await fc.assert(
    fc.asyncProperty(opts.cases, async (c) => {
      const before = last ?? (await opts.watch.snapshot());
      last = undefined;
      const requestId = `${prefix}${answered.size}`;
      const request = { ...c.request, headers: { ...c.request.headers, 'x-request-id': requestId } };
      const res = await send(opts.baseUrl, request);
      answered.set(requestId, { status: res.status, request });
      result.runs++;
      result.statuses[res.status] = (result.statuses[res.status] ?? 0) + 1;
      const known = res.status >= 500 && !FUZZ_STRICT ? KNOWN_BUGS.find((b) => b.matches(c.request)) : undefined;
      if (known) result.knownBugs[known.id] = (result.knownBugs[known.id] ?? 0) + 1;
      else checkAnswer(res, c.expect, c.request);
      const after = await opts.watch.snapshot();
      const changed = Object.keys(before).filter((k) => before[k] !== after[k] && !opts.allowChange?.(k, before[k]!, after[k]!, c, res));
      if (changed.length === 0) last = after;
      if (changed.length) {
        throw new Error(`rows written: ${changes(before, after).join(', ')}\n${describeRequest(c.request)}\n→ ${res.status} ${clip(res.text, 300)}`);
      }
    }),
    // FUZZ_RUNS in the environment overrides every family's own count (a longer run in CI, a quick one locally).
    { seed, numRuns: process.env.FUZZ_RUNS ? FUZZ_RUNS : (opts.runs ?? FUZZ_RUNS) },
  );
  const entries = await opts.watch.auditSince(auditFrom);
  checkAuditTrail(entries, answered);
  result.auditEntries = entries.length;
  fuzzResults.push(result);
  return result;
}

/**
 * The audit log may only have gained entries that record these requests truthfully: one per
 * request at most, with the status the client got (so a refused write is logged as refused) and
 * a path without the query string.
 */
function checkAuditTrail(
  entries: { request_id: string | null; status: number | null; path: string | null; action: string }[],
  answered: Map<string, { status: number; request: FuzzRequest }>,
): void {
  const seen = new Set<string>();
  for (const e of entries) {
    const sent = e.request_id ? answered.get(e.request_id) : undefined;
    const what = `audit entry ${JSON.stringify(e)}`;
    if (!sent) throw new Error(`${what} records no request of this family`);
    if (seen.has(e.request_id!)) throw new Error(`${what} is a second entry for one request\n${describeRequest(sent.request)}`);
    seen.add(e.request_id!);
    if (e.status !== sent.status) throw new Error(`${what} says ${e.status}, the client got ${sent.status}\n${describeRequest(sent.request)}`);
    if (e.path?.includes('?')) throw new Error(`${what} keeps the query string`);
  }
}
