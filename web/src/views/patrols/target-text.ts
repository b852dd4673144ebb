/** What a saved target is called and what to look for there, in words. */
import type { PlanTarget } from './types';
import type { Translate } from './windows';

/** The target's own name, else its zone's, else "Plats utan namn". */
export function targetName(target: Pick<PlanTarget, 'name' | 'zoneName'>, tr: Translate): string {
  return target.name ?? target.zoneName ?? tr('patrols.target.unnamed');
}

/** "1. Fristadstorget": the name with its place in the plan. */
export function targetLabel(target: Pick<PlanTarget, 'name' | 'zoneName'>, index: number, tr: Translate): string {
  return tr('patrols.target.heading', { rank: index + 1, name: targetName(target, tr) });
}

/** "Våld/hot, Alkohol/berusning, Ordningsstörning": the categories to look for, most reported first. */
export function lookFor(target: Pick<PlanTarget, 'topCategories'>, categoryLabel: (code: string) => string): string {
  return (target.topCategories ?? []).map((c) => c.label ?? categoryLabel(c.category)).join(', ');
}
