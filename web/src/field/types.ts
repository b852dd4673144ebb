/** DTOs of the field endpoints (walks, findings, similar reports), as the server sends them. */
import type { Feature, FeatureCollection, LineString, MultiLineString, Point } from 'geojson';
import type { FindingStatus, Responsible } from './outbox/types';

export type { FindingStatus, Responsible };
export type WalkStatus = 'planned' | 'ongoing' | 'done';

export interface PersonRef {
  id: number;
  name: string;
}

export interface WalkParticipant {
  organisationId: number | null;
  organisationName: string | null;
  name: string | null;
}

export interface FindingsSummary {
  total: number;
  open: number;
  planned: number;
  fixed: number;
  wontFix: number;
  overdue: number;
}

export interface Walk {
  id: string;
  name: string;
  plannedAt: string;
  plannedRoute: LineString | null;
  notes: string | null;
  status: WalkStatus;
  startedAt: string | null;
  endedAt: string | null;
  leader: PersonRef | null;
  createdBy: PersonRef | null;
  rewalkOf: string | null;
  participants: WalkParticipant[];
  findings: FindingsSummary;
  track: { points: number; firstAt: string | null; lastAt: string | null; lengthMeters: number };
  canEdit: boolean;
}

export interface Photo {
  id: string;
  url: string;
  thumbUrl: string;
  width: number;
  height: number;
}

export interface Finding {
  id: string;
  walkId: string;
  walkName: string;
  category: string;
  location: Point;
  priority: number;
  description: string | null;
  proposedFix: string | null;
  responsible: Responsible;
  responsibleName: string | null;
  status: FindingStatus;
  owner: string | null;
  dueDate: string | null;
  overdue: boolean;
  observedAt: string;
  createdBy: PersonRef | null;
  historyCount: number;
  photos?: Photo[];
}

export interface FindingEvent {
  at: string;
  by: PersonRef | null;
  action: 'created' | 'updated' | 'checked';
  fromStatus: FindingStatus | null;
  toStatus: FindingStatus | null;
  owner: string | null;
  dueDate: string | null;
  comment: string | null;
  changes: Record<string, [unknown, unknown]> | null;
  walkId: string | null;
}

export interface FindingDetail extends Finding {
  history: FindingEvent[];
}

export interface WalkCheck {
  findingId: string;
  result: 'fixed' | 'not-fixed' | null;
  checkedAt: string | null;
  finding: Finding;
}

export interface WalkDetail extends Walk {
  recordedRoute: MultiLineString | null;
  checks: WalkCheck[];
}

export type FindingProperties = Omit<Finding, 'location' | 'id'> & { id?: string };
export type FindingCollection = FeatureCollection<Point, FindingProperties> & { meta?: { count: number; nextCursor: string | null } };
export type FindingFeature = Feature<Point, FindingProperties>;

export interface SimilarReport {
  id: string;
  category: string;
  observedAt: string;
  distance: number;
  own: boolean;
  confirmations: number;
}
