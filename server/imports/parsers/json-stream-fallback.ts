/**
 * stream-json as the second opinion on one JSON value that JSON.parse refused. stream-json reads a
 * little more than strict JSON (any JavaScript whitespace between tokens, such as a BOM or a
 * no-break space), as the import parsers always have; for anything else it says what is wrong and
 * where, in the words the import answers have always used.
 */
import { type Transform, type TransformCallback } from 'node:stream';
import Assembler from 'stream-json/Assembler.js';
import Parser from 'stream-json/Parser.js';

export type StreamJsonOutcome = { ok: true; value: unknown } | { ok: false; message: string; position: number | null };

// stream-json keeps the text it has not consumed yet in `_buffer` and decodes bytes in
// `_transformBuffer`; counting bytes there tells where a syntax error is.
type ParserInternals = Transform & {
  _buffer?: unknown;
  _transformBuffer?: (chunk: Buffer, encoding: BufferEncoding, callback: TransformCallback) => void;
};

/**
 * Parses one complete JSON value (no streaming needed: the caller has its bytes). The bytes are
 * fed in small pieces because stream-json can only tell where an error is to within one write.
 */
export function parseWithStreamJson(bytes: Buffer): Promise<StreamJsonOutcome> {
  const parser = new Parser({ packValues: true, streamValues: false }) as unknown as ParserInternals;
  let bytesIn = 0;
  let errorAt: number | null = null;
  const original = parser._transformBuffer;
  const position = () =>
    typeof original === 'function' && typeof parser._buffer === 'string' ? Math.max(0, bytesIn - Buffer.byteLength(parser._buffer)) : null;
  if (typeof original === 'function') {
    parser._transformBuffer = function (chunk, encoding, callback) {
      bytesIn += chunk.length;
      original.call(this, chunk, encoding, (error?: Error | null, data?: unknown) => {
        if (error && errorAt === null) errorAt = position();
        callback(error, data);
      });
    };
  }
  const assembler = new Assembler();
  let value: unknown = undefined;
  let done = false;
  return new Promise((resolve) => {
    parser.on('data', (token: { name: string; value?: string }) => {
      assembler.consume(token);
      if (assembler.done && !done) {
        done = true;
        value = assembler.current;
      }
    });
    parser.on('error', (error: Error) => {
      const message = error.message.replace(/^Parser (cannot parse input: )?/, '');
      resolve({ ok: false, message, position: errorAt ?? position() });
    });
    parser.on('end', () => resolve(done ? { ok: true, value } : { ok: false, message: 'expected a value', position: bytesIn }));
    // At most 64 Ki writes, so a large piece does not take long; 8 bytes for the usual few hundred.
    const step = Math.max(8, Math.ceil(bytes.length / 65_536));
    for (let i = 0; i < bytes.length && !parser.destroyed; i += step) parser.write(bytes.subarray(i, i + step));
    if (!parser.destroyed) parser.end();
  });
}
