/**
 * Import rates: the real HTTP import endpoint with large bodies, and, for comparison, the naive
 * way (one INSERT per row, each its own statement and commit) on a small sample.
 */
import { sql } from 'kysely';
import type { Db } from '../../server/db/database';
import { pointToStorageCell } from '../../server/h3/cells';
import type { DemoReport } from '../demo/generate';
import { request } from './http';
import type { ServerProcess } from './server-process';

export type ImportFormat = 'geojson' | 'csv';

export interface BodyImport {
  format: ImportFormat;
  rows: number;
  bytes: number;
  ms: number;
  inserted: number;
  duplicates: number;
  outsideArea: number;
  rejectedCount: number;
}

export class ImportFailed extends Error {}

const CONTENT_TYPE: Record<ImportFormat, string> = { geojson: 'application/geo+json', csv: 'text/csv; charset=utf-8' };

/** POSTs one body to /api/v1/imports; throws ImportFailed with the server's answer unless it is 200 with every row accounted for. */
export async function importBody(server: ServerProcess, token: string, format: ImportFormat, body: Buffer, rows: number): Promise<BodyImport> {
  const res = await request('POST', `${server.url}/api/v1/imports?format=${format}`, {
    headers: { authorization: `Bearer ${token}`, 'content-type': CONTENT_TYPE[format] },
    body,
  });
  const text = res.body.toString('utf8');
  if (res.status !== 200) {
    throw new ImportFailed(`POST /api/v1/imports?format=${format} (${rows} rows, ${body.length} bytes) answered ${res.status} after ${res.ms.toFixed(0)} ms:\n${text.slice(0, 3000)}`);
  }
  const result = JSON.parse(text) as { inserted: number; duplicates: number; outsideArea: number; rejectedCount: number };
  const out: BodyImport = { format, rows, bytes: body.length, ms: res.ms, ...pick(result) };
  if (out.inserted + out.duplicates + out.outsideArea + out.rejectedCount !== rows) {
    throw new ImportFailed(`import of ${rows} ${format} rows accounted for only ${out.inserted + out.duplicates + out.outsideArea + out.rejectedCount}: ${text.slice(0, 2000)}`);
  }
  return out;
}

function pick(r: { inserted: number; duplicates: number; outsideArea: number; rejectedCount: number }) {
  return { inserted: r.inserted, duplicates: r.duplicates, outsideArea: r.outsideArea, rejectedCount: r.rejectedCount };
}

export interface MemoryDuring {
  idle: number;
  peak: number;
  samples: number;
  /** Whether VmHWM could be reset, so the peak is exact rather than sampled every 50 ms. */
  exactPeak: boolean;
}

/** Runs fn while sampling the server's RSS every 50 ms; the peak also comes from VmHWM when it can be reset. */
export async function sampleMemory<T>(server: ServerProcess, fn: () => Promise<T>): Promise<{ result: T; memory: MemoryDuring }> {
  const idle = server.memory().rss;
  const exactPeak = server.resetPeak();
  let peak = idle;
  let samples = 0;
  const timer = setInterval(() => {
    try {
      peak = Math.max(peak, server.memory().rss);
      samples++;
    } catch {
      // the process is gone; the request will fail and say why
    }
  }, 50);
  try {
    const result = await fn();
    const after = server.memory();
    peak = Math.max(peak, after.rss, exactPeak ? after.hwm : 0);
    return { result, memory: { idle, peak, samples, exactPeak } };
  } finally {
    clearInterval(timer);
  }
}

/**
 * The naive import: per row, compute the H3 cell, check the category, and send one INSERT (with the
 * boundary test) as its own autocommitted statement. Returns reports per second.
 */
export async function naiveInsertRate(db: Db, areaId: number, reports: readonly DemoReport[], categories: Set<string>): Promise<{ rows: number; ms: number; inserted: number }> {
  const started = performance.now();
  let inserted = 0;
  for (const r of reports) {
    if (!categories.has(r.category)) continue;
    const result = await sql`
      INSERT INTO reports (area_id, id, external_id, category, observed_at, observed_until, geom, h3, severity, description, source)
      SELECT a.id, ${r.id}::uuid, ${r.id}, ${r.category}, ${r.observedAt}, ${r.observedUntil},
             ST_SetSRID(ST_MakePoint(${r.lng}, ${r.lat}), 4326), ${pointToStorageCell(r.lng, r.lat)}::int8, ${r.severity}, ${r.description}, 'import'
      FROM areas a
      WHERE a.id = ${areaId} AND ST_Covers(a.boundary, ST_SetSRID(ST_MakePoint(${r.lng}, ${r.lat}), 4326))
      ON CONFLICT (area_id, source, external_id) DO NOTHING`.execute(db);
    inserted += Number(result.numAffectedRows ?? 0);
  }
  return { rows: reports.length, ms: performance.now() - started, inserted };
}
