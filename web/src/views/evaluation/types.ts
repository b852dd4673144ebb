/** DTOs of `POST /evaluations`: matched-control difference-in-differences. */

export type VerdictCode = 'too-few-reports' | 'decrease' | 'possible-decrease' | 'no-clear-change' | 'possible-increase' | 'increase';
export type RingVerdictCode = 'too-few-reports' | 'displacement' | 'possible-displacement' | 'no-clear-change' | 'possible-diffusion' | 'diffusion';

export interface PeriodInput {
  from: string;
  to: string;
}

export interface EvaluationQuery {
  targetCells?: string[];
  zoneId?: string;
  before: PeriodInput;
  after: PeriodInput;
  res: number;
  ring: 1 | 2;
}

/** Counts and rates (reports per cell per week) of a group of cells. */
export interface CellGroup {
  cells: number;
  countBefore: number;
  countAfter: number;
  rateBefore: number;
  rateAfter: number;
}

export interface Evaluation {
  res: number;
  timezone: string;
  zoneId?: string;
  zoneName?: string | null;
  before: PeriodInput & { weeks: number };
  after: PeriodInput & { weeks: number };
  treated: CellGroup & { cellIds: string[] };
  control: CellGroup & { matchedPerCell: number; pool: number };
  estimate: number;
  standardError: number;
  ciLow: number;
  ciHigh: number;
  confidence: number;
  relativeChange: number | null;
  verdict: string;
  verdictCode: VerdictCode;
  ring: CellGroup & {
    k: number;
    control: CellGroup;
    estimate: number;
    standardError: number;
    ciLow: number;
    ciHigh: number;
    verdict: string;
    verdictCode: RingVerdictCode;
  };
  method: string;
}
