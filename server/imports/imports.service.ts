import { randomUUID } from 'node:crypto';
import type { Db } from '../db/database';
import { withArea, type Tx } from '../db/scope';
import type { AuthContext } from '../auth/auth-context';
import { HttpError } from '../http/errors';
import { pointToStorageCell } from '../h3/cells';
import type { ImportRow, ParsedItem, RowError } from './import-row';
import * as repo from './imports.repository';
import { parseCsv, type CsvOptions } from './parsers/csv';
import { parseGeoJson } from './parsers/geojson';
import { municipalityCoordinates, parsePolisenEvents, placePolisenEvents, type PolisenEvent } from './parsers/polisen';

export type ImportFormat = 'geojson' | 'csv' | 'polisen';

export interface ImportOptions {
  format: ImportFormat;
  onError: 'reject' | 'skip';
  csv?: CsvOptions;
}

export interface ImportResult {
  inserted: number;
  duplicates: number;
  outsideArea: number;
  rejected: RowError[];
  /** All rejected rows; `rejected` lists at most MAX_LISTED_ERRORS of them. */
  rejectedCount: number;
  notes: string[];
  /** Polisen: county-wide events that name no municipality (counted in outsideArea too). */
  countyWide?: number;
}

const BATCH_SIZE = 5000;
const MAX_LISTED_ERRORS = 10_000;
const EARLIEST = Date.UTC(1970, 0, 1);
const FUTURE_SLACK_MS = 24 * 3600 * 1000;

/**
 * Collects parsed rows into batches and writes them inside the import's transaction. Once a row
 * is rejected under onError=reject, nothing more is written (the transaction will roll back),
 * but parsing goes on so the answer lists every bad row.
 */
class BatchWriter {
  private batch: ImportRow[] = [];
  readonly errors: RowError[] = [];
  errorCount = 0;
  inserted = 0;
  duplicates = 0;
  outsideArea = 0;
  private readonly now = Date.now();

  constructor(
    private readonly tx: Tx,
    private readonly areaId: number,
    private readonly source: 'import' | 'polisen',
    private readonly categories: Set<string>,
    private readonly onError: 'reject' | 'skip',
  ) {}

  private get writing() {
    return this.onError === 'skip' || this.errorCount === 0;
  }

  error(e: RowError) {
    this.errorCount++;
    if (this.errors.length < MAX_LISTED_ERRORS) this.errors.push(e);
  }

  async add(item: ParsedItem) {
    if (item.kind === 'error') return this.error(item.error);
    const row = item.row;
    const problems = this.check(row);
    if (problems.length) {
      problems.forEach((p) => this.error(p));
      return;
    }
    this.batch.push(row);
    if (this.batch.length >= BATCH_SIZE) await this.flush();
  }

  private check(row: ImportRow): RowError[] {
    const problems: RowError[] = [];
    if (!this.categories.has(row.category)) {
      problems.push({ row: row.rowNumber, field: 'category', message: `unknown category "${row.category}"` });
    }
    const t = row.observedAt.getTime();
    if (t < EARLIEST) problems.push({ row: row.rowNumber, field: 'observedAt', message: 'is before 1970-01-01' });
    if (t > this.now + FUTURE_SLACK_MS) problems.push({ row: row.rowNumber, field: 'observedAt', message: 'is more than 24 hours in the future' });
    if (row.observedUntil && row.observedUntil < row.observedAt) {
      problems.push({ row: row.rowNumber, field: 'observedUntil', message: 'is before observedAt' });
    }
    return problems;
  }

  async flush() {
    const rows = this.batch;
    this.batch = [];
    if (rows.length === 0 || !this.writing) return;
    const placed = await repo.placeBatch(
      this.tx,
      this.areaId,
      rows.map((r) => r.x),
      rows.map((r) => r.y),
      rows.map((r) => r.srid),
    );
    const inside: repo.PlacedRow[] = [];
    rows.forEach((row, i) => {
      const p = placed[i]!;
      if (!p.inside) {
        this.outsideArea++;
        return;
      }
      inside.push({
        id: randomUUID(),
        externalId: row.externalId,
        category: row.category,
        observedAt: row.observedAt,
        observedUntil: row.observedUntil,
        lng: p.lng,
        lat: p.lat,
        h3: pointToStorageCell(p.lng, p.lat),
        severity: row.severity ?? 1,
        description: row.description,
        sourceType: row.sourceType,
        locationPrecision: row.locationPrecision,
        inAnalytics: row.inAnalytics,
      });
    });
    const n = await repo.insertBatch(this.tx, this.areaId, this.source, inside);
    this.inserted += n;
    this.duplicates += inside.length - n;
  }
}

/**
 * Imports a body in one transaction: all of it or, with onError=reject and any bad row, none
 * of it. Re-importing the same file writes nothing new (idempotent by source and external id).
 */
export async function runImport(db: Db, caller: AuthContext, body: AsyncIterable<Buffer>, opts: ImportOptions): Promise<ImportResult> {
  const notes: string[] = [];
  const source = opts.format === 'polisen' ? 'polisen' : 'import';
  return withArea(db, caller.areaId, async (tx) => {
    const area = await tx.selectFrom('areas').select(['name', 'timezone']).where('id', '=', caller.areaId).executeTakeFirstOrThrow();
    const writer = new BatchWriter(tx, caller.areaId, source, await repo.reportCategoryCodes(tx, caller.areaId), opts.onError);
    let countyWide: number | undefined;
    if (opts.format === 'polisen') {
      countyWide = await importPolisen(tx, caller.areaId, area.name, body, writer);
    } else {
      const items =
        opts.format === 'csv'
          ? parseCsv(body, { ...opts.csv!, timezone: area.timezone, onNote: (n) => notes.push(n) })
          : parseGeoJson(body);
      for await (const item of items) await writer.add(item);
    }
    await writer.flush();

    const result: ImportResult = {
      inserted: writer.inserted,
      duplicates: writer.duplicates,
      outsideArea: writer.outsideArea,
      rejected: writer.errors,
      rejectedCount: writer.errorCount,
      notes,
      ...(countyWide === undefined ? {} : { countyWide }),
    };
    if (opts.onError === 'reject' && writer.errorCount > 0) {
      // Thrown inside the transaction, so everything written so far rolls back.
      throw new HttpError(
        422,
        'import_rejected',
        `${writer.errorCount} invalid row(s); nothing was imported. Fix them, or import with onError=skip.`,
        writer.errors.slice(0, 100).map((e) => ({ path: e.field, message: e.message, row: e.row })),
        { inserted: 0, duplicates: 0, outsideArea: 0, rejected: writer.errors, rejectedCount: writer.errorCount },
      );
    }
    return result;
  });
}

/**
 * Polisen events carry municipality or county centroids, never addresses. The whole feed is read
 * first, because placing a county-level event needs to know which municipalities lie in the area.
 */
async function importPolisen(tx: Tx, areaId: number, areaName: string, body: AsyncIterable<Buffer>, writer: BatchWriter) {
  const events: PolisenEvent[] = [];
  for await (const item of parsePolisenEvents(body)) {
    if (item.kind === 'event') events.push(item.event);
    else writer.error(item.error);
  }
  const candidates = [...municipalityCoordinates(events)];
  const placed = candidates.length
    ? await repo.placeBatch(
        tx,
        areaId,
        candidates.map(([, p]) => p[0]),
        candidates.map(([, p]) => p[1]),
        candidates.map(() => 4326),
      )
    : [];
  const inside = new Map<string, [number, number]>(candidates.filter((_, i) => placed[i]!.inside));
  for (const name of areaMunicipalityNames(areaName)) {
    if (!inside.has(name)) inside.set(name, await repo.areaRepresentativePoint(tx, areaId));
  }
  const placement = placePolisenEvents(events, inside);
  writer.outsideArea += placement.outsideArea.length;
  for (const row of placement.rows) await writer.add({ kind: 'row', row });
  return placement.countyWide;
}

/** "Göteborgs kommun", "Göteborg" → ["göteborg"]: the municipality names an area's own name stands for. */
export function areaMunicipalityNames(areaName: string): string[] {
  const name = areaName.trim().toLowerCase();
  const stripped = name.replace(/\s+(kommun|stad)$/, '');
  const names = new Set([name, stripped]);
  // "Göteborgs kommun" → "göteborg"; only when the bare form is what was written before " kommun".
  if (stripped !== name && stripped.endsWith('s')) names.add(stripped.slice(0, -1));
  return [...names].filter(Boolean);
}
