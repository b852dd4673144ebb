import type { Role } from '../db/schema';

/** Who is calling, resolved once per request by the auth middleware. The area comes from here, never from the client. */
export interface AuthContext {
  userId: number;
  areaId: number;
  areaCode: string;
  areaName: string;
  email: string;
  name: string;
  role: Role;
  organisationId: number | null;
  via: 'session' | 'token';
  readOnly: boolean;
}

declare global {
  // eslint-disable-next-line @typescript-eslint/no-namespace
  namespace Express {
    interface Request {
      auth?: AuthContext;
    }
  }
}

export const ANALYTICS_ROLES: readonly Role[] = ['planner', 'analyst', 'admin'];
export const TRIAGE_ROLES: readonly Role[] = ['planner', 'admin'];
export const ALL_ROLES: readonly Role[] = ['reporter', 'walker', 'planner', 'analyst', 'admin'];
/** Roles that see every report of their area; the others see their own submissions. */
export function seesAllReports(role: Role): boolean {
  return ANALYTICS_ROLES.includes(role);
}
