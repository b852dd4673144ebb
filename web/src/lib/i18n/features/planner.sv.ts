/** Swedish texts of the planner screens (spread into ../sv.ts). Keys are prefixed by feature. */
export const plannerSv = {} as const;

export type PlannerKey = keyof typeof plannerSv;
