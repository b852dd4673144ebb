/**
 * What every planner view needs before it can draw: the area (boundary, time zone, print
 * settings), the basemap config, the report categories and the organisations. Loaded once per
 * page and shared, so moving between the lägesbild, compare and trends refetches nothing.
 */
import { api } from '../../lib/api';
import { describeError } from '../../lib/errors';
import type { Area, Category, ClientConfig, Organisation } from '../../lib/types';

/** Print settings the area may carry (issue 4: confidentiality marking, suppression threshold). */
export interface PrintSettings {
  confidentialityMarking: string | null;
  printMinCount: number;
}

export const DEFAULT_PRINT_MIN_COUNT = 5;

class AreaData {
  area = $state.raw<Area | null>(null);
  clientConfig = $state.raw<ClientConfig | null>(null);
  categories = $state.raw<Category[] | null>(null);
  organisations = $state.raw<Organisation[] | null>(null);
  error = $state<string | null>(null);
  #started = false;

  get ready(): boolean {
    return this.area !== null && this.clientConfig !== null;
  }

  get timeZone(): string {
    return this.area?.timezone ?? 'Europe/Stockholm';
  }

  get print(): PrintSettings {
    const area = this.area as (Area & Partial<PrintSettings> & { settings?: Partial<PrintSettings> }) | null;
    const marking = area?.confidentialityMarking ?? area?.settings?.confidentialityMarking ?? null;
    const minCount = area?.printMinCount ?? area?.settings?.printMinCount ?? DEFAULT_PRINT_MIN_COUNT;
    return { confidentialityMarking: marking || null, printMinCount: minCount };
  }

  /** An admin saved the print settings: the print page uses them from now on, not the ones loaded at start. */
  applyPrintSettings(saved: PrintSettings): void {
    if (this.area) this.area = { ...this.area, confidentialityMarking: saved.confidentialityMarking, printMinCount: saved.printMinCount };
  }

  /** Starts loading once; later calls (other views) reuse the answers. */
  load(): void {
    if (this.#started) return;
    this.#started = true;
    this.error = null;
    Promise.all([api.currentArea(), api.clientConfig()])
      .then(([area, config]) => {
        this.area = area;
        this.clientConfig = config;
      })
      .catch((error) => {
        this.error = describeError(error);
        this.#started = false;
      });
    api
      .categories()
      .then((all) => (this.categories = all.filter((c) => c.kind === 'report' && c.active)))
      // The filter then shows no chips; the map still loads for all categories.
      .catch(() => (this.categories = []));
    api
      .organisations()
      .then((all) => (this.organisations = all))
      .catch(() => (this.organisations = []));
  }

  categoryLabel(code: string, lang: 'sv' | 'en'): string {
    const category = this.categories?.find((c) => c.code === code);
    if (!category) return code;
    return lang === 'en' ? category.labelEn : category.labelSv;
  }
}

export const areaData = new AreaData();
