import type { AddressInfo } from 'node:net';
import { createApp } from '../../server/app';
import { parseConfig } from '../../server/config';
import type { DatabaseHandle } from '../../server/db/database';
import { createLogger } from '../../server/logger';

export interface Api {
  get(path: string): Promise<any>;
  post(path: string, body: unknown): Promise<any>;
}

/** The real app over HTTP on port 0 against a database, logged in as one user. */
export async function serve(handle: DatabaseHandle, email: string, password: string): Promise<{ api: Api; close(): Promise<void> }> {
  const app = createApp({ config: parseConfig({ NODE_ENV: 'test', LOG_LEVEL: 'silent' }), db: handle.appDb(), logger: createLogger('silent'), dbKind: handle.kind });
  const server = await new Promise<import('node:http').Server>((resolve) => {
    const s = app.listen(0, '127.0.0.1', () => resolve(s));
  });
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const login = await fetch(`${base}/api/v1/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email, password }) });
  if (login.status !== 200) throw new Error(`login as ${email} failed: ${login.status}`);
  const cookie = login.headers.get('set-cookie')!.split(';')[0]!;
  const call = async (method: string, path: string, body?: unknown) => {
    const res = await fetch(`${base}/api/v1${path}`, {
      method,
      headers: { cookie, origin: base, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const json = await res.json();
    if (res.status >= 400) throw new Error(`${method} ${path} → ${res.status} ${JSON.stringify(json)}`);
    return json;
  };
  return {
    api: { get: (p) => call('GET', p), post: (p, b) => call('POST', p, b) },
    close: async () => {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

