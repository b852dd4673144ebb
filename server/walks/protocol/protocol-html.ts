import type { FindingEvent } from '../../findings/finding-history.repository';
import { html, raw, type Html } from '../../shared/print-html';
import { renderMapSvg, type MapMarker } from './protocol-map';
import type { Protocol, ProtocolFinding } from './protocol.service';
import { PROTOCOL_CSS } from './protocol-css';
import { CHECK_RESULT_SV, FINDING_STATUS_SV, PRIORITY_SV, RESPONSIBLE_SV, SV, WALK_STATUS_SV } from './protocol-texts';

/**
 * The printable protocol: one HTML page, A4 print CSS, the map as inline SVG, thumbnails from
 * /api/v1/photos. No script at all, so it passes the app's Content-Security-Policy and prints the
 * same from any device.
 */
export function renderProtocolHtml(p: Protocol): string {
  const when = dateTimeFormat(p.area.timezone);
  const w = p.walk;
  const label = (code: string) => p.categoryLabels[code] ?? code;
  const walked = w.startedAt ? `${when(w.startedAt)}${w.endedAt ? ` – ${when(w.endedAt)}` : ''}` : SV.none;
  const participants = w.participants.map((x) => [x.organisationName, x.name].filter(Boolean).join(', '));

  const markers: MapMarker[] = [
    ...p.findings.map((f) => ({ label: String(f.number), lng: f.location.coordinates[0], lat: f.location.coordinates[1], shape: 'circle' as const, title: `${f.number}: ${label(f.category)}` })),
    ...w.checks.map((c, i) => ({ label: `K${i + 1}`, lng: c.finding.location.coordinates[0], lat: c.finding.location.coordinates[1], shape: 'square' as const, title: `K${i + 1}: ${label(c.finding.category)}` })),
  ];
  const map = renderMapSvg({
    extent: p.map.extent,
    areaOutline: p.map.areaOutline,
    plannedRoute: w.plannedRoute?.coordinates ?? null,
    recordedRoute: w.recordedRoute?.coordinates ?? null,
    markers,
    title: SV.mapTitle(w.name),
    scaleLabel: SV.scale,
  });

  const body = html`<!doctype html>
<html lang="sv">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${SV.title(w.name)}</title>
<style>${raw(PROTOCOL_CSS)}</style>
</head>
<body>
<main>
<header>
  <p class="kicker">${w.rewalkOf ? SV.rewalkHeading : SV.heading} · ${p.area.name}</p>
  <h1>${w.name}</h1>
  <p class="hint">${SV.printHint}</p>
</header>
<section class="facts">
  <dl>
    <div><dt>${SV.planned}</dt><dd>${when(w.plannedAt)}</dd></div>
    <div><dt>${SV.walked}</dt><dd>${walked}</dd></div>
    <div><dt>${SV.status}</dt><dd>${WALK_STATUS_SV[w.status]}</dd></div>
    <div><dt>${SV.leader}</dt><dd>${w.leader?.name ?? SV.none}</dd></div>
    <div><dt>${SV.distance}</dt><dd>${formatDistance(w.track.lengthMeters)}</dd></div>
    <div class="wide"><dt>${SV.participants}</dt><dd>${participants.length ? participants.join('; ') : SV.noParticipants}</dd></div>
    ${w.notes && html`<div class="wide"><dt>${SV.notes}</dt><dd class="text">${w.notes}</dd></div>`}
  </dl>
</section>
<figure class="map-figure">
  ${raw(map)}
  <figcaption>
    <span class="key area"></span>${SV.legendArea}
    <span class="key planned"></span>${SV.legendPlanned}
    <span class="key walked"></span>${SV.legendWalked}
    <span class="key circle"></span>${SV.legendFinding}
    ${w.checks.length > 0 && html`<span class="key square"></span>${SV.legendCheck}`}
  </figcaption>
</figure>
${findingsSection(p, label)}
${w.checks.length > 0 && checksSection(p, label)}
${historySection(p, when)}
<footer>${SV.footer(when(p.generatedAt))}</footer>
</main>
</body>
</html>
`;
  return body.text;
}

function findingsSection(p: Protocol, label: (code: string) => string): Html {
  const c = SV.columns;
  if (p.findings.length === 0) return html`<section><h2>${SV.findings(0)}</h2><p>${SV.noFindings}</p></section>`;
  return html`<section class="findings">
  <h2>${SV.findings(p.findings.length)}</h2>
  <table>
    <thead><tr><th>${c.number}</th><th>${c.category}</th><th>${c.description}</th><th>${c.priority}</th><th>${c.responsible}</th><th>${c.owner}</th><th>${c.due}</th><th>${c.status}</th><th>${c.photos}</th></tr></thead>
    <tbody>${p.findings.map((f) => findingRow(f, label))}</tbody>
  </table>
</section>`;
}

function findingRow(f: ProtocolFinding, label: (code: string) => string): Html {
  return html`<tr>
      <td class="num"><span class="badge">${f.number}</span></td>
      <td>${label(f.category)}</td>
      <td class="text">${f.description ?? ''}${f.proposedFix && html`<br><strong>${SV.proposedFix}</strong> ${f.proposedFix}`}</td>
      <td>${PRIORITY_SV[f.priority] ?? f.priority}</td>
      <td>${RESPONSIBLE_SV[f.responsible]}${f.responsibleName && html`<br>${f.responsibleName}`}</td>
      <td>${f.owner ?? SV.none}</td>
      <td>${f.dueDate ?? SV.none}${f.overdue && html`<br><strong class="late">${SV.overdue}</strong>`}</td>
      <td class="status ${f.status}">${FINDING_STATUS_SV[f.status]}</td>
      <td class="photos">${f.photos.map((ph, i) => html`<img src="${ph.thumbUrl}" alt="${SV.photoAlt(f.number, i + 1)}" loading="eager">`)}</td>
    </tr>`;
}

function checksSection(p: Protocol, label: (code: string) => string): Html {
  const c = SV.checkColumns;
  return html`<section class="checks">
  <h2>${SV.checks(p.walk.checks.length)}</h2>
  <table>
    <thead><tr><th>${c.number}</th><th>${c.category}</th><th>${c.fromWalk}</th><th>${c.result}</th><th>${c.status}</th></tr></thead>
    <tbody>${p.walk.checks.map(
      (check, i) => html`<tr>
      <td class="num"><span class="badge square">K${i + 1}</span></td>
      <td>${label(check.finding.category)}${check.finding.description && html`<br><span class="text">${check.finding.description}</span>`}</td>
      <td>${check.finding.walkName}</td>
      <td class="result ${check.result ?? 'unchecked'}">${CHECK_RESULT_SV[check.result ?? 'unchecked']}</td>
      <td class="status ${check.finding.status}">${FINDING_STATUS_SV[check.finding.status]}</td>
    </tr>`,
    )}</tbody>
  </table>
</section>`;
}

/** Every change after the finding was recorded: who set what, when, and what they said. */
function historySection(p: Protocol, when: (iso: string) => string): Html | false {
  const changed = p.findings.filter((f) => f.history.some((e) => e.action !== 'created'));
  if (changed.length === 0) return false;
  return html`<section class="history">
  <h2>${SV.history}</h2>
  <ol>${changed.map(
    (f) => html`<li><span class="badge">${f.number}</span><ul>${f.history
      .filter((e) => e.action !== 'created')
      .map((e) => html`<li>${when(e.at)} · ${SV.events[e.action]}${e.by && html` ${SV.by} ${e.by.name}`}${describeChanges(e)}${e.comment && html`: <q>${e.comment}</q>`}</li>`)}</ul></li>`,
  )}</ol>
</section>`;
}

function describeChanges(e: FindingEvent): string {
  if (!e.changes) return '';
  const parts = Object.entries(e.changes).map(([field, [from, to]]) => {
    const name = SV.fields[field] ?? field;
    if (field === 'status') return `${name} ${FINDING_STATUS_SV[from as keyof typeof FINDING_STATUS_SV] ?? from} → ${FINDING_STATUS_SV[to as keyof typeof FINDING_STATUS_SV] ?? to}`;
    if (field === 'location') return name;
    return `${name}: ${to ?? SV.none}`;
  });
  return ` (${parts.join(', ')})`;
}

function formatDistance(metres: number): string {
  return metres >= 1000 ? `${(metres / 1000).toFixed(1).replace('.', ',')} km` : `${metres} m`;
}

function dateTimeFormat(timeZone: string) {
  const format = new Intl.DateTimeFormat('sv-SE', { timeZone, dateStyle: 'long', timeStyle: 'short' });
  return (iso: string) => format.format(new Date(iso));
}
