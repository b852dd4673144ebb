import { localParts } from '../../server/shared/local-periods';
import type { Api } from './serve';

const TZ = 'Europe/Stockholm';
const DAY_MS = 86_400_000;
const WEEKDAYS = ['mån', 'tis', 'ons', 'tor', 'fre', 'lör', 'sön'];

/** The local date `days` before now, "YYYY-MM-DD". */
function daysAgo(days: number, now = new Date()): string {
  const p = localParts(new Date(now.getTime() - days * DAY_MS), TZ);
  return `${p.year}-${String(p.month).padStart(2, '0')}-${String(p.day).padStart(2, '0')}`;
}

const windowsText = (windows: { weekdays: number[]; hours: string }[]) => windows.map((w) => `${w.weekdays.map((d) => WEEKDAYS[d]).join(',')} ${w.hours}`).join('; ');

export async function printProposal(api: Api) {
  const body = { res: 9, budgetMinutesPerWeek: 600, maxTargets: 4, method: 'count', seed: 7 };
  const p = await api.post('/patrol-plans/propose', body);
  console.log(`== 1. Proposal on the demo data: POST /patrol-plans/propose ${JSON.stringify(body)} ==`);
  console.log(`  reports ${p.meta.from} – ${p.meta.to}: ${p.meta.totalReports} counted, ${p.meta.hotCells} hot cells, ${p.meta.candidates} candidate places`);
  for (const t of p.targets) {
    console.log(`  #${t.priority} ${t.name} (${t.cells.length} cells): ${windowsText(t.windows)}`);
    console.log(`     ${t.dwellMinutes} min × ${t.visitsPerWeek} visits = ${t.plannedMinutesPerWeek} min/week; look for ${t.topCategories.map((c: { label: string; count: number }) => `${c.label} (${c.count})`).join(', ')}`);
    console.log(`     ${t.reason}`);
    console.log(`     first stops: ${t.schedule.slice(0, 4).map((s: { weekday: number; time: string }) => `${WEEKDAYS[s.weekday]} ${s.time}`).join(', ')}${t.schedule.length > 4 ? ', …' : ''}`);
  }
  console.log(`  budget: ${p.budget.plannedMinutesPerWeek} of ${p.budget.budgetMinutesPerWeek} min/week planned (stops of ${p.budget.dwellMinutes} min)`);
  for (const cut of p.budget.cuts) console.log(`  cut: ${cut.message}`);
  const tight = await api.post('/patrol-plans/propose', { ...body, budgetMinutesPerWeek: 120 });
  console.log(`  with a 120-minute budget: ${tight.targets.length} targets, ${tight.budget.plannedMinutesPerWeek} min planned; cuts: ${tight.budget.cuts.map((c: { message: string }) => c.message).join(' | ')}`);
  const gi = await api.post('/patrol-plans/propose', { ...body, method: 'gi' });
  console.log(`  method gi: ${gi.targets.map((t: { name: string; reason: string }) => `${t.name} (${/Gi\* z = [\d,]+/.exec(t.reason)?.[0]})`).join(', ')}`);
  console.log('');
}

export async function printProgress(api: Api) {
  const { promises } = await api.get('/promises');
  const promise = promises.find((p: { title: string }) => p.title === 'Medborgarlöfte Nyfors centrum') ?? promises[0];
  const progress = await api.get(`/promises/${promise.id}/progress`);
  const plans = await api.get('/patrol-plans?status=active');
  console.log(`== 3. Promise progress: "${promise.title}" (${promise.from.slice(0, 10)} – ${promise.to.slice(0, 10)}) from patrol logs, safety walks and activities ==`);
  for (const t of progress.targets) {
    const done = t.periods.filter((p: { status: string }) => p.status !== 'future');
    const shown = done.slice(-6).map((p: { period: string; done: number; goal: number; met: boolean; status: string }) => `${p.period} ${p.done}/${p.goal}${p.status === 'current' ? ' (now)' : p.met ? ' ✓' : ' ✗'}`);
    console.log(`  ${t.metric}${t.zoneName ? ` in ${t.zoneName}` : ''}, goal ${t.goal} per ${t.per}: total ${t.total}; met ${t.metPeriods} of ${t.completedPeriods} completed periods; onTrack ${t.onTrack}`);
    console.log(`     latest: ${shown.join(' · ')}`);
  }
  const demoPlan = plans.plans[0];
  if (demoPlan) {
    const dosage = await api.get(`/patrol-plans/${demoPlan.id}/dosage`);
    console.log(`  (demo plan "${demoPlan.name}" dosage, last full weeks:)`);
    for (const t of dosage.targets) {
      const weeks = t.weeks.filter((w: { doneVisits: number }) => w.doneVisits > 0).slice(-3);
      console.log(`     ${t.name}: ${weeks.map((w: { week: string; doneVisits: number; plannedVisits: number; doneMinutes: number; plannedMinutes: number; windowCoverage: number }) => `${w.week} ${w.doneVisits}/${w.plannedVisits} visits, ${w.doneMinutes}/${w.plannedMinutes} min, coverage ${w.windowCoverage}`).join(' · ')}`);
    }
  }
  console.log('');
}

export async function printEvaluation(api: Api) {
  const zones = await api.get('/zones');
  const nyfors = zones.features.find((f: { properties: { name: string } }) => f.properties.name === 'Nyfors centrum');
  const body = { zoneId: nyfors.id, before: { from: daysAgo(365), to: daysAgo(190) }, after: { from: daysAgo(160), to: daysAgo(0) }, res: 9, ring: 1 };
  const e = await api.post('/evaluations', body);
  console.log(`== 4. Evaluation of Nyfors centrum on the demo data: POST /evaluations ${JSON.stringify({ ...body, zoneId: 'Nyfors centrum' })} ==`);
  console.log(`  treated ${e.treated.cells} cells: ${e.treated.countBefore} reports before (${e.treated.rateBefore}/cell/week) → ${e.treated.countAfter} after (${e.treated.rateAfter})`);
  console.log(`  controls (${e.control.cells} cells, ${e.control.matchedPerCell} per treated cell, from ${e.control.pool}): ${e.control.rateBefore} → ${e.control.rateAfter}`);
  console.log(`  estimate ${e.estimate} reports/cell/week, 95 % interval [${e.ciLow}, ${e.ciHigh}] (SE ${e.standardError}; ${e.relativeChange === null ? '–' : `${Math.round(e.relativeChange * 100)} %`} of the before rate)`);
  console.log(`  verdict (${e.verdictCode}): ${e.verdict}`);
  console.log(`  ring k=${e.ring.k} (${e.ring.cells} cells): ${e.ring.rateBefore} → ${e.ring.rateAfter}; estimate ${e.ring.estimate} [${e.ring.ciLow}, ${e.ring.ciHigh}]`);
  console.log(`  ring verdict (${e.ring.verdictCode}): ${e.ring.verdict}`);
  console.log('');
}
