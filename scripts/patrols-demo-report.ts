/**
 * `npm run report:patrols`: the issue 6 figures, printed from the real API.
 *  1. a patrol plan proposal on the demo data: targets, windows and minutes against the budget;
 *  2. dosage from a set of patrol logs built by hand, with the numbers expected by hand
 *     (in a scratch in-memory database, so the demo data stays as seeded);
 *  3. the demo medborgarlöfte's progress from patrol logs and safety walks;
 *  4. an evaluation of Nyfors centrum on the demo data with its 95 % interval.
 * Works on the configured database (DATA_DIR or DATABASE_URL) like the admin CLI, seeding the
 * demo (or only its patrols, for a demo seeded before them) when missing.
 */
import { parseConfig } from '../server/config';
import { openConfiguredDatabase } from '../server/db/open';
import { openDatabase, type DatabaseHandle } from '../server/db/database';
import { migrate } from '../server/db/migrate';
import { seedDemo } from '../server/demo/seed-demo';
import { seedDemoPatrols } from '../server/demo/seed-patrols';
import { DEMO_PASSWORD } from './demo/generate';
import { handMadeDosage } from './patrols-report/hand-made-dosage';
import { printEvaluation, printProgress, printProposal } from './patrols-report/print';
import { serve } from './patrols-report/serve';

const PLANNER = 'planerare@demo.tryggkarta.se';

/** The demo area, seeded if absent; its patrols added if it predates them. */
async function ensureDemo(handle: DatabaseHandle) {
  const db = handle.db;
  await seedDemo(db);
  const area = await db.selectFrom('areas').select('id').where('code', '=', 'demo').executeTakeFirstOrThrow();
  const plans = await db.selectFrom('patrol_plans').select('id').where('area_id', '=', area.id).limit(1).execute();
  if (plans.length === 0) {
    const user = async (email: string) => (await db.selectFrom('users').select('id').where('email', '=', email).executeTakeFirstOrThrow()).id;
    await seedDemoPatrols(db, area.id, { planner: await user(PLANNER), police: await user('rapportor@demo.tryggkarta.se') }, new Date());
    console.log('(The demo area predates patrols: its demo plan, logs and promise were added.)\n');
  }
}

async function main() {
  const config = parseConfig(process.env);
  const opened = await openConfiguredDatabase(config, 'patrols-demo-report');
  try {
    await ensureDemo(opened.handle);
    const { api, close } = await serve(opened.handle, PLANNER, DEMO_PASSWORD);
    try {
      await printProposal(api);
      const scratch = await openDatabase({ kind: 'pglite' });
      try {
        await migrate(scratch);
        await handMadeDosage(scratch);
      } finally {
        await scratch.close();
      }
      await printProgress(api);
      await printEvaluation(api);
    } finally {
      await close();
    }
  } finally {
    await opened.close();
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  main().catch((err) => {
    console.error(err instanceof Error ? err.message : err);
    process.exit(1);
  });
}
