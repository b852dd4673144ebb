import { randomUUID } from 'node:crypto';
import type { Db } from '../db/database';
import { generateDemoPatrols } from '../../scripts/demo/patrols';
import { insertPlan, insertTargets, updatePlan } from '../patrols/patrol-plans.repository';
import { insertLog } from '../patrols/patrol-logs.repository';
import { insertActivity, insertPromise, insertPromiseTargets, updatePromise } from '../promises/promises.repository';

/**
 * Writes the demo's patrol plan, patrol logs, medborgarlöfte and activities (scripts/demo/patrols.ts)
 * into the demo area, by the demo planner and the police reporter. Zones are looked up by name.
 */
export async function seedDemoPatrols(db: Db, areaId: number, users: { planner: number; police: number }, now: Date) {
  const demo = generateDemoPatrols(now);
  const zones = new Map((await db.selectFrom('zones').select(['id', 'name']).where('area_id', '=', areaId).execute()).map((z) => [z.name, z.id]));
  const zone = (name: string) => {
    const id = zones.get(name);
    if (!id) throw new Error(`demo patrols: no zone ${name}`);
    return id;
  };

  const planId = randomUUID();
  await insertPlan(db, { areaId, id: planId, name: demo.plan.name, from: demo.plan.from, to: demo.plan.to, createdBy: users.planner });
  await insertTargets(
    db,
    areaId,
    planId,
    demo.plan.targets.map((t, i) => ({
      id: randomUUID(),
      position: i,
      name: t.zoneName,
      place: { kind: 'zone' as const, zoneId: zone(t.zoneName) },
      windows: t.windows,
      dwellMinutes: t.dwellMinutes,
      visitsPerWeek: t.visitsPerWeek,
      unit: t.unit,
      priority: t.priority,
      schedule: t.schedule,
      reason: t.reason,
      topCategories: t.topCategories,
    })),
  );
  await updatePlan(db, areaId, planId, { status: 'active' });
  for (const log of demo.logs) {
    await insertLog(db, {
      areaId,
      id: log.id,
      planId: log.underPlan ? planId : null,
      unit: log.unit,
      startedAt: log.startedAt,
      endedAt: log.endedAt,
      geojson: JSON.stringify(log.geometry),
      createdBy: users.police,
    });
  }

  const promiseId = randomUUID();
  const nyfors = zone(demo.promise.zoneName);
  await insertPromise(db, { areaId, id: promiseId, title: demo.promise.title, owner: 'gemensamt', from: demo.promise.from, to: demo.promise.to, createdBy: users.planner });
  await insertPromiseTargets(
    db,
    areaId,
    promiseId,
    demo.promise.targets.map((t, i) => ({ id: randomUUID(), position: i, metric: t.metric, zoneId: t.inZone ? nyfors : null, per: t.per, goal: t.goal })),
  );
  await updatePromise(db, areaId, promiseId, { status: 'active' });
  for (const a of demo.activities) {
    await insertActivity(db, { areaId, id: a.id, promiseId, kind: a.kind, date: a.date, zoneId: a.inZone ? nyfors : null, note: a.note, count: a.count, createdBy: users.planner });
  }
  return { planId, promiseId, logs: demo.logs.length, activities: demo.activities.length };
}
