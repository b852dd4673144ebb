/**
 * Streams the elements of one JSON array out of a body of any size with stream-json: only one
 * element is assembled in memory at a time. Used for GeoJSON `features` and the Polisen event array.
 *
 * Tokens from stream-json's Parser go straight into its Assembler (the engine of StreamArray)
 * from one 'data' listener, instead of through Pick and StreamArray: those are two more object-mode
 * stream stages per token, and a 30 MB FeatureCollection has 3.4 million tokens (measured 1.5–1.8×
 * slower end to end).
 */
import { Readable, pipeline, type Transform, type TransformCallback } from 'node:stream';
import Assembler from 'stream-json/Assembler.js';
import Parser from 'stream-json/Parser.js';
import { MalformedBodyError } from './errors.js';

export interface JsonArrayStreamOptions {
  /** Top-level key of the array in a root object (`features`), or null when the root is the array. */
  arrayKey: string | null;
  /** What the body should be, for messages ("a GeoJSON FeatureCollection"). */
  expected: string;
  /**
   * Sees each primitive member of the root object (e.g. GeoJSON `type`) when it is parsed; may
   * throw MalformedBodyError to reject the body.
   */
  onRootMember?: (key: string, value: string | number | boolean | null) => void;
  /** Runs after the last element; may throw MalformedBodyError (e.g. `type` never seen). */
  onEnd?: () => void;
}

interface Token {
  name: string;
  value?: string;
}

/** Assembled elements waiting for the consumer; beyond this the parser is paused. */
const MAX_READY = 256;

// stream-json keeps the text it has not consumed yet in `_buffer` and decodes bytes in
// `_transformBuffer`; counting bytes there lets a syntax error say where it is.
type ParserInternals = Transform & {
  _buffer?: unknown;
  _transformBuffer?: (chunk: Buffer, encoding: BufferEncoding, callback: TransformCallback) => void;
};

function positionedParser(): { parser: Transform; position: () => number | null } {
  const parser = new Parser({ packValues: true, streamValues: false }) as unknown as ParserInternals;
  let bytesIn = 0;
  const original = parser._transformBuffer;
  if (typeof original === 'function') {
    parser._transformBuffer = function (chunk, encoding, callback) {
      bytesIn += chunk.length;
      original.call(this, chunk, encoding, callback);
    };
  }
  const position = () =>
    typeof original === 'function' && typeof parser._buffer === 'string'
      ? Math.max(0, bytesIn - Buffer.byteLength(parser._buffer))
      : null;
  return { parser, position };
}

function primitiveValue(token: Token): string | number | boolean | null | undefined {
  switch (token.name) {
    case 'stringValue':
      return token.value;
    case 'numberValue':
      return Number(token.value);
    case 'trueValue':
      return true;
    case 'falseValue':
      return false;
    case 'nullValue':
      return null;
    default:
      return undefined;
  }
}

/**
 * Yields `{ index, value }` for each element of the array, in order.
 * @throws MalformedBodyError for invalid JSON (with the byte position when known) or a body of the
 *   wrong shape, after the elements parsed before the problem. Errors of `input` itself (client
 *   abort, size limit) are rethrown unchanged.
 */
export async function* streamJsonArray(
  input: AsyncIterable<Buffer>,
  options: JsonArrayStreamOptions,
): AsyncGenerator<{ index: number; value: unknown }> {
  // Only failures of reading the input are passed on as they are; Readable.from also throws
  // pipeline errors into this generator, so the mark is set around `next()` alone.
  let inputError: unknown = undefined;
  let sawContent = false;
  async function* source(): AsyncGenerator<Buffer> {
    const iterator = input[Symbol.asyncIterator]();
    try {
      for (;;) {
        let next: IteratorResult<Buffer>;
        try {
          next = await iterator.next();
        } catch (error) {
          inputError = error;
          throw error;
        }
        if (next.done) return;
        sawContent ||= next.value.some((byte) => byte !== 0x20 && byte !== 0x0a && byte !== 0x0d && byte !== 0x09);
        yield next.value;
      }
    } finally {
      if (inputError === undefined) await iterator.return?.();
    }
  }

  const { parser, position } = positionedParser();
  const elementDepth = options.arrayKey === null ? 1 : 2;
  const assembler = new Assembler();
  let ready: unknown[] = [];
  let wake: (() => void) | null = null;
  let finished = false;
  let failure: unknown = null;
  let shapeError: MalformedBodyError | null = null;
  const signal = () => {
    const resolve = wake;
    wake = null;
    resolve?.();
  };
  const reject = (error: MalformedBodyError) => {
    shapeError ??= error;
    parser.destroy(error);
  };

  let depth = 0;
  let rootKey: string | null = null;
  let inArray = false;
  let sawArray = false;
  parser.on('data', (token: Token) => {
    const name = token.name;
    if (inArray) {
      if (depth === elementDepth && name === 'endArray') {
        inArray = false;
      } else {
        assembler.consume(token);
        if (assembler.done) {
          ready.push(assembler.current);
          assembler.current = null;
          if (ready.length >= MAX_READY) parser.pause();
          signal();
        }
      }
    } else if (depth === 0) {
      const wanted = options.arrayKey === null ? 'startArray' : 'startObject';
      if (name !== wanted) reject(new MalformedBodyError(`expected ${options.expected}`, 0));
      else if (options.arrayKey === null) inArray = sawArray = true;
    } else if (depth === 1 && options.arrayKey !== null) {
      if (name === 'keyValue') {
        rootKey = token.value ?? null;
      } else if (rootKey !== null) {
        // The first token after a key starts that member's value.
        if (rootKey === options.arrayKey) {
          sawArray = true;
          if (name === 'startArray') inArray = true;
          else reject(new MalformedBodyError(`"${options.arrayKey}" must be an array`));
        } else {
          const value = primitiveValue(token);
          if (value !== undefined) {
            try {
              options.onRootMember?.(rootKey, value);
            } catch (error) {
              reject(error instanceof MalformedBodyError ? error : new MalformedBodyError(String(error)));
            }
          }
        }
        rootKey = null;
      }
    }
    if (name === 'startObject' || name === 'startArray') depth++;
    else if (name === 'endObject' || name === 'endArray') depth--;
  });

  pipeline(Readable.from(source()), parser, (error) => {
    if (error) failure ??= error;
    finished = true;
    signal();
  });

  let index = 0;
  try {
    for (;;) {
      const batch = ready;
      ready = [];
      for (const value of batch) yield { index: index++, value };
      if (ready.length > 0) continue;
      if (failure !== null || shapeError !== null) throw bodyError(failure);
      if (finished) break;
      await new Promise<void>((resolve) => {
        wake = resolve;
        if (parser.isPaused()) parser.resume();
      });
    }
  } finally {
    parser.destroy(); // stops reading when the consumer leaves early; harmless after the end
  }
  if (options.arrayKey !== null && !sawArray) {
    throw new MalformedBodyError(`expected ${options.expected} with a "${options.arrayKey}" array`);
  }
  options.onEnd?.();

  function bodyError(error: unknown): unknown {
    if (error === inputError && inputError !== undefined) return error;
    if (shapeError) return shapeError;
    if (error instanceof MalformedBodyError) return error;
    const text = error instanceof Error ? error.message : String(error);
    if (!sawContent && /expected a value/.test(text)) return new MalformedBodyError(`the body is empty: expected ${options.expected}`);
    return new MalformedBodyError(`invalid JSON: ${text.replace(/^Parser (cannot parse input: )?/, '')}`, position());
  }
}
