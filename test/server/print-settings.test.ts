import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BACKENDS } from '../support/backends';
import { ApiClient, createTestArea, type TestArea } from '../support/fixtures';
import { startTestServer, type TestServer } from '../support/server';

/** Per-area print settings: the confidentiality marking and the threshold of shared prints. */
describe.each(BACKENDS)('print settings (%s)', (backend) => {
  let server: TestServer;
  let area: TestArea;
  let admin: ApiClient;
  let planner: ApiClient;
  let analyst: ApiClient;

  beforeAll(async () => {
    server = await startTestServer({ backend });
    area = await createTestArea(server.db, 'utskrift');
    admin = await ApiClient.login(server.url, area.users.admin.email);
    planner = await ApiClient.login(server.url, area.users.planner.email);
    analyst = await ApiClient.login(server.url, area.users.analyst.email);
  });
  afterAll(async () => {
    await server?.close();
  });

  const settings = (body: unknown) => admin.patch('/api/v1/areas/current/settings', body);

  it('a new area prints with the OSL marking and hides counts below 5 in shared versions', async () => {
    const res = await planner.get('/api/v1/areas/current');
    expect(res.body).toMatchObject({ confidentialityMarking: 'Omfattas av sekretess enligt OSL', printMinCount: 5 });
    expect((await admin.get('/api/v1/areas/current/settings')).body).toMatchObject({ confidentialityMarking: 'Omfattas av sekretess enligt OSL', printMinCount: 5 });
  });

  it('the admin words the marking and sets the threshold; planners and analysts read them on the area', async () => {
    const res = await settings({ confidentialityMarking: '  Sekretess enligt 18 kap. 1 §   OSL ', printMinCount: 3 });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ confidentialityMarking: 'Sekretess enligt 18 kap. 1 § OSL', printMinCount: 3 });
    expect((await analyst.get('/api/v1/areas/current')).body).toMatchObject({ confidentialityMarking: 'Sekretess enligt 18 kap. 1 § OSL', printMinCount: 3 });
  });

  it.each([null, '', '   '])('%j removes the marking, and it stays removed', async (marking) => {
    expect((await settings({ confidentialityMarking: marking })).body.confidentialityMarking).toBeNull();
    expect((await planner.get('/api/v1/areas/current')).body.confidentialityMarking).toBeNull();
    await settings({ printMinCount: 4 });
    expect((await planner.get('/api/v1/areas/current')).body.confidentialityMarking).toBeNull();
  });

  it.each([
    [{ confidentialityMarking: 'x'.repeat(201) }, 'confidentialityMarking'],
    [{ confidentialityMarking: 42 }, 'confidentialityMarking'],
    [{ printMinCount: 1 }, 'printMinCount'],
    [{ printMinCount: 2.5 }, 'printMinCount'],
    [{ printMinCount: '5' }, 'printMinCount'],
  ])('refuses %j with 400 naming %s, changing nothing', async (patch, path) => {
    const before = (await admin.get('/api/v1/areas/current/settings')).body;
    const res = await settings(patch);
    expect(res.status).toBe(400);
    expect(res.body.error.details.map((d: any) => d.path)).toEqual([path]);
    expect((await admin.get('/api/v1/areas/current/settings')).body).toEqual(before);
  });

  it('only the admin changes them', async () => {
    expect((await planner.patch('/api/v1/areas/current/settings', { printMinCount: 9 })).status).toBe(403);
  });
});
