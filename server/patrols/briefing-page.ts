import type { Db } from '../db/database';
import { withArea } from '../db/scope';
import type { AuthContext } from '../auth/auth-context';
import { findAreaWithBoundary, listCategories } from '../areas/areas.repository';
import { html, outlineMapSvg, PRINT_CSS, swedishDate, swedishWeekdays, WEEKDAYS_SV, type MapShape } from '../shared/print-html';
import { parseWindowHours, type PatrolWindow } from './koper-schedule';
import type { PlanDto } from './patrol-plans.service';

const STATUS_SV = { draft: 'utkast', active: 'aktiv', closed: 'avslutad' } as const;

/** "fre, lör 22–04": hours as a clock range, the end exclusive (18-23 is 18:00 to 24:00). */
function windowText(w: PatrolWindow): string {
  const span = parseWindowHours(w.hours)!;
  const end = (span.startHour + span.hours) % 24;
  const hh = (h: number) => String(h).padStart(2, '0');
  return `${swedishWeekdays(w.weekdays)} ${hh(span.startHour)}–${hh(end === 0 && span.hours > 0 ? 24 : end)}`;
}

/**
 * The printable briefing for a plan (GET /patrol-plans/:id/briefing): a map of the targets, each
 * target's windows, stops, what to look for and why, and its week of Koper stops.
 */
export async function briefingHtml(db: Db, caller: AuthContext, plan: PlanDto): Promise<string> {
  const { area, labels } = await withArea(db, caller.areaId, async (tx) => ({
    area: await findAreaWithBoundary(tx, caller.areaId),
    labels: new Map((await listCategories(tx, caller.areaId)).map((c) => [c.code, c.label_sv])),
  }));
  const tz = plan.timezone;
  const shapes: MapShape[] = [
    ...(area ? [{ geometry: area.boundary, kind: 'area' as const }] : []),
    ...plan.targets.map((t, i) => ({ geometry: t.geometry as MapShape['geometry'], label: String(i + 1), kind: 'target' as const })),
  ];
  const place = (t: PlanDto['targets'][number], i: number) => t.name ?? t.zoneName ?? `Mål ${i + 1}`;
  const rows = plan.targets.map(
    (t, i) => html`<tr>
      <td>${i + 1}</td><td>${place(t, i)}</td><td>${t.priority}</td>
      <td>${t.windows.map((w) => html`${windowText(w)}<br>`)}</td>
      <td>${t.dwellMinutes} min × ${t.visitsPerWeek} besök = ${t.plannedMinutesPerWeek} min/vecka</td>
      <td>${t.unit ?? '–'}</td>
      <td>${(t.topCategories ?? []).map((c) => labels.get(c.category) ?? c.category).join(', ') || '–'}</td>
    </tr>`,
  );
  const schedules = plan.targets.map((t, i) => {
    if (!t.schedule?.length) return html``;
    const byDay = WEEKDAYS_SV.map((day, d) => ({ day, stops: t.schedule!.filter((s) => s.weekday === d) })).filter((x) => x.stops.length);
    return html`<h3>${i + 1}. ${place(t, i)}</h3>
      ${t.reason ? html`<p>${t.reason}</p>` : html``}
      <table><tr><th>Dag</th><th>Stopp (start, längd)</th></tr>
      ${byDay.map((d) => html`<tr><td>${d.day}</td><td>${d.stops.map((s) => `${s.time} (${s.dwellMinutes} min)`).join(' · ')}</td></tr>`)}
      </table>`;
  });
  const page = html`<!doctype html>
<html lang="sv"><head><meta charset="utf-8"><title>Patrullbriefing: ${plan.name}</title><style>${PRINT_CSS}</style></head>
<body>
<h1>Patrullbriefing: ${plan.name}</h1>
<p class="meta">${area?.name ?? caller.areaName} · ${swedishDate(new Date(plan.from), tz)} – ${swedishDate(new Date(new Date(plan.to).getTime() - 1), tz)} · status: ${STATUS_SV[plan.status]} · ${plan.plannedMinutesPerWeek} planerade minuter per vecka</p>
<p class="note">Koper-regeln: stanna 10–16 minuter på platsen, vid oregelbundna tider, minst varannan timme under fönstret. Syns och var tillgänglig; notera vad du ser.</p>
${outlineMapSvg(shapes)}
<h2>Mål</h2>
<table><tr><th>#</th><th>Plats</th><th>Prio</th><th>Fönster</th><th>Närvaro</th><th>Enhet</th><th>Håll utkik efter</th></tr>${rows}</table>
<h2>Stopp under veckan</h2>
${schedules}
</body></html>`;
  return page.text;
}
