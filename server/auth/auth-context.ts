import type { Role } from '../db/schema';
import { ANALYSTS } from './access-policy';

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

/** Roles that see every report of their area (the analytics roles); the others see their own submissions. */
export function seesAllReports(role: Role): boolean {
  return ANALYSTS.includes(role);
}
