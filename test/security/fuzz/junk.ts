import fc from 'fast-check';

/**
 * Generators of bad input shared by the fuzz families: strings that break naive code, wrong JSON
 * types, number literals JSON.stringify cannot write, deep nesting and broken JSON text.
 */

/** A piece of JSON text spliced in as is (1e309, -0, 1000-deep arrays): values JSON.stringify cannot produce. */
export class RawJson {
  constructor(readonly text: string) {}
}

/** A JSON object whose keys may be anything ("__proto__", "", "a.b"), in order. */
export class JsonObject {
  constructor(readonly entries: [string, unknown][]) {}

  static from(value: Record<string, unknown>): JsonObject {
    return new JsonObject(Object.entries(value));
  }

  set(key: string, value: unknown): JsonObject {
    return this.entries.some(([k]) => k === key)
      ? new JsonObject(this.entries.map(([k, v]) => [k, k === key ? value : v]))
      : new JsonObject([...this.entries, [key, value]]);
  }

  without(key: string): JsonObject {
    return new JsonObject(this.entries.filter(([k]) => k !== key));
  }
}

/** The JSON value a generated one stands for (RawJson parsed, JsonObject as an object), for checking what a field would receive. */
export const plain = (v: unknown): unknown => (v instanceof RawJson ? JSON.parse(v.text) : v instanceof JsonObject ? Object.fromEntries(v.entries) : v);

/** JSON text for plain values, arrays, JsonObject and RawJson. */
export function toJsonText(value: unknown): string {
  if (value instanceof RawJson) return value.text;
  if (value instanceof JsonObject) return `{${value.entries.map(([k, v]) => `${JSON.stringify(k)}:${toJsonText(v)}`).join(',')}}`;
  if (Array.isArray(value)) return `[${value.map(toJsonText).join(',')}]`;
  if (value !== null && typeof value === 'object') return toJsonText(JsonObject.from(value as Record<string, unknown>));
  return JSON.stringify(value) ?? 'null';
}

export const SQL_FRAGMENTS = [
  "'; DROP TABLE reports;--",
  '1 OR 1=1',
  "' OR '1'='1",
  "1'; SELECT pg_sleep(10);--",
  '$$; DELETE FROM users; $$',
  "vald'); INSERT INTO reports DEFAULT VALUES;--",
  '\\x00',
  "E'\\\\'",
  '/**/UNION/**/SELECT/**/password_hash/**/FROM/**/users',
];

export const HTML_FRAGMENTS = [
  '<script>alert(1)</script>',
  '<img src=x onerror=alert(1)>',
  '"><svg onload=alert(1)>',
  'javascript:alert(1)',
  '{{constructor.constructor("alert(1)")()}}',
  '<!--',
  ']]>',
];

export const UNICODE_EDGES = [
  '\u0000',
  'a\u0000b',
  '\ud800',
  '\udfff',
  'x\udc00\ud800y',
  '\u202eevil\u202c',
  '\u200f\u200e\u200b',
  '\ufeff',
  '\uffff\ufffe',
  '👮‍♀️🚓🇸🇪',
  'e\u0301\u0301\u0301\u0301',
  'Z\u0364\u0351\u0313a\u0308\u0356\u0324l\u0367g\u030c\u0317o\u0319',
  'İı ß ﬃ ǅ',
  '\u2028\u2029',
  '\r\n\t\u000b\u000c',
  '\u001b[31m',
  '\u{10ffff}',
  'Göteborgs stad',
];

export const WORD_EDGES = [
  '',
  ' ',
  'null',
  'undefined',
  'true',
  '[]',
  '{}',
  '__proto__',
  'constructor',
  'NaN',
  'Infinity',
  '-Infinity',
  '-0',
  '1e309',
  '0x1F',
  '1_000',
  '%',
  '%00',
  '%zz',
  '%ff',
  '%ED%A0%80',
  '%C0%AF',
  '../../etc/passwd',
  '..\\..\\',
  '${jndi:ldap://x}',
];

export const NASTY_STRINGS = [...SQL_FRAGMENTS, ...HTML_FRAGMENTS, ...UNICODE_EDGES, ...WORD_EDGES];

const loneSurrogate = fc.integer({ min: 0xd800, max: 0xdfff }).map((c) => String.fromCharCode(c));

/** Short strings that break naive code: SQL, HTML, lone surrogates, NUL, RTL marks, combining marks. */
export const nastyString: fc.Arbitrary<string> = fc.oneof(
  { weight: 4, arbitrary: fc.constantFrom(...NASTY_STRINGS) },
  { weight: 2, arbitrary: fc.array(fc.constantFrom(...NASTY_STRINGS), { minLength: 2, maxLength: 4 }).map((a) => a.join('')) },
  { weight: 2, arbitrary: fc.string({ unit: 'binary', maxLength: 24 }) },
  { weight: 1, arbitrary: fc.string({ unit: fc.oneof(loneSurrogate, fc.constantFrom('\u0301', '\u202e', '🚓', 'å')), maxLength: 12 }) },
  { weight: 1, arbitrary: fc.nat(300).map((n) => `a${'\u0301'.repeat(n)}`) },
);

/**
 * At least `min` code points (zod and PostgreSQL count code points, not UTF-16 units), up to
 * about `max`, built by repetition so generating stays cheap.
 */
export function hugeString(min = 2_001, max = 400_000): fc.Arbitrary<string> {
  return fc
    .tuple(fc.constantFrom('a', 'å', '🚓', 'e\u0301', "'", '<b>', '\u202e', ' x', '\\', '"', '\ud800'), fc.integer({ min, max }))
    .map(([unit, n]) => unit.repeat(Math.ceil(n / [...unit].length)));
}

/** Number literals JSON allows but JS cannot write back: Infinity after parsing, -0, beyond 2^53, beyond int4. */
export const RAW_NUMBERS = ['1e309', '-1e309', '-0', '-0.0', '1e-400', '123456789012345678901234567890', '9007199254740993', '2147483648', '-2147483649', '1.5', '1E+2', '0.0000001'];
export const rawNumber = fc.constantFrom(...RAW_NUMBERS).map((t) => new RawJson(t));

/** Numbers as strings: what a form or a query string sends. */
export const NUMBER_STRINGS = ['NaN', 'Infinity', '-Infinity', '1e309', '-1e309', '-0', '0x10', '1e3', ' 7 ', '7.0', '٣', '７', '1,5', '+1', '--1', '', '9'.repeat(400)];

/** `[[[[…]]]]` or `{"a":{"a":…}}` nested `depth` deep. */
export function deepJson(depth: number, kind: 'array' | 'object'): RawJson {
  return kind === 'array' ? new RawJson('['.repeat(depth) + ']'.repeat(depth)) : new RawJson('{"a":'.repeat(depth) + '1' + '}'.repeat(depth));
}
export const deepJunk = fc
  .tuple(fc.constantFrom(100, 1000, 1000, 5000), fc.constantFrom<'array' | 'object'>('array', 'object'))
  .map(([d, k]) => deepJson(d, k));

/** Any JSON value at all (the caller filters out the ones a field would accept). */
export const junkValue: fc.Arbitrary<unknown> = fc.oneof(
  fc.constant(null),
  fc.boolean(),
  fc.integer(),
  fc.double(),
  rawNumber,
  nastyString,
  fc.constantFrom(...NUMBER_STRINGS),
  fc.array(fc.oneof(fc.integer(), nastyString, fc.constant(null)), { maxLength: 5 }),
  fc.dictionary(nastyString, fc.oneof(fc.integer(), nastyString), { maxKeys: 3 }).map((d) => JsonObject.from(d)),
  deepJunk,
);

/** A key the schemas do not know, possibly one that confuses naive code. */
export const unknownKey = fc.oneof(
  fc.constantFrom('__proto__', 'constructor', 'prototype', 'area_id', 'areaId', 'reporterId', 'role', 'source', 'admin', 'a.b', '$where', 'id ', ' category'),
  nastyString.filter((s) => s.length > 0),
);

/** JSON text that does not parse. */
export const MALFORMED_JSON = [
  '{',
  '{"email": }',
  "{'email': 'a'}",
  '{"a":1,}',
  '[1,2,',
  '{"a":NaN}',
  '{"a":Infinity}',
  '{"a":undefined}',
  '{"a":1} trailing',
  '{"a":"\\ud800\\x"}',
  '{"a":"unterminated}',
  '/* comment */ {}',
  '\ufeff{"a":1}x',
  '{"a":01}',
  '{"a":.5}',
  '{"a":"\u0001"}',
  'nul\u0000l',
  '"just a string"',
  '12',
  'true',
  'null',
];
export const malformedJson = fc.oneof(
  fc.constantFrom(...MALFORMED_JSON),
  fc.string({ unit: 'binary', minLength: 1, maxLength: 40 }).filter((s) => {
    try {
      JSON.parse(s);
      return false;
    } catch {
      return true;
    }
  }),
);

/** Content types that are not application/json (or a JSON type with a charset body-parser refuses). */
export const NOT_JSON_TYPES = [
  'text/plain',
  'text/html',
  'application/x-www-form-urlencoded',
  'multipart/form-data; boundary=x',
  'application/xml',
  'application/geo+json',
  'application/jsonx',
  'application/octet-stream',
  'text/csv',
];
export const BAD_CHARSET_TYPES = ['application/json; charset=utf-16', 'application/json; charset=ebcdic', 'application/json; charset=latin1'];

/** Visible ASCII and Latin-1: what an HTTP header value can carry at all. */
export const headerValue = fc.oneof(
  fc.constantFrom(...SQL_FRAGMENTS, ...HTML_FRAGMENTS, 'null', '', ' ', '%00', '\t', 'Bearer', 'Bearer ', 'Basic YTpi', 'bearer  x y'),
  fc.string({ unit: fc.integer({ min: 0x20, max: 0xff }).filter((c) => c < 0x7f || c > 0x9f).map((c) => String.fromCharCode(c)), maxLength: 300 }),
);

const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;

/**
 * JSON text holding a string PostgreSQL cannot store: NUL, or a lone surrogate (JSON.stringify
 * writes those, and only those, as \\uD8xx escapes). The API refuses it with 400 naming that string's
 * path (server/http/unstorable-text.ts), before any other check of the body.
 */
export const hasUnstorableText = (jsonText: string) => jsonText.includes('\u0000') || /\\u0000|\\ud[89a-f][0-9a-f]{2}/i.test(jsonText);
/**
 * A path segment whose percent-encoding does not decode (`%`, `%E0%A4%A`): Express refuses it with
 * 400 before the route runs, naming "(path)" rather than the parameter.
 */
export function undecodable(segment: string): boolean {
  try {
    decodeURIComponent(segment);
    return false;
  } catch {
    return true;
  }
}

/** Lone surrogates cannot be percent-encoded (URIError): they become U+FFFD on the wire. */
export const wellFormed = (s: string) => s.replace(LONE_SURROGATE, '\ufffd');

/** Percent-encodes for a query string or path, or in raw mode leaves %, &, =, + as they are (half-broken escapes). */
export function encodeLoosely(s: string, raw: boolean): string {
  if (!raw) return encodeURIComponent(wellFormed(s));
  // Never a space or # raw: they would end the request target.
  return s.replace(/[^\x21-\x7e]|#/gu, (c) => encodeURIComponent(wellFormed(c)));
}
