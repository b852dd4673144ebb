import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import { createApp } from '../../server/app';
import { parseConfig } from '../../server/config';
import { createLogger } from '../../server/logger';
import { seedDemo } from '../../server/demo/seed-demo';
import type { Db } from '../../server/db/database';
import type { Backend } from './backends';
import { createTestDatabase, type TestDatabase } from './db';

export interface TestServer {
  url: string;
  /** The owner connection, for fixtures and checks; the app itself runs as the RLS-confined role. */
  db: Db;
  database: TestDatabase;
  close(): Promise<void>;
}

/** The real app over real HTTP on port 0, against its own copy of the test database. */
export async function startTestServer(
  opts: { backend?: Backend; seedDemo?: boolean; demoReportCount?: number; env?: Record<string, string> } = {},
): Promise<TestServer> {
  const database = await createTestDatabase(opts.backend ?? 'pglite');
  const db = database.handle.db;
  if (opts.seedDemo) await seedDemo(db, { reportCount: opts.demoReportCount });
  const config = parseConfig({ NODE_ENV: 'test', LOG_LEVEL: 'silent', ...opts.env });
  const app = createApp({ config, db: database.handle.appDb(), logger: createLogger('silent'), dbKind: database.handle.kind });
  const server: Server = await new Promise((resolve) => {
    const s = app.listen(0, '127.0.0.1', () => resolve(s));
  });
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    db,
    database,
    async close() {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await database.close();
    },
  };
}
