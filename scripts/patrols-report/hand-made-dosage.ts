import { createArea, createUser } from '../../server/areas/areas.service';
import type { DatabaseHandle } from '../../server/db/database';
import { EXPECTED_DOSAGE, HAND_MADE_LOGS, planTargets, PLAN_PERIOD, RECT } from './hand-made-logs';
import { serve } from './serve';

const PASSWORD = 'handraknad-dosering-2026';

/** Builds the hand-made plan and logs in a scratch database, asks the API for the dosage and prints it next to the expected figures. */
export async function handMadeDosage(handle: DatabaseHandle) {
  const half = 0.1;
  const [lng0, lat0] = [16.5, 59.37];
  await createArea(handle.db, {
    code: 'handraknat',
    name: 'Handräknat testområde',
    boundary: { type: 'Polygon', coordinates: [[[lng0 - half, lat0 - half / 2], [lng0 + half, lat0 - half / 2], [lng0 + half, lat0 + half / 2], [lng0 - half, lat0 + half / 2], [lng0 - half, lat0 - half / 2]]] },
  });
  await createUser(handle.db, { email: 'planner@handraknat.test', name: 'Planerare', role: 'planner', areaCode: 'handraknat', password: PASSWORD, organisationId: null });
  const { api, close } = await serve(handle, 'planner@handraknat.test', PASSWORD);
  try {
    const zone = await api.post('/zones', { name: 'Rektangeln', geometry: RECT });
    const plan = await api.post('/patrol-plans', { name: 'Handräknad', ...PLAN_PERIOD, targets: planTargets(zone.id) });
    const other = await api.post('/patrol-plans', { name: 'Annan', from: '2026-09-01', to: '2026-10-01', targets: [] });
    for (const log of HAND_MADE_LOGS) {
      const planId = log.planRef === 'this' ? plan.id : log.planRef === 'other' ? other.id : undefined;
      await api.post('/patrol-logs', { ...log.body, planId, unit: 'Patrull 2215' });
    }
    const dosage = await api.get(`/patrol-plans/${plan.id}/dosage`);
    console.log('== 2. Dosage from hand-made logs (scratch database; test/patrols-api/dosage.test.ts asserts the same) ==');
    for (const log of HAND_MADE_LOGS) console.log(`  ${log.label}: ${log.why}`);
    console.log('  target  week      planned visits  done visits  planned min  done min  window coverage   (expected by hand)');
    dosage.targets.forEach((t: { weeks: Record<string, number | string | null>[] }, i: number) => {
      t.weeks.forEach((w, j) => {
        const got = [w.week, w.plannedVisits, w.doneVisits, w.plannedMinutes, w.doneMinutes, w.windowCoverage];
        const want = EXPECTED_DOSAGE[i]![j]!;
        const same = JSON.stringify(got) === JSON.stringify(want);
        console.log(`  ${'AB'[i]}       ${got.map((x) => String(x).padEnd(12)).join(' ')} ${same ? 'matches' : `DIFFERS: ${JSON.stringify(want)}`}`);
      });
    });
    console.log('');
  } finally {
    await close();
  }
}
