/** Shared test helpers for the import parsers: byte streams in small chunks, and collecting items. */
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { ImportRow, ParsedItem, RowError } from '../../../server/imports/import-row.js';

/** Feeds `body` in chunks of `size` bytes, so every multibyte character and token gets split somewhere. */
export async function* inChunks(body: string | Buffer, size = 7): AsyncGenerator<Buffer> {
  const bytes = typeof body === 'string' ? Buffer.from(body, 'utf8') : body;
  for (let i = 0; i < bytes.length; i += size) yield bytes.subarray(i, i + size);
}

export async function collect(items: AsyncIterable<ParsedItem>): Promise<{ rows: ImportRow[]; errors: RowError[] }> {
  const rows: ImportRow[] = [];
  const errors: RowError[] = [];
  for await (const item of items) {
    if (item.kind === 'row') rows.push(item.row);
    else errors.push(item.error);
  }
  return { rows, errors };
}

/** Absolute path of a file in the team's shared data folder (../shared/data from the repo root). */
export function sharedData(relative: string): string {
  return fileURLToPath(new URL(`../../../../shared/data/${relative}`, import.meta.url));
}

export const hasSharedData = (relative: string): boolean => existsSync(sharedData(relative));

export function fixture(name: string): string {
  return fileURLToPath(new URL(`../../fixtures/imports/${name}`, import.meta.url));
}
