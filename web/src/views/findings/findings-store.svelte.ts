/**
 * Open walk findings (issue 5: GET /findings) for the planner's map: their own layer, and the
 * list of open findings per place. Loaded once when the layer is first switched on.
 */
import type { FeatureCollection, Point } from 'geojson';
import { request } from '../../lib/api';
import { describeError } from '../../lib/errors';

export interface FindingProperties {
  id: string;
  walkId?: string;
  category: string;
  priority?: number;
  description?: string | null;
  status: 'open' | 'planned' | 'fixed' | 'wont-fix';
  responsible?: string;
  dueDate?: string | null;
  /** The finding's place as a cell, when the API gives one. */
  cell?: string;
}

/** Still to be done: what the follow-up meeting talks about. */
export const OPEN_STATUSES: readonly FindingProperties['status'][] = ['open', 'planned'];

class FindingsStore {
  data = $state.raw<FeatureCollection<Point, FindingProperties> | null>(null);
  status = $state<'idle' | 'loading' | 'ready' | 'error'>('idle');
  error = $state<string | null>(null);

  load(): void {
    if (this.status === 'loading' || this.status === 'ready') return;
    this.status = 'loading';
    request<FeatureCollection<Point, FindingProperties>>('/findings')
      .then((all) => {
        this.data = { ...all, features: all.features.filter((f) => OPEN_STATUSES.includes(f.properties.status)) };
        this.status = 'ready';
      })
      .catch((error) => {
        this.error = describeError(error);
        this.status = 'error';
      });
  }
}

export const findingsStore = new FindingsStore();
