/**
 * What an answer means for an outbox item. The network failing or the server failing (5xx, 429)
 * is temporary: send again later, with the same ids, so nothing is stored twice. A refusal (other
 * 4xx) will be the same next time: keep the item, show the server's reason and what to do, and do
 * not retry by itself. A lost session (401) stops sending until the user signs in again.
 */
import type { OutboxKind } from './types';

export type Outcome = 'done' | 'retry' | 'refused' | 'auth';

const TEMPORARY = new Set([408, 425, 429]);

/** @param status 0 when no answer came (offline, timeout, connection reset) */
export function classifyAnswer(kind: OutboxKind, status: number, code?: string): Outcome {
  if (status === 0) return 'retry';
  if (status >= 200 && status < 300) return 'done';
  if (status === 401) return 'auth';
  if (TEMPORARY.has(status) || status >= 500) return 'retry';
  // The walk is already past this status (the same change sent from another phone, or the answer
  // to our own was lost and a later change went through): what we wanted has happened.
  if (kind === 'walk-status' && status === 409 && code === 'conflict') return 'done';
  return 'refused';
}
