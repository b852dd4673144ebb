import { sql } from 'kysely';
import type { Db } from '../db/database';
import { pointToStorageCell } from '../h3/cells';
import { severityOfPriority } from '../findings/finding-mirror';
import type { DemoWalk } from '../../scripts/demo/walks';

const DEMO_WALKER = 'vandring@demo.tryggkarta.se';
const DEMO_PLANNER = 'planerare@demo.tryggkarta.se';

/**
 * Writes the demo's safety walks (scripts/demo/walks.ts) as the owner, in one transaction: walks,
 * participants, tracks, findings with their mirror reports (source 'walk'), histories and the
 * re-walk's checks, the same rows the API would have written.
 */
export async function seedDemoWalks(db: Db, areaId: number, walks: DemoWalk[], orgIds: Map<string, number>, userIds: Map<string, number>) {
  const walker = userIds.get(DEMO_WALKER)!;
  const planner = userIds.get(DEMO_PLANNER)!;
  const who = (actor: 'walker' | 'planner') => (actor === 'walker' ? walker : planner);
  const walkerOrg = (await db.selectFrom('users').select('organisation_id').where('id', '=', walker).executeTakeFirstOrThrow()).organisation_id;
  await db.transaction().execute(async (tx) => {
    for (const w of walks) {
      await tx
        .insertInto('walks')
        .values({
          area_id: areaId,
          id: w.id,
          name: w.name,
          planned_at: w.plannedAt,
          planned_route: sql`ST_SetSRID(ST_GeomFromGeoJSON(${JSON.stringify({ type: 'LineString', coordinates: w.plannedRoute })}), 4326)`,
          notes: w.notes,
          status: w.status,
          started_at: w.startedAt,
          ended_at: w.endedAt,
          leader_id: walker,
          created_by: w.rewalkOf ? planner : walker,
          rewalk_of: w.rewalkOf,
        })
        .execute();
      if (w.participants.length) {
        await tx
          .insertInto('walk_participants')
          .values(
            w.participants.map((p, position) => ({
              area_id: areaId,
              walk_id: w.id,
              position,
              organisation_id: 'organisationKey' in p ? (orgIds.get(p.organisationKey) ?? null) : null,
              name: 'name' in p ? p.name : null,
            })),
          )
          .execute();
      }
      if (w.track.length) {
        await tx
          .insertInto('walk_track_points')
          .values(w.track.map((t) => ({ area_id: areaId, walk_id: w.id, recorded_at: t.at, geom: sql`ST_SetSRID(ST_MakePoint(${t.lng}, ${t.lat}), 4326)`, accuracy_m: t.accuracy })))
          .execute();
      }
      for (const f of w.findings) {
        await tx
          .insertInto('reports')
          .values({
            area_id: areaId,
            id: f.id,
            category: f.category,
            observed_at: f.observedAt,
            reported_at: f.observedAt,
            geom: sql`ST_SetSRID(ST_MakePoint(${f.lng}, ${f.lat}), 4326)`,
            h3: pointToStorageCell(f.lng, f.lat),
            severity: severityOfPriority(f.priority),
            organisation_id: walkerOrg,
            reporter_id: walker,
            source: 'walk',
          })
          .execute();
        await tx
          .insertInto('findings')
          .values({
            area_id: areaId,
            id: f.id,
            walk_id: w.id,
            category: f.category,
            geom: sql`ST_SetSRID(ST_MakePoint(${f.lng}, ${f.lat}), 4326)`,
            priority: f.priority,
            description: f.description,
            proposed_fix: f.proposedFix,
            responsible: f.responsible,
            responsible_name: f.responsibleName,
            status: f.status,
            owner: f.owner,
            due_date: f.dueDate,
            observed_at: f.observedAt,
            created_by: walker,
            created_at: f.observedAt,
          })
          .execute();
      }
    }
    // Histories and checks after every walk exists: a re-walk's check names the re-walk.
    for (const f of walks.flatMap((w) => w.findings)) {
      for (const e of f.events) {
        await sql`
          INSERT INTO finding_events (area_id, finding_id, at, user_id, action, from_status, to_status, owner, due_date, comment, changes, walk_id)
          VALUES (${areaId}, ${f.id}, ${e.at}, ${who(e.by)}, ${e.action}, ${e.fromStatus}, ${e.toStatus}, ${e.owner}, ${e.dueDate}::date,
                  ${e.comment}, ${e.changes ? JSON.stringify(e.changes) : null}::jsonb, ${e.walkId}::uuid)`.execute(tx);
      }
    }
    for (const w of walks) {
      for (const c of w.checks) {
        await tx
          .insertInto('walk_checks')
          .values({ area_id: areaId, walk_id: w.id, finding_id: c.findingId, result: c.result, checked_at: c.checkedAt, checked_by: c.result ? walker : null })
          .execute();
      }
    }
  });
}
