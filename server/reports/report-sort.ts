import { z } from 'zod';
import { HttpError } from '../http/errors';

/**
 * How GET /reports orders its rows, and the keyset cursors that page through each order: a
 * cursor holds the sort it was made for, the last row's sort key and its id (the tie-break), so
 * paging stays right while rows are added or triaged between pages.
 */
export const SORT_FIELDS = ['observedAt', 'reportedAt', 'category', 'severity', 'status'] as const;
export type SortField = (typeof SORT_FIELDS)[number];
export type SortDirection = 'asc' | 'desc';

export interface ReportSort {
  field: SortField;
  direction: SortDirection;
}

/** Newest and most severe first; codes and statuses in their natural order. */
export const DEFAULT_DIRECTION: Record<SortField, SortDirection> = {
  observedAt: 'desc',
  reportedAt: 'desc',
  severity: 'desc',
  category: 'asc',
  status: 'asc',
};

export const DEFAULT_SORT: ReportSort = { field: 'observedAt', direction: 'desc' };

/** Workflow order, not alphabetical: new before reviewed before archived. */
export const STATUS_RANK = { new: 0, reviewed: 1, archived: 2 } as const;

const SORT_SPEC = new RegExp(`^(-)?(${SORT_FIELDS.join('|')})(?::(asc|desc))?$`);

/** `observedAt`, `-observedAt` (descending) or `observedAt:asc`; the direction may also come from `order`. */
export const SortParam = z.string().transform((value, ctx) => {
  const m = SORT_SPEC.exec(value.trim());
  if (!m || (m[1] && m[3])) {
    ctx.addIssue({ code: 'custom', message: `must be one of ${SORT_FIELDS.join(', ')}, optionally as -field or field:asc|desc` });
    return z.NEVER;
  }
  return { field: m[2] as SortField, direction: (m[1] ? 'desc' : m[3]) as SortDirection | undefined };
});

export const OrderParam = z.enum(['asc', 'desc']);

/** The sort in force for `sort` and `order` as parsed; a conflict between the two is refused by the caller's schema. */
export function resolveSort(sort: { field: SortField; direction?: SortDirection } | undefined, order: SortDirection | undefined): ReportSort {
  const field = sort?.field ?? DEFAULT_SORT.field;
  return { field, direction: sort?.direction ?? order ?? DEFAULT_DIRECTION[field] };
}

export interface Cursor {
  sort: ReportSort;
  /** The last row's sort key as the repository wrote it (see sortKeyValid). */
  key: string;
  id: string;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
/** Microseconds since 1970 up to the year 9999, as an integer. */
const MICROS = /^\d{1,18}$/;
const MAX_MICROS = 253_402_300_800_000_000n;
const CATEGORY = /^[a-z0-9][a-z0-9-]{0,62}$/;
/** The form of cursors before sorting existed: [observedAt ISO, id], newest first. */
const LEGACY_TIME = /^(19[7-9]\d|[2-9]\d{3})-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;

/** Whether a sort key can be a key of this field, so a forged cursor fails here and never as a cast error in SQL. */
function sortKeyValid(field: SortField, key: string): boolean {
  switch (field) {
    case 'observedAt':
    case 'reportedAt':
      return MICROS.test(key) && BigInt(key) < MAX_MICROS;
    case 'category':
      return CATEGORY.test(key);
    case 'severity':
      return /^[1-3]$/.test(key);
    case 'status':
      return /^[0-2]$/.test(key);
  }
}

export function encodeCursor(c: Cursor): string {
  return Buffer.from(JSON.stringify([c.sort.field, c.sort.direction, c.key, c.id])).toString('base64url');
}

const invalid = (message = 'is not a cursor this API returned') => HttpError.badRequest('Invalid cursor', [{ path: 'cursor', message }]);

/** A cursor made for this sort; one made for another sort (or forged) is a 400, never a 500. */
export function decodeCursor(cursor: string, sort: ReportSort): Cursor {
  let parts: unknown;
  try {
    parts = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    throw invalid();
  }
  if (!Array.isArray(parts)) throw invalid();
  if (parts.length === 2) return decodeLegacy(parts, sort);
  const [field, direction, key, id] = parts as unknown[];
  if (parts.length !== 4 || !SORT_FIELDS.includes(field as SortField) || (direction !== 'asc' && direction !== 'desc')) throw invalid();
  if (typeof key !== 'string' || !sortKeyValid(field as SortField, key) || typeof id !== 'string' || !UUID.test(id)) throw invalid();
  if (field !== sort.field || direction !== sort.direction) {
    throw invalid(`was made for sort=${String(field)}:${String(direction)}, not ${sort.field}:${sort.direction}; start again without it`);
  }
  return { sort, key, id };
}

function decodeLegacy([observedAt, id]: unknown[], sort: ReportSort): Cursor {
  if (typeof observedAt !== 'string' || !LEGACY_TIME.test(observedAt) || typeof id !== 'string' || !UUID.test(id)) throw invalid();
  const ms = Date.parse(observedAt);
  if (Number.isNaN(ms) || new Date(ms).toISOString() !== observedAt) throw invalid();
  if (sort.field !== 'observedAt' || sort.direction !== 'desc') throw invalid('was made for sort=observedAt:desc; start again without it');
  return { sort, key: (BigInt(ms) * 1000n).toString(), id };
}
