/**
 * The byte-level splitter behind parseGeoJson and parsePolisenEvents against a reference: the
 * whole body parsed by stream-json (what these parsers used before). For valid bodies the same
 * elements must come out, whatever the chunking; for invalid ones, a MalformedBodyError.
 */
import fc from 'fast-check';
import Assembler from 'stream-json/Assembler.js';
import Parser from 'stream-json/Parser.js';
import { describe, expect, it } from 'vitest';
import { MalformedBodyError } from '../../../server/imports/parsers/errors.js';
import { streamJsonArray, type JsonArrayStreamOptions } from '../../../server/imports/parsers/json-stream.js';
import { inChunks } from './helpers.js';

/** Fixed seeds keep CI reproducible; PROPERTY_SEED=<n> explores others (a failure prints its seed). */
const SEED = process.env.PROPERTY_SEED ? Number(process.env.PROPERTY_SEED) : 20_261_130;

type Outcome = { ok: true; elements: unknown[]; members: Array<[string, unknown]> } | { ok: false; message: string };

/**
 * stream-json over the whole body: the value and, from its token stream, the primitive members of
 * the root object in the order they are read (duplicate keys included: the splitter reports each
 * member as it reads it, which the assembled object, keeping one value per key, cannot show).
 */
function referenceParse(body: Buffer): Promise<{ ok: true; value: unknown; rootMembers: Array<[string, unknown]> } | { ok: false }> {
  return new Promise((resolve) => {
    const parser = new Parser({ packValues: true, streamValues: false });
    const assembler = new Assembler();
    const rootMembers: Array<[string, unknown]> = [];
    let depth = 0;
    let key: string | null = null;
    let value: unknown;
    let done = false;
    parser.on('data', (token: { name: string; value?: string }) => {
      assembler.consume(token);
      if (token.name === 'startObject' || token.name === 'startArray') depth++;
      else if (token.name === 'endObject' || token.name === 'endArray') depth--;
      else if (depth === 1 && token.name === 'keyValue') key = token.value!;
      else if (depth === 1 && key !== null) {
        const primitive: Record<string, unknown> = { stringValue: token.value, numberValue: Number(token.value), nullValue: null, trueValue: true, falseValue: false };
        if (token.name in primitive) rootMembers.push([key, primitive[token.name]]);
      }
      if (assembler.done && !done) {
        done = true;
        value = assembler.current;
      }
    });
    parser.on('error', () => resolve({ ok: false }));
    parser.on('end', () => resolve(done ? { ok: true, value, rootMembers } : { ok: false }));
    parser.end(body);
  });
}

async function reference(body: Buffer, arrayKey: string | null): Promise<Outcome | 'malformed'> {
  const parsed = await referenceParse(body);
  if (!parsed.ok) return 'malformed';
  const root = parsed.value;
  if (arrayKey === null) return Array.isArray(root) ? { ok: true, elements: root, members: [] } : 'malformed';
  if (typeof root !== 'object' || root === null || Array.isArray(root)) return 'malformed';
  const record = root as Record<string, unknown>;
  if (!Array.isArray(record[arrayKey])) return 'malformed';
  const members = parsed.rootMembers.filter(([k]) => k !== arrayKey);
  return { ok: true, elements: record[arrayKey] as unknown[], members };
}

async function actual(body: Buffer, arrayKey: string | null, chunk: number): Promise<Outcome> {
  const members: Array<[string, unknown]> = [];
  const options: JsonArrayStreamOptions = { arrayKey, expected: 'a test body', onRootMember: (k, v) => void members.push([k, v]) };
  const elements: unknown[] = [];
  try {
    for await (const { index, value } of streamJsonArray(inChunks(body, chunk), options)) {
      expect(index).toBe(elements.length);
      elements.push(value);
    }
    return { ok: true, elements, members };
  } catch (error) {
    if (error instanceof MalformedBodyError) return { ok: false, message: error.message };
    throw error;
  }
}

// Whitespace stream-json skips between tokens: JSON's own and JavaScript's other \s characters.
const SPACE = fc.constantFrom('', '', '', ' ', '\n', '\r\n', '\t', '  ', '\u00a0', '\ufeff', '\u2028', '\u3000', '\v');
const text = fc.string({ unit: fc.constantFrom('a', 'ö', '"', '\\', '/', '\n', '\u0001', '€', '😀', ']', '}', ',', ':', '[', '{', ' ') });

/** Serialises a JSON value with random whitespace and random (valid) string escapes. */
function serialise(value: unknown, spaces: () => string, escapes: () => boolean): string {
  const str = (s: string) =>
    escapes()
      ? `"${[...s].map((c) => (c === '"' ? '\\"' : c === '\\' ? '\\\\' : `\\u${c.codePointAt(0)! > 0xffff ? JSON.stringify(c).slice(1, -1) : c.charCodeAt(0).toString(16).padStart(4, '0')}`)).join('')}"`
      : JSON.stringify(s);
  const go = (v: unknown): string => {
    if (typeof v === 'string') return str(v);
    if (Array.isArray(v)) return `[${spaces()}${v.map((x) => `${go(x)}${spaces()}`).join(`,${spaces()}`)}]`;
    if (v && typeof v === 'object') return `{${spaces()}${Object.entries(v).map(([k, x]) => `${str(k)}${spaces()}:${spaces()}${go(x)}${spaces()}`).join(`,${spaces()}`)}}`;
    return JSON.stringify(v);
  };
  return go(value);
}

const element = fc.letrec((tie) => ({
  value: fc.oneof({ depthSize: 'small' }, fc.integer(), fc.double({ noNaN: true, noDefaultInfinity: true }), fc.boolean(), fc.constant(null), text, tie('array'), tie('object')),
  array: fc.array(tie('value'), { maxLength: 4 }),
  object: fc.dictionary(fc.oneof(text, fc.constantFrom('type', 'features')), tie('value'), { maxKeys: 4 }),
})).value;

const collection = fc.record({
  before: fc.dictionary(text.filter((k) => k !== 'features'), fc.oneof(text, fc.integer(), fc.constant(null), element), { maxKeys: 3 }),
  elements: fc.array(element, { maxLength: 6 }),
  after: fc.dictionary(text.filter((k) => k !== 'features'), fc.oneof(text, fc.boolean(), element), { maxKeys: 2 }),
});

const mutation = fc.record({ at: fc.nat(), kind: fc.constantFrom('delete', 'insert', 'replace', 'cut'), char: fc.constantFrom('"', '\\', '{', '}', '[', ']', ',', ':', 'x', '1', ' ', '\u00a0', '\u0000') });

function mutate(body: string, m: { at: number; kind: string; char: string }): string {
  const at = body.length === 0 ? 0 : m.at % body.length;
  if (m.kind === 'delete') return body.slice(0, at) + body.slice(at + 1);
  if (m.kind === 'insert') return body.slice(0, at) + m.char + body.slice(at);
  if (m.kind === 'cut') return body.slice(0, at);
  return body.slice(0, at) + m.char + body.slice(at + 1);
}

async function compare(body: Buffer, arrayKey: string | null, chunks: number[]) {
  const expected = await reference(body, arrayKey);
  for (const chunk of chunks) {
    const got = await actual(body, arrayKey, chunk);
    if (expected === 'malformed') expect(got.ok, `${body.toString()} (chunk ${chunk}) should be refused`).toBe(false);
    else expect(got, `${body.toString()} (chunk ${chunk})`).toEqual(expected);
  }
}

describe('streamJsonArray (byte-level splitting, JSON.parse per element)', () => {
  const chunkSizes = fc.array(fc.integer({ min: 1, max: 64 }), { minLength: 1, maxLength: 3 });

  it('gives stream-json\'s elements for valid root objects, whatever the whitespace, escapes and chunks', async () => {
    await fc.assert(
      fc.asyncProperty(collection, fc.array(SPACE, { minLength: 1 }), fc.array(fc.boolean(), { minLength: 1 }), chunkSizes, async (c, sp, esc, chunks) => {
        let s = 0;
        let e = 0;
        const spaces = () => sp[s++ % sp.length]!;
        const escapes = () => esc[e++ % esc.length]!;
        const root = { ...c.before, features: c.elements, ...c.after };
        const body = Buffer.from(`${spaces()}${serialise(root, spaces, escapes)}${spaces()}`);
        await compare(body, 'features', [...chunks, body.length || 1]);
      }),
      { numRuns: 300, seed: SEED + 0 },
    );
  });

  it('gives stream-json\'s elements for valid root arrays', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(element, { maxLength: 6 }), fc.array(SPACE, { minLength: 1 }), chunkSizes, async (elements, sp, chunks) => {
        let s = 0;
        const body = Buffer.from(serialise(elements, () => sp[s++ % sp.length]!, () => false));
        await compare(body, null, chunks);
      }),
      { numRuns: 200, seed: SEED + 1 },
    );
  });

  it('refuses what stream-json refuses (random corruptions of valid bodies)', async () => {
    await fc.assert(
      fc.asyncProperty(collection, fc.array(mutation, { minLength: 1, maxLength: 3 }), chunkSizes, fc.boolean(), async (c, mutations, chunks, rootArray) => {
        let text = JSON.stringify(rootArray ? c.elements : { ...c.before, features: c.elements, ...c.after });
        for (const m of mutations) text = mutate(text, m);
        await compare(Buffer.from(text), rootArray ? null : 'features', chunks);
      }),
      { numRuns: 500, seed: SEED + 2 },
    );
  });

  it('reports a repeated root member each time it is read, as the reference token stream shows it', async () => {
    // Found by the corruption property (seed -1419969175): a deleted quote made two keys "".
    const body = Buffer.from('{"":null,"aaaa":true,"":"x","features":[1,{}]}');
    expect(await reference(body, 'features')).toEqual({ ok: true, elements: [1, {}], members: [['', null], ['aaaa', true], ['', 'x']] });
    await compare(body, 'features', [1, 3, body.length]);
  });

  it('keeps the element bytes whole across chunk boundaries inside strings, escapes and multibyte characters', async () => {
    const value = { a: 'x\\"y\\\\', b: ['}', ']', '{"'], c: 'åäö 😀 \u2028', d: -1.5e-3 };
    const body = Buffer.from(`{"type":"T","features":[${JSON.stringify(value)},${JSON.stringify(value)}]}`);
    for (let chunk = 1; chunk <= 12; chunk++) expect((await actual(body, 'features', chunk)).ok && (await actual(body, 'features', chunk))).toEqual({ ok: true, elements: [value, value], members: [['type', 'T']] });
  });

  it('says where a syntax error is, near the byte', async () => {
    const body = `{"type":"FeatureCollection","features":[{"a":1},{"b":[1,2}]}`;
    const got = await actual(Buffer.from(body), 'features', 5);
    expect(got.ok).toBe(false);
    const position = Number(/near byte (\d+)/.exec((got as { message: string }).message)![1]);
    expect(Math.abs(position - body.indexOf('2}'))).toBeLessThanOrEqual(8);
  });

  it('names the unfinished body and the trailing characters', async () => {
    expect(await actual(Buffer.from('{"features":[{"a":1}'), 'features', 4)).toMatchObject({ ok: false, message: expect.stringMatching(/ends too early/) });
    expect(await actual(Buffer.from('[1,2] x'), null, 4)).toMatchObject({ ok: false, message: expect.stringMatching(/after the end/) });
    expect(await actual(Buffer.from('[1,]'), null, 4)).toMatchObject({ ok: false, message: expect.stringMatching(/unexpected token ']'/) });
  });
});
