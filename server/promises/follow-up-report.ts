import type { Db } from '../db/database';
import { withArea } from '../db/scope';
import type { AuthContext } from '../auth/auth-context';
import { HttpError } from '../http/errors';
import { html, PRINT_CSS, swedishDate } from '../shared/print-html';
import { localParts } from '../shared/local-periods';
import { promiseProgressIn, type ProgressAnswer } from './progress.service';
import { listActivities } from './promises.repository';
import { ACTIVITY_SV, numberSv, OWNER_SV, outcomeSv, periodSv, targetLabel } from './promise-texts';
import type { ActivityKind } from '../db/schema';

/**
 * The follow-up report of a medborgarlöfte, like the ones municipalities publish
 * ("Uppföljning medborgarlöfte 2026"): each target's goal, what was done per period and whether
 * it was met, and the activities by kind. No notes, units, logs or coordinates: it is written to
 * be shared.
 */
export async function followUpReport(db: Db, caller: AuthContext, id: string, now = new Date()) {
  const { progress, activities } = await withArea(db, caller.areaId, async (tx) => ({
    progress: await promiseProgressIn(tx, caller.areaId, id, now),
    activities: await listActivities(tx, caller.areaId, id),
  }));
  if (!progress) throw HttpError.notFound('Promise');
  return reportData(progress, activities, caller.areaName, now);
}

export function reportData(progress: ProgressAnswer, activities: { kind: ActivityKind; count: number }[], areaName: string, now: Date) {
  const p = progress.promise;
  const year = localParts(new Date(p.from), p.timezone).year;
  const byKind = new Map<ActivityKind, number>();
  for (const a of activities) byKind.set(a.kind, (byKind.get(a.kind) ?? 0) + a.count);
  const judged = progress.targets.filter((t) => t.onTrack !== null);
  return {
    heading: `Uppföljning medborgarlöfte ${year}`,
    areaName,
    generatedAt: now.toISOString(),
    promise: { id: p.id, title: p.title, owner: p.owner, ownerLabel: OWNER_SV[p.owner], from: p.from, to: p.to, status: p.status, timezone: p.timezone },
    summary: judged.length ? `${judged.filter((t) => t.onTrack).length} av ${judged.length} mål i fas` : 'Löftet har inte börjat ännu',
    targets: progress.targets.map((t) => ({ ...t, label: targetLabel(t), outcome: outcomeSv(t) })),
    activities: [...byKind.entries()].map(([kind, count]) => ({ kind, label: ACTIVITY_SV[kind], count })).sort((a, b) => b.count - a.count),
  };
}

export type ReportData = ReturnType<typeof reportData>;

const STATUS_SV = { done: '', current: ' (pågår)', future: ' (kommande)' } as const;

export function reportHtml(r: ReportData): string {
  const tz = r.promise.timezone;
  const sections = r.targets.map(
    (t) => html`<h2>${t.label}</h2>
      <p>${t.outcome}. Totalt ${numberSv(t.total)}.${t.onTrack === null ? '' : t.onTrack ? html` <span class="ok">I fas.</span>` : html` <span class="miss">Inte i fas.</span>`}</p>
      <table><tr><th>Period</th><th>Gjort</th><th>Mål</th><th>Uppnått</th></tr>
      ${t.periods
        .filter((p) => p.status !== 'future')
        .map((p) => html`<tr><td>${periodSv(p.period)}${STATUS_SV[p.status]}</td><td>${numberSv(p.done)}</td><td>${numberSv(p.goal)}</td><td>${p.status === 'current' ? '–' : p.met ? 'ja' : 'nej'}</td></tr>`)}
      </table>`,
  );
  const activities = r.activities.length
    ? html`<h2>Aktiviteter</h2><table><tr><th>Slag</th><th>Antal</th></tr>${r.activities.map((a) => html`<tr><td>${a.label}</td><td>${numberSv(a.count)}</td></tr>`)}</table>`
    : html``;
  return html`<!doctype html>
<html lang="sv"><head><meta charset="utf-8"><title>${r.heading}: ${r.promise.title}</title><style>${PRINT_CSS}</style></head>
<body>
<h1>${r.heading}</h1>
<p class="meta"><strong>${r.promise.title}</strong> · ${r.areaName} · ${r.promise.ownerLabel} · ${swedishDate(new Date(r.promise.from), tz)} – ${swedishDate(new Date(new Date(r.promise.to).getTime() - 1), tz)}</p>
<p class="note">${r.summary}. Sammanställt ${swedishDate(new Date(r.generatedAt), tz)}.</p>
${sections}
${activities}
</body></html>`.text;
}
