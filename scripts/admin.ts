/**
 * Admin CLI: `npm run admin -- <command> [options]`. Works on the configured database
 * (DATABASE_URL, else the embedded one in DATA_DIR, which it refuses to open while a server holds it),
 * migrating an empty database first.
 */
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { parseConfig, ConfigError } from '../server/config';
import { openConfiguredDatabase } from '../server/db/open';
import { DataDirLockedError } from '../server/db/data-dir-lock';
import { AdminInputError, createArea, createUser } from '../server/areas/areas.service';
import { findAreaByCode, insertOrganisation } from '../server/areas/areas.repository';
import { createApiToken } from '../server/auth/auth.service';
import { seedDemo } from '../server/demo/seed-demo';
import type { Db } from '../server/db/database';
import { purgeArea } from '../server/retention/retention.service';
import { formatPurgeSummary } from '../server/retention/purge-summary';

const USAGE = `Usage: npm run admin -- <command> [options]

Commands:
  create-area --code <code> --name <name> --boundary <file.geojson> [--timezone Europe/Stockholm]
      Boundary: a Polygon, MultiPolygon, Feature or a FeatureCollection of one feature (WGS 84).
      Seeds the default EST taxonomy for the area.
  create-organisation --area <code> --name <name> [--kind <kind>]
  create-user --email <e> --name <n> --role <reporter|walker|planner|analyst|admin> --area <code> --password <p>
              [--organisation <name>]
  create-token --email <e> [--name <label>] [--read-only]
      Prints the new API token as the last line of standard output (it is shown only once).
  purge --area <code> [--dry-run] [--months <1-120>]
      Retention: clears descriptions and reporter links of reports observed more than N months ago
      (areas.settings.retentionMonths, default 24; --months overrides it for this run). Audited.
  migrate       Apply pending migrations.
  seed-demo     Create the demo area with synthetic data (embedded database only, unless --force).
`;

type Options = Record<string, string | boolean | undefined>;

function required(opts: Options, name: string): string {
  const v = opts[name];
  if (typeof v !== 'string' || v.trim() === '') throw new AdminInputError(`--${name} is required`);
  return v;
}

async function organisationIdByName(db: Db, areaId: number, name: string | undefined) {
  if (!name) return null;
  const org = await db.selectFrom('organisations').select('id').where('area_id', '=', areaId).where('name', '=', name).executeTakeFirst();
  if (!org) throw new AdminInputError(`No organisation "${name}" in this area (create-organisation first)`);
  return org.id;
}

const commands: Record<string, (db: Db, opts: Options, kind: string) => Promise<void>> = {
  async 'create-area'(db, opts) {
    const file = required(opts, 'boundary');
    let boundary: unknown;
    try {
      boundary = JSON.parse(readFileSync(file, 'utf8'));
    } catch (err) {
      throw new AdminInputError(`Cannot read ${file} as GeoJSON: ${(err as Error).message}`);
    }
    const area = await createArea(db, {
      code: required(opts, 'code'),
      name: required(opts, 'name'),
      boundary,
      timezone: (opts.timezone as string | undefined) ?? undefined,
    });
    console.log(`Created area ${area.code} (id ${area.id}, ${area.timezone}) with the default taxonomy.`);
  },

  async 'create-organisation'(db, opts) {
    const area = await findAreaByCode(db, required(opts, 'area'));
    if (!area) throw new AdminInputError(`No area with code ${String(opts.area)}`);
    const org = await insertOrganisation(db, area.id, required(opts, 'name'), (opts.kind as string | undefined) ?? 'ovrigt');
    console.log(`Created organisation ${org.name} (id ${org.id}) in ${area.code}.`);
  },

  async 'create-user'(db, opts) {
    const areaCode = required(opts, 'area');
    const area = await findAreaByCode(db, areaCode);
    if (!area) throw new AdminInputError(`No area with code ${areaCode}`);
    const user = await createUser(db, {
      email: required(opts, 'email'),
      name: required(opts, 'name'),
      role: required(opts, 'role'),
      areaCode,
      password: required(opts, 'password'),
      organisationId: await organisationIdByName(db, area.id, opts.organisation as string | undefined),
    });
    console.log(`Created ${user.role} ${user.email} (id ${user.id}) in ${areaCode}.`);
  },

  async 'create-token'(db, opts) {
    const email = required(opts, 'email').toLowerCase();
    const user = await db.selectFrom('users').select(['id', 'area_id', 'disabled_at']).where('email', '=', email).executeTakeFirst();
    if (!user) throw new AdminInputError(`No user with email ${email}`);
    if (user.disabled_at) throw new AdminInputError(`User ${email} is disabled`);
    const { token } = await createApiToken(
      db,
      { id: user.id, areaId: user.area_id },
      (opts.name as string | undefined) ?? 'api',
      opts['read-only'] === true,
    );
    console.error(`Token for ${email}${opts['read-only'] ? ' (read-only)' : ''}; it is not shown again:`);
    console.log(token);
  },

  async purge(db, opts) {
    const months = opts.months === undefined ? undefined : Number(opts.months);
    const result = await purgeArea(db, { areaCode: required(opts, 'area'), months, dryRun: opts['dry-run'] === true, via: 'cli' });
    console.log(formatPurgeSummary(result));
  },

  async migrate() {
    // openConfiguredDatabase has migrated already.
    console.log('Database is up to date.');
  },

  async 'seed-demo'(db, opts, kind) {
    if (kind !== 'pglite' && opts.force !== true) {
      throw new AdminInputError('Demo data goes into the embedded database only; pass --force to seed a server (never in production).');
    }
    const seeded = await seedDemo(db);
    console.log(seeded ? `Seeded demo area with ${seeded.reports} reports and ${seeded.walks} safety walks; password ${seeded.password}` : 'The demo area exists already.');
  },
};

async function main() {
  const [command, ...rest] = process.argv.slice(2);
  if (!command || command === '--help' || command === 'help' || !commands[command]) {
    console.error(command && command !== '--help' && command !== 'help' ? `Unknown command: ${command}\n\n${USAGE}` : USAGE);
    process.exit(command && command !== '--help' && command !== 'help' ? 2 : 0);
  }
  const { values } = parseArgs({
    args: rest,
    options: {
      code: { type: 'string' },
      name: { type: 'string' },
      boundary: { type: 'string' },
      timezone: { type: 'string' },
      email: { type: 'string' },
      role: { type: 'string' },
      area: { type: 'string' },
      password: { type: 'string' },
      organisation: { type: 'string' },
      kind: { type: 'string' },
      'read-only': { type: 'boolean' },
      force: { type: 'boolean' },
      months: { type: 'string' },
      'dry-run': { type: 'boolean' },
    },
    strict: true,
  });
  const config = parseConfig();
  const database = await openConfiguredDatabase(config, 'the admin CLI');
  try {
    await commands[command]!(database.handle.db, values, database.handle.kind);
  } finally {
    await database.close();
  }
}

main().catch((err) => {
  if (err instanceof AdminInputError || err instanceof DataDirLockedError || err instanceof ConfigError) {
    console.error(`Error: ${err.message}`);
  } else if (err instanceof TypeError && (err as NodeJS.ErrnoException).code?.startsWith('ERR_PARSE_ARGS')) {
    console.error(`Error: ${err.message}\n\n${USAGE}`);
  } else {
    console.error('Error:', err instanceof Error ? err.message : err);
  }
  process.exit(1);
});
