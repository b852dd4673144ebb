/**
 * CSV import: a header row, then one report per row. Reads what Swedish spreadsheets write
 * (`;` separator, decimal comma, Windows-1252 or UTF-8 with BOM), in WGS 84 or a Swedish CRS.
 * Streams: memory is bounded by one decoded chunk (~64 KiB) and its rows, whatever the body size.
 */
import type { ParsedItem } from '../import-row.js';
import { CsvOptionsError } from './errors.js';
import { resolveColumns, type ColumnLayout } from './csv-header.js';
import type { CsvOptions } from './csv-options.js';
import { readCsvRecords } from './csv-records.js';
import { AxisRepairs, axisRepairNote, csvRecordToRow, type CsvRowContext } from './csv-row.js';
import { isValidTimeZone } from './local-time.js';
import { decodeText, type TextEncodingName } from './text-decoding.js';

export { csvOptionsFromQuery, CSV_COLUMNS, type CsvColumn, type CsvDelimiter, type CsvOptions } from './csv-options.js';
export { CsvOptionsError } from './errors.js';

export const DEFAULT_TIME_ZONE = 'Europe/Stockholm';

const ENCODING_NOTES: Partial<Record<TextEncodingName, string>> = {
  'windows-1252': 'The file is not UTF-8; read it as Windows-1252 (Excel "CSV (semikolonavgränsad)"). / Filen lästes som Windows-1252.',
  'utf-16le': 'Read the file as UTF-16 (Excel "Unicode-text"). / Filen lästes som UTF-16.',
  'utf-16be': 'Read the file as UTF-16 big-endian. / Filen lästes som UTF-16.',
};

const DELIMITER_NAMES = { ',': 'comma (,)', ';': 'semicolon (;)', '\t': 'tab', '|': 'pipe (|)' } as const;

/**
 * Parses a CSV body into rows and row errors, one item per row (or one per bad field of a row).
 *
 * Notes on how the file was read (encoding, separator, axes swapped back) go to `opts.onNote`;
 * the repair notes arrive after the last row has been yielded.
 *
 * @throws CsvOptionsError before the first item when the header lacks a required column, a mapped
 *   column is missing, the body is empty or `opts.timezone` is unknown.
 * @example
 * for await (const item of parseCsv(req, { ...csvOptionsFromQuery(req.query), timezone: area.timezone, onNote }))
 *   if (item.kind === 'row') batch.push(item.row); else errors.push(item.error);
 */
export async function* parseCsv(input: AsyncIterable<Buffer>, opts: CsvOptions): AsyncGenerator<ParsedItem> {
  const timeZone = opts.timezone ?? DEFAULT_TIME_ZONE;
  if (!isValidTimeZone(timeZone)) throw new CsvOptionsError('timezone', `unknown time zone ${JSON.stringify(timeZone)}`);
  const note = opts.onNote ?? (() => {});

  const texts = decodeText(input, (encoding) => {
    const message = ENCODING_NOTES[encoding];
    if (message) note(message);
  });
  const records = readCsvRecords(texts, opts.delimiter, (delimiter, detected) => {
    if (detected) note(`Separator: ${DELIMITER_NAMES[delimiter]}, detected from the header. / Avgränsare: ${DELIMITER_NAMES[delimiter]}.`);
  });

  let ctx: CsvRowContext | null = null;
  for await (const event of records) {
    if (event.kind === 'malformed') {
      if (!ctx) throw new CsvOptionsError('header', `the header row is not valid CSV: ${event.message}`);
      yield { kind: 'error', error: { row: event.line, field: 'csv', message: event.message } };
      continue;
    }
    if (!ctx) {
      ctx = { layout: resolveColumns(event.cells, opts), srid: opts.srid, timeZone, swappedAxes: new AxisRepairs() };
      continue;
    }
    yield* recordToItems(event.cells, event.line, event.afterInvalidUtf8, ctx);
  }

  if (!ctx) throw new CsvOptionsError('header', 'the file is empty: expected a header row');
  const repairNote = axisRepairNote(ctx.layout, ctx.swappedAxes);
  if (repairNote) note(repairNote);
}

function* recordToItems(cells: string[], line: number, afterInvalidUtf8: boolean, ctx: CsvRowContext): Generator<ParsedItem> {
  // Blank lines and rows of bare separators (Excel exports them for touched but empty rows) are skipped.
  if (cells.every((cell) => cell.trim() === '')) return;

  const fieldCountError = checkFieldCount(cells, ctx.layout);
  if (fieldCountError) {
    yield { kind: 'error', error: { row: line, field: 'csv', message: fieldCountError } };
    return;
  }
  if (afterInvalidUtf8 && cells.some((cell) => cell.includes('\uFFFD'))) {
    yield {
      kind: 'error',
      error: {
        row: line,
        field: 'encoding',
        message: 'this row is not valid UTF-8 although the start of the file is; save the whole file as UTF-8 ("CSV UTF-8" in Excel)',
      },
    };
    return;
  }

  const result = csvRecordToRow(cells, line, ctx);
  if (Array.isArray(result)) for (const error of result) yield { kind: 'error', error };
  else yield { kind: 'row', row: result };
}

/** Extra trailing cells are tolerated only when empty (some tools end every row with a separator). */
function checkFieldCount(cells: string[], layout: ColumnLayout): string | null {
  if (cells.length === layout.fieldCount) return null;
  if (cells.length > layout.fieldCount && cells.slice(layout.fieldCount).every((cell) => cell.trim() === '')) return null;
  return `expected ${layout.fieldCount} fields as in the header, found ${cells.length}; check the separator and the quotes`;
}
