/**
 * Field rules shared by the CSV and GeoJSON parsers, so both formats accept the same values and
 * say the same thing about bad ones. Each check returns the clean value or a reason (no field
 * name: the caller knows what the field is called in its format).
 */

import { isStorableText } from '../../shared/text.js';

export const MAX_EXTERNAL_ID_LENGTH = 200;
export const MAX_DESCRIPTION_LENGTH = 2000;
export const MAX_CATEGORY_LENGTH = 100;

export type FieldResult<T> = { ok: true; value: T } | { ok: false; reason: string };

const UNSTORABLE = 'contains a NUL character or an unpaired UTF-16 surrogate';

export function checkExternalId(raw: string | number | null | undefined): FieldResult<string> {
  const value = raw === null || raw === undefined ? '' : String(raw).trim();
  if (value === '') return { ok: false, reason: 'is required' };
  if (!isStorableText(value)) return { ok: false, reason: UNSTORABLE };
  if (value.length > MAX_EXTERNAL_ID_LENGTH) {
    return { ok: false, reason: `is longer than ${MAX_EXTERNAL_ID_LENGTH} characters` };
  }
  return { ok: true, value };
}

/** Only presence is checked here; whether the code exists in the area is the service's call. */
export function checkCategory(raw: string | null | undefined): FieldResult<string> {
  const value = (raw ?? '').trim();
  if (value === '') return { ok: false, reason: 'is required' };
  if (!isStorableText(value)) return { ok: false, reason: UNSTORABLE };
  if (value.length > MAX_CATEGORY_LENGTH) {
    return { ok: false, reason: `is longer than ${MAX_CATEGORY_LENGTH} characters` };
  }
  return { ok: true, value };
}

/** Empty or absent means "not graded". Accepts 2 and "2" (CSV has only strings). */
export function checkSeverity(raw: string | number | null | undefined): FieldResult<1 | 2 | 3 | null> {
  if (raw === null || raw === undefined) return { ok: true, value: null };
  const text = String(raw).trim();
  if (text === '') return { ok: true, value: null };
  if (text === '1' || text === '2' || text === '3') return { ok: true, value: Number(text) as 1 | 2 | 3 };
  return { ok: false, reason: 'must be 1, 2 or 3' };
}

export function checkDescription(raw: string | null | undefined): FieldResult<string | null> {
  const value = (raw ?? '').trim();
  if (value === '') return { ok: true, value: null };
  if (!isStorableText(value)) return { ok: false, reason: UNSTORABLE };
  if (value.length > MAX_DESCRIPTION_LENGTH) {
    return { ok: false, reason: `is ${value.length} characters long; the limit is ${MAX_DESCRIPTION_LENGTH}` };
  }
  return { ok: true, value };
}

/** Quotes a user value for a message without letting a huge cell flood the error list. */
export function quoteValue(value: string): string {
  return JSON.stringify(value.length > 60 ? `${value.slice(0, 57)}...` : value);
}
