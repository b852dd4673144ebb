import type { Db } from '../db/database';
import { withArea } from '../db/scope';
import { HttpError } from '../http/errors';
import { bigintToCell } from '../h3/cells';
import { findAreaWithBoundary } from '../areas/areas.repository';
import { publicViewSettings } from '../areas/area-settings';
import { cachedCellPolygon } from '../hotspots/cell-geometry-cache';
import type { HotspotFilter } from '../hotspots/hotspot-filters';
import { countByCell } from '../hotspots/hotspots.repository';
import { AREA_CODE, MAX_PUBLIC_RESOLUTION, type PublicHotspotsQueryInput } from './public.schema';
import { addLocalWeeks, isoWeekLabel, resolvePublicWindow, startOfLocalWeek, toLocalIso } from './public-weeks';
import { findPublishedArea } from './public.repository';

interface PublishedArea {
  id: number;
  name: string;
  timezone: string;
  minCount: number;
}

/** One answer for an unknown code and for an area that is not published: existence is not revealed. */
const notPublished = () => new HttpError(404, 'not_found', 'No published map for this area');

async function publishedArea(db: Db, code: string): Promise<PublishedArea> {
  if (!AREA_CODE.test(code)) throw notPublished();
  const row = await findPublishedArea(db, code);
  if (!row) throw notPublished();
  return { id: row.id, name: row.name, timezone: row.timezone, minCount: publicViewSettings(row.settings).publicMinCount };
}

/** What the public map page needs before it can draw: name, outline, k, and the week in progress. */
export async function publicAreaInfo(db: Db, code: string, now = new Date()) {
  const area = await publishedArea(db, code);
  const outline = await withArea(db, area.id, (tx) => findAreaWithBoundary(tx, area.id));
  if (!outline) throw notPublished();
  return {
    code,
    name: area.name,
    timezone: area.timezone,
    minCount: area.minCount,
    maxRes: MAX_PUBLIC_RESOLUTION,
    /** The default period ends where this week starts. */
    currentWeek: isoWeekLabel(startOfLocalWeek(now, area.timezone), area.timezone),
    bbox: outline.bbox,
    boundary: outline.boundary,
  };
}

/**
 * Weekly report counts per hexagon for anyone: point-precision reports in analytics only (the
 * /hotspots defaults), whole weeks, and cells with fewer than k reports left out altogether —
 * not even their number is told. Only cell and count leave the server.
 */
export async function publicHotspots(db: Db, code: string, q: PublicHotspotsQueryInput, now = new Date()) {
  const area = await publishedArea(db, code);
  const period = resolvePublicWindow(q, area.timezone, now);
  const filter: HotspotFilter = { areaId: area.id, from: period.from, to: period.to, precision: 'point', includeExcluded: false };
  const rows = await withArea(db, area.id, (tx) => countByCell(tx, q.res, filter));
  const features = rows
    .filter((row) => row.count >= area.minCount)
    .map((row) => {
      const cell = bigintToCell(row.cell);
      return { type: 'Feature' as const, id: cell, geometry: cachedCellPolygon(cell), properties: { cell, count: row.count } };
    });
  return {
    type: 'FeatureCollection' as const,
    features,
    meta: {
      res: q.res,
      from: toLocalIso(period.from, area.timezone),
      to: toLocalIso(period.to, area.timezone),
      firstWeek: isoWeekLabel(period.from, area.timezone),
      lastWeek: isoWeekLabel(addLocalWeeks(period.to, -1, area.timezone), area.timezone),
      weeks: period.weeks,
      minCount: area.minCount,
      areaName: area.name,
    },
  };
}
