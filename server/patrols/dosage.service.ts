import type { Db } from '../db/database';
import { withArea } from '../db/scope';
import type { AuthContext } from '../auth/auth-context';
import { findAreaTimezone } from '../areas/areas.repository';
import { HttpError } from '../http/errors';
import { toLocalIso } from '../public/public-weeks';
import { targetDosage, type Visit } from './dosage';
import { visitsOfPlan } from './dosage.repository';
import * as plans from './patrol-plans.repository';

const round3 = (x: number | null) => (x === null ? null : Math.round(x * 1000) / 1000);

/** GET /patrol-plans/:id/dosage: per target and ISO week, planned against done (see dosage.ts). */
export async function planDosage(db: Db, caller: AuthContext, planId: string) {
  return withArea(db, caller.areaId, async (tx) => {
    const plan = await plans.findPlan(tx, caller.areaId, planId);
    if (!plan) throw HttpError.notFound('Patrol plan');
    const timeZone = await findAreaTimezone(tx, caller.areaId);
    const targets = (await plans.targetsOfPlans(tx, caller.areaId, [planId])).get(planId) ?? [];
    const visits = new Map<string, Visit[]>();
    for (const row of await visitsOfPlan(tx, caller.areaId, planId, plan.from, plan.to)) {
      const list = visits.get(row.target_id) ?? [];
      list.push({ startedAt: row.started_at, endedAt: row.ended_at, minutesInside: Number(row.minutes_inside) });
      visits.set(row.target_id, list);
    }
    return {
      planId,
      timezone: timeZone,
      from: toLocalIso(plan.from, timeZone),
      to: toLocalIso(plan.to, timeZone),
      targets: targets.map((t) => ({
        targetId: t.id,
        name: t.name ?? t.zoneName,
        priority: t.priority,
        weeks: targetDosage(t, visits.get(t.id) ?? [], plan, timeZone).map((w) => ({ ...w, windowCoverage: round3(w.windowCoverage) })),
      })),
    };
  });
}
