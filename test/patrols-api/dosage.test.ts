import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BACKENDS } from '../support/backends';
import { ApiClient, createTestArea, type TestArea } from '../support/fixtures';
import { startTestServer, type TestServer } from '../support/server';
import { EXPECTED_DOSAGE, HAND_MADE_LOGS, planTargets, PLAN_PERIOD, RECT } from '../../scripts/patrols-report/hand-made-logs';

/**
 * Dosage from a hand-made set of patrol logs; the logs and the figures expected of them, worked out
 * by hand, are in scripts/patrols-report/hand-made-logs.ts (the demo report prints the same).
 */
describe.each(BACKENDS)('patrol dosage (%s)', (backend) => {
  let server: TestServer;
  let area: TestArea;
  let planner: ApiClient;
  let reporter: ApiClient;
  let planId: string;
  let targetIds: string[];

  beforeAll(async () => {
    server = await startTestServer({ backend });
    area = await createTestArea(server.db, 'dosage');
    planner = await ApiClient.login(server.url, area.users.planner.email);
    reporter = await ApiClient.login(server.url, area.users.reporter.email);
    const zone = await planner.post('/api/v1/zones', { name: 'Rektangeln', geometry: RECT });
    expect(zone.status).toBe(201);
    const plan = await planner.post('/api/v1/patrol-plans', { name: 'Hösten', ...PLAN_PERIOD, targets: planTargets(zone.body.id) });
    expect(plan.status).toBe(201);
    planId = plan.body.id;
    targetIds = plan.body.targets.map((t: { id: string }) => t.id);
    const otherPlanId = (await planner.post('/api/v1/patrol-plans', { name: 'Annan', from: '2026-09-01', to: '2026-10-01', targets: [] })).body.id;
    for (const log of HAND_MADE_LOGS) {
      const planRef = log.planRef === 'other' ? otherPlanId : log.planRef === 'this' ? planId : undefined;
      const res = await reporter.post('/api/v1/patrol-logs', { ...log.body, planId: planRef, unit: 'Patrull 2215' });
      expect(res.status, `${log.label}: ${JSON.stringify(res.body)}`).toBe(201);
    }
  });
  afterAll(() => server?.close());

  it('gives planned and done visits, minutes on site and window coverage per target and ISO week', async () => {
    const res = await planner.get(`/api/v1/patrol-plans/${planId}/dosage`);
    expect(res.status).toBe(200);
    expect(res.body.targets.map((t: { targetId: string }) => t.targetId)).toEqual(targetIds);
    const weeks = (i: number) =>
      res.body.targets[i].weeks.map((w: Record<string, unknown>) => [w.week, w.plannedVisits, w.doneVisits, w.plannedMinutes, w.doneMinutes, w.windowCoverage]);
    expect(weeks(0)).toEqual(EXPECTED_DOSAGE[0]);
    expect(weeks(1)).toEqual(EXPECTED_DOSAGE[1]);
  });

  it('is for planners, analysts and admins; another plan id is 404', async () => {
    expect((await reporter.get(`/api/v1/patrol-plans/${planId}/dosage`)).status).toBe(403);
    expect((await planner.get(`/api/v1/patrol-plans/${crypto.randomUUID()}/dosage`)).status).toBe(404);
  });
});
