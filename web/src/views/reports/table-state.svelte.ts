import { addDays, isLocalDate, startOfDayIso } from '../../lib/period';
import { router } from '../../lib/router.svelte';
import type { ReportQuery, ReportSortField, ReportStatus, SortDirection } from '../../lib/reports-api';

const SORT_FIELDS: readonly ReportSortField[] = ['observedAt', 'reportedAt', 'category', 'severity', 'status'];
export const PAGE_SIZES = [50, 100, 250] as const;
const STATUSES: readonly ReportStatus[] = ['new', 'reviewed', 'archived'];

const list = (value: string | null) => (value ? value.split(',').map((v) => v.trim()).filter(Boolean) : []);

/**
 * The table's selection, kept in the URL (`/rapporter?cell=…&from=2026-11-01&sort=severity`), so
 * the map's drill-down can link here and a colleague opening the link sees the same rows. Dates
 * are local calendar days in the area's time zone, both inclusive.
 */
export class ReportTableState {
  fromDate = $state('');
  toDate = $state('');
  categories = $state<string[]>([]);
  status = $state<ReportStatus[]>([]);
  sources = $state<string[]>([]);
  organisation = $state('');
  q = $state('');
  cell = $state('');
  sort = $state<ReportSortField>('observedAt');
  order = $state<SortDirection>('desc');
  limit = $state<number>(50);

  constructor() {
    const p = new URLSearchParams(router.search);
    this.fromDate = p.get('from') ?? '';
    this.toDate = p.get('to') ?? '';
    this.categories = list(p.get('categories'));
    this.status = list(p.get('status')).filter((s): s is ReportStatus => STATUSES.includes(s as ReportStatus));
    this.sources = list(p.get('sources'));
    this.organisation = p.get('organisations') ?? '';
    this.q = p.get('q') ?? '';
    this.cell = p.get('cell') ?? '';
    const sort = p.get('sort') as ReportSortField | null;
    if (sort && SORT_FIELDS.includes(sort)) this.sort = sort;
    this.order = p.get('order') === 'asc' ? 'asc' : p.get('order') === 'desc' ? 'desc' : defaultOrder(this.sort);
    const limit = Number(p.get('limit'));
    if ((PAGE_SIZES as readonly number[]).includes(limit)) this.limit = limit;
  }

  /** The API query; dates become local midnights, `to` the midnight after the last day. */
  query(timeZone: string): ReportQuery {
    const day = (value: string, after = false) => (isLocalDate(value) ? startOfDayIso(after ? addDays(value, 1) : value, timeZone) : value || undefined);
    return {
      from: day(this.fromDate),
      to: day(this.toDate, true),
      categories: this.categories,
      status: this.status,
      sources: this.sources,
      organisations: this.organisation ? [this.organisation] : undefined,
      q: this.q.trim() || undefined,
      cell: this.cell || undefined,
      sort: this.sort,
      order: this.order,
      limit: this.limit,
    };
  }

  /** Writes the selection into the address bar (replacing the entry: filtering is not navigation). */
  writeUrl(): void {
    const p = new URLSearchParams();
    const set = (key: string, value: string) => value && p.set(key, value);
    set('from', this.fromDate);
    set('to', this.toDate);
    set('categories', this.categories.join(','));
    set('status', this.status.join(','));
    set('sources', this.sources.join(','));
    set('organisations', this.organisation);
    set('q', this.q.trim());
    set('cell', this.cell);
    if (this.sort !== 'observedAt' || this.order !== 'desc') {
      p.set('sort', this.sort);
      p.set('order', this.order);
    }
    if (this.limit !== 50) p.set('limit', String(this.limit));
    const search = p.toString();
    router.navigate(`/rapporter${search ? `?${search}` : ''}`, { replace: true });
  }

  sortBy(field: ReportSortField): void {
    if (this.sort === field) this.order = this.order === 'asc' ? 'desc' : 'asc';
    else {
      this.sort = field;
      this.order = defaultOrder(field);
    }
  }

  clear(): void {
    this.fromDate = '';
    this.toDate = '';
    this.categories = [];
    this.status = [];
    this.sources = [];
    this.organisation = '';
    this.q = '';
    this.cell = '';
  }
}

/** Newest and most severe first; codes and statuses from the top of their order. */
export function defaultOrder(field: ReportSortField): SortDirection {
  return field === 'category' || field === 'status' ? 'asc' : 'desc';
}
