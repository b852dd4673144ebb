import { addDays, type DateRange, type PeriodPreset, todayIn } from '../../lib/period';

/** What the planner has chosen in the lägesbild side panel. */
export class LagesbildFilters {
  /** Biweekly lägesbild meetings make the last 14 days the natural default. */
  preset = $state<PeriodPreset>('days14');
  customRange = $state<DateRange>({ fromDate: '', toDate: '' });
  /** Selected category codes; null means every category, which the query leaves unfiltered. */
  selectedCategories = $state<string[] | null>(null);
  /** A fixed H3 resolution, or null to follow the map's zoom. */
  resolutionOverride = $state<number | null>(null);

  constructor(timeZone: string) {
    const today = todayIn(timeZone);
    this.customRange = { fromDate: addDays(today, -13), toDate: today };
  }
}
