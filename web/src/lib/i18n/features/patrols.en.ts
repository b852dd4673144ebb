import type { PatrolsKey } from './patrols.sv';

/** English texts of the patrols screens; the type makes a missing or extra key a compile error. */
export const patrolsEn: Record<PatrolsKey, string> = {};
