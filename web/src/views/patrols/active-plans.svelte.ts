/**
 * The active patrol plans and their dosage for the planner's map, shared by the layer and the
 * side panel. Loaded afresh each time the layer is shown (a plan may have been activated or
 * logged against meanwhile); the dosage only while its colouring is on.
 */
import { describeError } from '../../lib/errors';
import { patrolsApi } from './patrols-api';
import type { Plan, PlanDosage } from './types';

class ActivePlans {
  plans = $state.raw<Plan[] | null>(null);
  dosage = $state.raw<Map<string, PlanDosage> | null>(null);
  error = $state<string | null>(null);
  /** A target the panel asked the map to show. */
  focused = $state<string | null>(null);
  #generation = 0;

  /** Fetches the active plans, and their dosage when asked; a later call wins over an earlier one. */
  async load(withDosage: boolean): Promise<void> {
    const generation = ++this.#generation;
    this.error = null;
    try {
      const plans = await patrolsApi.plans(['active']);
      if (generation !== this.#generation) return;
      this.plans = plans;
      if (!withDosage) return;
      const answers = await Promise.all(plans.map((p) => patrolsApi.dosage(p.id)));
      if (generation === this.#generation) this.dosage = new Map(answers.map((d) => [d.planId, d]));
    } catch (e) {
      if (generation === this.#generation) this.error = describeError(e);
    }
  }
}

export const activePlans = new ActivePlans();
