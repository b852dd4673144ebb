import fc from 'fast-check';
import { afterAll, beforeAll, describe, it } from 'vitest';
import { BACKENDS } from '../../support/backends';
import { createTestArea, type TestArea } from '../../support/fixtures';
import { fuzzCase, TableWatch } from '../../support/fuzz';
import { fuzzFamily, fuzzResults, printFuzzResults } from './runner';
import { startTestServer, type TestServer } from '../../support/server';
import { badJsonBodies } from './bodies';
import { hasUnstorableText, headerValue, hugeString, JsonObject, junkValue, nastyString, plain, toJsonText, unknownKey } from './junk';

/**
 * Login and logout under bad input: malformed credentials never reach the account lookup, wrong
 * ones open no session, and nothing is stored but the failed-login record the lockout needs.
 */

const LOGIN_LIMIT = 10 * 1024;
/** Length as zod measures it. */
const codePoints = (s: string) => [...s].length;

describe.each(BACKENDS)('fuzz: login and logout (%s)', (backend) => {
  let server: TestServer;
  let area: TestArea;
  let watch: TableWatch;

  beforeAll(async () => {
    server = await startTestServer({ backend, env: { RATE_LIMIT_LOGIN: '100000', RATE_LIMIT_ANALYTICS: '100000' } });
    area = await createTestArea(server.db, 'fuzz-auth');
    watch = await TableWatch.create(server.db);
  });
  afterAll(async () => {
    printFuzzResults(`login and logout (${backend})`);
    fuzzResults.length = 0;
    await server?.close();
  });

  it('POST /auth/login: malformed credentials are refused with 4xx JSON before any account is looked up', async () => {
    const anonymous = fc.constantFrom<Record<string, string>>({}, { origin: server.url });
    await fuzzFamily({
      family: 'POST /auth/login (malformed)',
      baseUrl: server.url,
      watch,
      runs: 150,
      cases: badJsonBodies({
        method: 'POST',
        path: '/api/v1/auth/login',
        base: { email: area.users.planner.email, password: 'not-the-password' },
        fields: [
          {
            name: 'email',
            required: true,
            invalid: fc.oneof(
              junkValue.filter((v) => typeof plain(v) !== 'string'),
              fc.constantFrom('', ' ', 'ab', '  a  ', '\t\n', '\u00a0a\u00a0'),
              hugeString(321, 20_000),
            ),
          },
          { name: 'password', required: true, invalid: fc.oneof(junkValue.filter((v) => typeof plain(v) !== 'string'), fc.constant(''), hugeString(1_025, 20_000)) },
        ],
        strict: false,
        limitBytes: LOGIN_LIMIT,
        headers: anonymous,
      }),
    });
  });

  it('POST /auth/login: well-formed but wrong credentials (SQL, HTML, unicode, extra fields) answer 401 or 429 (400 for unstorable text) and open no session', async () => {
    const email = fc.oneof(
      nastyString,
      fc.tuple(nastyString, fc.constantFrom('@fuzz-auth.test', '@x.se', '')).map(([a, b]) => a + b),
      fc.constantFrom(`${area.users.walker.email}'--`, `${area.users.walker.email.toUpperCase()} OR 1=1`, area.users.walker.email),
    ).filter((s) => codePoints(s.trim()) >= 3 && codePoints(s.trim()) <= 320);
    const password = fc.oneof(nastyString, hugeString(1, 1_024)).filter((s) => codePoints(s) >= 1 && codePoints(s) <= 1_024 && s !== 'correct-horse-battery');
    const extra = fc.dictionary(unknownKey.filter((k) => k !== 'email' && k !== 'password'), junkValue, { maxKeys: 2 });
    await fuzzFamily({
      family: 'POST /auth/login (wrong credentials)',
      baseUrl: server.url,
      watch,
      // Each attempt costs a deliberate scrypt verification (~0.1 s on two cores).
      runs: 100,
      cases: fc.tuple(email, password, extra).map(([e, p, x]) => {
        const body = toJsonText(new JsonObject([['email', e], ['password', p], ...Object.entries(x)]));
        // Deep junk in an extra field can pass the 10 kB limit: then the size is refused first.
        const status = Buffer.byteLength(body) > LOGIN_LIMIT ? [413] : hasUnstorableText(body) ? [400] : [401, 429];
        return fuzzCase({ method: 'POST', path: '/api/v1/auth/login', headers: { 'content-type': 'application/json' }, body }, { status });
      }),
      // The lockout counts failures per typed email (migration 0006): that row is the point.
      allowChange: (key, before, after) => key.startsWith('login_failures:') && (key.endsWith(':md5') || Number(after) === Number(before) + 1),
    });
  });

  it('POST /auth/logout: junk cookies and bodies are never a 5xx and end no one else\'s session', async () => {
    const body = fc.oneof(fc.constant(undefined), fc.constantFrom('{', '[]', '{"all":true}', 'null'), junkValue.map(toJsonText));
    await fuzzFamily({
      family: 'POST /auth/logout',
      baseUrl: server.url,
      watch,
      runs: 100,
      cases: fc.tuple(headerValue, fc.boolean(), body).map(([cookie, withOrigin, b]) =>
        fuzzCase(
          {
            method: 'POST',
            path: '/api/v1/auth/logout',
            headers: { cookie: `tk_session=${cookie}`, ...(withOrigin ? { origin: server.url } : {}), ...(b === undefined ? {} : { 'content-type': 'application/json' }) },
            body: b,
          },
          { lenient: true },
        ),
      ),
    });
  });

});

