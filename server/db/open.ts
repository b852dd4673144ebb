import type { Config } from '../config';
import { lockDataDir } from './data-dir-lock';
import { openDatabase, type DatabaseHandle } from './database';
import { migrate } from './migrate';

/**
 * Opens the configured database (server by DATABASE_URL, else embedded in DATA_DIR, locked so no
 * second process opens it) and brings its schema up to date.
 */
export async function openConfiguredDatabase(
  config: Config,
  holder: string,
): Promise<{ handle: DatabaseHandle; migrated: string[]; close(): Promise<void> }> {
  let release = () => {};
  let handle: DatabaseHandle;
  if (config.databaseUrl) {
    handle = await openDatabase({ kind: 'postgres', url: config.databaseUrl });
  } else {
    release = lockDataDir(config.dataDir, holder);
    try {
      handle = await openDatabase({ kind: 'pglite', dataDir: config.dataDir });
    } catch (err) {
      release();
      throw err;
    }
  }
  try {
    const migrated = await migrate(handle);
    return {
      handle,
      migrated,
      async close() {
        await handle.close();
        release();
      },
    };
  } catch (err) {
    await handle.close().catch(() => undefined);
    release();
    throw err;
  }
}
