import type { PlannerKey } from './planner.sv';

/** English texts of the planner screens; the type makes a missing or extra key a compile error. */
export const plannerEn: Record<PlannerKey, string> = {};
