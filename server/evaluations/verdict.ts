/**
 * Plain Swedish words for an evaluation, honest about how sure it is. Codes are stable API values
 * (the web app translates them); the text is the server's own wording for print and the API.
 */
import type { Difference } from './did';

/**
 * Fewer reports than this in the treated cells (before + after together) cannot show a change:
 * with 20 Poisson counts the relative standard error is already about 22 %.
 */
export const MIN_REPORTS = 20;

export type VerdictCode = 'too-few-reports' | 'decrease' | 'possible-decrease' | 'no-clear-change' | 'possible-increase' | 'increase';
export type RingVerdictCode = 'too-few-reports' | 'displacement' | 'possible-displacement' | 'no-clear-change' | 'possible-diffusion' | 'diffusion';

const nf = new Intl.NumberFormat('sv-SE', { maximumFractionDigits: 2, minimumFractionDigits: 2 });
const num = (x: number) => nf.format(x).replace('-', '−');
const interval = (d: Difference) => `95 % konfidensintervall ${num(d.ciLow)} till ${num(d.ciHigh)}`;

function direction(d: Difference): 'down' | 'up' | 'none' | 'weak-down' | 'weak-up' {
  if (d.ciHigh < 0) return 'down';
  if (d.ciLow > 0) return 'up';
  if (d.excludesZeroAt90) return d.estimate < 0 ? 'weak-down' : 'weak-up';
  return 'none';
}

export function treatedVerdict(d: Difference, reports: number): { code: VerdictCode; text: string } {
  if (reports < MIN_REPORTS) {
    return {
      code: 'too-few-reports',
      text: `För få rapporter för att avgöra: ${reports} rapporter i målområdet före och efter tillsammans (minst ${MIN_REPORTS} behövs).`,
    };
  }
  const change = `${num(d.estimate)} rapporter per cell och vecka jämfört med kontrollcellerna (${interval(d)})`;
  switch (direction(d)) {
    case 'down':
      return { code: 'decrease', text: `Minskning: ${change}. Skillnaden är säker på 95 %-nivån men visar inte ensam att insatsen orsakade den.` };
    case 'up':
      return { code: 'increase', text: `Ökning: ${change}. Skillnaden är säker på 95 %-nivån.` };
    case 'weak-down':
      return { code: 'possible-decrease', text: `Möjlig minskning, men osäker: ${change}. Intervallet rymmer också ingen förändring.` };
    case 'weak-up':
      return { code: 'possible-increase', text: `Möjlig ökning, men osäker: ${change}. Intervallet rymmer också ingen förändring.` };
    default:
      return { code: 'no-clear-change', text: `Ingen säker förändring: ${change}. Intervallet rymmer både minskning och ökning.` };
  }
}

export function ringVerdict(d: Difference, reports: number): { code: RingVerdictCode; text: string } {
  if (reports < MIN_REPORTS) {
    return { code: 'too-few-reports', text: `För få rapporter i grannskapet för att säga något om undanträngning (${reports}, minst ${MIN_REPORTS} behövs).` };
  }
  const change = `${num(d.estimate)} rapporter per cell och vecka i grannskapet jämfört med kontrollcellerna (${interval(d)})`;
  switch (direction(d)) {
    case 'up':
      return { code: 'displacement', text: `Tecken på undanträngning: ${change}.` };
    case 'down':
      return { code: 'diffusion', text: `Spridning av nyttan: även grannskapet minskade, ${change}.` };
    case 'weak-up':
      return { code: 'possible-displacement', text: `Möjlig undanträngning, men osäker: ${change}.` };
    case 'weak-down':
      return { code: 'possible-diffusion', text: `Möjlig spridning av nyttan, men osäker: ${change}.` };
    default:
      return { code: 'no-clear-change', text: `Ingen säker förändring i grannskapet: ${change}.` };
  }
}
