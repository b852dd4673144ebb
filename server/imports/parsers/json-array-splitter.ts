/**
 * Byte-level splitter for one JSON array in a body of any size: finds where each element of the
 * array begins and ends, and hands its bytes to JSON.parse (which is several times faster than
 * assembling the element from stream-json's token stream). Only one element's bytes and at most
 * BATCH_LIMIT parsed elements are held at a time.
 *
 * What it checks itself: the root's structure (the root object's braces, keys, colons and commas,
 * or the root array's brackets and commas) and that nothing follows the root value. Every value it
 * cuts out (an array element, another member of the root object, a key) is checked by JSON.parse.
 * A piece JSON.parse refuses is handed to stream-json, which either accepts it (stream-json takes
 * any JavaScript whitespace, such as a no-break space or a BOM, between tokens, as this parser
 * did before) or says what is wrong and where, in the words of the stream-json based parser this
 * replaces. So the same bodies are accepted as before, with the same elements.
 *
 * Cutting works because JSON's structural characters are ASCII and never occur inside a UTF-8
 * multibyte sequence: inside a container only strings (`"`, with `\` escapes) and brackets need
 * tracking, whatever the chunk boundaries.
 */
import { MalformedBodyError } from './errors.js';
import { parseWithStreamJson } from './json-stream-fallback.js';

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

/** Parsed elements handed over at once, at most; a batch also ends with each input chunk. */
const BATCH_LIMIT = 256;

const enum State {
  /** Before the root value. */
  Start,
  /** After `{` of the root object: a key or `}`. */
  KeyOrEnd,
  /** After `,` in the root object: a key. */
  Key,
  /** After a key: `:`. */
  Colon,
  /** After `:`: the member's value. */
  MemberValue,
  /** After a member's value: `,` or `}`. */
  MemberComma,
  /** After `[` of the array: an element or `]`. */
  ElementOrEnd,
  /** After `,` in the array: an element. */
  Element,
  /** After an element: `,` or `]`. */
  ElementComma,
  /** After the root value: only whitespace. */
  Done,
}

const enum Piece {
  None,
  /** An object or array: ends when its brackets balance. */
  Container,
  /** A string (a value or a root key): ends at its unescaped closing quote. */
  String,
  /** A number, true, false or null: ends at the first byte that cannot be part of one. */
  Bare,
}

const enum Target {
  Element,
  Member,
  Key,
}

const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const OPEN_BRACE = 0x7b;
const CLOSE_BRACE = 0x7d;
const OPEN_BRACKET = 0x5b;
const CLOSE_BRACKET = 0x5d;
const COMMA = 0x2c;
const COLON = 0x3a;

/** Bytes that may make up a bare value (a number or a literal): what JSON.parse then checks. */
const BARE = new Uint8Array(256);
for (const c of '0123456789+-.abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ') BARE[c.charCodeAt(0)] = 1;

/**
 * JavaScript's `\s` as UTF-8 (what stream-json skips between tokens): ASCII whitespace and
 * these multibyte characters (BOM, no-break space, the Unicode spaces and separators).
 */
const WIDE_SPACES = [0x00a0, 0x1680, 0x2000, 0x2001, 0x2002, 0x2003, 0x2004, 0x2005, 0x2006, 0x2007, 0x2008, 0x2009, 0x200a, 0x2028, 0x2029, 0x202f, 0x205f, 0x3000, 0xfeff].map(
  (cp) => Buffer.from(String.fromCodePoint(cp), 'utf8'),
);

const isAsciiSpace = (b: number) => b === 0x20 || (b >= 0x09 && b <= 0x0d);

/** Printable form of a byte for messages, as stream-json names tokens. */
const tokenText = (b: number) => (b >= 0x20 && b < 0x7f ? String.fromCharCode(b) : `\\x${b.toString(16).padStart(2, '0')}`);

/**
 * Yields the parsed elements of the array in order, in batches (one or more per input chunk).
 * @throws MalformedBodyError for invalid JSON (with the byte position) or a body of the wrong
 *   shape, after the elements parsed before the problem. Errors of `input` itself (client abort,
 *   size limit) are rethrown unchanged.
 */
export async function* splitJsonArray(input: AsyncIterable<Buffer>, options: JsonArrayStreamOptions): AsyncGenerator<unknown[]> {
  const rootIsArray = options.arrayKey === null;
  let state = State.Start as State;
  let sawContent = false;
  let sawArray = false;
  let inArray = false; // inside the array whose elements are yielded
  let key: string | null = null;

  // The piece being cut out: its kind, what it is for, where it started, its bytes so far.
  let piece = Piece.None as Piece;
  let target = Target.Element as Target;
  let pieceStart = 0;
  let parts: Buffer[] = [];
  let depth = 0;
  let inString = false;
  let escaped = false;

  /** Offset of buf[0] in the body. */
  let base = 0;
  /** Bytes of a possibly wide space cut by the chunk boundary, put in front of the next chunk. */
  let carry: Buffer | null = null;
  let batch: unknown[] = [];

  const fail = (message: string, position: number | null): never => {
    throw new MalformedBodyError(message, position);
  };
  const unexpected = (b: number, at: number, what: string): never =>
    fail(`invalid JSON: ${what} (found '${tokenText(b)}')`, at);

  /** Length of the wide space at buf[i], 0 if none, -1 if the chunk ends before it can be told. */
  const wideSpace = (buf: Buffer, i: number): number => {
    for (const ws of WIDE_SPACES) {
      let k = 0;
      while (k < ws.length && i + k < buf.length && buf[i + k] === ws[k]) k++;
      if (k === ws.length) return k;
      if (i + k === buf.length && k > 0) return -1;
    }
    return 0;
  };

  /** JSON.parse refused a piece: stream-json's verdict, the value or what is wrong and where. */
  const parseSlowly = async (bytes: Buffer): Promise<unknown> => {
    const outcome = await parseWithStreamJson(bytes);
    if (outcome.ok) return outcome.value;
    return fail(`invalid JSON: ${outcome.message}`, pieceStart + (outcome.position ?? 0));
  };

  /** A piece is complete and parsed: put it where it belongs. */
  const accept = (value: unknown) => {
    piece = Piece.None;
    parts = [];
    if (target === Target.Element) {
      batch.push(value);
      state = State.ElementComma;
    } else if (target === Target.Key) {
      key = value as string;
      state = State.Colon;
    } else {
      if (value === null || typeof value !== 'object') {
        try {
          options.onRootMember?.(key!, value as string | number | boolean | null);
        } catch (error) {
          throw error instanceof MalformedBodyError ? error : new MalformedBodyError(String(error));
        }
      }
      key = null;
      state = State.MemberComma;
    }
  };

  const startPiece = (b: number, at: number, forWhat: Target): boolean => {
    target = forWhat;
    pieceStart = at;
    depth = 0;
    inString = false;
    escaped = false;
    if (b === OPEN_BRACE || b === OPEN_BRACKET) piece = Piece.Container;
    else if (b === QUOTE) piece = Piece.String;
    else if (BARE[b]) piece = Piece.Bare;
    else return false;
    return true;
  };

  const iterator = input[Symbol.asyncIterator]();
  let inputDone = false;
  try {
    for (;;) {
      let next: IteratorResult<Buffer>;
      try {
        next = await iterator.next();
      } catch (error) {
        inputDone = true; // a failed source is finished: its error goes on unchanged
        throw error;
      }
      if (next.done) {
        inputDone = true;
        break;
      }
      let buf: Buffer = next.value;
      if (carry) {
        buf = Buffer.concat([carry, buf]);
        base -= carry.length;
        carry = null;
      }
      const n = buf.length;
      let i = 0;
      while (i < n) {
        if (piece !== Piece.None) {
          // Cut: find the end of the piece in this chunk.
          const from = i;
          let end = -1;
          if (piece === Piece.Container) {
            for (; i < n; i++) {
              const b = buf[i]!;
              if (inString) {
                if (escaped) escaped = false;
                else if (b === BACKSLASH) escaped = true;
                else if (b === QUOTE) inString = false;
              } else if (b === QUOTE) inString = true;
              else if (b === OPEN_BRACE || b === OPEN_BRACKET) depth++;
              else if (b === CLOSE_BRACE || b === CLOSE_BRACKET) {
                if (--depth === 0) {
                  end = ++i;
                  break;
                }
              }
            }
          } else if (piece === Piece.String) {
            // The opening quote is the piece's first byte: skip it.
            if (i === pieceStart - base) i++;
            for (; i < n; i++) {
              const b = buf[i]!;
              if (escaped) escaped = false;
              else if (b === BACKSLASH) escaped = true;
              else if (b === QUOTE) {
                end = ++i;
                break;
              }
            }
          } else {
            while (i < n && BARE[buf[i]!]) i++;
            if (i < n) end = i;
          }
          if (end < 0) {
            parts.push(buf.subarray(from, n));
            continue;
          }
          const bytes = parts.length === 0 ? buf.subarray(from, end) : Buffer.concat([...parts, buf.subarray(from, end)]);
          let value: unknown;
          try {
            value = JSON.parse(bytes.toString('utf8'));
          } catch {
            value = await parseSlowly(bytes);
          }
          accept(value);
          if (batch.length >= BATCH_LIMIT) {
            const full = batch;
            batch = [];
            yield full;
          }
          continue;
        }

        // Between pieces: whitespace and the root's structure.
        const b = buf[i]!;
        if (isAsciiSpace(b)) {
          i++;
          continue;
        }
        if (b >= 0x80) {
          const wide = wideSpace(buf, i);
          if (wide > 0) {
            i += wide;
            continue;
          }
          if (wide < 0) {
            carry = Buffer.from(buf.subarray(i));
            i = n;
            break;
          }
        }
        sawContent = true;
        const at = base + i;
        switch (state) {
          case State.Start:
            if (b !== (rootIsArray ? OPEN_BRACKET : OPEN_BRACE)) fail(`expected ${options.expected}`, at);
            if (rootIsArray) {
              sawArray = inArray = true;
              state = State.ElementOrEnd;
            } else state = State.KeyOrEnd;
            i++;
            break;
          case State.KeyOrEnd:
          case State.Key:
            if (b === CLOSE_BRACE && state === State.KeyOrEnd) {
              state = State.Done;
              i++;
            } else if (b === QUOTE) {
              startPiece(b, at, Target.Key);
            } else {
              unexpected(b, at, 'expected an object key');
            }
            break;
          case State.Colon:
            if (b !== COLON) unexpected(b, at, "expected ':'");
            state = State.MemberValue;
            i++;
            break;
          case State.MemberValue:
            if (key === options.arrayKey) {
              sawArray = true;
              if (b !== OPEN_BRACKET) fail(`"${options.arrayKey}" must be an array`, at);
              inArray = true;
              key = null;
              state = State.ElementOrEnd;
              i++;
            } else if (!startPiece(b, at, Target.Member)) {
              unexpected(b, at, 'expected a value');
            }
            break;
          case State.MemberComma:
            if (b === COMMA) state = State.Key;
            else if (b === CLOSE_BRACE) state = State.Done;
            else unexpected(b, at, "expected ',' or '}'");
            i++;
            break;
          case State.ElementOrEnd:
          case State.Element:
            if (b === CLOSE_BRACKET && state === State.ElementOrEnd) {
              inArray = false;
              state = rootIsArray ? State.Done : State.MemberComma;
              i++;
            } else if (!startPiece(b, at, Target.Element)) {
              unexpected(b, at, b === CLOSE_BRACKET ? "unexpected token ']'" : 'expected a value');
            }
            break;
          case State.ElementComma:
            if (b === COMMA) state = State.Element;
            else if (b === CLOSE_BRACKET) {
              inArray = false;
              state = rootIsArray ? State.Done : State.MemberComma;
            } else unexpected(b, at, "expected ',' or ']'");
            i++;
            break;
          case State.Done:
            unexpected(b, at, 'unexpected characters after the end of the body');
        }
      }
      base += n;
      if (batch.length > 0) {
        const full = batch;
        batch = [];
        yield full;
      }
    }

    // The end of the body: a bare value may end here; anything else unfinished is an error.
    if (carry) fail(`invalid JSON: unexpected characters`, base - carry.length);
    if (piece === Piece.Bare) {
      const bytes = Buffer.concat(parts);
      let value: unknown;
      try {
        value = JSON.parse(bytes.toString('utf8'));
      } catch {
        value = await parseSlowly(bytes);
      }
      accept(value);
      if (batch.length > 0) yield batch;
      batch = [];
    }
    if (piece !== Piece.None) {
      // Let stream-json say what is missing in the cut-off piece.
      const outcome = await parseWithStreamJson(Buffer.concat(parts));
      fail(`invalid JSON: ${outcome.ok ? 'the body ends too early' : outcome.message}`, base);
    }
    if (!sawContent) fail(`the body is empty: expected ${options.expected}`, null);
    if (state !== State.Done) fail(`invalid JSON: the body ends too early${inArray ? ` (inside "${options.arrayKey ?? 'the array'}")` : ''}`, base);
  } finally {
    // Also when the consumer stops early or the body is rejected: let the source release the request.
    if (!inputDone) await iterator.return?.();
  }
  if (!rootIsArray && !sawArray) fail(`expected ${options.expected} with a "${options.arrayKey}" array`, null);
  options.onEnd?.();
}
