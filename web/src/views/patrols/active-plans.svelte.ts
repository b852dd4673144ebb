/**
 * The active patrol plans and their dosage for the planner's map: loaded when the plan layer is
 * first shown (the dosage when its colouring is), shared by the layer and the side panel.
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
  #plansStarted = false;
  #dosageStarted = false;

  load(): void {
    if (this.#plansStarted) return;
    this.#plansStarted = true;
    patrolsApi.plans(['active']).then(
      (plans) => (this.plans = plans),
      (e) => {
        this.error = describeError(e);
        this.#plansStarted = false;
      },
    );
  }

  async loadDosage(): Promise<void> {
    if (this.#dosageStarted) return;
    this.#dosageStarted = true;
    this.load();
    try {
      const plans = this.plans ?? (await patrolsApi.plans(['active']));
      const answers = await Promise.all(plans.map((p) => patrolsApi.dosage(p.id)));
      this.dosage = new Map(answers.map((d) => [d.planId, d]));
    } catch (e) {
      this.error = describeError(e);
      this.#dosageStarted = false;
    }
  }
}

export const activePlans = new ActivePlans();
