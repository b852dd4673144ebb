import type { FieldKey } from './field.sv';

/** English texts of the field screens; the type makes a missing or extra key a compile error. */
export const fieldEn: Record<FieldKey, string> = {};
