/**
 * Decoded CSV text → records with the line each starts on, streamed through csv-parse.
 * Records are taken from csv-parse's `on_record` hook and handed on after every chunk, so a
 * syntax error late in the file never loses the rows parsed before it (csv-parse's stream
 * interface drops its buffered records when it fails).
 */
import { parse, type CsvError, type Parser } from 'csv-parse';
import { detectDelimiter } from './csv-header.js';
import type { CsvDelimiter } from './csv-options.js';
import type { DecodedText } from './text-decoding.js';

export type CsvRecordEvent =
  | {
      kind: 'record';
      cells: string[];
      /** CSV line the record starts on (header = 1); quoted newlines do not shift later rows. */
      line: number;
      /** Invalid UTF-8 has been seen at or before this record; cells holding U+FFFD are garbled. */
      afterInvalidUtf8: boolean;
    }
  | { kind: 'malformed'; line: number; message: string };

/** A record this long is an unbalanced quote swallowing the file; stop before it eats memory. */
const MAX_RECORD_CHARS = 1_000_000;
/** The header must end within this many characters, or detection gives up and assumes ",". */
const HEADER_SCAN_CHARS = 1_000_000;

export async function* readCsvRecords(
  texts: AsyncIterable<DecodedText>,
  forcedDelimiter: CsvDelimiter | null,
  onDelimiter: (delimiter: CsvDelimiter, detected: boolean) => void,
): AsyncGenerator<CsvRecordEvent> {
  let parser: Parser | null = null;
  let pending: { cells: string[]; endLine: number }[] = [];
  let previousEndLine = 0;
  let invalidUtf8Seen = false;
  let headerText = '';
  let carriageReturn = false;

  const start = (delimiter: CsvDelimiter): Parser => {
    const created = parse({
      delimiter,
      relax_column_count: true, // checked per row, so one short row is one row error
      relax_quotes: true, // a stray " inside an unquoted cell (Excel never writes one unescaped) is kept as text
      max_record_size: MAX_RECORD_CHARS,
      on_record: (cells: string[], info) => {
        pending.push({ cells, endLine: info.lines });
        return null; // keep records out of the stream buffer; they are read from `pending`
      },
    });
    // Failures arrive through the write and end callbacks; without a listener 'error' would throw.
    created.on('error', () => {});
    return created;
  };

  function* drain(): Generator<CsvRecordEvent> {
    const records = pending;
    pending = [];
    for (const { cells, endLine } of records) {
      const line = previousEndLine + 1;
      previousEndLine = endLine;
      yield { kind: 'record', cells, line, afterInvalidUtf8: invalidUtf8Seen };
    }
  }

  function malformed(error: CsvError): CsvRecordEvent {
    const line = previousEndLine + 1;
    const message =
      error.code === 'CSV_QUOTE_NOT_CLOSED'
        ? `a quoted field starting on line ${line} is never closed; the rest of the file could not be read`
        : error.code === 'CSV_MAX_RECORD_SIZE'
          ? `the row starting on line ${line} is longer than ${MAX_RECORD_CHARS} characters (unbalanced quote?); the rest of the file could not be read`
          : `${error.message}; the rest of the file could not be read`;
    return { kind: 'malformed', line, message };
  }

  try {
    for await (const chunk of texts) {
      if (chunk.invalidUtf8) invalidUtf8Seen = true;
      // csv-parse counts a CRLF inside quotes as two lines; LF everywhere keeps line numbers right.
      let text: string = carriageReturn ? `\r${chunk.text}` : chunk.text;
      carriageReturn = text.endsWith('\r');
      if (carriageReturn) text = text.slice(0, -1);
      if (text.includes('\r')) text = text.replace(/\r\n/g, '\n');

      if (!parser) {
        headerText += text;
        if (!headerText.includes('\n') && headerText.length < HEADER_SCAN_CHARS) continue;
        parser = startParser(headerText);
        text = headerText;
        headerText = '';
      }
      const error = await write(parser, text);
      yield* drain();
      if (error) {
        yield malformed(error);
        return;
      }
    }

    if (!parser) {
      if (headerText === '' && !carriageReturn) return;
      parser = startParser(headerText);
    }
    if (carriageReturn) await write(parser, '\r');
    const error = await end(parser);
    yield* drain();
    if (error) yield malformed(error);
  } finally {
    parser?.destroy();
  }

  function startParser(head: string): Parser {
    const newline = head.indexOf('\n');
    const firstLine = newline === -1 ? head : head.slice(0, newline);
    const delimiter = forcedDelimiter ?? detectDelimiter(firstLine);
    onDelimiter(delimiter, forcedDelimiter === null);
    return start(delimiter);
  }
}

function write(parser: Parser, text: string): Promise<CsvError | null> {
  return new Promise((resolve) => {
    parser.write(text, (error) => resolve((error as CsvError | null | undefined) ?? null));
  });
}

function end(parser: Parser): Promise<CsvError | null> {
  return new Promise((resolve) => {
    parser.once('error', (error) => resolve(error as CsvError));
    parser.once('finish', () => resolve(null));
    parser.end();
  });
}
