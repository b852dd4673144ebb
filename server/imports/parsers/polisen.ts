/**
 * The Swedish Police open events feed (polisen.se/api/events): a JSON array of
 * `{ id, datetime, name, summary, url, type, location: { name, gps: "lat,lng" } }`, streamed one
 * event at a time. Parsing only reads events; where they may be put on the map is decided by
 * `placePolisenEvents` once the whole feed is known (see polisen-placement.ts).
 */
import { describeValue, isStorableText } from '../../shared/text.js';
import type { RowError } from '../import-row.js';
import { streamJsonArray } from './json-stream.js';
import { incidentTimeFromName, parsePolisenDatetime } from './polisen-time.js';
import { categoryForPolisenType, isPolisenTypeInAnalytics, type ReportCategoryCode } from './polisen-types.js';

export { MalformedBodyError } from './errors.js';
export { municipalityCoordinates, placePolisenEvents, type PolisenPlacement } from './polisen-placement.js';
export { categoryForPolisenType, isPolisenTypeInAnalytics, POLISEN_TYPE_CATEGORIES } from './polisen-types.js';

export interface PolisenEvent {
  /** Array index + 1. */
  rowNumber: number;
  externalId: string;
  type: string;
  name: string;
  summary: string;
  url: string;
  /** `location.name`: a municipality ("Töreboda", "Upplands-bro") or a county ("Skåne län"). */
  locationName: string;
  /** `location.gps`: the centroid of that municipality or county, never the incident's address. */
  lng: number;
  lat: number;
  publishedAt: Date;
  /** Incident time from the start of `name`; publishedAt when the name has no date. */
  observedAt: Date;
  level: 'municipality' | 'county';
  /**
   * The municipality the event concerns: `locationName` for municipality-level events; for
   * county-level events the last comma-separated token of `name` ("…, Trafikolycka, Töreboda"),
   * or null when the event is county-wide ("…, Sammanfattning natt, Hallands län").
   */
  municipalityName: string | null;
  category: ReportCategoryCode;
  inAnalytics: boolean;
}

export type PolisenItem = { kind: 'event'; event: PolisenEvent } | { kind: 'error'; error: RowError };

/**
 * @throws MalformedBodyError when the body is not JSON or not an array.
 * @example
 * const events: PolisenEvent[] = [];
 * for await (const item of parsePolisenEvents(response.body)) if (item.kind === 'event') events.push(item.event);
 */
export async function* parsePolisenEvents(input: AsyncIterable<Buffer>): AsyncGenerator<PolisenItem> {
  for await (const { index, value } of streamJsonArray(input, { arrayKey: null, expected: 'a JSON array of Polisen events' })) {
    const result = toPolisenEvent(value, index + 1);
    if (Array.isArray(result)) for (const error of result) yield { kind: 'error', error };
    else yield { kind: 'event', event: result };
  }
}

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

const GPS = /^\s*(-?\d+(?:\.\d+)?)\s*,\s*(-?\d+(?:\.\d+)?)\s*$/;

/** One array element → an event, or one error per bad field. */
export function toPolisenEvent(raw: unknown, rowNumber: number): PolisenEvent | RowError[] {
  const errors: RowError[] = [];
  const fail = (field: string, message: string) => errors.push({ row: rowNumber, field, message });
  if (!isObject(raw)) {
    fail('event', 'must be an object');
    return errors;
  }
  const text = (value: unknown): string => (typeof value === 'string' ? value : '');

  const id = raw.id;
  const externalId =
    (typeof id === 'number' && Number.isInteger(id)) || (typeof id === 'string' && id.trim() !== '') ? String(id).trim() : null;
  if (externalId === null) fail('id', 'is required (a number)');

  const publishedAt = typeof raw.datetime === 'string' ? parsePolisenDatetime(raw.datetime) : null;
  if (!publishedAt) fail('datetime', `${describeValue(raw.datetime ?? null)} is not a date-time like "2026-08-22 9:48:12 +02:00"`);

  const type = text(raw.type).trim();
  if (type === '') fail('type', 'is required');

  const location = isObject(raw.location) ? raw.location : null;
  const locationName = text(location?.name).trim();
  if (!location) fail('location', 'must be an object with name and gps');
  else if (locationName === '') fail('location.name', 'is required');

  const gps = GPS.exec(text(location?.gps));
  const lat = gps ? Number(gps[1]) : NaN;
  const lng = gps ? Number(gps[2]) : NaN;
  if (location && (!gps || Math.abs(lat) > 90 || Math.abs(lng) > 180)) {
    fail('location.gps', `${describeValue(location.gps ?? null)} is not "latitude,longitude"`);
  }

  for (const [field, value] of [['id', externalId], ['type', type], ['name', raw.name], ['summary', raw.summary], ['location.name', locationName]] as const) {
    if (typeof value === 'string' && !isStorableText(value)) fail(field, 'contains a NUL character or an unpaired UTF-16 surrogate');
  }
  if (errors.length > 0) return errors;
  const name = text(raw.name);
  const level = / län$/i.test(locationName) ? 'county' : 'municipality';
  return {
    rowNumber,
    externalId: externalId!,
    type,
    name,
    summary: text(raw.summary),
    url: text(raw.url),
    locationName,
    lng,
    lat,
    publishedAt: publishedAt!,
    observedAt: incidentTimeFromName(name, publishedAt!) ?? publishedAt!,
    level,
    municipalityName: level === 'municipality' ? locationName : municipalityInName(name, type),
    category: categoryForPolisenType(type),
    inAnalytics: isPolisenTypeInAnalytics(type),
  };
}

/**
 * The municipality a county-level event names as its last token, or null. The last token may
 * instead be the county ("Hallands län"), a piece of the type ("Trafikolycka, personskada") or,
 * for a name without location, the date.
 */
export function municipalityInName(name: string, type: string): string | null {
  const tokens = name.split(',').map((token) => token.trim());
  if (tokens.length < 2) return null;
  const last = tokens[tokens.length - 1]!;
  if (last === '' || / län$/i.test(last) || /^\d/.test(last)) return null;
  const typeParts = type.split(',').map((part) => part.trim().toLowerCase());
  if (typeParts.includes(last.toLowerCase()) || last.toLowerCase() === type.toLowerCase()) return null;
  return last;
}
