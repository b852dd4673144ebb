/**
 * An evaluation in honest words. The server decides the verdict (its verdictCode: a 95 % interval
 * that excludes zero, only the 90 % one, neither, or too few reports in the treated cells); this
 * puts it in the user's language with the figures, and says how sure it is in plain terms. Never
 * "the patrols caused it": a difference-in-differences shows a difference, not its cause.
 */
import type { Translate } from '../patrols/windows';
import type { Evaluation } from './types';

export type Format = (value: number) => string;

/** "−9,42" with a real minus sign, "+1,20" with a plus: a change reads as a change. */
export function signed(value: number, format: Format): string {
  const text = format(Math.abs(value));
  if (value < 0 && text !== format(0)) return `−${text}`;
  return value > 0 && text !== format(0) ? `+${text}` : text;
}

export interface Wording {
  headline: string;
  /** How sure: the interval and what it rules out, or why nothing can be said. */
  certainty: string;
}

/** The treated cells' verdict. */
export function treatedWording(e: Evaluation, tr: Translate, format: Format): Wording {
  const code = e.verdictCode;
  const reports = e.treated.countBefore + e.treated.countAfter;
  if (code === 'too-few-reports') {
    return { headline: tr('evaluation.verdict.too-few-reports'), certainty: tr('evaluation.certainty.tooFew', { reports }) };
  }
  const params = { estimate: signed(e.estimate, format), low: signed(e.ciLow, format), high: signed(e.ciHigh, format) };
  const certainty = code === 'decrease' || code === 'increase' ? 'sure' : code === 'no-clear-change' ? 'unclear' : 'weak';
  return { headline: tr(`evaluation.verdict.${code}`, params), certainty: tr(`evaluation.certainty.${certainty}`, params) };
}

/** The displacement ring's verdict: displacement, diffusion of benefits, or neither. */
export function ringWording(e: Evaluation, tr: Translate, format: Format): Wording {
  const ring = e.ring;
  if (ring.verdictCode === 'too-few-reports') {
    return { headline: tr('evaluation.ring.too-few-reports'), certainty: tr('evaluation.certainty.tooFew', { reports: ring.countBefore + ring.countAfter }) };
  }
  const params = { estimate: signed(ring.estimate, format), low: signed(ring.ciLow, format), high: signed(ring.ciHigh, format), k: ring.k };
  const certainty = ring.verdictCode === 'displacement' || ring.verdictCode === 'diffusion' ? 'sure' : ring.verdictCode === 'no-clear-change' ? 'unclear' : 'weak';
  return { headline: tr(`evaluation.ring.${ring.verdictCode}`, params), certainty: tr(`evaluation.certainty.${certainty}`, params) };
}

export interface Axis {
  min: number;
  max: number;
  ticks: number[];
}

/**
 * A symmetric-enough axis for intervals around zero: zero always inside, ends on a "nice" step
 * (1, 2 or 5 × 10ⁿ), about four ticks.
 */
export function intervalAxis(values: readonly number[]): Axis {
  const lo = Math.min(0, ...values);
  const hi = Math.max(0, ...values);
  const span = hi - lo || 1;
  const raw = span / 4;
  const magnitude = 10 ** Math.floor(Math.log10(raw));
  const step = ([1, 2, 5, 10].map((m) => m * magnitude).find((s) => s >= raw) ?? 10 * magnitude);
  const min = Math.floor(lo / step) * step;
  const max = Math.ceil(hi / step) * step;
  const ticks: number[] = [];
  for (let v = min; v <= max + step / 2; v += step) ticks.push(Math.round(v / step) * step);
  return { min, max, ticks };
}
