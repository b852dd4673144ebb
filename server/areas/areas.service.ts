import { z } from 'zod';
import type { Db } from '../db/database';
import type { Role } from '../db/schema';
import { hashPassword, MIN_PASSWORD_LENGTH } from '../auth/passwords';
import { boundaryGeometry, BoundaryError } from './boundary';
import * as repo from './areas.repository';
import { DEFAULT_TAXONOMY } from './taxonomy';

export class AdminInputError extends Error {}

const AreaInput = z.object({
  code: z.string().regex(/^[a-z0-9][a-z0-9_-]{0,62}$/, 'lower-case letters, digits, - and _ (max 63)'),
  name: z.string().trim().min(1).max(200),
  timezone: z.string().default('Europe/Stockholm'),
});

/** Creates an area with its boundary and seeds the default EST taxonomy, all or nothing. */
export async function createArea(db: Db, input: { code: string; name: string; boundary: unknown; timezone?: string }) {
  const parsed = AreaInput.safeParse(input);
  if (!parsed.success) throw new AdminInputError(parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; '));
  let geometry;
  try {
    geometry = boundaryGeometry(input.boundary);
  } catch (err) {
    if (err instanceof BoundaryError) throw new AdminInputError(err.message);
    throw err;
  }
  if (!isValidTimezone(parsed.data.timezone)) throw new AdminInputError(`Unknown time zone ${parsed.data.timezone}`);
  if (await repo.findAreaByCode(db, parsed.data.code)) throw new AdminInputError(`Area ${parsed.data.code} already exists`);
  return db.transaction().execute(async (tx) => {
    const area = await repo.insertArea(tx, { ...parsed.data, boundaryGeoJson: JSON.stringify(geometry) });
    await repo.insertTaxonomy(tx, area.id, DEFAULT_TAXONOMY);
    return area;
  });
}

function isValidTimezone(tz: string): boolean {
  try {
    new Intl.DateTimeFormat('sv-SE', { timeZone: tz });
    return true;
  } catch {
    return false;
  }
}

const UserInput = z.object({
  email: z.string().trim().toLowerCase().email(),
  name: z.string().trim().min(1).max(200),
  role: z.enum(['reporter', 'walker', 'planner', 'analyst', 'admin']),
  password: z.string().min(MIN_PASSWORD_LENGTH, `must be at least ${MIN_PASSWORD_LENGTH} characters`).max(1024),
});

export async function createUser(
  db: Db,
  input: { email: string; name: string; role: Role | string; areaCode: string; password: string; organisationId?: number | null },
) {
  const parsed = UserInput.safeParse(input);
  if (!parsed.success) throw new AdminInputError(parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; '));
  const area = await repo.findAreaByCode(db, input.areaCode);
  if (!area) throw new AdminInputError(`No area with code ${input.areaCode}`);
  const existing = await db.selectFrom('users').select('id').where('email', '=', parsed.data.email).executeTakeFirst();
  if (existing) throw new AdminInputError(`A user with email ${parsed.data.email} already exists`);
  return db
    .insertInto('users')
    .values({
      area_id: area.id,
      email: parsed.data.email,
      name: parsed.data.name,
      role: parsed.data.role,
      password_hash: await hashPassword(parsed.data.password),
      organisation_id: input.organisationId ?? null,
    })
    .returning(['id', 'area_id', 'email', 'role'])
    .executeTakeFirstOrThrow();
}
