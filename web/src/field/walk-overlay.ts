/**
 * A walk as this phone knows it: the server's copy (or the stored one offline) with what the
 * outbox still holds on top: a walk planned here and not sent, a start or finish not sent, and
 * findings not sent. Pure: the views pass in the outbox items.
 */
import type { OutboxItem } from './outbox/types';
import type { Finding, WalkDetail, WalkStatus } from './types';
import type { User } from '../lib/types';

const ORDER: Record<WalkStatus, number> = { planned: 0, ongoing: 1, done: 2 };

/** A walk planned on this phone, before the server has it. */
export function walkFromOutbox(item: OutboxItem, user: User): WalkDetail | null {
  if (item.payload.kind !== 'walk') return null;
  const body = item.payload.body;
  return {
    id: body.id,
    name: body.name,
    plannedAt: body.plannedAt,
    plannedRoute: body.plannedRoute ?? null,
    notes: body.notes ?? null,
    status: 'planned',
    startedAt: null,
    endedAt: null,
    leader: { id: user.id, name: user.name },
    createdBy: { id: user.id, name: user.name },
    rewalkOf: null,
    participants: body.participants.map((p) => ({ organisationId: p.organisationId ?? null, organisationName: null, name: p.name ?? null })),
    findings: { total: 0, open: 0, planned: 0, fixed: 0, wontFix: 0, overdue: 0 },
    track: { points: 0, firstAt: null, lastAt: null, lengthMeters: 0 },
    canEdit: true,
    recordedRoute: null,
    checks: [],
  };
}

/** A finding recorded on this phone and not sent yet, shaped like the server's. */
export interface PendingFinding extends Finding {
  pending: true;
  photo: boolean;
}

export function pendingFindings(walkId: string, items: readonly OutboxItem[], user: User, walkName: string): PendingFinding[] {
  const photos = new Set(items.flatMap((i) => (i.payload.kind === 'photo' && i.payload.parent.kind === 'finding' ? [i.payload.parent.id] : [])));
  return items.flatMap((item) => {
    if (item.payload.kind !== 'finding' || item.payload.walkId !== walkId) return [];
    const b = item.payload.body;
    return [
      {
        id: b.id,
        walkId,
        walkName,
        category: b.category,
        location: b.location,
        priority: b.priority,
        description: b.description ?? null,
        proposedFix: b.proposedFix ?? null,
        responsible: b.responsible,
        responsibleName: b.responsibleName ?? null,
        status: 'open' as const,
        owner: null,
        dueDate: null,
        overdue: false,
        observedAt: b.observedAt,
        createdBy: { id: user.id, name: user.name },
        historyCount: 0,
        pending: true as const,
        photo: photos.has(b.id),
      },
    ];
  });
}

/** The walk with the status changes the outbox holds for it (a status only moves forward). */
export function withQueuedStatus(walk: WalkDetail, items: readonly OutboxItem[]): WalkDetail {
  let status = walk.status;
  let startedAt = walk.startedAt;
  let endedAt = walk.endedAt;
  for (const item of items) {
    const p = item.payload;
    if (p.kind !== 'walk-status' || p.walkId !== walk.id || ORDER[p.status] <= ORDER[status]) continue;
    status = p.status;
    if (p.status === 'ongoing') startedAt ??= p.statusAt;
    else endedAt = p.statusAt;
  }
  return status === walk.status ? walk : { ...walk, status, startedAt, endedAt };
}

/** Whether the outbox still holds anything of this walk. */
export function hasQueued(walkId: string, items: readonly OutboxItem[]): boolean {
  return items.some((item) => item.keys.includes(`walk:${walkId}`));
}
