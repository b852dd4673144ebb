/**
 * Text PostgreSQL cannot store, or stores garbled: the NUL character and lone UTF-16 surrogates
 * (JSON allows both as escapes). Refused at the edge with 400 naming the field, never a 500.
 */
export function isStorableText(value: string): boolean {
  return !value.includes('\u0000') && value.isWellFormed();
}

/** The path of the first string in a parsed JSON value that is not storable text, if any. */
export function findUnstorableText(value: unknown, path: string[] = [], depth = 0): string | undefined {
  if (typeof value === 'string') return isStorableText(value) ? undefined : path.join('.') || '(body)';
  if (depth > 64 || value === null || typeof value !== 'object') return undefined;
  for (const [key, child] of Array.isArray(value) ? value.entries() : Object.entries(value)) {
    if (typeof key === 'string' && !isStorableText(key)) return [...path, '(key)'].join('.');
    const found = findUnstorableText(child, [...path, String(key)], depth + 1);
    if (found) return found;
  }
  return undefined;
}

/** A short, safe rendering of any JSON value for an error message (never recurses deeply). */
export function describeValue(value: unknown): string {
  if (value === null || value === undefined) return String(value);
  if (typeof value === 'string') return JSON.stringify(value.length > 60 ? `${value.slice(0, 60)}…` : value);
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return Array.isArray(value) ? 'an array' : 'an object';
}
