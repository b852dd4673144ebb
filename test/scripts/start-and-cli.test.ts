import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { runScript, startServerProcess } from '../support/spawn';
import { TEST_DATABASE_URL } from '../support/backends';

const BOUNDARY = {
  type: 'FeatureCollection',
  features: [
    {
      type: 'Feature',
      properties: { name: 'Testkommun' },
      geometry: { type: 'Polygon', coordinates: [[[11.9, 57.65], [12.05, 57.65], [12.05, 57.75], [11.9, 57.75], [11.9, 57.65]]] },
    },
  ],
};

// Each test starts fresh PGlite processes (~15 s idle, several times that on a loaded 2-core machine).
describe('npm start on a fresh embedded database, and the admin CLI beside it', { timeout: 180_000 }, () => {
  let dataDir: string;
  let boundaryFile: string;

  beforeAll(() => {
    dataDir = mkdtempSync(path.join(os.tmpdir(), 'tk-start-'));
    boundaryFile = path.join(dataDir, '..', `${path.basename(dataDir)}-boundary.geojson`);
    writeFileSync(boundaryFile, JSON.stringify(BOUNDARY));
  });
  afterAll(() => {
    rmSync(dataDir, { recursive: true, force: true });
    rmSync(boundaryFile, { force: true });
  });

  it('starts, migrates, seeds the demo, prints the logins, and the demo planner can log in', async () => {
    const server = await startServerProcess({ PORT: '0', DATA_DIR: dataDir });
    try {
      expect(server.output()).toMatch(/planerare@demo\.tryggkarta\.se/);
      expect(server.output()).toMatch(/password: demo-losenord-2026/);
      const port = /listening on http:\/\/localhost:(\d+)/.exec(server.output())?.[1];
      const base = `http://127.0.0.1:${port}`;
      expect((await (await fetch(`${base}/api/v1/health`)).json()).status).toBe('ok');
      const login = await fetch(`${base}/api/v1/auth/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ email: 'planerare@demo.tryggkarta.se', password: 'demo-losenord-2026' }),
      });
      expect(login.status).toBe(200);
      const page = await fetch(`${base}/`);
      expect(await page.text()).toMatch(/<html/i);
    } finally {
      await server.stop();
    }
  });

  it('refuses to open the data directory while a server holds it', async () => {
    const server = await startServerProcess({ PORT: '0', DATA_DIR: dataDir });
    try {
      const res = await runScript('scripts/admin.ts', ['create-token', '--email', 'admin@demo.tryggkarta.se'], { DATA_DIR: dataDir });
      expect(res.code).not.toBe(0);
      expect(res.stderr).toMatch(/in use by the Tryggkarta server/);
    } finally {
      await server.stop();
    }
  });

  it('creates an area, a user and a token; the token is the last line of stdout', async () => {
    const env = { DATA_DIR: dataDir };
    const area = await runScript('scripts/admin.ts', ['create-area', '--code', 'testkommun', '--name', 'Testkommun', '--boundary', boundaryFile], env);
    expect(area.code, area.stderr).toBe(0);
    const user = await runScript(
      'scripts/admin.ts',
      ['create-user', '--email', 'Anna@Example.se', '--name', 'Anna', '--role', 'planner', '--area', 'testkommun', '--password', 'a-long-password-1'],
      env,
    );
    expect(user.code, user.stderr).toBe(0);
    const token = await runScript('scripts/admin.ts', ['create-token', '--email', 'anna@example.se', '--name', 'gis'], env);
    expect(token.code, token.stderr).toBe(0);
    const last = token.stdout.trim().split('\n').pop()!;
    expect(last).toMatch(/^tk_[A-Za-z0-9_-]{40,}$/);
  });

  it('explains bad CLI input instead of crashing', async () => {
    const env = { DATA_DIR: dataDir };
    const short = await runScript(
      'scripts/admin.ts',
      ['create-user', '--email', 'b@example.se', '--name', 'B', '--role', 'planner', '--area', 'testkommun', '--password', 'short'],
      env,
    );
    expect(short.code).toBe(1);
    expect(short.stderr).toMatch(/at least 12 characters/);
    const noFile = await runScript('scripts/admin.ts', ['create-area', '--code', 'x', '--name', 'X', '--boundary', '/nonexistent.geojson'], env);
    expect(noFile.code).toBe(1);
    expect(noFile.stderr).toMatch(/Cannot read/);
  });

  it('stops a production start without SESSION_SECRET, naming it', async () => {
    const res = await runScript('server/main.ts', [], { NODE_ENV: 'production', DATA_DIR: dataDir, SESSION_SECRET: '' });
    expect(res.code).toBe(1);
    expect(res.stderr).toMatch(/SESSION_SECRET/);
  });
});

describe.skipIf(!TEST_DATABASE_URL)('npm start with DATABASE_URL', () => {
  const name = `tk_start_${randomBytes(4).toString('hex')}`;
  let url: string;

  beforeAll(async () => {
    const admin = new pg.Client({ connectionString: TEST_DATABASE_URL });
    await admin.connect();
    await admin.query(`CREATE DATABASE ${name}`);
    await admin.end();
    const u = new URL(TEST_DATABASE_URL!);
    u.pathname = `/${name}`;
    url = u.toString();
  });
  afterAll(async () => {
    const admin = new pg.Client({ connectionString: TEST_DATABASE_URL });
    await admin.connect();
    await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    await admin.end();
  });

  it('migrates the server database and seeds no demo data there', async () => {
    const server = await startServerProcess({ PORT: '0', DATABASE_URL: url, DATA_DIR: '/nonexistent-never-used' });
    await server.stop();
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    const migrations = await client.query('SELECT count(*)::int AS n FROM schema_migrations');
    const areas = await client.query('SELECT count(*)::int AS n FROM areas');
    await client.end();
    expect(migrations.rows[0].n).toBeGreaterThanOrEqual(2);
    expect(areas.rows[0].n).toBe(0);
    expect(server.output()).not.toMatch(/Demo area/);
  });
});
