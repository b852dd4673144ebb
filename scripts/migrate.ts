/** `npm run migrate`: applies pending migrations to the configured database. */
import { parseConfig } from '../server/config';
import { openConfiguredDatabase } from '../server/db/open';

const database = await openConfiguredDatabase(parseConfig(), 'npm run migrate').catch((err: Error) => {
  console.error(`Error: ${err.message}`);
  process.exit(1);
});
console.log(database.migrated.length ? `Applied: ${database.migrated.join(', ')}` : 'Database is up to date.');
await database.close();
