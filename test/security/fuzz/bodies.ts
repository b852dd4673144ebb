import fc from 'fast-check';
import { fuzzCase, type FuzzCase } from '../../support/fuzz';
import { BAD_CHARSET_TYPES, deepJunk, hasUnstorableText, JsonObject, malformedJson, NOT_JSON_TYPES, toJsonText, unknownKey } from './junk';

/**
 * Bad bodies for a JSON route: one field wrong among good ones, a required field missing, an
 * unknown field, a body that is not an object, text that is not JSON, the wrong content type or
 * charset, an undecodable Content-Encoding, and bodies past the route's size limit.
 */
export interface BodyField {
  name: string;
  required: boolean;
  /** Values the route must refuse for this field (wrong type, out of range, too long...). */
  invalid: fc.Arbitrary<unknown>;
  /** Statuses for a bad value here, when some are refused by the service (422) rather than the schema. */
  status?: number[];
}

export interface JsonRoute {
  method: string;
  path: fc.Arbitrary<string> | string;
  /** A body the route accepts. */
  base: Record<string, unknown>;
  /** Valid variations of the base (nasty but allowed text, optional fields), applied before breaking it. */
  decorate?: fc.Arbitrary<Record<string, unknown>>;
  fields: BodyField[];
  /** Unknown fields are refused (zod strictObject). */
  strict: boolean;
  /** express.json's limit for the route, in bytes. */
  limitBytes: number;
  headers: fc.Arbitrary<Record<string, string>>;
  /** The status a validation failure gets (400; a route checking something first may differ). */
  validationStatus?: number[];
}

const JSON_TYPE = { 'content-type': 'application/json' };

export function badJsonBodies(route: JsonRoute): fc.Arbitrary<FuzzCase> {
  const path = typeof route.path === 'string' ? fc.constant(route.path) : route.path;
  const base = (route.decorate ?? fc.constant({})).map((d) => JsonObject.from({ ...route.base, ...d }));
  const names = new Set(route.fields.map((f) => f.name));
  const validation = route.validationStatus ?? [400];

  const req = (p: string, headers: Record<string, string>, body: string | Uint8Array | undefined, expectation: { status?: number[]; path?: string }, extra = {}) => {
    const size = body === undefined ? 0 : typeof body === 'string' ? Buffer.byteLength(body) : body.length;
    // Past the limit the size is refused first, whatever else is wrong; then text the database
    // cannot store (NUL, lone surrogates), wherever it is in a body that parses.
    const parses = typeof body === 'string' && expectation.status?.every((s) => s === 400 || s === 422);
    const exp = size > route.limitBytes ? { status: [413] } : parses && hasUnstorableText(body) ? { status: [400] } : expectation;
    return fuzzCase({ method: route.method, path: p, headers, body, ...extra }, exp);
  };
  const withType = (h: Record<string, string>) => ({ ...h, ...JSON_TYPE });

  const field = fc.constantFrom(...route.fields);
  const oneBad = fc.tuple(path, route.headers, base, field).chain(([p, h, b, f]) =>
    f.invalid.map((v) => req(p, withType(h), toJsonText(b.set(f.name, v)), { status: f.status ?? validation, path: f.name })),
  );
  const required = route.fields.filter((f) => f.required);
  const missing = required.length
    ? fc.tuple(path, route.headers, base, fc.constantFrom(...required)).map(([p, h, b, f]) => req(p, withType(h), toJsonText(b.without(f.name)), { status: validation, path: f.name }))
    : undefined;
  const unknown = route.strict
    ? fc
        .tuple(path, route.headers, base, unknownKey.filter((k) => !names.has(k) && k !== ''), fc.oneof(fc.constant(null), fc.integer(), fc.string()))
        .map(([p, h, b, k, v]) => req(p, withType(h), toJsonText(b.set(k, v)), { status: validation, path: k }))
    : undefined;
  const notAnObject = fc
    .tuple(path, route.headers, fc.oneof(fc.constant('[]'), fc.constant('[{}]'), deepJunk.map((d) => d.text), base.map((b) => `[${toJsonText(b)}]`)))
    .map(([p, h, text]) => req(p, withType(h), text, { status: validation }));
  const notJson = fc.tuple(path, route.headers, malformedJson).map(([p, h, text]) => req(p, withType(h), text, { status: [400] }));
  const empty = fc.tuple(path, route.headers).map(([p, h]) => req(p, withType(h), '', { status: validation }));
  const wrongType = fc
    .tuple(path, route.headers, base, fc.constantFrom(...NOT_JSON_TYPES, ...BAD_CHARSET_TYPES))
    .map(([p, h, b, type]) => req(p, { ...h, 'content-type': type }, toJsonText(b), { status: [415] }));
  const noType = fc.tuple(path, route.headers, base).map(([p, h, b]) => req(p, h, toJsonText(b), { status: [415] }));
  const encoding = fc
    .tuple(path, route.headers, base, fc.constantFrom('gzip', 'deflate', 'br', 'x-unknown', 'gzip, gzip', 'identity, gzip'))
    .map(([p, h, b, enc]) => req(p, { ...withType(h), 'content-encoding': enc }, toJsonText(b), { status: [400, 415] }));
  const tooLarge = fc
    .tuple(path, route.headers, base, fc.integer({ min: 1, max: 300_000 }), fc.boolean())
    .map(([p, h, b, over, chunked]) => {
      const pad = 'x'.repeat(route.limitBytes + over);
      return req(p, withType(h), toJsonText(b.set(route.fields[0]!.name, pad)), { status: [413] }, { chunked });
    });

  return fc.oneof(
    { weight: 10, arbitrary: oneBad },
    ...(missing ? [{ weight: 2, arbitrary: missing }] : []),
    ...(unknown ? [{ weight: 2, arbitrary: unknown }] : []),
    { weight: 1, arbitrary: notAnObject },
    { weight: 2, arbitrary: notJson },
    { weight: 1, arbitrary: empty },
    { weight: 1, arbitrary: wrongType },
    { weight: 1, arbitrary: noType },
    { weight: 1, arbitrary: encoding },
    { weight: 1, arbitrary: tooLarge },
  );
}
