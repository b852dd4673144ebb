/**
 * The targets of the active plans as the planner's map shows them: each with its plan, windows,
 * and — when the dosage colouring is on — the current week's done against planned visits.
 */
import { doseClass, isoWeekOf, weekNumber, type DoseClass } from './dosage-view';
import type { Plan, PlanDosage, PlanTarget } from './types';
import { formatWindows, type Translate } from './windows';
import { targetName } from './target-text';
import { targetCollection, type TargetCollection } from './target-features';

export interface ActiveTarget {
  plan: Plan;
  target: PlanTarget;
  /** This week's visits, when the dosage is loaded and the week is in the plan. */
  week: { week: string; done: number; planned: number; dose: DoseClass } | null;
}

export function activeTargets(plans: readonly Plan[], dosage: ReadonlyMap<string, PlanDosage> | null, now: Date): ActiveTarget[] {
  return plans.flatMap((plan) => {
    const current = isoWeekOf(now, plan.timezone);
    const planDosage = dosage?.get(plan.id);
    return plan.targets.map((target) => {
      const w = planDosage?.targets.find((d) => d.targetId === target.id)?.weeks.find((x) => x.week === current);
      return { plan, target, week: w ? { week: w.week, done: w.doneVisits, planned: w.plannedVisits, dose: doseClass(w.doneVisits, w.plannedVisits) } : null };
    });
  });
}

export function activeTargetCollection(targets: readonly ActiveTarget[], withDose: boolean, tr: Translate): TargetCollection {
  return targetCollection(
    targets.map(({ plan, target, week }) => ({
      geometry: target.geometry,
      properties: {
        id: target.id,
        label: targetName(target, tr),
        details: [
          plan.name,
          formatWindows(target.windows, tr),
          tr('patrols.target.visitsLine', { visits: target.visitsPerWeek, dwell: target.dwellMinutes, minutes: target.plannedMinutesPerWeek }),
          ...(withDose && week ? [tr('patrols.active.dose', { week: weekNumber(week.week), done: week.done, planned: week.planned })] : []),
        ],
        ...(withDose && week ? { dose: week.dose } : {}),
      },
    })),
  );
}
