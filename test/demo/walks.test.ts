import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { booleanPointInPolygon, point } from '@turf/turf';
import { DEMO_BOUNDARY } from '../../scripts/demo/area';
import { generateDemoWalks } from '../../scripts/demo/walks';
import { BACKENDS } from '../support/backends';
import { ApiClient } from '../support/fixtures';
import { startTestServer, type TestServer } from '../support/server';

const NOW = new Date('2026-11-30T12:00:00Z');
const TODAY = '2026-11-30';

describe('demo safety walks (generated)', () => {
  const walks = generateDemoWalks({ now: NOW });
  const findings = walks.flatMap((w) => w.findings);

  it('is deterministic for a given now', () => {
    expect(generateDemoWalks({ now: NOW })).toEqual(walks);
  });

  it('has three walks done, one planned ahead and a re-walk, with twenty findings in all', () => {
    expect(walks.map((w) => w.status)).toEqual(['done', 'done', 'done', 'planned', 'done']);
    expect(walks.filter((w) => w.rewalkOf).map((w) => w.rewalkOf)).toEqual([walks[0]!.id]);
    expect(findings).toHaveLength(20);
    expect(walks[3]!.plannedAt > NOW).toBe(true);
    for (const w of walks.filter((x) => x.status === 'done')) expect(w.plannedAt < NOW).toBe(true);
  });

  it('keeps every fix and finding inside the demo area', () => {
    const inside = (lng: number, lat: number) => booleanPointInPolygon(point([lng, lat]), DEMO_BOUNDARY);
    for (const w of walks) for (const t of w.track) expect(inside(t.lng, t.lat)).toBe(true);
    for (const f of findings) expect(inside(f.lng, f.lat)).toBe(true);
  });

  it('records each track in time order with a pause on the centre walk', () => {
    for (const w of walks) {
      for (let i = 1; i < w.track.length; i++) expect(w.track[i]!.at > w.track[i - 1]!.at).toBe(true);
    }
    const gaps = walks[0]!.track.slice(1).map((t, i) => t.at.getTime() - walks[0]!.track[i]!.at.getTime());
    expect(Math.max(...gaps)).toBeGreaterThan(5 * 60_000);
  });

  it('follows findings up: every status, owners, due dates, some overdue, histories in time order', () => {
    expect(new Set(findings.map((f) => f.status))).toEqual(new Set(['open', 'planned', 'fixed', 'wont-fix']));
    const overdue = findings.filter((f) => f.dueDate !== null && f.dueDate < TODAY && (f.status === 'open' || f.status === 'planned'));
    expect(overdue.length).toBeGreaterThanOrEqual(2);
    for (const f of findings) {
      expect(f.events[0]!.action).toBe('created');
      for (let i = 1; i < f.events.length; i++) expect(f.events[i]!.at >= f.events[i - 1]!.at).toBe(true);
      expect(f.events.at(-1)!.at <= NOW).toBe(true);
    }
  });

  it("has the re-walk check the centre walk's unfinished findings, finding some fixed and some not", () => {
    const rewalk = walks[4]!;
    expect(rewalk.checks.map((c) => c.result)).toEqual(['fixed', 'not-fixed', null, 'not-fixed']);
    const fixed = findings.find((f) => f.id === rewalk.checks[0]!.findingId)!;
    expect(fixed).toMatchObject({ status: 'fixed' });
    expect(fixed.events.at(-1)).toMatchObject({ action: 'checked', walkId: rewalk.id, toStatus: 'fixed' });
  });
});

describe.each(BACKENDS)('demo safety walks (seeded, %s)', (backend) => {
  let server: TestServer;
  let walker: ApiClient;
  let planner: ApiClient;

  beforeAll(async () => {
    server = await startTestServer({ backend, seedDemo: true, demoReportCount: 300 });
    [walker, planner] = await Promise.all([
      ApiClient.login(server.url, 'vandring@demo.tryggkarta.se', 'demo-losenord-2026'),
      ApiClient.login(server.url, 'planerare@demo.tryggkarta.se', 'demo-losenord-2026'),
    ]);
  });
  afterAll(() => server?.close());

  it('shows the walks, newest first, with their tracks and findings', async () => {
    const res = await walker.get('/api/v1/walks');
    expect(res.body.walks.map((w: { status: string }) => w.status)).toEqual(['planned', 'done', 'done', 'done', 'done']);
    const centre = res.body.walks.find((w: { name: string }) => w.name === 'Trygghetsvandring Resecentrum–Fristadstorget');
    expect(centre.findings.total).toBe(8);
    expect(centre.track.points).toBeGreaterThan(100);
    expect(centre.track.lengthMeters).toBeGreaterThan(800);
  });

  it('lists overdue findings for the follow-up meeting and counts findings in hotspots with sources=walk', async () => {
    const overdue = await planner.get('/api/v1/findings?overdue=true');
    expect(overdue.body.features.length).toBeGreaterThanOrEqual(2);
    const year = `from=${new Date(Date.now() - 365 * 86_400_000).toISOString()}&to=${new Date().toISOString()}`;
    const walkHotspots = await planner.get(`/api/v1/hotspots?res=9&${year}&sources=walk`);
    expect(walkHotspots.body.meta.total).toBe(20);
    const reportHotspots = await planner.get(`/api/v1/hotspots?res=9&${year}`);
    expect(reportHotspots.body.meta.total).toBeLessThanOrEqual(300);
  });

  it('prints the re-walk protocol with its checks', async () => {
    const rewalk = (await planner.get('/api/v1/walks')).body.walks.find((w: { rewalkOf: string | null }) => w.rewalkOf);
    const page: string = (await planner.get(`/api/v1/walks/${rewalk.id}/protocol?format=html`)).body;
    expect(page).toContain('Kontroll av tidigare fynd (4)');
    expect(page).toContain('Inte åtgärdat');
  });
});
