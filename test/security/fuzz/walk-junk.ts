import fc from 'fast-check';
import { encodeLoosely, hugeString, junkValue, nastyString, plain } from './junk';
import { badTimestamp } from './queries';

/** Bad values shared by the walk, finding and photo fuzz families. */

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const isString = (v: unknown) => typeof plain(v) === 'string';

/** Anything but a UUID. */
export const badUuid = fc.oneof(
  junkValue.filter((v) => !(isString(v) && UUID.test(plain(v) as string))),
  fc.uuid().chain((u) => fc.constantFrom(`{${u}}`, `urn:uuid:${u}`, u.replace(/-/g, ''), `${u} `, u.slice(1), `${u}0`, u.replace(/[0-9a-f]$/, 'g'))),
);
export const badTimestampValue = fc.oneof(badTimestamp, junkValue.filter((v) => !isString(v)));

/** Path ids the by-id routes must refuse with 400 naming "id". */
export const badIdSegment = fc.oneof(
  fc
    .tuple(fc.oneof(nastyString, hugeString(37, 600)), fc.boolean())
    .filter(([s]) => s.length > 0 && !UUID.test(s))
    .map(([s, raw]) => encodeLoosely(s, raw).replace(/\//g, '%2F').replace(/\?/g, '%3F')),
  fc.constantFrom('..', '.', '%2e%2e', 'null', '0', '-1', '1e309', '%00', '%', '%E0%A4%A', '%ff', '%ED%A0%80'),
);

