import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { BACKENDS } from '../support/backends';
import { createTestDatabase, type TestDatabase } from '../support/db';
import { createTestArea, type TestArea } from '../support/fixtures';
import { withArea } from '../../server/db/scope';
import { pointToStorageCell } from '../../server/h3/cells';
import type { Db } from '../../server/db/database';

/**
 * The proof that tenancy does not depend on every query remembering its WHERE clause: the
 * service's role sees only the area its transaction names, whatever the SQL says.
 */
describe.each(BACKENDS)('row-level security (%s)', (backend) => {
  let database: TestDatabase;
  let owner: Db;
  let app: Db;
  let a: TestArea;
  let b: TestArea;

  async function addReport(area: TestArea, lng: number, lat: number) {
    await owner
      .insertInto('reports')
      .values({
        area_id: area.id,
        id: crypto.randomUUID(),
        category: 'klotter',
        observed_at: new Date('2026-05-01T12:00:00Z'),
        geom: sql`ST_SetSRID(ST_MakePoint(${lng}, ${lat}), 4326)`,
        h3: pointToStorageCell(lng, lat),
        source: 'app',
      })
      .execute();
  }

  beforeAll(async () => {
    database = await createTestDatabase(backend);
    owner = database.handle.db;
    app = database.handle.appDb();
    a = await createTestArea(owner, 'rls-a', [16.5, 59.37]);
    b = await createTestArea(owner, 'rls-b', [11.97, 57.7]);
    for (let i = 0; i < 3; i++) await addReport(a, 16.5 + i * 0.001, 59.37);
    for (let i = 0; i < 5; i++) await addReport(b, 11.97 + i * 0.001, 57.7);
  });
  afterAll(() => database?.close());

  it('a deliberately unscoped query in a request context returns only that area’s rows', async () => {
    const rows = await withArea(app, a.id, (tx) => tx.selectFrom('reports').select(['area_id']).execute());
    expect(rows).toHaveLength(3);
    expect(new Set(rows.map((r) => r.area_id))).toEqual(new Set([a.id]));
    const users = await withArea(app, b.id, (tx) => tx.selectFrom('users').select(['email']).execute());
    expect(users.every((u) => u.email.endsWith('@rls-b.test'))).toBe(true);
    const areas = await withArea(app, b.id, (tx) => tx.selectFrom('areas').select(['code']).execute());
    expect(areas.map((x) => x.code)).toEqual(['rls-b']);
  });

  it('outside a request context the service role sees no rows at all', async () => {
    const count = await app.selectFrom('reports').select(sql<number>`count(*)::int`.as('n')).executeTakeFirstOrThrow();
    expect(count.n).toBe(0);
  });

  it('cannot write a row into another area, even naming it explicitly', async () => {
    await expect(
      withArea(app, a.id, (tx) =>
        tx
          .insertInto('reports')
          .values({
            area_id: b.id,
            id: crypto.randomUUID(),
            category: 'klotter',
            observed_at: new Date(),
            geom: sql`ST_SetSRID(ST_MakePoint(11.97, 57.7), 4326)`,
            h3: pointToStorageCell(11.97, 57.7),
            source: 'app',
          })
          .execute(),
      ),
    ).rejects.toThrow(/row-level security/);
  });

  it('cannot update or delete another area’s rows: they are invisible to it', async () => {
    const updated = await withArea(app, a.id, (tx) => tx.updateTable('reports').set({ status: 'archived' }).where('area_id', '=', b.id).executeTakeFirst());
    expect(Number(updated.numUpdatedRows)).toBe(0);
    const deleted = await withArea(app, a.id, (tx) => tx.deleteFrom('reports').where('area_id', '=', b.id).executeTakeFirst());
    expect(Number(deleted.numDeletedRows)).toBe(0);
    const left = await owner.selectFrom('reports').select(sql<number>`count(*)::int`.as('n')).where('area_id', '=', b.id).executeTakeFirstOrThrow();
    expect(left.n).toBe(5);
  });

  it('runs as a role that is not the owner, not a superuser and cannot bypass RLS', async () => {
    const who = await withArea(app, a.id, (tx) =>
      sql<{ role: string; superuser: boolean; bypass: boolean }>`
        SELECT current_user AS role, r.rolsuper AS superuser, r.rolbypassrls AS bypass
        FROM pg_roles r WHERE r.rolname = current_user`.execute(tx),
    );
    expect(who.rows[0]).toEqual({ role: 'tryggkarta_app', superuser: false, bypass: false });
    const owners = await sql<{ n: number }>`
      SELECT count(*)::int AS n FROM pg_tables WHERE schemaname = 'public' AND tableowner = 'tryggkarta_app'`.execute(owner);
    expect(owners.rows[0]!.n).toBe(0);
  });

  it('has row-level security enabled and forced on every area-scoped table', async () => {
    const tables = await sql<{ relname: string; enabled: boolean; forced: boolean }>`
      SELECT c.relname, c.relrowsecurity AS enabled, c.relforcerowsecurity AS forced
      FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
      WHERE n.nspname = 'public' AND c.relkind = 'r'
        AND (EXISTS (SELECT 1 FROM pg_attribute a WHERE a.attrelid = c.oid AND a.attname = 'area_id') OR c.relname = 'areas')`.execute(owner);
    expect(tables.rows.length).toBeGreaterThanOrEqual(7);
    for (const t of tables.rows) expect(t, t.relname).toMatchObject({ enabled: true, forced: true });
  });

  it('cannot read the migrations table or change the boundary of its own area', async () => {
    await expect(withArea(app, a.id, (tx) => sql`SELECT * FROM schema_migrations`.execute(tx))).rejects.toThrow(/permission denied/);
    await expect(withArea(app, a.id, (tx) => sql`UPDATE areas SET boundary = boundary WHERE id = ${a.id}`.execute(tx))).rejects.toThrow(
      /permission denied/,
    );
  });
});
