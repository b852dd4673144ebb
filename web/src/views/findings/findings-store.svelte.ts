/**
 * Open walk findings (issue 5: GET /findings) for the planner's map: their own layer, and the
 * open findings per place. Findings are counted by hexagon the way the hotspot map counts them:
 * they are mirrored as reports of source 'walk', so /hotspots?sources=walk gives the hexagons
 * that hold findings, and each open finding is placed in the one whose outline contains it.
 */
import type { Feature, FeatureCollection, Point, Polygon } from 'geojson';
import { api, request } from '../../lib/api';
import { describeError } from '../../lib/errors';
import { pointInRing } from './point-in-ring';

export interface FindingProperties {
  id: string;
  walkId: string;
  walkName?: string;
  category: string;
  priority: number;
  description: string | null;
  status: 'open' | 'planned' | 'fixed' | 'wont-fix';
  responsible: string;
  dueDate: string | null;
  overdue: boolean;
}

/** Still to be done: what the follow-up meeting talks about. */
export const OPEN_STATUSES = ['open', 'planned'] as const;

export interface FindingsAtPlace {
  cell: string;
  open: number;
  overdue: number;
}

class FindingsStore {
  data = $state.raw<FeatureCollection<Point, FindingProperties> | null>(null);
  status = $state<'idle' | 'loading' | 'ready' | 'error'>('idle');
  error = $state<string | null>(null);
  /** Open findings per hexagon at `res`, most first. */
  places = $state.raw<FindingsAtPlace[]>([]);
  #placesRes: number | null = null;

  load(): void {
    if (this.status === 'loading' || this.status === 'ready') return;
    this.status = 'loading';
    request<FeatureCollection<Point, FindingProperties>>('/findings', { query: { status: OPEN_STATUSES, limit: 5000 } })
      .then((open) => {
        this.data = open;
        this.status = 'ready';
      })
      .catch((error) => {
        this.error = describeError(error);
        this.status = 'error';
      });
  }

  /** Groups the open findings by the hexagons of resolution `res` (once per resolution). */
  placesAt(res: number): void {
    const open = this.data;
    if (!open || this.#placesRes === res) return;
    this.#placesRes = res;
    const tomorrow = new Date(Date.now() + 86_400_000).toISOString();
    api
      .hotspots({ res, from: '2000-01-01T00:00:00Z', to: tomorrow, sources: ['walk'] })
      .then((cells) => {
        if (this.#placesRes !== res) return;
        this.places = groupByCell(open.features, cells.features);
      })
      .catch(() => {
        this.#placesRes = null;
      });
  }
}

/** Each finding in the hexagon containing it (a coarse bbox test first keeps this linear-ish). */
export function groupByCell(findings: readonly Feature<Point, FindingProperties>[], cells: readonly Feature<Polygon, { cell: string }>[]): FindingsAtPlace[] {
  const byCell = new Map<string, FindingsAtPlace>();
  const boxes = cells.map((c) => {
    const ring = c.geometry.coordinates[0]!;
    const xs = ring.map((p) => p[0]!);
    const ys = ring.map((p) => p[1]!);
    return { cell: c.properties.cell, ring, box: [Math.min(...xs), Math.min(...ys), Math.max(...xs), Math.max(...ys)] as const };
  });
  for (const finding of findings) {
    const [x, y] = finding.geometry.coordinates as [number, number];
    const hit = boxes.find((b) => x >= b.box[0] && x <= b.box[2] && y >= b.box[1] && y <= b.box[3] && pointInRing([x, y], b.ring));
    if (!hit) continue;
    const place = byCell.get(hit.cell) ?? { cell: hit.cell, open: 0, overdue: 0 };
    place.open += 1;
    if (finding.properties.overdue) place.overdue += 1;
    byCell.set(hit.cell, place);
  }
  return [...byCell.values()].sort((a, b) => b.open - a.open || b.overdue - a.overdue || (a.cell < b.cell ? -1 : 1));
}

export const findingsStore = new FindingsStore();
