import { createArea, createUser } from '../../server/areas/areas.service';
import { insertOrganisation } from '../../server/areas/areas.repository';
import type { Db } from '../../server/db/database';
import type { Role } from '../../server/db/schema';

export const PASSWORD = 'correct-horse-battery';

/** A square area of about 11 × 11 km around (lng0, lat0). */
export function squareBoundary(lng0: number, lat0: number, half = 0.1) {
  return {
    type: 'Polygon' as const,
    coordinates: [
      [
        [lng0 - half, lat0 - half / 2],
        [lng0 + half, lat0 - half / 2],
        [lng0 + half, lat0 + half / 2],
        [lng0 - half, lat0 + half / 2],
        [lng0 - half, lat0 - half / 2],
      ],
    ],
  };
}

export interface TestArea {
  id: number;
  code: string;
  organisationId: number;
  users: Record<Role, { id: number; email: string }>;
}

/** An area with one user of every role (emails `<role>@<code>.test`). */
export async function createTestArea(db: Db, code: string, center: [number, number] = [16.5, 59.37]): Promise<TestArea> {
  const area = await createArea(db, { code, name: `Testområde ${code}`, boundary: squareBoundary(center[0], center[1]) });
  const org = await insertOrganisation(db, area.id, `Polisen ${code}`, 'polis');
  const users = {} as TestArea['users'];
  for (const role of ['reporter', 'walker', 'planner', 'analyst', 'admin'] as Role[]) {
    const email = `${role}@${code}.test`;
    const u = await createUser(db, { email, name: `${role} ${code}`, role, areaCode: code, password: PASSWORD, organisationId: org.id });
    users[role] = { id: u.id, email };
  }
  return { id: area.id, code, organisationId: org.id, users };
}

/** A logged-in HTTP client: keeps the session cookie and sends the same-origin header writes need. */
export class ApiClient {
  private cookie = '';
  constructor(readonly baseUrl: string, private readonly bearer?: string) {}

  static async login(baseUrl: string, email: string, password = PASSWORD): Promise<ApiClient> {
    const client = new ApiClient(baseUrl);
    const res = await client.request('POST', '/api/v1/auth/login', { email, password });
    if (res.status !== 200) throw new Error(`login ${email} failed: ${res.status} ${JSON.stringify(res.body)}`);
    return client;
  }

  async request(method: string, path: string, body?: unknown, headers: Record<string, string> = {}) {
    const h: Record<string, string> = { origin: this.baseUrl, ...headers };
    if (this.cookie) h.cookie = this.cookie;
    if (this.bearer) h.authorization = `Bearer ${this.bearer}`;
    let payload: BodyInit | undefined;
    if (body !== undefined) {
      if (typeof body === 'string' || body instanceof Uint8Array) {
        payload = body as BodyInit;
      } else {
        payload = JSON.stringify(body);
        h['content-type'] ??= 'application/json';
      }
    }
    const res = await fetch(this.baseUrl + path, { method, headers: h, body: payload });
    const setCookie = res.headers.get('set-cookie');
    if (setCookie) this.cookie = setCookie.split(';')[0]!;
    const text = await res.text();
    let json: any;
    try {
      json = text ? JSON.parse(text) : undefined;
    } catch {
      json = text;
    }
    return { status: res.status, body: json, headers: res.headers };
  }

  get = (path: string) => this.request('GET', path);
  post = (path: string, body?: unknown, headers?: Record<string, string>) => this.request('POST', path, body, headers);
  patch = (path: string, body?: unknown) => this.request('PATCH', path, body);
  delete = (path: string) => this.request('DELETE', path);
}
