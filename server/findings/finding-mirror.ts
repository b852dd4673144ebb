import { sql } from 'kysely';
import type { Tx } from '../db/scope';
import { pointToStorageCell } from '../h3/cells';
import { insertReport } from '../reports/reports.repository';

/**
 * Every finding is also a row in reports (source 'walk', the same id), so the hotspot and
 * analytics SQL counts findings with sources=walk and nothing else needs a second code path.
 * The mirror carries what analytics reads: category, place, time and a severity from the
 * priority. The finding's text stays in findings (not subject to report retention: it describes
 * a place, and the protocol must keep it).
 */

/** Priority 1 is the most urgent; severity 3 the most severe (weighted hotspots sum severities). */
export const severityOfPriority = (priority: number) => 4 - priority;

export function insertMirror(
  tx: Tx,
  f: { id: string; areaId: number; category: string; lng: number; lat: number; priority: number; observedAt: Date; organisationId: number | null; createdBy: number },
): Promise<boolean> {
  return insertReport(tx, {
    id: f.id,
    areaId: f.areaId,
    category: f.category,
    observedAt: f.observedAt,
    observedUntil: null,
    lng: f.lng,
    lat: f.lat,
    h3: pointToStorageCell(f.lng, f.lat),
    severity: severityOfPriority(f.priority),
    description: null,
    organisationId: f.organisationId,
    reporterId: f.createdBy,
    source: 'walk',
  });
}

export async function updateMirror(tx: Tx, areaId: number, id: string, c: { category?: string; location?: [number, number]; priority?: number }) {
  if (c.category === undefined && c.location === undefined && c.priority === undefined) return;
  await tx
    .updateTable('reports')
    .set({
      ...(c.category !== undefined && { category: c.category }),
      ...(c.location !== undefined && {
        geom: sql`ST_SetSRID(ST_MakePoint(${c.location[0]}, ${c.location[1]}), 4326)`,
        h3: pointToStorageCell(c.location[0], c.location[1]),
      }),
      ...(c.priority !== undefined && { severity: severityOfPriority(c.priority) }),
      updated_at: sql`now()` as unknown as Date,
    })
    .where('area_id', '=', areaId)
    .where('id', '=', id)
    .where('source', '=', 'walk')
    .execute();
}
