import type { Tx } from '../db/scope';

export interface TokenInfo {
  id: number;
  userId: number;
  name: string;
  readOnly: boolean;
  createdAt: string;
  lastUsedAt: string | null;
  revokedAt: string | null;
}

export async function listTokens(tx: Tx, areaId: number, userId?: number): Promise<TokenInfo[]> {
  let q = tx
    .selectFrom('api_tokens')
    .select(['id', 'user_id', 'name', 'read_only', 'created_at', 'last_used_at', 'revoked_at'])
    .where('area_id', '=', areaId);
  if (userId !== undefined) q = q.where('user_id', '=', userId);
  const rows = await q.orderBy('id').execute();
  return rows.map((r) => ({
    id: r.id,
    userId: r.user_id,
    name: r.name,
    readOnly: r.read_only,
    createdAt: r.created_at.toISOString(),
    lastUsedAt: r.last_used_at ? new Date(r.last_used_at).toISOString() : null,
    revokedAt: r.revoked_at ? new Date(r.revoked_at).toISOString() : null,
  }));
}

/** Revokes a live token; with userId, only that user's. Returns whether one was revoked. */
export async function revokeToken(tx: Tx, areaId: number, id: number, userId?: number): Promise<boolean> {
  let q = tx
    .updateTable('api_tokens')
    .set({ revoked_at: new Date() })
    .where('area_id', '=', areaId)
    .where('id', '=', id)
    .where('revoked_at', 'is', null);
  if (userId !== undefined) q = q.where('user_id', '=', userId);
  const result = await q.executeTakeFirst();
  return Number(result.numUpdatedRows) > 0;
}
