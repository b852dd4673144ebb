import { readFileSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { inject } from 'vitest';
import { openDatabase, type DatabaseHandle } from '../../server/db/database';
import { TEST_DATABASE_URL, type Backend } from './backends';

export interface TestDatabase {
  handle: DatabaseHandle;
  url?: string;
  close(): Promise<void>;
}

/** A private, migrated database for one test file, copied from the run's template. */
export async function createTestDatabase(backend: Backend): Promise<TestDatabase> {
  if (backend === 'pglite') {
    const tarball = readFileSync(inject('pgliteTemplate'));
    const handle = await openDatabase({ kind: 'pglite', loadDataDir: new Blob([tarball]) });
    return { handle, close: () => handle.close() };
  }
  const template = inject('postgresTemplate');
  if (!TEST_DATABASE_URL || !template) throw new Error('PostgreSQL tests need TEST_DATABASE_URL');
  const name = `tk_test_${randomBytes(6).toString('hex')}`;
  await adminQuery(`CREATE DATABASE ${name} TEMPLATE ${template}`);
  const url = new URL(TEST_DATABASE_URL);
  url.pathname = `/${name}`;
  const handle = await openDatabase({ kind: 'postgres', url: url.toString(), maxConnections: 5 });
  return {
    handle,
    url: url.toString(),
    async close() {
      await handle.close();
      await adminQuery(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    },
  };
}

async function adminQuery(text: string) {
  const client = new pg.Client({ connectionString: TEST_DATABASE_URL });
  await client.connect();
  try {
    await client.query(text);
  } finally {
    await client.end();
  }
}
