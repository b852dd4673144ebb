/**
 * Times in the field forms: <input type="datetime-local"> speaks the phone's local wall time
 * without an offset; the API wants ISO 8601 with one.
 */

/** "2026-06-12T21:30" for an input, in the phone's time zone. */
export function toLocalInput(date: Date): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}T${pad(date.getHours())}:${pad(date.getMinutes())}`;
}

/** An input's value as ISO 8601 with the phone's offset at that time, or null when empty or invalid. */
export function fromLocalInput(value: string): string | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})$/.exec(value);
  if (!m) return null;
  const [year, month, day, hour, minute] = m.slice(1).map(Number) as [number, number, number, number, number];
  const date = new Date(year, month - 1, day, hour, minute);
  // Date rolls 30 February over into March: such a day does not exist.
  if (Number.isNaN(date.getTime()) || date.getDate() !== day || date.getMonth() !== month - 1) return null;
  return withOffset(date);
}

/** ISO 8601 with the local offset, e.g. 2026-06-12T21:30:00+02:00 (what a person would write). */
export function withOffset(date: Date): string {
  const pad = (n: number) => String(Math.floor(Math.abs(n))).padStart(2, '0');
  const offset = -date.getTimezoneOffset();
  const sign = offset >= 0 ? '+' : '-';
  return `${toLocalInput(date)}:${pad(date.getSeconds())}${sign}${pad(offset / 60)}:${pad(offset % 60)}`;
}

/** "Now", a chosen time, or a window, as the report form holds it. */
export interface TimeChoice {
  mode: 'now' | 'at' | 'window';
  at: string;
  from: string;
  until: string;
}

export type ResolvedTime = { observedAt: string; observedUntil: string | null } | { error: 'missing' | 'order' };

/** The report's observedAt/observedUntil from the form's time choice ("now" is when it is saved). */
export function resolveTime(choice: TimeChoice, now: Date): ResolvedTime {
  if (choice.mode === 'now') return { observedAt: withOffset(now), observedUntil: null };
  if (choice.mode === 'at') {
    const at = fromLocalInput(choice.at);
    return at ? { observedAt: at, observedUntil: null } : { error: 'missing' };
  }
  const from = fromLocalInput(choice.from);
  const until = fromLocalInput(choice.until);
  if (!from || !until) return { error: 'missing' };
  if (Date.parse(until) <= Date.parse(from)) return { error: 'order' };
  return { observedAt: from, observedUntil: until };
}
