import fc from 'fast-check';
import { fuzzCase, type FuzzCase } from '../../support/fuzz';
import { encodeLoosely, hugeString, nastyString, NUMBER_STRINGS, unknownKey, WORD_EDGES } from './junk';

/**
 * Bad query strings for a strict query schema: one parameter with a bad value among good ones, a
 * parameter repeated (`?res=9&res=10`), bracket syntax (`res[]=9`), an unknown parameter, or raw
 * half-encoded junk. Each case says which parameter the error must name.
 */
export interface QueryParam {
  name: string;
  /** Values the schema accepts (used around the bad one, and twice for the repeat case). */
  valid: fc.Arbitrary<string>;
  /** Values the schema must refuse. */
  invalid: fc.Arbitrary<string>;
  /** Repeating the parameter is accepted (none of ours: the simple parser makes an array). */
  repeatable?: boolean;
}

type Pair = [string, string];

const joinQuery = (pairs: Pair[], raw: boolean) => pairs.map(([k, v]) => `${encodeLoosely(k, raw)}=${encodeLoosely(v, raw)}`).join('&');

/** Long values that still fit in Node's 16 kB request head once percent-encoded (at most 9 bytes a character). */
export const longQueryValue = fc.oneof(
  fc.integer({ min: 201, max: 4_000 }).map((n) => 'a'.repeat(n)),
  fc.integer({ min: 310, max: 4_000 }).map((n) => '9'.repeat(n)),
  fc.integer({ min: 100, max: 600 }).map((n) => 'å,'.repeat(n)),
);

/** Strings a query value can carry: junk words, number spellings, unicode, SQL/HTML, long ones. */
export const queryJunk = fc.oneof(nastyString, fc.constantFrom(...NUMBER_STRINGS, ...WORD_EDGES), longQueryValue, hugeString(300, 600));

export function badQueries(opts: {
  path: string;
  method?: string;
  params: QueryParam[];
  headers: fc.Arbitrary<Record<string, string>>;
  /** Request body and its headers, for a POST whose query is what is being fuzzed. */
  body?: { text: string; headers: Record<string, string> };
  /**
   * Only the bad-value and repeat cases: for a route that ignores unknown parameters on purpose
   * (imports pass CSV column names through), where raw junk could also split a bad value into a good one.
   */
  knownParamsOnly?: boolean;
}): fc.Arbitrary<FuzzCase> {
  const names = new Set(opts.params.map((p) => p.name));
  const others = fc.subarray(opts.params, { maxLength: Math.min(3, opts.params.length) }).chain((ps) => (ps.length ? fc.tuple(...ps.map((p) => p.valid.map((v): Pair => [p.name, v]))) : fc.constant([] as Pair[])));
  const param = fc.constantFrom(...opts.params);
  const build = (pairs: Pair[], raw: boolean) => `${opts.path}${opts.path.includes('?') ? '&' : '?'}${joinQuery(pairs, raw)}`;

  const oneBad = fc.tuple(param, others, fc.boolean()).chain(([p, rest, first]) =>
    p.invalid.map((v) => {
      const pairs: Pair[] = rest.filter(([k]) => k !== p.name);
      if (first) pairs.unshift([p.name, v]);
      else pairs.push([p.name, v]);
      return { pairs, path: p.name };
    }),
  );
  const repeated = param
    .filter((p) => !p.repeatable)
    .chain((p) => fc.tuple(p.valid, p.valid, others).map(([a, b, rest]) => ({ pairs: [...rest.filter(([k]) => k !== p.name), [p.name, a], [p.name, b]] as Pair[], path: p.name })));
  const brackets = fc.tuple(param, fc.constantFrom('[]', '[0]', '[a]', '[$gt]', '.x'), others).chain(([p, suffix, rest]) =>
    p.valid.map((v) => ({ pairs: [...rest, [`${p.name}${suffix}`, v]] as Pair[], path: `${p.name}${suffix}` })),
  );
  const unknown = fc.tuple(unknownKey.filter((k) => !names.has(k) && k.trim() === k && k.length > 0 && !/[\ud800-\udfff\ufffd]/.test(k)), queryJunk, others).map(([k, v, rest]) => ({
    pairs: [...rest, [k, v]] as Pair[],
    // A key with NUL is refused as unstorable text before the schema sees it, named "(key)".
    path: k.includes('\u0000') ? '(key)' : k,
  }));

  const method = opts.method ?? 'GET';
  const body = opts.body;
  const make = (c: { pairs: Pair[]; path: string }, h: Record<string, string>, raw: boolean) =>
    fuzzCase(
      { method, path: build(c.pairs, raw), headers: { ...h, ...body?.headers }, body: body?.text },
      // Raw: %, &, = and + stay as typed, so the split is the server's to make; only "400" is certain.
      raw ? { status: [400] } : { status: [400], path: c.path },
    );
  const h = opts.headers;
  const cases = [
    { weight: 6, arbitrary: fc.tuple(oneBad, h).map(([c, hs]) => make(c, hs, false)) },
    { weight: 2, arbitrary: fc.tuple(repeated, h).map(([c, hs]) => make(c, hs, false)) },
  ];
  if (!opts.knownParamsOnly) {
    cases.push(
      { weight: 1, arbitrary: fc.tuple(brackets, h).map(([c, hs]) => make(c, hs, false)) },
      { weight: 2, arbitrary: fc.tuple(unknown, h).map(([c, hs]) => make(c, hs, false)) },
      { weight: 2, arbitrary: fc.tuple(oneBad, h).map(([c, hs]) => make(c, hs, true)) },
    );
  }
  return fc.oneof(...cases);
}

/** Comma lists: empty, items that are not codes, more than 100 items. */
export function badCommaList(isItem: (s: string) => boolean): fc.Arbitrary<string> {
  return fc.oneof(
    fc.constantFrom('', ',', ' , ,', ',,,,'),
    fc.array(fc.oneof(nastyString, fc.constantFrom(...NUMBER_STRINGS)), { minLength: 1, maxLength: 4 }).map((a) => a.join(',')),
    fc.integer({ min: 101, max: 300 }).map((n) => Array.from({ length: n }, () => 'vald').join(',')),
    longQueryValue,
  ).filter((s) => {
    const items = s.split(',').map((x) => x.trim()).filter(Boolean);
    return items.length === 0 || items.length > 100 || items.some((x) => !isItem(x));
  });
}

export const isIsoWithOffsetLike = (s: string) => /^\s*\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}/i.test(s);

/** Timestamps the API must refuse: junk, and ones that look right but are not (Feb 30, no offset, +19:00). */
export const badTimestamp = fc.oneof(
  fc.oneof(nastyString, fc.constantFrom(...NUMBER_STRINGS), longQueryValue).filter((s) => !isIsoWithOffsetLike(s)),
  fc.constantFrom(
    '2026-02-30T00:00:00Z',
    '2025-02-29T12:00:00+01:00',
    '2026-13-01T00:00:00Z',
    '2026-00-10T00:00:00Z',
    '2026-01-01T24:00:00Z',
    '2026-01-01T00:60:00Z',
    '2026-01-01T00:00:60Z',
    '2026-01-01T00:00:00',
    '2026-01-01',
    '2026-01-01T00:00:00+19:00',
    '2026-01-01T00:00:00+05:60',
    '20260101T000000Z',
    '2026-01-01T00:00:00.Z',
    '+002026-01-01T00:00:00Z',
    '2026-W01-1T00:00:00Z',
    '1767225600',
    '2026-01-01T00:00:00.1234567890Z',
    '２０２６-01-01T00:00:00Z',
    '2026-01-01T00:00:00Z\u0000',
    '2026-01-01T00:00:00ZZ',
  ),
);

/** A bbox the API must refuse: wrong count, non-finite, out of range, west ≥ east or south ≥ north. */
export const badBbox = fc.oneof(
  fc.constantFrom('', '1,2,3', '1,2,3,4,5', '16,59,17', 'NaN,59,17,60', '16,59,Infinity,60', '16,59,1e309,60', '-1e309,59,17,60', '0x10,59,17,60',
    '181,59,182,60', '16,-91,17,60', '16,59,17,91', '-181,0,0,1', '17,59,16,60', '16,60,17,59', '16,59,16,60', '16,59,17,59', '16;59;17;60', '16 59 17 60', ',,,', '1e999,1,2,3'),
  fc.array(fc.oneof(nastyString, fc.constantFrom(...NUMBER_STRINGS)), { minLength: 1, maxLength: 6 }).map((a) => a.join(',')),
).filter((s) => {
  const n = s.split(',').map((x) => Number(x.trim()));
  if (n.length !== 4 || n.some((x) => !Number.isFinite(x))) return true;
  const [w, so, e, no] = n as [number, number, number, number];
  return !(w >= -180 && e <= 180 && so >= -90 && no <= 90 && w < e && so < no);
});

/** Numbers outside [min, max] or not integers, as the API's Number() coercion sees them. */
export function badIntString(min: number, max: number): fc.Arbitrary<string> {
  return fc
    .oneof(
      fc.constantFrom(...NUMBER_STRINGS, String(min - 1), String(max + 1), `${min}.5`, '-1', '1e1', '2147483648', '-9007199254740993', '1e21'),
      fc.integer().map(String),
      nastyString,
      longQueryValue,
    )
    .filter((s) => {
      const n = Number(s);
      return !(Number.isInteger(n) && n >= min && n <= max);
    });
}
