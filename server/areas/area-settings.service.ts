import type { Db } from '../db/database';
import { withArea } from '../db/scope';
import type { AuthContext } from '../auth/auth-context';
import { HttpError } from '../http/errors';
import { effectiveSettings, type AreaSettingsPatchInput } from './area-settings';
import { mergeAreaSettings, selectAreaSettings } from './area-settings.repository';

export async function getAreaSettings(db: Db, caller: AuthContext) {
  const stored = await withArea(db, caller.areaId, (tx) => selectAreaSettings(tx, caller.areaId));
  if (!stored) throw HttpError.notFound('Area');
  return effectiveSettings(stored);
}

export async function updateAreaSettings(db: Db, caller: AuthContext, patch: AreaSettingsPatchInput) {
  const stored = await withArea(db, caller.areaId, (tx) => mergeAreaSettings(tx, caller.areaId, patch));
  if (!stored) throw HttpError.notFound('Area');
  return effectiveSettings(stored);
}
