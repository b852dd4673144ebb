import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createUser } from '../../server/areas/areas.service';
import { createApiToken } from '../../server/auth/auth.service';
import { BACKENDS } from '../support/backends';
import { createTestArea, PASSWORD, type TestArea } from '../support/fixtures';
import { startTestServer, type TestServer } from '../support/server';
import { reportBody, send, sessionCookieOf, type RawResponse } from './http';

describe.each(BACKENDS)('authentication (%s)', (backend) => {
  let server: TestServer;
  let area: TestArea;
  let api: string;

  beforeAll(async () => {
    server = await startTestServer({ backend });
    area = await createTestArea(server.db, 'auth');
    api = `${server.url}/api/v1`;
  });
  afterAll(async () => {
    await server?.close();
  });

  function login(email: string, password = PASSWORD): Promise<RawResponse> {
    return send(`${api}/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', origin: server.url },
      body: JSON.stringify({ email, password }),
    });
  }

  async function sessionOf(email: string): Promise<string> {
    const res = await login(email);
    expect(res.status).toBe(200);
    return sessionCookieOf(res);
  }

  const me = (headers: Record<string, string>) => send(`${api}/me`, { headers });

  function postReport(headers: Record<string, string>) {
    return send(`${api}/reports`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...headers },
      body: JSON.stringify(reportBody()),
    });
  }

  describe('login', () => {
    it('sets an HttpOnly, SameSite=Lax session cookie and answers with the user', async () => {
      const res = await login(area.users.planner.email);
      expect(res.status).toBe(200);
      const setCookie = res.headers.get('set-cookie')!;
      expect(setCookie).toMatch(/^tk_session=[^;]+;/);
      expect(setCookie).toMatch(/;\s*HttpOnly/i);
      expect(setCookie).toMatch(/;\s*SameSite=Lax/i);
      expect(setCookie).toMatch(/;\s*Path=\//i);
      expect(res.body.user).toMatchObject({ email: area.users.planner.email, role: 'planner', area: { code: 'auth' } });
      expect(res.body.user).not.toHaveProperty('passwordHash');
    });

    it('gives a session cookie that /me accepts', async () => {
      const cookie = await sessionOf(area.users.reporter.email);
      const res = await me({ cookie });
      expect(res.status).toBe(200);
      expect(res.body.user).toMatchObject({ id: area.users.reporter.id, role: 'reporter', area: { id: area.id, code: 'auth' } });
    });

    it('accepts the email in any letter case', async () => {
      const res = await login(area.users.analyst.email.toUpperCase());
      expect(res.status).toBe(200);
      expect(res.body.user.email).toBe(area.users.analyst.email);
    });

    it('refuses a wrong password with 401 invalid_credentials and sets no cookie', async () => {
      const res = await login(area.users.planner.email, 'not-the-password');
      expect(res.status).toBe(401);
      expect(res.body.error).toMatchObject({ code: 'invalid_credentials', message: 'Wrong email or password' });
      expect(res.headers.get('set-cookie')).toBeNull();
    });

    it('answers an unknown email exactly like a wrong password', async () => {
      const wrongPassword = await login(area.users.planner.email, 'not-the-password');
      const unknownEmail = await login('nobody@auth.test', PASSWORD);
      expect(unknownEmail.status).toBe(401);
      expect(unknownEmail.body).toEqual(wrongPassword.body);
    });

    it.each(['email', 'password'])('refuses a login without %s with 400 naming the field', async (field) => {
      const body: Record<string, string> = { email: area.users.planner.email, password: PASSWORD };
      delete body[field];
      const res = await send(`${api}/auth/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', origin: server.url },
        body: JSON.stringify(body),
      });
      expect(res.status).toBe(400);
      expect(res.body.error.code).toBe('validation_failed');
      expect(res.body.error.details.map((d: { path: string }) => d.path)).toEqual([field]);
    });

    it('refuses a login sent from another origin', async () => {
      const res = await send(`${api}/auth/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', origin: 'https://evil.example' },
        body: JSON.stringify({ email: area.users.planner.email, password: PASSWORD }),
      });
      expect(res.status).toBe(403);
      expect(res.headers.get('set-cookie')).toBeNull();
    });
  });

  describe('logout', () => {
    it('ends the session: its cookie no longer works', async () => {
      const cookie = await sessionOf(area.users.planner.email);
      const out = await send(`${api}/auth/logout`, { method: 'POST', headers: { cookie, origin: server.url } });
      expect(out.status).toBe(204);
      const res = await me({ cookie });
      expect(res.status).toBe(401);
      expect(res.body.error.code).toBe('unauthenticated');
    });

    it('logout-all ends every session of the user and leaves other users logged in', async () => {
      const phone = await sessionOf(area.users.walker.email);
      const laptop = await sessionOf(area.users.walker.email);
      const colleague = await sessionOf(area.users.admin.email);
      const out = await send(`${api}/auth/logout-all`, { method: 'POST', headers: { cookie: phone, origin: server.url } });
      expect(out.status).toBe(204);
      expect((await me({ cookie: phone })).status).toBe(401);
      expect((await me({ cookie: laptop })).status).toBe(401);
      expect((await me({ cookie: colleague })).status).toBe(200);
    });
  });

  describe('disabled users', () => {
    it('lose their sessions and tokens and can no longer log in', async () => {
      const leaver = await createUser(server.db, { email: 'leaver@auth.test', name: 'Leaver', role: 'planner', areaCode: 'auth', password: PASSWORD });
      const cookie = await sessionOf('leaver@auth.test');
      const { token } = await createApiToken(server.db, { id: leaver.id, areaId: area.id }, 'leaver');
      await server.db.updateTable('users').set({ disabled_at: new Date() }).where('id', '=', leaver.id).execute();
      expect((await me({ cookie })).status).toBe(401);
      expect((await me({ authorization: `Bearer ${token}` })).status).toBe(401);
      const again = await login('leaver@auth.test');
      expect(again.status).toBe(401);
      expect(again.body.error.code).toBe('invalid_credentials');
    });
  });

  describe('bearer tokens', () => {
    it('authenticate as the token owner', async () => {
      const { token } = await createApiToken(server.db, { id: area.users.analyst.id, areaId: area.id }, 'ci');
      const res = await me({ authorization: `Bearer ${token}` });
      expect(res.status).toBe(200);
      expect(res.body.user).toMatchObject({ id: area.users.analyst.id, role: 'analyst' });
    });

    it('stop working once revoked', async () => {
      const { id, token } = await createApiToken(server.db, { id: area.users.analyst.id, areaId: area.id }, 'revoked');
      await server.db.updateTable('api_tokens').set({ revoked_at: new Date() }).where('id', '=', id).execute();
      const res = await me({ authorization: `Bearer ${token}` });
      expect(res.status).toBe(401);
      expect(res.body.error.code).toBe('unauthenticated');
    });

    it('marked read-only may read but not write', async () => {
      const { token } = await createApiToken(server.db, { id: area.users.reporter.id, areaId: area.id }, 'dashboard', true);
      expect((await me({ authorization: `Bearer ${token}` })).status).toBe(200);
      const res = await postReport({ authorization: `Bearer ${token}` });
      expect(res.status).toBe(403);
      expect(res.body.error.code).toBe('forbidden');
    });

    it('refuse an unknown token with 401', async () => {
      const res = await me({ authorization: 'Bearer tk_this-token-was-never-issued' });
      expect(res.status).toBe(401);
      expect(res.body.error.code).toBe('unauthenticated');
    });

    it.each(['Token abc', 'Bearer', 'Bearer two parts', 'Basic dXNlcjpwYXNz'])(
      'refuse a malformed Authorization header (%s) with 401',
      async (header) => {
        const res = await me({ authorization: header });
        expect(res.status).toBe(401);
        expect(res.body.error.code).toBe('unauthenticated');
      },
    );

    it('are not overridden by a valid session cookie sent alongside a bad token', async () => {
      const cookie = await sessionOf(area.users.planner.email);
      const res = await me({ cookie, authorization: 'Bearer tk_unknown' });
      expect(res.status).toBe(401);
    });
  });

  describe('cross-site request protection', () => {
    it('refuses a cookie-authenticated POST without an Origin header', async () => {
      const cookie = await sessionOf(area.users.reporter.email);
      const res = await postReport({ cookie });
      expect(res.status).toBe(403);
      expect(res.body.error.code).toBe('forbidden');
    });

    it('refuses a cookie-authenticated POST from another origin', async () => {
      const cookie = await sessionOf(area.users.reporter.email);
      const res = await postReport({ cookie, origin: 'https://evil.example' });
      expect(res.status).toBe(403);
      expect(res.body.error.code).toBe('forbidden');
    });

    it('accepts a cookie-authenticated POST from the server’s own origin', async () => {
      const cookie = await sessionOf(area.users.reporter.email);
      const res = await postReport({ cookie, origin: server.url });
      expect(res.status).toBe(201);
    });

    it('needs no Origin for a bearer-token POST', async () => {
      const { token } = await createApiToken(server.db, { id: area.users.reporter.id, areaId: area.id }, 'phone');
      const res = await postReport({ authorization: `Bearer ${token}` });
      expect(res.status).toBe(201);
    });
  });

  describe('anonymous callers', () => {
    it('get /health without logging in', async () => {
      const res = await send(`${api}/health`);
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({ status: 'ok', database: 'ok' });
    });

    it('get 401 from /me', async () => {
      const res = await me({});
      expect(res.status).toBe(401);
      expect(res.body.error.code).toBe('unauthenticated');
    });
  });
});
