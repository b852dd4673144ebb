/** Swedish texts of the patrols screens (spread into ../sv.ts). Keys are prefixed by feature. */
export const patrolsSv = {} as const;

export type PatrolsKey = keyof typeof patrolsSv;
