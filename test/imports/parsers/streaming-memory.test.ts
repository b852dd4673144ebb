/**
 * The import parsers must stream: a 50 MB body may not be held in memory (DESIGN §7: RSS ≤ 4 × body).
 * These tests push ~30 MB through each parser while counting rows, and check the heap that stays
 * live (sampled after forced garbage collections) grows far less than the body.
 */
import v8 from 'node:v8';
import vm from 'node:vm';
import { describe, expect, it } from 'vitest';
import type { ParsedItem } from '../../../server/imports/import-row.js';
import { csvOptionsFromQuery, parseCsv } from '../../../server/imports/parsers/csv.js';
import { parseGeoJson } from '../../../server/imports/parsers/geojson.js';

const BODY_BYTES = 30_000_000;
const MB = 1_000_000;

// Forcing GC separates live memory from garbage that simply has not been collected yet.
v8.setFlagsFromString('--expose-gc');
const gc = vm.runInNewContext('gc') as (() => void) | undefined;

/** Generates a body of about `bytes` bytes lazily, in ~100 kB chunks, from a header, rows and a footer. */
async function* generatedBody(bytes: number, head: string, rowText: (i: number) => string, foot: string): AsyncGenerator<Buffer> {
  yield Buffer.from(head);
  let produced = 0;
  let parts: string[] = [];
  let partBytes = 0;
  for (let i = 0; produced < bytes; i++) {
    const text = rowText(i);
    parts.push(text);
    partBytes += text.length;
    produced += text.length;
    if (partBytes > 100_000) {
      yield Buffer.from(parts.join(''));
      parts = [];
      partBytes = 0;
    }
  }
  yield Buffer.from(parts.join('') + foot);
}

async function measure(items: AsyncIterable<ParsedItem>): Promise<{ rows: number; errors: number; growthBytes: number }> {
  gc?.();
  const baseline = process.memoryUsage().heapUsed;
  let growthBytes = 0;
  let rows = 0;
  let errors = 0;
  for await (const item of items) {
    if (item.kind === 'row') rows++;
    else errors++;
    if ((rows + errors) % 20_000 === 0) {
      gc?.();
      growthBytes = Math.max(growthBytes, process.memoryUsage().heapUsed - baseline);
    }
  }
  return { rows, errors, growthBytes };
}

// Without a forced GC the figure includes uncollected garbage, hence the looser bound.
const BOUND = gc ? 20 * MB : 60 * MB;

describe('parsers stream a 30 MB body in bounded memory', () => {
  it('parseGeoJson', { timeout: 60_000 }, async () => {
    const feature = (i: number) =>
      `${i === 0 ? '' : ','}{"type":"Feature","geometry":{"type":"Point","coordinates":[${18 + (i % 1000) / 1e4},${59 + (i % 777) / 1e4}]},` +
      `"properties":{"id":"r-${i}","category":"skadegorelse","observedAt":"2026-08-22T21:30:00+02:00","severity":${1 + (i % 3)},"description":"Krossad ruta vid busshållplatsen"}}`;
    const body = generatedBody(BODY_BYTES, '{"type":"FeatureCollection","features":[', feature, ']}');
    const { rows, errors, growthBytes } = await measure(parseGeoJson(body));
    expect(errors).toBe(0);
    expect(rows).toBeGreaterThan(100_000);
    expect(growthBytes).toBeLessThan(BOUND);
  });

  it('parseCsv', { timeout: 60_000 }, async () => {
    const line = (i: number) =>
      `r-${i};skadegorelse;2026-08-22 21:${String(i % 60).padStart(2, '0')};59,${3000 + (i % 777)};18,${1000 + (i % 1000)};${1 + (i % 3)};Krossad ruta vid busshållplatsen\n`;
    const body = generatedBody(BODY_BYTES, 'id;category;observed_at;lat;lng;severity;description\n', line, '');
    const { rows, errors, growthBytes } = await measure(parseCsv(body, csvOptionsFromQuery({})));
    expect(errors).toBe(0);
    expect(rows).toBeGreaterThan(300_000);
    expect(growthBytes).toBeLessThan(BOUND);
  });
});
