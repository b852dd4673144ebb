import http from 'node:http';
import fc from 'fast-check';
import { sql } from 'kysely';
import type { Db } from '../../server/db/database';

/**
 * Raw HTTP and database checks for the bad-input ("fuzz") tests of issue 7, item 7: send a request
 * exactly as given, check the answer is a well-formed API error (DESIGN §6), and see whether any
 * table changed. The fast-check runner and the families are in test/security/fuzz/.
 */
export interface FuzzRequest {
  method: string;
  /** Raw request target, already percent-encoded as it should go on the wire. */
  path: string;
  headers?: Record<string, string>;
  body?: string | Uint8Array;
  /** Send the body with Transfer-Encoding: chunked instead of a Content-Length. */
  chunked?: boolean;
  /** Client address (127.x.y.z): per-address rate limits see a different caller. */
  localAddress?: string;
}

export interface Expectation {
  /** Acceptable statuses; default any 4xx. */
  status?: number[];
  /** A validation error must name this field: some details[].path starts with it. */
  path?: string;
  /**
   * The input may happen to be acceptable (ignored query junk, a well-formed forged cursor):
   * only "never 5xx, a JSON error when 4xx, no row written" is asserted.
   */
  lenient?: boolean;
}

export interface FuzzCase {
  request: FuzzRequest;
  expect: Expectation;
}

export const clip = (s: string, n = 160) => (s.length > n ? `${s.slice(0, n)}…(${s.length} chars)` : s);

/** A case that prints short in fast-check's counterexamples (bodies can be hundreds of kB). */
export function fuzzCase(request: FuzzRequest, expect: Expectation = {}): FuzzCase {
  return {
    request,
    expect,
    [fc.toStringMethod]: () => describeRequest(request) + ` expect ${JSON.stringify(expect)}`,
  } as FuzzCase;
}

export function describeRequest(r: FuzzRequest): string {
  const body =
    r.body === undefined ? '' : typeof r.body === 'string' ? ` body ${JSON.stringify(clip(r.body, 600))}` : ` body <${r.body.length} bytes>`;
  return `${r.method} ${clip(r.path, 200)} headers ${JSON.stringify(r.headers ?? {})}${r.chunked ? ' (chunked)' : ''}${body}`;
}

export interface FuzzResponse {
  status: number;
  headers: http.IncomingHttpHeaders;
  text: string;
  json: any;
}

const agent = new http.Agent({ keepAlive: true, maxSockets: 4 });

/**
 * Sends a request exactly as given (no URL normalisation, no automatic headers beyond Host and
 * the body length). A server that answers early (413) and closes may make the rest of the upload
 * fail; the answer already received is what counts.
 */
export function send(baseUrl: string, req: FuzzRequest): Promise<FuzzResponse> {
  const { hostname, port } = new URL(baseUrl);
  const body = req.body === undefined ? undefined : typeof req.body === 'string' ? Buffer.from(req.body, 'utf8') : Buffer.from(req.body);
  const headers: Record<string, string> = { ...req.headers };
  if (body && !req.chunked) headers['content-length'] = String(body.length);
  return new Promise((resolve, reject) => {
    let answered = false;
    const r = http.request({ host: hostname, port, method: req.method, path: req.path, headers, agent, localAddress: req.localAddress }, (res) => {
      answered = true;
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('error', reject);
      res.on('end', () => {
        const text = Buffer.concat(chunks).toString('utf8');
        let json: unknown;
        try {
          json = text ? JSON.parse(text) : undefined;
        } catch {
          json = undefined;
        }
        resolve({ status: res.statusCode ?? 0, headers: res.headers, text, json });
      });
    });
    r.on('error', (err) => {
      if (!answered) reject(new Error(`${describeRequest(req)}: ${err.message}`));
    });
    if (body && req.chunked) {
      for (let i = 0; i < body.length; i += 64 * 1024) r.write(body.subarray(i, i + 64 * 1024));
      r.end();
    } else {
      r.end(body);
    }
  });
}

/**
 * Row counts of every table, and a content hash of the tables a bad write could alter in place.
 * The append-only audit log is left out of the per-request comparison: it records rejected
 * attempts on purpose (issue 7 §5), asynchronously once the answer is out, so it is checked per
 * family instead (see checkAuditTrail).
 */
export class TableWatch {
  private constructor(
    private readonly db: Db,
    readonly tables: string[],
  ) {}

  /** Tables whose rows are updated by reads (session/token last-use): counted, not hashed. */
  static readonly COUNT_ONLY = new Set(['sessions', 'api_tokens', 'schema_migrations']);
  static readonly AUDIT_LOG = 'audit_log';

  static async create(db: Db): Promise<TableWatch> {
    const rows = await sql<{ name: string }>`
      SELECT table_name AS name FROM information_schema.tables
      WHERE table_schema = 'public' AND table_type = 'BASE TABLE' AND table_name <> 'spatial_ref_sys'
      ORDER BY table_name`.execute(db);
    return new TableWatch(db, rows.rows.map((r) => r.name));
  }

  get hasAuditLog(): boolean {
    return this.tables.includes(TableWatch.AUDIT_LOG);
  }

  async snapshot(): Promise<Record<string, string>> {
    const parts = this.tables
      .filter((t) => t !== TableWatch.AUDIT_LOG)
      .flatMap((t) => {
        const count = sql`(SELECT count(*)::text FROM ${sql.table(t)})`.as(`${t}:count`);
        if (TableWatch.COUNT_ONLY.has(t)) return [count];
        // Whole-row text, ordered: any insert, update or delete changes it.
        const hash = sql`(SELECT md5(coalesce(string_agg(x::text, '|' ORDER BY x::text), '')) FROM ${sql.table(t)} x)`.as(`${t}:md5`);
        return [count, hash];
      });
    const result = await sql<Record<string, string>>`SELECT ${sql.join(parts)}`.execute(this.db);
    return result.rows[0]!;
  }

  /** The audit log's newest id (0 when empty or absent). */
  async auditHighWater(): Promise<string> {
    if (!this.hasAuditLog) return '0';
    const r = await sql<{ id: string }>`SELECT coalesce(max(id), 0)::text AS id FROM audit_log`.execute(this.db);
    return r.rows[0]!.id;
  }

  /** Audit entries after `highWater`, once the asynchronous writes have settled. */
  async auditSince(highWater: string): Promise<{ request_id: string | null; status: number | null; path: string | null; action: string }[]> {
    if (!this.hasAuditLog) return [];
    let last = -1;
    for (let stable = 0; stable < 3; ) {
      await new Promise((r) => setTimeout(r, 40));
      const r = await sql<{ n: number }>`SELECT count(*)::int AS n FROM audit_log WHERE id > ${highWater}::bigint`.execute(this.db);
      stable = r.rows[0]!.n === last ? stable + 1 : 0;
      last = r.rows[0]!.n;
    }
    const rows = await sql<{ request_id: string | null; status: number | null; path: string | null; action: string }>`
      SELECT request_id, status, path, action FROM audit_log WHERE id > ${highWater}::bigint ORDER BY id`.execute(this.db);
    return rows.rows;
  }
}

/** What changed between two snapshots, as "table:count a → b". */
export function changes(before: Record<string, string>, after: Record<string, string>): string[] {
  return Object.keys(before)
    .filter((k) => before[k] !== after[k])
    .map((k) => `${k} ${before[k]} → ${after[k]}`);
}

const STACK_TRACE = /\n\s+at [^\n]+:\d+:\d+|node_modules\/|[\w-]+\.ts:\d+:\d+/;

/** Throws unless the answer is a well-formed API error (DESIGN §6) with the expected status/field. */
export function checkAnswer(res: FuzzResponse, exp: Expectation, req: FuzzRequest): void {
  const where = () => `${describeRequest(req)}\n→ ${res.status} ${clip(res.text, 600)}`;
  if (res.status >= 500) throw new Error(`5xx answer\n${where()}`);
  if (STACK_TRACE.test(res.text)) throw new Error(`stack trace in the body\n${where()}`);
  if (exp.lenient && res.status < 400) return;
  if (res.status < 400 || res.status >= 500) throw new Error(`expected a 4xx, got ${res.status}\n${where()}`);
  if (exp.status && !exp.status.includes(res.status)) throw new Error(`expected ${exp.status.join('/')}\n${where()}`);
  if (!/^application\/json\b/.test(String(res.headers['content-type']))) throw new Error(`error is not JSON\n${where()}`);
  if (res.headers['x-content-type-options'] !== 'nosniff') throw new Error(`no X-Content-Type-Options: nosniff\n${where()}`);
  const error = res.json?.error;
  const shaped =
    error &&
    typeof error.code === 'string' &&
    /^[a-z_]+$/.test(error.code) &&
    typeof error.message === 'string' &&
    Array.isArray(error.details) &&
    error.details.every((d: any) => d && typeof d.path === 'string' && d.path.length > 0 && typeof d.message === 'string');
  if (!shaped) throw new Error(`not {error: {code, message, details[{path, message}]}}\n${where()}`);
  if (error.code === 'validation_failed' && error.details.length === 0) throw new Error(`validation error without details\n${where()}`);
  if (exp.path !== undefined && !error.details.some((d: { path: string }) => d.path === exp.path || d.path.startsWith(`${exp.path}.`))) {
    throw new Error(`expected a detail naming "${exp.path}"\n${where()}`);
  }
}

