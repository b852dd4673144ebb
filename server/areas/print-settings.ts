import { z } from 'zod';

/**
 * What the printed lägesbild carries (issue 4 item 6), per area: a confidentiality marking and
 * the smallest count a shared version shows. The marking is on unless an admin removes it: a
 * printed hotspot map tells where police and municipality look, and an unmarked copy is the
 * mistake that cannot be taken back. A marking reminds; the secrecy assessment itself is made
 * when a document is requested (OSL), so admins may word or remove it.
 */
export const DEFAULT_CONFIDENTIALITY_MARKING = 'Omfattas av sekretess enligt OSL';
/** Counts below this are suppressed in shared versions ("< 5"), like the public view's k. */
export const DEFAULT_PRINT_MIN_COUNT = 5;
export const MIN_PRINT_MIN_COUNT = 2;
export const MAX_CONFIDENTIALITY_MARKING = 200;

/** Text, or null (or empty) for no marking. */
export const ConfidentialityMarking = z
  .string()
  .transform((s) => s.trim().replace(/\s+/g, ' '))
  .pipe(z.string().max(MAX_CONFIDENTIALITY_MARKING, `must be at most ${MAX_CONFIDENTIALITY_MARKING} characters`))
  .transform((s) => (s === '' ? null : s))
  .nullable();

export const PrintMinCount = z.number().int().min(MIN_PRINT_MIN_COUNT).max(1000);

export interface PrintSettings {
  confidentialityMarking: string | null;
  printMinCount: number;
}

/** The print settings in force: defaults where nothing (or nothing valid) is stored; a stored null removes the marking. */
export function printSettings(stored: Record<string, unknown>): PrintSettings {
  const marking = stored.confidentialityMarking;
  const k = stored.printMinCount;
  return {
    confidentialityMarking:
      marking === null ? null : typeof marking === 'string' && marking.length <= MAX_CONFIDENTIALITY_MARKING ? marking : DEFAULT_CONFIDENTIALITY_MARKING,
    printMinCount: typeof k === 'number' && Number.isInteger(k) && k >= MIN_PRINT_MIN_COUNT ? k : DEFAULT_PRINT_MIN_COUNT,
  };
}
