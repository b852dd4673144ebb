import { ApiError } from '../../lib/api';
import { describeError } from '../../lib/errors';
import { t } from '../../lib/i18n/index.svelte';

/** A sentence for a failed zone write: the zone-specific refusals in words, else the general text. */
export function describeZoneError(error: unknown): string {
  if (error instanceof ApiError) {
    if (error.code === 'conflict') return t('zones.error.conflict');
    if (error.code === 'outside_area') return t('zones.error.outside_area');
    if (error.code === 'invalid_geometry') return t('zones.error.invalid_geometry');
  }
  return describeError(error);
}
