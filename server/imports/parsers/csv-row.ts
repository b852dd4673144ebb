/**
 * One CSV record → an ImportRow, or one RowError per bad field. `field` is always the canonical
 * column name (`observed_at`), the message names the header the file actually used.
 */
import type { ImportRow, RowError } from '../import-row.js';
import { parseDecimal, projectedRangeText, resolveLatLng, resolveProjectedAxes } from './coordinates.js';
import type { ColumnLayout } from './csv-header.js';
import type { CsvColumn } from './csv-options.js';
import { checkCategory, checkDescription, checkExternalId, checkSeverity, quoteValue, type FieldResult } from './row-fields.js';
import { parseTimestamp } from './timestamps.js';

/** Rows whose axes had to be swapped back, for one note per kind at the end of the file. */
export class AxisRepairs {
  count = 0;
  firstRow = 0;
  add(row: number): void {
    if (this.count++ === 0) this.firstRow = row;
  }
}

export interface CsvRowContext {
  layout: ColumnLayout;
  srid: number;
  timeZone: string;
  swappedAxes: AxisRepairs;
}

export function csvRecordToRow(record: string[], rowNumber: number, ctx: CsvRowContext): ImportRow | RowError[] {
  const { layout } = ctx;
  const errors: RowError[] = [];
  const cell = (column: CsvColumn): string => {
    const i = layout.index[column];
    return i === undefined ? '' : (record[i] ?? '');
  };
  const fail = (column: CsvColumn, message: string): void => {
    errors.push({ row: rowNumber, field: column, message: `column ${JSON.stringify(layout.header[column] ?? column)}: ${message}` });
  };
  const check = <T>(column: CsvColumn, result: FieldResult<T>): T | undefined => {
    if (result.ok) return result.value;
    const value = cell(column).trim();
    fail(column, value === '' ? result.reason : `${quoteValue(value)} ${result.reason}`);
    return undefined;
  };

  const externalId = check('id', checkExternalId(cell('id')));
  const category = check('category', checkCategory(cell('category')));
  const observedAt = timestamp('observed_at', true);
  const observedUntil = timestamp('observed_until', false);
  const severity = check('severity', checkSeverity(cell('severity')));
  const description = check('description', checkDescription(cell('description')));
  const position = coordinates();

  if (observedAt && observedUntil && observedUntil < observedAt) {
    fail('observed_until', `${quoteValue(cell('observed_until').trim())} is before observed_at`);
  }
  if (errors.length > 0) return errors;
  // Counted only for rows that are imported, so the note matches what was stored.
  if (position!.swapped) ctx.swappedAxes.add(rowNumber);
  return {
    rowNumber,
    externalId: externalId!,
    category: category!,
    observedAt: observedAt!,
    observedUntil: observedUntil ?? null,
    x: position!.x,
    y: position!.y,
    srid: ctx.srid,
    severity: severity ?? null,
    description: description ?? null,
    sourceType: null,
    locationPrecision: 'point',
    inAnalytics: true,
  };

  function timestamp(column: 'observed_at' | 'observed_until', required: boolean): Date | undefined {
    const value = cell(column).trim();
    if (value === '') {
      if (required) fail(column, 'is required');
      return undefined;
    }
    const parsed = parseTimestamp(value, { localTimeZone: ctx.timeZone });
    if (parsed.ok) return parsed.value;
    fail(column, `${quoteValue(value)} ${parsed.reason}`);
    return undefined;
  }

  function number(column: CsvColumn): number | undefined {
    const value = cell(column).trim();
    if (value === '') {
      fail(column, 'is required');
      return undefined;
    }
    const parsed = parseDecimal(value);
    if (parsed === null) fail(column, `${quoteValue(value)} is not a number`);
    return parsed ?? undefined;
  }

  function coordinates(): { x: number; y: number; swapped: boolean } | undefined {
    if (layout.coordinates === 'lat-lng') {
      const lat = number('lat');
      const lng = number('lng');
      if (lat === undefined || lng === undefined) return undefined;
      const resolved = resolveLatLng(lat, lng);
      if (!resolved.ok) {
        if (resolved.badLat) fail('lat', `${lat} is not a latitude (−90…90)`);
        if (resolved.badLng) fail('lng', `${lng} is not a longitude (−180…180)`);
        return undefined;
      }
      return { x: resolved.lng, y: resolved.lat, swapped: resolved.swapped };
    }
    // Swedish x/y: x is the northing, y the easting.
    const [eastColumn, northColumn]: [CsvColumn, CsvColumn] = layout.coordinates === 'e-n' ? ['e', 'n'] : ['y', 'x'];
    const easting = number(eastColumn);
    const northing = number(northColumn);
    if (easting === undefined || northing === undefined) return undefined;
    const resolved = resolveProjectedAxes(ctx.srid, easting, northing);
    if (!resolved.ok) {
      const range = `outside Sweden in EPSG:${ctx.srid} (${projectedRangeText(ctx.srid)})`;
      if (resolved.badEasting) fail(eastColumn, `easting ${easting} is ${range}`);
      if (resolved.badNorthing) fail(northColumn, `northing ${northing} is ${range}`);
      return undefined;
    }
    return { x: resolved.easting, y: resolved.northing, swapped: resolved.swapped };
  }
}

/** The note for rows whose axes were swapped back, or null if none were. */
export function axisRepairNote(layout: ColumnLayout, repairs: AxisRepairs): string | null {
  if (repairs.count === 0) return null;
  const where = `in ${repairs.count} row${repairs.count === 1 ? '' : 's'} (first: row ${repairs.firstRow})`;
  const rader = `${repairs.count} ${repairs.count === 1 ? 'rad' : 'rader'}`;
  switch (layout.coordinates) {
    case 'lat-lng':
      return `lat and lng were swapped ${where}: read the lat column as longitude and lng as latitude. / Latitud och longitud var omkastade i ${rader}.`;
    case 'e-n':
      return `e and n were swapped ${where}: read e as the northing and n as the easting. / Axlarna var omkastade (e/n) i ${rader}: tolkade e som nordkoordinat.`;
    case 'x-y':
      return `x and y were swapped ${where}: x held the easting (GIS order) instead of the northing (Swedish order); read x as the easting and y as the northing. / Axlarna var omkastade (x/y) i ${rader}: tolkade x som östkoordinat.`;
  }
}
