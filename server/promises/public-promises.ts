import { sql } from 'kysely';
import type { Db } from '../db/database';
import { withArea } from '../db/scope';
import { HttpError } from '../http/errors';
import { AREA_CODE } from '../public/public.schema';
import { toLocalIso } from '../public/public-weeks';
import { html, PRINT_CSS } from '../shared/print-html';
import { reportData, type ReportData } from './follow-up-report';
import { promiseProgressIn } from './progress.service';
import { listActivities, listPromises } from './promises.repository';
import { numberSv, periodSv } from './promise-texts';

const notPublished = () => new HttpError(404, 'not_found', 'No published promises for this area');

/**
 * The public follow-up of an area's medborgarlöften (GET /public/areas/:code/promises), only when
 * its admin has switched publicPromises on (404 otherwise, for unknown codes alike). Active and
 * closed promises, each target's goal and its completed periods (never the one in progress), and
 * activity counts by kind. Zone names are shown, since a promise names its place in public
 * anyway; nothing else about places, and no units, logs, notes, people or coordinates.
 */
export async function publicPromises(db: Db, code: string, now = new Date()) {
  if (!AREA_CODE.test(code)) throw notPublished();
  const area = (await sql<{ id: number; name: string; timezone: string }>`SELECT id, name, timezone FROM public_promises_area_by_code(${code})`.execute(db)).rows[0];
  if (!area) throw notPublished();
  const reports = await withArea(db, area.id, async (tx) => {
    const out: ReportData[] = [];
    for (const p of await listPromises(tx, area.id, ['active', 'closed'])) {
      const progress = await promiseProgressIn(tx, area.id, p.id, now);
      if (progress) out.push(reportData(progress, await listActivities(tx, area.id, p.id), area.name, now));
    }
    return out;
  });
  return {
    code,
    areaName: area.name,
    timezone: area.timezone,
    promises: reports.map((r) => ({
      heading: r.heading,
      title: r.promise.title,
      owner: r.promise.owner,
      ownerLabel: r.promise.ownerLabel,
      from: r.promise.from,
      to: r.promise.to,
      status: r.promise.status,
      targets: r.targets.map((t) => ({
        metric: t.metric,
        label: t.label,
        zoneName: t.zoneName,
        per: t.per,
        goal: t.goal,
        completedPeriods: t.completedPeriods,
        metPeriods: t.metPeriods,
        outcome: t.outcome,
        periods: t.periods.filter((p) => p.status === 'done').map((p) => ({ period: p.period, done: p.done, goal: p.goal, met: p.met })),
      })),
      activities: r.activities,
    })),
  };
}

export type PublicPromises = Awaited<ReturnType<typeof publicPromises>>;

/** The last day of a half-open period as YYYY-MM-DD: the day of its exclusive end, less 1 ms (as the printed report does). */
const lastDay = (to: string, timeZone: string) => toLocalIso(new Date(new Date(to).getTime() - 1), timeZone).slice(0, 10);

export function publicPromisesHtml(p: PublicPromises): string {
  const promises = p.promises.map(
    (pr) => html`<section><h2>${pr.heading}: ${pr.title}</h2><p class="meta">${pr.ownerLabel} · ${pr.from.slice(0, 10)} – ${lastDay(pr.to, p.timezone)}</p>
      ${pr.targets.map(
        (t) => html`<h3>${t.label}</h3><p>${t.outcome}.</p>
        ${t.periods.length ? html`<table><tr><th>Period</th><th>Gjort</th><th>Mål</th><th>Uppnått</th></tr>${t.periods.map((x) => html`<tr><td>${periodSv(x.period)}</td><td>${numberSv(x.done)}</td><td>${numberSv(x.goal)}</td><td>${x.met ? 'ja' : 'nej'}</td></tr>`)}</table>` : html``}`,
      )}
      ${pr.activities.length ? html`<h3>Aktiviteter</h3><ul>${pr.activities.map((a) => html`<li>${a.label}: ${numberSv(a.count)}</li>`)}</ul>` : html``}
    </section>`,
  );
  return html`<!doctype html>
<html lang="sv"><head><meta charset="utf-8"><title>Medborgarlöften – ${p.areaName}</title><style>${PRINT_CSS}</style></head>
<body><h1>Medborgarlöften – ${p.areaName}</h1>
<p class="note">Uppföljning av polisens och kommunens gemensamma löften. Bara avslutade perioder visas.</p>
${promises.length ? promises : html`<p>Inga publicerade medborgarlöften.</p>`}
</body></html>`.text;
}
