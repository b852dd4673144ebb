import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { cellToParent, latLngToCell } from 'h3-js';
import { bigintToCell, cellToBigint } from '../../server/h3/cells';
import { parentCellSql } from '../../server/hotspots/hotspots.repository';
import { BACKENDS } from '../support/backends';
import { createTestDatabase, type TestDatabase } from '../support/db';
import { randomSwedishPoints } from './sweden-points';

const CELLS = randomSwedishPoints(300, 15052026).map(({ lat, lng }) => latLngToCell(lat, lng, 15));
const RESOLUTIONS = Array.from({ length: 16 }, (_, r) => r);

/** The cells as a VALUES list of int8 parameters, named r(h3) like the reports alias the repository uses. */
function cellValues() {
  return sql`(VALUES ${sql.join(CELLS.map((c) => sql`(${cellToBigint(c).toString()}::bigint)`))}) AS r(h3)`;
}

const byCell = (a: { cell: string }, b: { cell: string }) => (a.cell < b.cell ? -1 : a.cell > b.cell ? 1 : 0);

function expectedParents(res: number) {
  return CELLS.map((cell) => ({ cell, parent: cellToParent(cell, res) })).sort(byCell);
}

describe.each(BACKENDS)('the SQL parent formula on %s', (backend) => {
  let database: TestDatabase;

  beforeAll(async () => {
    database = await createTestDatabase(backend);
  });
  afterAll(async () => {
    await database?.close();
  });

  it('matches h3-js cellToParent for 300 cells at every resolution 0..15 (DESIGN §4 formula, p as a column)', async () => {
    const { rows } = await sql<{ h3: string; p: number; parent: string }>`
      SELECT r.h3::text AS h3, p,
             ((r.h3 & ~(15::bigint << 52)) | (p::bigint << 52) | ((1::bigint << (45 - 3*p)) - 1))::text AS parent
      FROM ${cellValues()} CROSS JOIN generate_series(0, 15) AS p
      ORDER BY 1, 2`.execute(database.handle.db);
    expect(rows).toHaveLength(CELLS.length * 16);
    const mismatches = rows.filter((row) => bigintToCell(row.parent) !== cellToParent(bigintToCell(row.h3), Number(row.p)));
    expect(mismatches).toEqual([]);
  });

  it.each(RESOLUTIONS)('matches h3-js through parentCellSql at resolution %i', async (res) => {
    const { rows } = await sql<{ h3: string; parent: string }>`
      SELECT r.h3::text AS h3, ${parentCellSql(res)}::text AS parent FROM ${cellValues()}`.execute(database.handle.db);
    const actual = rows.map((row) => ({ cell: bigintToCell(row.h3), parent: bigintToCell(row.parent) })).sort(byCell);
    expect(actual).toEqual(expectedParents(res));
  });
});
