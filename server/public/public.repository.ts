import { sql } from 'kysely';
import type { Db } from '../db/database';
import type { Tx } from '../db/scope';

type Conn = Db | Tx;

export interface PublishedAreaRow {
  id: number;
  name: string;
  timezone: string;
  settings: Record<string, unknown>;
}

/**
 * The area with this code if its public view is switched on, else nothing. Runs before any area
 * is set, so it goes through the SECURITY DEFINER function of migration 0005.
 */
export async function findPublishedArea(db: Conn, code: string): Promise<PublishedAreaRow | undefined> {
  const result = await sql<PublishedAreaRow>`SELECT id, name, timezone, settings FROM public_area_by_code(${code})`.execute(db);
  return result.rows[0];
}
