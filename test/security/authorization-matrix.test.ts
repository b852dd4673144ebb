import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import sharp from 'sharp';
import { ACCESS_POLICY, type Access } from '../../server/auth/access-policy';
import { registeredRoutes } from '../../server/http/guarded-router';
import { createApiToken } from '../../server/auth/auth.service';
import { pointToStorageCell } from '../../server/h3/cells';
import type { Role } from '../../server/db/schema';
import { BACKENDS } from '../support/backends';
import { startTestServer, type TestServer } from '../support/server';
import { createTestArea, type TestArea } from '../support/fixtures';

type Caller = 'anonymous' | Role;
const CALLERS: Caller[] = ['anonymous', 'reporter', 'walker', 'planner', 'analyst', 'admin'];

/** What the matrix promises for a caller: allowed (any answer but 401/403), 401 or 403. */
function expected(access: Access, caller: Caller): 'allowed' | 401 | 403 {
  if (access === 'public') return 'allowed';
  if (caller === 'anonymous') return 401;
  if (access === 'authenticated') return 'allowed';
  return (access as readonly Role[]).includes(caller) ? 'allowed' : 403;
}

const entries = Object.entries(ACCESS_POLICY) as [string, Access][];

describe.each(BACKENDS)('authorisation matrix (%s)', (backend) => {
  let server: TestServer;
  let own: TestArea;
  let other: TestArea;
  const tokens = {} as Record<Role, string>;
  let tinyJpeg: Buffer;

  async function newReport(area: TestArea, reporterId: number) {
    const id = crypto.randomUUID();
    await server.db
      .insertInto('reports')
      .values({
        area_id: area.id,
        id,
        category: 'klotter',
        observed_at: new Date('2026-05-01T12:00:00Z'),
        geom: sql`ST_SetSRID(ST_MakePoint(16.5, 59.37), 4326)`,
        h3: pointToStorageCell(16.5, 59.37),
        source: 'app',
        reporter_id: reporterId,
      })
      .execute();
    return id;
  }

  async function newZone(area: TestArea) {
    const id = crypto.randomUUID();
    await server.db
      .insertInto('zones')
      .values({ area_id: area.id, id, name: `Zon ${id}`, geom: sql`ST_Multi(ST_Buffer(ST_SetSRID(ST_MakePoint(16.5, 59.37), 4326), 0.002))` })
      .execute();
    return id;
  }

  /** A planned walk led by the area's walker. */
  async function newWalk(area: TestArea) {
    const id = crypto.randomUUID();
    await server.db
      .insertInto('walks')
      .values({ area_id: area.id, id, name: 'Matrisvandring', planned_at: new Date('2026-05-01T16:00:00Z'), leader_id: area.users.walker.id, created_by: area.users.walker.id })
      .execute();
    return id;
  }

  /** A finding on a fresh walk of the area's walker, with its mirror report. */
  async function newFinding(area: TestArea) {
    const walkId = await newWalk(area);
    const id = await newReport(area, area.users.walker.id);
    await server.db.updateTable('reports').set({ source: 'walk', category: 'belysning' }).where('id', '=', id).execute();
    await server.db
      .insertInto('findings')
      .values({
        area_id: area.id,
        id,
        walk_id: walkId,
        category: 'belysning',
        geom: sql`ST_SetSRID(ST_MakePoint(16.5, 59.37), 4326)`,
        priority: 2,
        responsible: 'kommun',
        observed_at: new Date('2026-05-01T12:00:00Z'),
        created_by: area.users.walker.id,
      })
      .execute();
    return id;
  }

  /** A photo of a report of the area's reporter. */
  async function newPhoto(area: TestArea) {
    const id = crypto.randomUUID();
    await server.db
      .insertInto('photos')
      .values({
        area_id: area.id,
        id,
        report_id: await newReport(area, area.users.reporter.id),
        uploaded_by: area.users.reporter.id,
        content_type: 'image/jpeg',
        width: 8,
        height: 8,
        image: tinyJpeg,
        thumb_width: 8,
        thumb_height: 8,
        thumb: tinyJpeg,
        original_sha256: 'a'.repeat(64),
        original_bytes: tinyJpeg.length,
      })
      .execute();
    return id;
  }

  /** A draft patrol plan with no targets. */
  async function newPlan(area: TestArea) {
    const id = crypto.randomUUID();
    await server.db
      .insertInto('patrol_plans')
      .values({ area_id: area.id, id, name: 'Matrisplan', period_from: new Date('2026-05-01T00:00:00Z'), period_to: new Date('2026-06-01T00:00:00Z') })
      .execute();
    return id;
  }

  /** A draft medborgarlöfte running through May 2026. */
  async function newPromise(area: TestArea) {
    const id = crypto.randomUUID();
    await server.db
      .insertInto('promises')
      .values({ area_id: area.id, id, title: 'Matrislöfte', owner: 'gemensamt', period_from: new Date('2026-05-01T00:00:00Z'), period_to: new Date('2026-06-01T00:00:00Z') })
      .execute();
    return id;
  }

  /** A fresh resource of the kind a route's :id names, in the given area. */
  async function newResource(pattern: string, area: TestArea): Promise<string> {
    if (pattern.startsWith('/reports/')) return newReport(area, area.users.reporter.id);
    if (pattern.startsWith('/zones/')) return newZone(area);
    if (pattern.startsWith('/walks/')) return newWalk(area);
    if (pattern.startsWith('/findings/')) return newFinding(area);
    if (pattern.startsWith('/photos/')) return newPhoto(area);
    if (pattern.startsWith('/patrol-plans/')) return newPlan(area);
    if (pattern.startsWith('/promises/')) return newPromise(area);
    if (pattern.startsWith('/tokens/')) {
      return String((await createApiToken(server.db, { id: area.users.reporter.id, areaId: area.id }, 'victim')).id);
    }
    throw new Error(`The matrix test does not know how to make a resource for ${pattern}: add it here`);
  }

  async function call(method: string, path: string, caller: Caller, json: string | Buffer = '{}') {
    const type = typeof json === 'string' ? 'application/json' : 'image/jpeg';
    const headers: Record<string, string> = { 'content-type': type, origin: server.url };
    if (caller !== 'anonymous') headers.authorization = `Bearer ${tokens[caller]}`;
    const body = method === 'GET' || method === 'DELETE' ? undefined : json;
    const res = await fetch(`${server.url}/api/v1${path}`, { method, headers, body: body as BodyInit | undefined });
    await res.arrayBuffer();
    return res.status;
  }

  beforeAll(async () => {
    tinyJpeg = await sharp({ create: { width: 8, height: 8, channels: 3, background: '#000' } }).jpeg().toBuffer();
    server = await startTestServer({ backend });
    own = await createTestArea(server.db, 'matrix-own', [16.5, 59.37]);
    other = await createTestArea(server.db, 'matrix-other', [16.5, 59.37]);
    for (const role of Object.keys(own.users) as Role[]) {
      tokens[role] = (await createApiToken(server.db, { id: own.users[role].id, areaId: own.id }, 'matrix')).token;
    }
  });
  afterAll(() => server?.close());

  it('has an entry for every registered route and a route for every entry', () => {
    expect([...registeredRoutes].sort()).toEqual(Object.keys(ACCESS_POLICY).sort());
  });

  describe.each(entries)('%s', (key, access) => {
    const [method, pattern] = key.split(' ') as [string, string];
    const hasId = pattern.includes(':id');

    it.each(CALLERS)('as %s', async (caller) => {
      const path = hasId ? pattern.replace(':id', await newResource(pattern, own)) : pattern;
      const status = await call(method, path, caller);
      const want = expected(access, caller);
      if (want === 'allowed') expect([401, 403], `${key} as ${caller} answered ${status}`).not.toContain(status);
      else expect(status, `${key} as ${caller}`).toBe(want);
    });

  });

  // A valid body per route, so the answer is about the resource, not about the input.
  const VALID_BODY: Record<string, string | (() => Buffer)> = {
    'POST /reports/:id/photos': () => tinyJpeg,
    'POST /findings/:id/photos': () => tinyJpeg,
    'PATCH /reports/:id': '{"status":"reviewed"}',
    'PATCH /zones/:id': '{"name":"Kapad"}',
    'PATCH /walks/:id': '{"name":"Ny"}',
    'POST /walks/:id/track': '{"points":[[16.5,59.37,"2026-05-01T16:00:00Z",5]]}',
    'POST /walks/:id/findings': '{"category":"belysning","location":{"type":"Point","coordinates":[16.5,59.37]},"priority":1,"responsible":"kommun"}',
    'PATCH /findings/:id': '{"comment":"Uppföljning"}',
    'PATCH /patrol-plans/:id': '{"name":"Kapad"}',
    'PATCH /promises/:id': '{"title":"Kapat"}',
    'POST /promises/:id/activities': '{"kind":"ovrigt","date":"2026-05-10","count":1}',
  };

  describe.each(entries.filter(([key]) => key.includes(':id')))('%s on another area', (key, access) => {
    const [method, pattern] = key.split(' ') as [string, string];
    it("answers 404 to every role allowed here, revealing nothing", async () => {
      const foreignId = await newResource(pattern, other);
      for (const caller of CALLERS) {
        if (expected(access, caller) !== 'allowed') continue;
        const body = VALID_BODY[key];
        expect(await call(method, pattern.replace(':id', foreignId), caller, typeof body === 'function' ? body() : body), `${key} as ${caller}`).toBe(404);
      }
    });
  });
});
