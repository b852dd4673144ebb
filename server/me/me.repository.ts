import type { Tx } from '../db/scope';

/** The stored profile of a user, without the password hash. */
export async function findProfile(tx: Tx, areaId: number, userId: number) {
  const row = await tx
    .selectFrom('users')
    .leftJoin('organisations', (j) => j.onRef('organisations.id', '=', 'users.organisation_id').onRef('organisations.area_id', '=', 'users.area_id'))
    .innerJoin('areas', 'areas.id', 'users.area_id')
    .select([
      'users.id',
      'users.email',
      'users.name',
      'users.role',
      'users.organisation_id',
      'organisations.name as organisation_name',
      'users.created_at',
      'users.disabled_at',
      'areas.id as area_id',
      'areas.code as area_code',
      'areas.name as area_name',
    ])
    .where('users.area_id', '=', areaId)
    .where('users.id', '=', userId)
    .executeTakeFirst();
  if (!row) return undefined;
  return {
    id: row.id,
    email: row.email,
    name: row.name,
    role: row.role,
    organisation: row.organisation_id === null ? null : { id: row.organisation_id, name: row.organisation_name },
    area: { id: row.area_id, code: row.area_code, name: row.area_name },
    createdAt: row.created_at.toISOString(),
    disabledAt: row.disabled_at ? new Date(row.disabled_at).toISOString() : null,
  };
}

/** The user's sessions: when they began, were last used and expire (never the hashed cookie). */
export async function listSessions(tx: Tx, areaId: number, userId: number) {
  const rows = await tx
    .selectFrom('sessions')
    .select(['created_at', 'last_seen_at', 'expires_at'])
    .where('area_id', '=', areaId)
    .where('user_id', '=', userId)
    .orderBy('created_at')
    .execute();
  return rows.map((s) => ({
    createdAt: s.created_at.toISOString(),
    lastSeenAt: new Date(s.last_seen_at).toISOString(),
    expiresAt: new Date(s.expires_at).toISOString(),
  }));
}
