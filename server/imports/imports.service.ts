import { sql } from 'kysely';
import type { Db } from '../db/database';
import { withArea, type Tx } from '../db/scope';
import type { AuthContext } from '../auth/auth-context';
import { HttpError } from '../http/errors';
import { pointToStorageCell } from '../h3/cells';
import type { ImportRow, ParsedItem, RowError } from './import-row';
import * as repo from './imports.repository';
import { uuidv7 } from './uuid7';
import { parseCsv, type CsvOptions } from './parsers/csv';
import { WGS84 } from './parsers/coordinates';
import { parseGeoJsonBatches } from './parsers/geojson';
import { municipalityCoordinates, parsePolisenEvents, placePolisenEvents, type PolisenEvent } from './parsers/polisen';
import { EARLIEST_OBSERVED_MS as EARLIEST, FUTURE_SLACK_MS } from '../shared/iso-time';

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

/**
 * Rows per statement. Two batches are in memory at most (one being written while the next is
 * parsed). Measured through HTTP with a 47.6 MB GeoJSON body: 5,000 and 10,000 rows import at the
 * same rate (the per-row index work dominates), but peak RSS above idle was 2.4× the body at
 * 5,000, 2.8× at 10,000 and 4.7× at 20,000 (DESIGN §7 allows 4×).
 */
const BATCH_SIZE = 5_000;
const MAX_LISTED_ERRORS = 10_000;

/**
 * Collects parsed rows into batches and writes them inside the import's transaction, one batch in
 * flight while the next is parsed. Once a row is rejected under onError=reject, nothing more is
 * written (the transaction will roll back), but parsing goes on so the answer lists every bad row.
 */
class BatchWriter {
  private batch: ImportRow[] = [];
  /** The batch being written, if any; its failure surfaces at the next flush or at finish(). */
  private inFlight: Promise<void> | null = null;
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

  /** Takes one parsed item. Returns a promise only when a full batch has to wait for the one before it. */
  add(item: ParsedItem): Promise<void> | undefined {
    if (item.kind === 'error') {
      this.error(item.error);
      return undefined;
    }
    const row = item.row;
    if (!this.check(row)) return undefined;
    this.batch.push(row);
    return this.batch.length >= BATCH_SIZE ? this.flush() : undefined;
  }

  /** Records the row's problems; true when it has none. */
  private check(row: ImportRow): boolean {
    const t = row.observedAt.getTime();
    const known = this.categories.has(row.category);
    if (known && t >= EARLIEST && t <= this.now + FUTURE_SLACK_MS && !(row.observedUntil && row.observedUntil < row.observedAt)) return true;
    if (!known) this.error({ row: row.rowNumber, field: 'category', message: `unknown category "${row.category}"` });
    if (t < EARLIEST) this.error({ row: row.rowNumber, field: 'observedAt', message: 'is before 1970-01-01' });
    if (t > this.now + FUTURE_SLACK_MS) this.error({ row: row.rowNumber, field: 'observedAt', message: 'is more than 24 hours in the future' });
    if (row.observedUntil && row.observedUntil < row.observedAt) {
      this.error({ row: row.rowNumber, field: 'observedUntil', message: 'is before observedAt' });
    }
    return false;
  }

  /**
   * Sends the current batch: prepares it (ids, H3 for WGS 84 points) while the previous batch is
   * still being written, waits for that one, then starts this one without waiting for it.
   */
  async flush(): Promise<void> {
    const rows = this.batch;
    this.batch = [];
    const write = rows.length > 0 && this.writing ? this.prepare(rows) : null;
    await this.settle();
    if (!write || !this.writing) return;
    const pending = write();
    pending.catch(() => undefined); // observed by settle(); not an unhandled rejection meanwhile
    this.inFlight = pending;
  }

  /** Waits for the batch in flight; throws what its statement threw. */
  async settle(): Promise<void> {
    const pending = this.inFlight;
    this.inFlight = null;
    if (pending) await pending;
  }

  /** Writes what is left and waits for it. */
  async finish(): Promise<void> {
    await this.flush();
    await this.settle();
  }

  /** After a failure elsewhere: lets the batch in flight end before the transaction rolls back. */
  async abandon(): Promise<void> {
    await this.settle().catch(() => undefined);
  }

  /**
   * Rows in WGS 84 get their id and H3 cell here and go in one statement with the boundary test.
   * Projected rows need PostGIS to transform them before H3 can be computed: two round trips.
   */
  private prepare(rows: ImportRow[]): () => Promise<void> {
    const wgs84: repo.PlacedRow[] = [];
    const projected: ImportRow[] = [];
    for (const row of rows) {
      if (row.srid === WGS84) wgs84.push(placedRow(row, row.x, row.y));
      else projected.push(row);
    }
    const batch = repo.toRowBatch(inCellOrder(wgs84));
    return async () => {
      if (batch.size > 0) {
        const { inside, inserted } = await repo.insertInsideArea(this.tx, this.areaId, this.source, batch);
        this.outsideArea += batch.size - inside;
        this.inserted += inserted;
        this.duplicates += inside - inserted;
      }
      if (projected.length > 0) await this.writeProjected(projected);
    };
  }

  private async writeProjected(rows: ImportRow[]) {
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
      if (p.inside) inside.push(placedRow(row, p.lng, p.lat));
      else this.outsideArea++;
    });
    const n = await repo.insertBatch(this.tx, this.areaId, this.source, repo.toRowBatch(inCellOrder(inside)));
    this.inserted += n;
    this.duplicates += inside.length - n;
  }
}

/**
 * The batch in H3 order, so consecutive inserts go to neighbouring places in the spatial indexes
 * (GiST on geom, the h3 btree): measured 31.5 instead of 34.4 µs of PostgreSQL CPU per row.
 * Rows that repeat an external id of the batch travel with its first occurrence, in file order,
 * so the first of them the area covers is the one stored, as without the sorting.
 */
function inCellOrder(rows: repo.PlacedRow[]): repo.PlacedRow[] {
  const n = rows.length;
  const first = new Map<string, number>();
  const group = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    const id = rows[i]!.externalId;
    const seen = first.get(id);
    if (seen === undefined) first.set(id, i);
    group[i] = seen ?? i;
  }
  const order = Array.from({ length: n }, (_, i) => i);
  order.sort((a, b) => {
    const ga = group[a]!;
    const gb = group[b]!;
    if (ga !== gb) {
      // Decimal strings of non-negative integers: shorter is smaller, else compare as text.
      const ha = rows[ga]!.h3;
      const hb = rows[gb]!.h3;
      if (ha.length !== hb.length) return ha.length - hb.length;
      if (ha !== hb) return ha < hb ? -1 : 1;
      return ga - gb;
    }
    return a - b;
  });
  return order.map((i) => rows[i]!);
}

function placedRow(row: ImportRow, lng: number, lat: number): repo.PlacedRow {
  return {
    id: uuidv7(),
    externalId: row.externalId,
    category: row.category,
    observedAt: row.observedAt,
    observedUntil: row.observedUntil,
    lng,
    lat,
    h3: pointToStorageCell(lng, lat),
    severity: row.severity ?? 1,
    description: row.description,
    sourceType: row.sourceType,
    locationPrecision: row.locationPrecision,
    inAnalytics: row.inAnalytics,
  };
}

/**
 * Imports a body in one transaction: all of it or, with onError=reject and any bad row, none
 * of it. Re-importing the same file writes nothing new (idempotent by source and external id).
 */
export async function runImport(db: Db, caller: AuthContext, body: AsyncIterable<Buffer>, opts: ImportOptions): Promise<ImportResult> {
  const notes: string[] = [];
  const source = opts.format === 'polisen' ? 'polisen' : 'import';
  return withArea(db, caller.areaId, async (tx) => {
    // PostGIS's cost estimates put the batch statements past the JIT threshold, and compiling
    // them costs more than running them (measured: 94.5 ms of JIT in a 100 ms statement).
    // For this transaction only; PGlite has no JIT and accepts the setting all the same.
    await sql`SET LOCAL jit = off`.execute(tx);
    const area = await tx.selectFrom('areas').select(['name', 'timezone']).where('id', '=', caller.areaId).executeTakeFirstOrThrow();
    const writer = new BatchWriter(tx, caller.areaId, source, await repo.reportCategoryCodes(tx, caller.areaId), opts.onError);
    let countyWide: number | undefined;
    try {
      if (opts.format === 'polisen') {
        countyWide = await importPolisen(tx, caller.areaId, area.name, body, writer);
      } else if (opts.format === 'csv') {
        for await (const item of parseCsv(body, { ...opts.csv!, timezone: area.timezone, onNote: (n) => notes.push(n) })) {
          const full = writer.add(item);
          if (full) await full;
        }
      } else {
        for await (const items of parseGeoJsonBatches(body)) {
          for (const item of items) {
            const full = writer.add(item);
            if (full) await full;
          }
        }
      }
      await writer.finish();
    } catch (error) {
      await writer.abandon();
      throw error;
    }

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
  for (const row of placement.rows) {
    const full = writer.add({ kind: 'row', row });
    if (full) await full;
  }
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
