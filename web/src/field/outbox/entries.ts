/**
 * The outbox as the user thinks of it: one entry per thing they entered. A photo travels with the
 * report or finding it belongs to while that is still queued, and a walk's track batches are one
 * entry ("Spår: 120 punkter"), so "6 ej skickade" means six things entered, not eleven requests.
 */
import type { OutboxItem } from './types';

export interface OutboxEntry {
  /** The item that names the entry (the report, the finding, the first track batch). */
  primary: OutboxItem;
  /** Items sent along with it: its photos, the later batches of the same track. */
  attached: OutboxItem[];
}

export function groupEntries(items: readonly OutboxItem[]): OutboxEntry[] {
  const sorted = [...items].sort((a, b) => a.seq - b.seq);
  const byId = new Map<string, OutboxEntry>();
  const trackByWalk = new Map<string, OutboxEntry>();
  const entries: OutboxEntry[] = [];
  for (const item of sorted) {
    const p = item.payload;
    const parent = p.kind === 'photo' ? byId.get(p.parent.id) : p.kind === 'track' ? trackByWalk.get(p.walkId) : undefined;
    if (parent) {
      parent.attached.push(item);
      continue;
    }
    const entry: OutboxEntry = { primary: item, attached: [] };
    entries.push(entry);
    byId.set(item.id, entry);
    if (p.kind === 'track') trackByWalk.set(p.walkId, entry);
  }
  return entries;
}

/** Every item of an entry, the primary first. */
export function entryItems(entry: OutboxEntry): OutboxItem[] {
  return [entry.primary, ...entry.attached];
}
