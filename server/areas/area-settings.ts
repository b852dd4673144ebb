import { z } from 'zod';
import { RetentionMonths } from '../retention/retention.settings';
import { ConfidentialityMarking, printSettings, PrintMinCount } from './print-settings';

/** k of the public view when an admin has not chosen one, and the smallest k allowed. */
export const DEFAULT_PUBLIC_MIN_COUNT = 5;
export const MIN_PUBLIC_MIN_COUNT = 3;

/**
 * The per-area settings an admin may change (stored in areas.settings). A new setting adds a key
 * here; a key not listed is refused with 400 naming it.
 */
export const AreaSettingsShape = {
  /** Publish aggregated weekly hotspot counts without login at /oppen/<code>. Off by default. */
  publicHotspots: z.boolean(),
  /** k: a public cell with fewer reports than this is left out altogether. */
  publicMinCount: z.number().int().min(MIN_PUBLIC_MIN_COUNT).max(1000),
  /** Months after which raw descriptions and reporter links are purged (default 24). */
  retentionMonths: RetentionMonths,
  /** Publish the medborgarlöften's follow-up (goals and completed periods, no places or people) without login. Off by default. */
  publicPromises: z.boolean(),
  /** Printed on every lägesbild print; null or "" for none (default "Omfattas av sekretess enligt OSL"). */
  confidentialityMarking: ConfidentialityMarking,
  /** Shared prints show counts below this as "< n" (integer ≥ 2, default 5). */
  printMinCount: PrintMinCount,
};

export const AreaSettingsPatch = z
  .strictObject(AreaSettingsShape)
  .partial()
  .refine((patch) => Object.keys(patch).length > 0, `give at least one of ${Object.keys(AreaSettingsShape).join(', ')}`);
export type AreaSettingsPatchInput = z.output<typeof AreaSettingsPatch>;

export interface PublicViewSettings {
  publicHotspots: boolean;
  publicMinCount: number;
}

/**
 * The public-view settings in force for stored settings: defaults filled in, and a stored value
 * that is not valid (edited by hand in SQL) never lowers k below the minimum nor opens the view.
 */
export function publicViewSettings(stored: Record<string, unknown>): PublicViewSettings {
  const k = stored.publicMinCount;
  return {
    publicHotspots: stored.publicHotspots === true,
    publicMinCount: typeof k === 'number' && Number.isInteger(k) && k >= MIN_PUBLIC_MIN_COUNT ? k : DEFAULT_PUBLIC_MIN_COUNT,
  };
}

/** The settings as the admin API shows them: what is stored, with the known keys' effective values. */
export function effectiveSettings(stored: Record<string, unknown>) {
  return { ...stored, ...publicViewSettings(stored), ...printSettings(stored) };
}
