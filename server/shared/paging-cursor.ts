import { HttpError } from '../http/errors';

/**
 * An opaque keyset cursor over (timestamp, uuid), newest first, as DESIGN §6 pages lists. Only
 * what encode() writes decodes: a forged cursor fails here as a 400, never as a cast error in SQL.
 */
export interface TimeIdCursor {
  at: string;
  id: string;
}

const CURSOR_TIME = /^(19[7-9]\d|[2-9]\d{3})-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function encodeTimeIdCursor(c: TimeIdCursor): string {
  return Buffer.from(JSON.stringify([c.at, c.id])).toString('base64url');
}

export function decodeTimeIdCursor(cursor: string): TimeIdCursor {
  try {
    const [at, id] = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as [unknown, unknown];
    if (typeof at !== 'string' || !CURSOR_TIME.test(at) || Number.isNaN(Date.parse(at))) throw new Error();
    if (typeof id !== 'string' || !UUID.test(id)) throw new Error();
    return { at, id };
  } catch {
    throw HttpError.badRequest('Invalid cursor', [{ path: 'cursor', message: 'is not a cursor this API returned' }]);
  }
}
