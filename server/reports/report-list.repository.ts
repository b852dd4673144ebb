import { sql, type RawBuilder, type SqlBool } from 'kysely';
import type { Db } from '../db/database';
import type { Tx } from '../db/scope';
import { descendantRange } from '../h3/cells';
import type { ListReportsFilter } from './report.schema';
import { STATUS_RANK, type Cursor, type ReportSort, type SortField } from './report-sort';
import { reportSelect, rowToReport, type Report, type ReportRow } from './reports.repository';

type Conn = Db | Tx;

const statusRank = sql.raw(
  `CASE status ${Object.entries(STATUS_RANK).map(([status, rank]) => `WHEN '${status}' THEN ${rank}`).join(' ')} END`,
);

/** The column (or expression) each sort orders by; an index on it makes the first page cheap. */
const SORT_EXPRESSION: Record<SortField, RawBuilder<unknown>> = {
  observedAt: sql`observed_at`,
  reportedAt: sql`reported_at`,
  category: sql`category`,
  severity: sql`severity`,
  status: statusRank,
};

/**
 * The sort key as exact text for the cursor. Times as whole microseconds since 1970: JavaScript
 * dates stop at milliseconds, and a key rounded to them would skip rows between two pages.
 */
function sortKeyText(field: SortField): RawBuilder<string> {
  if (field === 'observedAt' || field === 'reportedAt') {
    return sql<string>`(extract(epoch FROM ${SORT_EXPRESSION[field]}) * 1000000)::bigint::text`;
  }
  return sql<string>`(${SORT_EXPRESSION[field]})::text`;
}

/** The key back in the column's type, from a cursor that decodeCursor has already checked. */
function keyValue(field: SortField, key: string): RawBuilder<unknown> {
  switch (field) {
    case 'observedAt':
    case 'reportedAt':
      return sql`(timestamptz 'epoch' + ${key}::bigint * interval '1 microsecond')`;
    case 'category':
      return sql`${key}::text`;
    case 'severity':
    case 'status':
      return sql`${Number(key)}::int`;
  }
}

/** Rows after the cursor in its order: a row comparison, so the (key, id) index range applies. */
function afterCursor(c: Cursor): RawBuilder<SqlBool> {
  const op = sql.raw(c.sort.direction === 'desc' ? '<' : '>');
  return sql<SqlBool>`(${SORT_EXPRESSION[c.sort.field]}, id) ${op} (${keyValue(c.sort.field, c.key)}, ${c.id}::uuid)`;
}

/** `%` and `_` in what the user typed are literal characters, not wildcards. */
export function likePattern(text: string): string {
  return `%${text.replace(/[\\%_]/g, (ch) => `\\${ch}`)}%`;
}

export interface ReportPage {
  reports: Report[];
  /** The sort key of the last row, for the next cursor. */
  lastKey: string | null;
}

export async function listReports(
  db: Conn,
  areaId: number,
  f: Partial<ListReportsFilter> & { limit: number; sort: ReportSort },
  opts: { reporterId?: number; cursor?: Cursor },
): Promise<ReportPage> {
  let q = reportSelect(db).select(sortKeyText(f.sort.field).as('sort_key')).where('area_id', '=', areaId);
  if (opts.reporterId !== undefined) q = q.where('reporter_id', '=', opts.reporterId);
  if (f.from) q = q.where('observed_at', '>=', f.from);
  if (f.to) q = q.where('observed_at', '<', f.to);
  if (f.categories) q = q.where('category', 'in', f.categories);
  // Safety-walk findings are mirrored here (source 'walk') for analytics; a report list shows them only when asked.
  q = f.sources ? q.where('source', 'in', f.sources) : q.where('source', '<>', 'walk');
  if (f.status) q = q.where('status', 'in', f.status);
  if (f.organisations) q = q.where('organisation_id', 'in', f.organisations);
  if (f.severity) q = q.where('severity', 'in', f.severity);
  if (f.q) q = q.where(sql<SqlBool>`(description ILIKE ${likePattern(f.q)} OR source_type ILIKE ${likePattern(f.q)})`);
  if (f.bbox) {
    const [w, s, e, n] = f.bbox;
    q = q.where(sql<SqlBool>`geom && ST_MakeEnvelope(${w}, ${s}, ${e}, ${n}, 4326)`);
  }
  if (f.cell) {
    const { lo, hi } = descendantRange(f.cell);
    q = q.where('h3', '>=', lo.toString()).where('h3', '<=', hi.toString());
  }
  if (opts.cursor) q = q.where(afterCursor(opts.cursor));
  const direction = sql.raw(f.sort.direction);
  const rows = await q
    .orderBy(sql`${SORT_EXPRESSION[f.sort.field]} ${direction}`)
    .orderBy(sql`id ${direction}`)
    .limit(f.limit)
    .execute();
  const last = rows[rows.length - 1] as { sort_key: string } | undefined;
  return { reports: rows.map((r) => rowToReport(r as unknown as ReportRow)), lastKey: last?.sort_key ?? null };
}
