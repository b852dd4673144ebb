/**
 * Bytes → text for CSV uploads whose encoding nobody declares. Swedish Excel saves "CSV (semikolonavgränsad)"
 * as Windows-1252, "CSV UTF-8" with a BOM, and "Unicode-text" as UTF-16LE with a BOM; other tools write
 * UTF-8 without BOM. The encoding is chosen once from the start of the file; text is then decoded
 * chunk by chunk so memory stays bounded.
 */
import { isUtf8 } from 'node:buffer';
import iconv from 'iconv-lite';

export type TextEncodingName = 'utf-8' | 'windows-1252' | 'utf-16le' | 'utf-16be';

export interface DecodedText {
  text: string;
  /**
   * The bytes behind `text` were not valid UTF-8 although the file was read as UTF-8; invalid
   * sequences appear as U+FFFD in `text`. The CSV parser turns rows holding U+FFFD into errors.
   */
  invalidUtf8: boolean;
}

/** Enough to see a header and many rows; a Windows-1252 "ö" is nearly always among them. */
const SNIFF_BYTES = 64 * 1024;

/**
 * @param onEncoding called once with the encoding chosen, before the first text is yielded.
 */
export async function* decodeText(
  input: AsyncIterable<Buffer>,
  onEncoding: (encoding: TextEncodingName) => void = () => {},
): AsyncGenerator<DecodedText> {
  const iterator = input[Symbol.asyncIterator]();
  let exhausted = false;
  const nextChunk = async (): Promise<Buffer | null> => {
    if (exhausted) return null;
    const next = await iterator.next();
    if (next.done) exhausted = true;
    return next.done ? null : toBuffer(next.value);
  };
  const rest: AsyncIterable<Buffer> = {
    async *[Symbol.asyncIterator]() {
      for (let chunk = await nextChunk(); chunk !== null; chunk = await nextChunk()) yield chunk;
    },
  };

  try {
    const sniffed: Buffer[] = [];
    let sniffedBytes = 0;
    while (sniffedBytes < SNIFF_BYTES) {
      const chunk = await nextChunk();
      if (chunk === null) break;
      sniffed.push(chunk);
      sniffedBytes += chunk.length;
    }
    let head = Buffer.concat(sniffed);

    const { encoding, bomLength } = detectEncoding(head, exhausted);
    onEncoding(encoding);
    head = head.subarray(bomLength);

    if (encoding === 'utf-8') {
      yield* decodeUtf8(head, rest);
    } else {
      const decoder = iconv.getDecoder(encoding === 'windows-1252' ? 'win1252' : encoding);
      const first = decoder.write(head);
      if (first) yield { text: first, invalidUtf8: false };
      for await (const chunk of rest) {
        const text = decoder.write(chunk);
        if (text) yield { text, invalidUtf8: false };
      }
      const tail = decoder.end();
      if (tail) yield { text: tail, invalidUtf8: false };
    }
  } finally {
    // Also when the consumer stops early: let the source release the request or file.
    if (!exhausted) await iterator.return?.();
  }
}

export function detectEncoding(head: Buffer, isWholeInput: boolean): { encoding: TextEncodingName; bomLength: number } {
  if (head[0] === 0xef && head[1] === 0xbb && head[2] === 0xbf) return { encoding: 'utf-8', bomLength: 3 };
  if (head[0] === 0xff && head[1] === 0xfe) return { encoding: 'utf-16le', bomLength: 2 };
  if (head[0] === 0xfe && head[1] === 0xff) return { encoding: 'utf-16be', bomLength: 2 };
  // A multibyte character may be cut at the end of the sniffed bytes; that is not an error.
  const cut = isWholeInput ? head.length : completeUtf8Length(head);
  return { encoding: isUtf8(head.subarray(0, cut)) ? 'utf-8' : 'windows-1252', bomLength: 0 };
}

/** Length of `bytes` without a trailing, incomplete UTF-8 sequence. */
export function completeUtf8Length(bytes: Buffer): number {
  const length = bytes.length;
  for (let i = length - 1; i >= Math.max(0, length - 4); i--) {
    const byte = bytes[i]!;
    if ((byte & 0xc0) === 0x80) continue; // continuation byte: keep looking for the lead byte
    const needed = byte >= 0xf0 ? 4 : byte >= 0xe0 ? 3 : byte >= 0xc0 ? 2 : 1;
    return i + needed > length ? i : length;
  }
  return length;
}

async function* decodeUtf8(head: Buffer, rest: AsyncIterable<Buffer>): AsyncGenerator<DecodedText> {
  let carry = Buffer.alloc(0);
  const decode = (bytes: Buffer, final: boolean): DecodedText | null => {
    const buffer = carry.length > 0 ? Buffer.concat([carry, bytes]) : bytes;
    const cut = final ? buffer.length : completeUtf8Length(buffer);
    carry = Buffer.from(buffer.subarray(cut));
    if (cut === 0) return null;
    const complete = buffer.subarray(0, cut);
    return { text: complete.toString('utf8'), invalidUtf8: !isUtf8(complete) };
  };

  const first = decode(head, false);
  if (first) yield first;
  for await (const chunk of rest) {
    const decoded = decode(chunk, false);
    if (decoded) yield decoded;
  }
  const last = decode(Buffer.alloc(0), true);
  if (last) yield last;
}

function toBuffer(chunk: Buffer | Uint8Array | string): Buffer {
  if (Buffer.isBuffer(chunk)) return chunk;
  return typeof chunk === 'string' ? Buffer.from(chunk, 'utf8') : Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength);
}
