import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BACKENDS } from '../support/backends';
import { ApiClient, createTestArea, type TestArea } from '../support/fixtures';
import { startTestServer, type TestServer } from '../support/server';
import { at, detailPaths } from './walk-support';
import { walkForProtocol } from './protocol-fixture';

describe.each(BACKENDS)('walk protocol (%s)', (backend) => {
  let server: TestServer;
  let area: TestArea;
  let walker: ApiClient;
  let planner: ApiClient;
  let analyst: ApiClient;
  let reporter: ApiClient;
  let plannerB: ApiClient;
  let data: Awaited<ReturnType<typeof walkForProtocol>>;

  beforeAll(async () => {
    server = await startTestServer({ backend });
    area = await createTestArea(server.db, 'proto-a');
    const areaB = await createTestArea(server.db, 'proto-b', [11.97, 57.7]);
    [walker, planner, analyst, reporter, plannerB] = await Promise.all([
      ApiClient.login(server.url, area.users.walker.email),
      ApiClient.login(server.url, area.users.planner.email),
      ApiClient.login(server.url, area.users.analyst.email),
      ApiClient.login(server.url, area.users.reporter.email),
      ApiClient.login(server.url, areaB.users.planner.email),
    ]);
    data = await walkForProtocol(walker, planner);
  });
  afterAll(() => server?.close());

  it('answers JSON by default: the walk, its route, and the findings numbered in walk order with photos, owner, deadline, status and history', async () => {
    const res = await analyst.get(`/api/v1/walks/${data.walk.id}/protocol`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^application\/json/);
    expect(res.headers.get('cache-control')).toMatch(/no-store/);
    const p = res.body;
    expect(p.area.name).toBe('Testområde proto-a');
    expect(p.walk).toMatchObject({ id: data.walk.id, status: 'done', participants: [{ name: 'Bostadsbolaget' }, { name: 'Skolan' }], track: { points: 30 } });
    expect(p.walk.recordedRoute.coordinates).toHaveLength(2);
    expect(p.findings.map((f: { number: number; id: string }) => [f.number, f.id])).toEqual(data.findings.map((f, i) => [i + 1, f.id]));
    expect(p.findings[0].photos).toEqual([expect.objectContaining({ id: data.photo.id, thumbUrl: data.photo.thumbUrl })]);
    expect(p.findings[1]).toMatchObject({ status: 'planned', owner: 'Bostadsbolaget, Karin', dueDate: '2026-11-30' });
    expect(p.findings[1].history.map((e: { action: string }) => e.action)).toEqual(['created', 'updated']);
    expect(p.categoryLabels).toMatchObject({ belysning: 'Belysning', vegetation: 'Vegetation' });
    expect(p.map.extent.west).toBeLessThan(at(0)[0]);
  });

  it('renders a printable Swedish page with ?format=html: A4 print CSS, an SVG map with every finding, the table with thumbnails', async () => {
    const res = await walker.get(`/api/v1/walks/${data.walk.id}/protocol?format=html`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/html; charset=utf-8/);
    const page: string = res.body;
    expect(page).toContain('<html lang="sv">');
    expect(page).toContain('<title>Protokoll – Kvällsvandring Fristaden</title>');
    expect(page).toContain('@page { size: A4 portrait;');
    expect(page).toMatch(/<svg class="map" viewBox="0 0 1000 \d+"/);
    expect(page.match(/<g class="marker circle">/g)).toHaveLength(3);
    expect(page.match(/<path class="walked"/g)).toHaveLength(2);
    expect(page).toContain('<path class="planned"');
    expect(page).toContain('<path class="area"');
    expect(page).toContain(`<img src="/api/v1/photos/${data.photo.id}?size=thumb"`);
    expect(page).toContain('Fynd (3)');
    expect(page).toContain('Åtgärd planerad');
    expect(page).toContain('Bostadsbolaget, Karin');
    expect(page).toContain('2026-11-30');
    expect(page).toContain('Klipps i oktober');
    expect(page).toContain('Fastighetsägare');
  });

  it('escapes what users wrote and carries no script, so it runs under the app’s CSP', async () => {
    const res = await walker.get(`/api/v1/walks/${data.walk.id}/protocol?format=html`);
    const page: string = res.body;
    expect(page).not.toMatch(/<script/i);
    expect(page).not.toMatch(/\son[a-z]+=/i);
    expect(page).toContain('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &quot;citat&quot; &#39;enkla&#39;');
    const csp = res.headers.get('content-security-policy')!;
    expect(csp).toContain("script-src 'self'");
    expect(csp).not.toMatch(/script-src[^;]*unsafe-inline/);
  });

  it('answers HTML when a browser asks for it, JSON otherwise', async () => {
    expect((await walker.request('GET', `/api/v1/walks/${data.walk.id}/protocol`, undefined, { accept: 'text/html,application/xhtml+xml,*/*;q=0.8' })).headers.get('content-type')).toMatch(/^text\/html/);
    expect((await walker.request('GET', `/api/v1/walks/${data.walk.id}/protocol`, undefined, { accept: '*/*' })).headers.get('content-type')).toMatch(/^application\/json/);
    expect((await walker.request('GET', `/api/v1/walks/${data.walk.id}/protocol?format=json`, undefined, { accept: 'text/html' })).headers.get('content-type')).toMatch(/^application\/json/);
  });

  it("lists a re-walk's checks with their results", async () => {
    const rewalk = (await walker.post(`/api/v1/walks/${data.walk.id}/rewalk`, {})).body;
    await walker.patch(`/api/v1/walks/${rewalk.id}`, { status: 'ongoing' });
    await walker.patch(`/api/v1/findings/${data.findings[0].id}`, { status: 'fixed' });
    const page: string = (await walker.get(`/api/v1/walks/${rewalk.id}/protocol?format=html`)).body;
    expect(page).toContain('Kontroll av tidigare fynd (3)');
    expect(page.match(/<g class="marker square">/g)).toHaveLength(3);
    expect(page).toContain('Åtgärdat');
    expect(page).toContain('Ej kontrollerat');
    expect(page).toContain('Inga fynd registrerades.');
  });

  it('is for the walk readers of the area only, and names a bad format', async () => {
    expect((await reporter.get(`/api/v1/walks/${data.walk.id}/protocol`)).status).toBe(403);
    expect((await plannerB.get(`/api/v1/walks/${data.walk.id}/protocol`)).status).toBe(404);
    expect((await planner.get(`/api/v1/walks/${randomUUID()}/protocol`)).status).toBe(404);
    const bad = await planner.get(`/api/v1/walks/${data.walk.id}/protocol?format=pdf`);
    expect(bad.status).toBe(400);
    expect(detailPaths(bad.body)).toEqual(['format']);
  });
});
