import { sv, type MessageKey } from './sv';
import { en } from './en';

export type Lang = 'sv' | 'en';
export type { MessageKey };

const STORAGE_KEY = 'tryggkarta.lang';
const catalogues: Record<Lang, Record<MessageKey, string>> = { sv, en };
const locales: Record<Lang, string> = { sv: 'sv-SE', en: 'en-GB' };

function storedLang(): Lang {
  try {
    const value = localStorage.getItem(STORAGE_KEY);
    return value === 'en' ? 'en' : 'sv';
  } catch {
    // Storage can be blocked (privacy mode); Swedish is the default anyway.
    return 'sv';
  }
}

const state = $state<{ lang: Lang }>({ lang: storedLang() });
document.documentElement.lang = state.lang;

/** The current language; reading it inside a template or `$derived` makes that reactive. */
export function currentLang(): Lang {
  return state.lang;
}

/** BCP 47 locale for `Intl` formatting in the current language. */
export function currentLocale(): string {
  return locales[state.lang];
}

export function setLang(lang: Lang): void {
  state.lang = lang;
  document.documentElement.lang = lang;
  try {
    localStorage.setItem(STORAGE_KEY, lang);
  } catch {
    // Not persisting is acceptable; the choice still applies to this page.
  }
}

/**
 * Translate `key` into the current language, replacing `{param}` placeholders.
 * @example t('status.loaded', { total: '1 204', cells: '87' })
 */
export function t(key: MessageKey, params?: Record<string, string | number>): string {
  const template = catalogues[state.lang][key];
  if (!params) return template;
  return template.replace(/\{(\w+)\}/g, (whole, name: string) =>
    name in params ? String(params[name]) : whole,
  );
}

/** A weekday's name (Monday = 0), short ("mån") or long ("måndag"). */
export function weekdayName(day: number, form: 'short' | 'long' = 'short'): string {
  return t(`lagesbild.${form === 'long' ? 'weekdayLong' : 'weekday'}.${day}` as MessageKey);
}

/** Whether `key` exists, for texts chosen at run time (e.g. server error codes). */
export function hasMessage(key: string): key is MessageKey {
  return key in sv;
}

/** Format an integer or decimal the way the current language writes it. */
export function formatNumber(value: number, options?: Intl.NumberFormatOptions): string {
  return new Intl.NumberFormat(locales[state.lang], options).format(value);
}
