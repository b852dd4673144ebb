/**
 * GeoJSON import (RFC 7946): a FeatureCollection of Point features in WGS 84, streamed one feature
 * at a time. Row = feature index + 1; `field` is the path inside the feature (`properties.observedAt`).
 */
import type { ImportRow, ParsedItem, RowError } from '../import-row.js';
import { describeValue } from '../../shared/text.js';
import { WGS84 } from './coordinates.js';
import { MalformedBodyError } from './errors.js';
import { streamJsonArrayBatches } from './json-stream.js';
import { checkCategory, checkDescription, checkExternalId, checkSeverity, quoteValue, type FieldResult } from './row-fields.js';
import { parseTimestamp } from './timestamps.js';

export { MalformedBodyError } from './errors.js';

/**
 * @throws MalformedBodyError when the body is not JSON or not a FeatureCollection (the `type`
 *   member is checked as soon as it is read; a body without one fails after its last feature).
 * @example
 * for await (const item of parseGeoJson(req)) if (item.kind === 'row') batch.push(item.row);
 */
export async function* parseGeoJson(input: AsyncIterable<Buffer>): AsyncGenerator<ParsedItem> {
  for await (const items of parseGeoJsonBatches(input)) yield* items;
}

/**
 * parseGeoJson in batches of up to a few hundred items, in order: what the import service reads,
 * so it does not pay an `await` per feature. Same errors as parseGeoJson.
 */
export async function* parseGeoJsonBatches(input: AsyncIterable<Buffer>): AsyncGenerator<ParsedItem[]> {
  let type: unknown = undefined;
  const features = streamJsonArrayBatches(input, {
    arrayKey: 'features',
    expected: 'a GeoJSON FeatureCollection',
    onRootMember: (key, value) => {
      if (key !== 'type') return;
      type = value;
      if (value !== 'FeatureCollection') {
        throw new MalformedBodyError(`expected a GeoJSON FeatureCollection, got type ${describeValue(value)}`);
      }
    },
    onEnd: () => {
      if (type === undefined) throw new MalformedBodyError('expected a GeoJSON FeatureCollection: "type" is missing');
    },
  });

  let rowNumber = 0;
  for await (const values of features) {
    const items: ParsedItem[] = [];
    for (const value of values) {
      const result = featureToRow(value, ++rowNumber);
      if (Array.isArray(result)) for (const error of result) items.push({ kind: 'error', error });
      else items.push({ kind: 'row', row: result });
    }
    yield items;
  }
}

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** One feature → a row, or one error per bad field. Exported for unit tests of single features. */
export function featureToRow(feature: unknown, rowNumber: number): ImportRow | RowError[] {
  const errors: RowError[] = [];
  const fail = (field: string, message: string) => errors.push({ row: rowNumber, field, message });

  if (!isObject(feature) || feature.type !== 'Feature') {
    fail('type', 'each element of "features" must be a GeoJSON Feature ({"type": "Feature", ...})');
    return errors;
  }
  const properties = isObject(feature.properties) ? feature.properties : null;
  if (!properties) fail('properties', 'must be an object');
  const property = (name: string): unknown => properties?.[name];
  const check = <T>(field: string, value: unknown, result: FieldResult<T>): T | undefined => {
    if (result.ok) return result.value;
    fail(field, value === undefined || value === null || value === '' ? result.reason : `${quoteValue(String(value))} ${result.reason}`);
    return undefined;
  };
  const stringOrAbsent = (field: string, value: unknown): string | null | undefined => {
    if (value === undefined || value === null || typeof value === 'string') return value ?? null;
    fail(field, 'must be a string');
    return undefined;
  };

  const position = point(feature.geometry, fail);

  // The report's own id is a property; the Feature's top-level id is the fallback RFC 7946 offers.
  const ownId = property('id');
  const useOwnId = ownId !== undefined && ownId !== null;
  const rawId = useOwnId ? ownId : feature.id;
  const idField = useOwnId || rawId === undefined || rawId === null ? 'properties.id' : 'id';
  let externalId: string | undefined;
  if (rawId === undefined || rawId === null || typeof rawId === 'string' || typeof rawId === 'number') {
    externalId = check(idField, rawId, checkExternalId(rawId));
  } else {
    fail(idField, 'must be a string or a number');
  }

  const rawCategory = stringOrAbsent('properties.category', property('category'));
  const category = rawCategory === undefined ? undefined : check('properties.category', rawCategory, checkCategory(rawCategory));

  const observedAt = timestamp('properties.observedAt', property('observedAt'), true);
  const observedUntil = timestamp('properties.observedUntil', property('observedUntil'), false);
  if (observedAt && observedUntil && observedUntil < observedAt) {
    fail('properties.observedUntil', 'is before observedAt');
  }

  const rawSeverity = property('severity');
  let severity: 1 | 2 | 3 | null | undefined;
  if (rawSeverity === undefined || rawSeverity === null || typeof rawSeverity === 'number' || typeof rawSeverity === 'string') {
    severity = check('properties.severity', rawSeverity, checkSeverity(rawSeverity));
  } else {
    fail('properties.severity', 'must be 1, 2 or 3');
  }

  const rawDescription = stringOrAbsent('properties.description', property('description'));
  const description =
    rawDescription === undefined ? undefined : check('properties.description', rawDescription, checkDescription(rawDescription));

  if (errors.length > 0 || !position) return errors;
  return {
    rowNumber,
    externalId: externalId!,
    category: category!,
    observedAt: observedAt!,
    observedUntil: observedUntil ?? null,
    x: position[0],
    y: position[1],
    srid: WGS84,
    severity: severity ?? null,
    description: description ?? null,
    sourceType: null,
    locationPrecision: 'point',
    inAnalytics: true,
  };

  function timestamp(field: string, value: unknown, required: boolean): Date | null | undefined {
    if (value === undefined || value === null || value === '') {
      if (required) fail(field, 'is required (ISO 8601 with offset, e.g. 2026-08-22T21:30:00+02:00)');
      return null;
    }
    if (typeof value !== 'string') {
      fail(field, 'must be an ISO 8601 string with offset, e.g. 2026-08-22T21:30:00+02:00');
      return undefined;
    }
    // GeoJSON is machine-written: no guessing of a time zone.
    const parsed = parseTimestamp(value, { localTimeZone: null });
    if (parsed.ok) return parsed.value;
    fail(field, `${quoteValue(value)} ${parsed.reason}`);
    return undefined;
  }
}

/** [lng, lat] of a Point geometry, or undefined after recording why not. */
function point(geometry: unknown, fail: (field: string, message: string) => void): [number, number] | undefined {
  if (!isObject(geometry)) {
    fail('geometry', 'must be a Point geometry');
    return undefined;
  }
  if (geometry.type !== 'Point') {
    fail('geometry.type', `must be "Point" (got ${JSON.stringify(geometry.type ?? null)})`);
    return undefined;
  }
  const coordinates = geometry.coordinates;
  if (
    !Array.isArray(coordinates) ||
    coordinates.length < 2 ||
    coordinates.length > 3 ||
    !coordinates.every((c) => typeof c === 'number' && Number.isFinite(c))
  ) {
    fail('geometry.coordinates', 'must be [longitude, latitude] numbers');
    return undefined;
  }
  const [lng, lat] = coordinates as number[];
  if (Math.abs(lng!) > 180 || Math.abs(lat!) > 90) {
    fail('geometry.coordinates', `[${lng}, ${lat}] is not [longitude (−180…180), latitude (−90…90)] (RFC 7946 order)`);
    return undefined;
  }
  return [lng!, lat!];
}
