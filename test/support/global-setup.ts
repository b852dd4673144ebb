import { mkdirSync, writeFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import pg from 'pg';
import type { TestProject } from 'vitest/node';
import { openDatabase } from '../../server/db/database';
import { migrate } from '../../server/db/migrate';

/**
 * Builds one migrated template per run and per backend, so each test file starts from a copy
 * instead of paying ~13 s for a fresh PGlite with PostGIS:
 *  - PGlite: a dumped data directory (tarball) each file loads;
 *  - PostgreSQL: a template database each file clones with CREATE DATABASE ... TEMPLATE.
 */
export default async function setup(project: TestProject) {
  const runId = `${process.pid}_${Date.now().toString(36)}`;
  const dir = path.resolve('.tmp');
  mkdirSync(dir, { recursive: true });
  const tarball = path.join(dir, `pglite-template-${runId}.tar`);

  const pglite = await openDatabase({ kind: 'pglite' });
  await migrate(pglite);
  const blob = await pglite.pglite!.dumpDataDir('none');
  writeFileSync(tarball, Buffer.from(await blob.arrayBuffer()));
  await pglite.close();
  project.provide('pgliteTemplate', tarball);

  const url = process.env.TEST_DATABASE_URL;
  let templateDb: string | undefined;
  if (url) {
    templateDb = `tk_template_${runId}`;
    const admin = new pg.Client({ connectionString: url });
    await admin.connect();
    await admin.query(`CREATE DATABASE ${templateDb}`);
    await admin.end();
    const tplUrl = new URL(url);
    tplUrl.pathname = `/${templateDb}`;
    const handle = await openDatabase({ kind: 'postgres', url: tplUrl.toString(), maxConnections: 1 });
    await migrate(handle);
    await handle.close();
    project.provide('postgresTemplate', templateDb);
  }

  return async () => {
    rmSync(tarball, { force: true });
    if (url && templateDb) {
      const admin = new pg.Client({ connectionString: url });
      await admin.connect();
      await admin.query(`DROP DATABASE IF EXISTS ${templateDb} WITH (FORCE)`);
      await admin.end();
    }
  };
}

declare module 'vitest' {
  export interface ProvidedContext {
    pgliteTemplate: string;
    postgresTemplate: string | undefined;
  }
}
