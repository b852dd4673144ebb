/**
 * What the phone keeps in its outbox until the server has it. Every item is stored in IndexedDB
 * first (it survives closing the browser) and carries the client ids the server deduplicates on,
 * so sending it twice stores it once.
 */
import type { Point, LineString } from 'geojson';

export type OutboxKind = 'report' | 'confirmation' | 'photo' | 'walk' | 'walk-status' | 'track' | 'finding' | 'finding-update' | 'patrol-log';

/** The server's refusal (or the last failure), kept to show the user what to do. */
export interface OutboxError {
  /** 0: no answer (offline, timeout). */
  status: number;
  code: string;
  message: string;
  details: { path: string; message: string }[];
  at: string;
}

export interface ReportBody {
  id: string;
  category: string;
  observedAt: string;
  observedUntil?: string | null;
  location: Point;
  severity: number;
  description?: string | null;
  organisationId?: number | null;
}

export interface ConfirmationBody {
  id: string;
  note?: string | null;
  confirmedAt: string;
}

export type Participant = { organisationId: number; name?: string } | { organisationId?: undefined; name: string };

export interface WalkBody {
  id: string;
  name: string;
  plannedAt: string;
  plannedRoute?: LineString | null;
  participants: Participant[];
  notes?: string | null;
}

export type Responsible = 'kommun' | 'fastighetsagare' | 'trafikverket' | 'polis' | 'annan';

export interface FindingBody {
  id: string;
  category: string;
  location: Point;
  priority: number;
  description?: string | null;
  proposedFix?: string | null;
  responsible: Responsible;
  responsibleName?: string | null;
  observedAt: string;
}

export type FindingStatus = 'open' | 'planned' | 'fixed' | 'wont-fix';

export interface FindingUpdateBody {
  status?: FindingStatus;
  owner?: string | null;
  dueDate?: string | null;
  comment?: string;
}

/** A patrol's check-in/check-out (issue 6): POST /patrol-logs, idempotent by its client id. */
export interface PatrolLogBody {
  id: string;
  planId?: string | null;
  unit: string;
  startedAt: string;
  endedAt: string;
  track?: LineString | null;
  location?: Point | null;
}

/** [lng, lat, isoTime, accuracyMeters], as POST /walks/:id/track takes them. */
export type TrackFix = [number, number, string, number];

export type OutboxPayload =
  | { kind: 'report'; body: ReportBody }
  | { kind: 'confirmation'; reportId: string; category: string; body: ConfirmationBody }
  | { kind: 'photo'; parent: { kind: 'report' | 'finding'; id: string; walkId?: string }; blob: Blob; width: number; height: number }
  | { kind: 'walk'; body: WalkBody }
  | { kind: 'walk-status'; walkId: string; status: 'ongoing' | 'done'; statusAt: string }
  | { kind: 'track'; walkId: string; points: TrackFix[] }
  | { kind: 'finding'; walkId: string; body: FindingBody }
  | { kind: 'finding-update'; findingId: string; body: FindingUpdateBody }
  /** `place` names the patrol target in the outbox list. */
  | { kind: 'patrol-log'; place: string; body: PatrolLogBody };

export type OutboxState = 'pending' | 'refused';

export interface OutboxItem<P extends OutboxPayload = OutboxPayload> {
  /** The entity's client id (report, finding, photo, walk), or the item's own id (status, track, update). */
  id: string;
  /** Order of entry; items sharing a key are sent strictly in this order. */
  seq: number;
  /** Whose session may send it: a shared phone never sends one user's items as another. */
  userId: number;
  createdAt: string;
  /** Ordering keys, e.g. `walk:<id>`: an item waits for every earlier item with a key in common. */
  keys: string[];
  state: OutboxState;
  attempts: number;
  /** Epoch ms before which it is not tried again (backoff). */
  nextAttemptAt: number;
  lastError: OutboxError | null;
  payload: P;
}

/** An item before the store numbers it. */
export type NewOutboxItem = Omit<OutboxItem, 'seq' | 'state' | 'attempts' | 'nextAttemptAt' | 'lastError' | 'createdAt'> & { createdAt?: string };

/** What the phone remembers of a sent item, for the "sent" list (no photos, no free text). */
export interface SentRecord {
  id: string;
  kind: OutboxKind;
  userId: number;
  sentAt: string;
  /** 200 when the server already had it (a retry after a lost answer), 201 when new. */
  status: number;
  /** Enough to name it in a list: a category code, a walk id, a number of track points. */
  summary: { category?: string; walkId?: string; points?: number; place?: string };
}

/** A walk being recorded on this phone: fixes not yet handed to the outbox, and whether it is paused. */
export interface WalkRecording {
  walkId: string;
  userId: number;
  mode: 'recording' | 'paused' | 'stopped';
  /** Fixes taken since the last batch went into the outbox. */
  buffer: TrackFix[];
  /** The last fix kept, batched or not: the next must be later and far enough away. */
  lastFix: TrackFix | null;
  /** Every fix kept on this phone (sent or not), to draw the route offline. */
  drawn: TrackFix[];
  /** Epoch ms of the last batch. */
  flushedAt: number;
}
