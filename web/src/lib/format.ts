import { formatNumber, t } from './i18n/index.svelte';
import { roundedCellArea } from '../map/resolution';

/** "~0,1 km²" / "~15 000 m²": the average hexagon area at `res`, in words for the legend. */
export function cellAreaText(res: number): string {
  const { value, unit } = roundedCellArea(res);
  return t(unit === 'km2' ? 'area.km2' : 'area.m2', { value: formatNumber(value) });
}

/** A calendar date `YYYY-MM-DD` written the current language's way, e.g. "3 mars 2026". */
export function formatLocalDate(date: string, locale: string): string {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  return new Intl.DateTimeFormat(locale, { day: 'numeric', month: 'short', year: 'numeric', timeZone: 'UTC' }).format(
    new Date(Date.UTC(y, m - 1, d)),
  );
}
