/** Swedish wording of promise values, for the printed follow-up and the public page. */
import type { ActivityKind, PromiseMetric, PromiseOwner, PromisePer } from '../db/schema';

export const METRIC_SV: Record<PromiseMetric, string> = {
  'patrol-visits': 'Patrullbesök',
  'patrol-minutes': 'Patrullminuter',
  walks: 'Trygghetsvandringar',
  activities: 'Aktiviteter',
};

export const PER_SV: Record<PromisePer, string> = { week: 'per vecka', month: 'per månad', year: 'per år' };
export const PERIOD_NOUN_SV: Record<PromisePer, [string, string]> = { week: ['vecka', 'veckor'], month: ['månad', 'månader'], year: ['år', 'år'] };

export const OWNER_SV: Record<PromiseOwner, string> = { polis: 'Polisen', kommun: 'Kommunen', gemensamt: 'Polisen och kommunen' };

export const ACTIVITY_SV: Record<ActivityKind, string> = {
  skolbesok: 'Skolbesök',
  informationsinsats: 'Informationsinsats',
  medborgardialog: 'Medborgardialog',
  foraldravandring: 'Föräldravandring',
  samverkansmote: 'Samverkansmöte',
  ovrigt: 'Övrigt',
};

const MONTHS = ['januari', 'februari', 'mars', 'april', 'maj', 'juni', 'juli', 'augusti', 'september', 'oktober', 'november', 'december'];

/** "2026-W47" → "v. 47 2026"; "2026-11" → "november 2026"; "2026" stays. */
export function periodSv(label: string): string {
  const week = /^(\d{4})-W(\d{2})$/.exec(label);
  if (week) return `v. ${Number(week[2])} ${week[1]}`;
  const month = /^(\d{4})-(\d{2})$/.exec(label);
  if (month) return `${MONTHS[Number(month[2]) - 1]} ${month[1]}`;
  return label;
}

const nf = new Intl.NumberFormat('sv-SE', { maximumFractionDigits: 1 });
export const numberSv = (x: number) => nf.format(x);

/** "Patrullbesök i Nyfors centrum: 4 per vecka". */
export function targetLabel(t: { metric: PromiseMetric; zoneName: string | null; goal: number; per: PromisePer }): string {
  return `${METRIC_SV[t.metric]}${t.zoneName ? ` i ${t.zoneName}` : ''}: ${numberSv(t.goal)} ${PER_SV[t.per]}`;
}

/** "Målet nåddes 10 av 12 veckor" (completed periods only). */
export function outcomeSv(t: { per: PromisePer; metPeriods: number; completedPeriods: number }): string {
  if (t.completedPeriods === 0) return 'Ingen avslutad period ännu';
  const [one, many] = PERIOD_NOUN_SV[t.per];
  return `Målet nåddes ${t.metPeriods} av ${t.completedPeriods} ${t.completedPeriods === 1 ? one : many}`;
}
