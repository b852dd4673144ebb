import { sql } from 'kysely';
import type { Db } from '../db/database';
import type { Tx } from '../db/scope';
import type { AreaSettingsPatchInput } from './area-settings';

type Conn = Db | Tx;

export async function selectAreaSettings(db: Conn, areaId: number): Promise<Record<string, unknown> | undefined> {
  const row = await db.selectFrom('areas').select('settings').where('id', '=', areaId).executeTakeFirst();
  return row?.settings;
}

/** Merges the given keys into the stored settings (jsonb ||), leaving other keys as they are. */
export async function mergeAreaSettings(db: Conn, areaId: number, patch: AreaSettingsPatchInput): Promise<Record<string, unknown> | undefined> {
  const result = await sql<{ settings: Record<string, unknown> }>`
    UPDATE areas SET settings = settings || ${JSON.stringify(patch)}::jsonb
    WHERE id = ${areaId}
    RETURNING settings`.execute(db);
  return result.rows[0]?.settings;
}
