/**
 * The protocol's stylesheet, inline in the page (the CSP allows inline styles, not scripts). A4
 * portrait with room for punching; table headers repeat on every page and rows never split.
 * Colours from the Okabe–Ito palette (colour-blind safe) and also told apart by line style.
 */
export const PROTOCOL_CSS = `
@page { size: A4 portrait; margin: 14mm 12mm 16mm 16mm; }
* { box-sizing: border-box; }
html { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
body { margin: 0; background: #eceff1; color: #1a1a1a; font: 10.5pt/1.4 system-ui, -apple-system, "Segoe UI", Roboto, Arial, sans-serif; }
main { max-width: 210mm; margin: 0 auto; padding: 14mm 12mm; background: #fff; }
header h1 { margin: 0 0 2mm; font-size: 18pt; }
.kicker { margin: 0; color: #555; text-transform: uppercase; letter-spacing: .04em; font-size: 8.5pt; }
.hint { margin: 1mm 0 0; color: #555; font-size: 8.5pt; }
h2 { font-size: 12.5pt; margin: 6mm 0 2mm; border-bottom: 1px solid #999; padding-bottom: 1mm; }
dl { display: grid; grid-template-columns: repeat(3, 1fr); gap: 2mm 6mm; margin: 4mm 0; }
dl div.wide { grid-column: 1 / -1; }
dt { font-size: 8pt; color: #555; text-transform: uppercase; letter-spacing: .03em; }
dd { margin: 0; }
.text { white-space: pre-wrap; overflow-wrap: anywhere; }
figure.map-figure { margin: 4mm 0; break-inside: avoid; }
svg.map { display: block; width: 100%; height: auto; max-height: 150mm; border: 1px solid #bbb; background: #f7f7f2; }
svg .area { fill: #e8eee0; stroke: #777; stroke-width: 1.5; fill-rule: evenodd; }
svg .planned { fill: none; stroke: #0072b2; stroke-width: 4; stroke-dasharray: 12 8; stroke-linecap: round; }
svg .walked { fill: none; stroke: #d55e00; stroke-width: 4; stroke-linejoin: round; stroke-linecap: round; }
svg .marker circle, svg .marker rect { fill: #1a1a1a; stroke: #fff; stroke-width: 2.5; }
svg .marker.square rect { fill: #6a3d9a; }
svg .marker text { fill: #fff; font: bold 13px system-ui, Arial, sans-serif; text-anchor: middle; dominant-baseline: central; }
svg .scale path { fill: none; stroke: #1a1a1a; stroke-width: 2; }
svg .scale text { font: 13px system-ui, Arial, sans-serif; fill: #1a1a1a; }
figcaption { font-size: 8.5pt; color: #333; margin-top: 1.5mm; }
.key { display: inline-block; width: 18px; height: 10px; margin: 0 4px 0 10px; vertical-align: middle; }
.key:first-child { margin-left: 0; }
.key.area { background: #e8eee0; border: 1px solid #777; }
.key.planned { border-top: 3px dashed #0072b2; height: 0; }
.key.walked { border-top: 3px solid #d55e00; height: 0; }
.key.circle { width: 10px; border-radius: 50%; background: #1a1a1a; }
.key.square { width: 10px; background: #6a3d9a; }
table { width: 100%; border-collapse: collapse; font-size: 9pt; }
thead { display: table-header-group; }
tr { break-inside: avoid; }
th, td { border: 1px solid #bbb; padding: 1.2mm 1.5mm; vertical-align: top; text-align: left; }
th { background: #eef1f4; font-size: 8pt; }
td.num { width: 9mm; text-align: center; }
.findings th:nth-child(3) { width: 32%; }
.findings th:nth-child(2) { width: 14%; }
.badge { display: inline-block; min-width: 6mm; padding: 0 1mm; border-radius: 3mm; background: #1a1a1a; color: #fff; font-weight: bold; text-align: center; }
.badge.square { border-radius: .8mm; background: #6a3d9a; }
td.photos { width: 30mm; }
td.photos img { height: 16mm; width: auto; max-width: 28mm; margin: 0 1mm 1mm 0; object-fit: cover; border: 1px solid #ccc; }
.status.fixed, .result.fixed { color: #006d4f; font-weight: bold; }
.status.wont-fix { color: #555; }
.late, .result.not-fixed { color: #b3261e; }
.history ol { list-style: none; padding: 0; margin: 0; font-size: 9pt; }
.history > ol > li { display: flex; align-items: flex-start; gap: 2mm; margin-bottom: 1.5mm; break-inside: avoid; }
.history ul { margin: 0; padding-left: 4mm; }
footer { margin-top: 8mm; font-size: 8pt; color: #555; border-top: 1px solid #ccc; padding-top: 2mm; }
@media print {
  body { background: #fff; }
  main { max-width: none; margin: 0; padding: 0; }
  .hint { display: none; }
}
`;
