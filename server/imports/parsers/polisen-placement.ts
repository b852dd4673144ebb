/**
 * Where Polisen events may go on an area's map. Their coordinates are centroids: of the
 * municipality, or of the county. A county centroid lies in one arbitrary small municipality
 * (Västra Götalands län → Vara, Hallands län → Falkenberg), so placing county-level events at it
 * makes false hotspots. Rules:
 * - municipality-level event in a municipality inside the area → its own gps, precision 'municipality';
 * - county-level event whose name ends with a municipality inside the area → that municipality's
 *   point, precision 'municipality' (never the county centroid);
 * - everything else is outside the area; county-wide events (no municipality named) are also counted.
 */
import type { ImportRow } from '../import-row.js';
import { MAX_DESCRIPTION_LENGTH } from './row-fields.js';
import { WGS84 } from './coordinates.js';
import type { PolisenEvent } from './polisen.js';

export interface PolisenPlacement {
  rows: ImportRow[];
  /** Events not placed in the area (including every county-wide one). */
  outsideArea: PolisenEvent[];
  /** County-level events that name no municipality; all of them are in `outsideArea` too. */
  countyWide: number;
}

/**
 * Distinct municipality-level locations of a feed, keyed by lower-cased name (Polisen writes
 * "Upplands-bro", SCB "Upplands-Bro"). The service tests these points against the area boundary
 * and passes the ones inside, plus the area's own name, to `placePolisenEvents`.
 */
export function municipalityCoordinates(events: Iterable<PolisenEvent>): Map<string, [number, number]> {
  const points = new Map<string, [number, number]>();
  for (const event of events) {
    const key = event.locationName.toLowerCase();
    if (event.level === 'municipality' && !points.has(key)) points.set(key, [event.lng, event.lat]);
  }
  return points;
}

/**
 * @param insideMunicipalities lower-cased municipality name → [lng, lat] for municipalities inside the area.
 * @example
 * const inside = new Map([...municipalityCoordinates(events)].filter(([, p]) => boundaryContains(p)));
 * inside.set(area.name.toLowerCase(), areaPoint);
 * const { rows, outsideArea, countyWide } = placePolisenEvents(events, inside);
 */
export function placePolisenEvents(
  events: Iterable<PolisenEvent>,
  insideMunicipalities: ReadonlyMap<string, readonly [number, number]>,
): PolisenPlacement {
  const rows: ImportRow[] = [];
  const outsideArea: PolisenEvent[] = [];
  let countyWide = 0;
  for (const event of events) {
    if (event.level === 'municipality') {
      if (insideMunicipalities.has(event.locationName.toLowerCase())) rows.push(toImportRow(event, event.lng, event.lat));
      else outsideArea.push(event);
      continue;
    }
    const point = event.municipalityName === null ? undefined : insideMunicipalities.get(event.municipalityName.toLowerCase());
    if (point) {
      rows.push(toImportRow(event, point[0], point[1]));
    } else {
      outsideArea.push(event);
      if (event.municipalityName === null) countyWide++;
    }
  }
  return { rows, outsideArea, countyWide };
}

function toImportRow(event: PolisenEvent, lng: number, lat: number): ImportRow {
  const summary = event.summary.trim();
  return {
    rowNumber: event.rowNumber,
    externalId: event.externalId,
    category: event.category,
    observedAt: event.observedAt,
    observedUntil: null,
    x: lng,
    y: lat,
    srid: WGS84,
    severity: null,
    description: summary === '' ? null : summary.slice(0, MAX_DESCRIPTION_LENGTH),
    sourceType: event.type,
    locationPrecision: 'municipality',
    inAnalytics: event.inAnalytics,
  };
}
