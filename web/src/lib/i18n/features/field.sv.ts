/** Swedish texts of the field screens (spread into ../sv.ts). Keys are prefixed by feature. */
export const fieldSv = {} as const;

export type FieldKey = keyof typeof fieldSv;
