/** Words for what the field screens show: categories, outbox items, why they wait, what to do. */
import { currentLang, currentLocale, hasMessage, t } from '../lib/i18n/index.svelte';
import type { Category } from '../lib/types';
import type { Wait } from './outbox/order';
import type { OutboxError, OutboxItem } from './outbox/types';

/** A category's label in the current language; the code itself if the taxonomy does not know it. */
export function categoryLabel(categories: readonly Category[] | null | undefined, code: string, kind?: Category['kind']): string {
  const category = categories?.find((c) => c.code === code && (!kind || c.kind === kind));
  if (!category) return code;
  return currentLang() === 'en' ? category.labelEn : category.labelSv;
}

export function formatTime(iso: string | number): string {
  return new Intl.DateTimeFormat(currentLocale(), { hour: '2-digit', minute: '2-digit' }).format(new Date(iso));
}

export function formatDateTime(iso: string | number): string {
  return new Intl.DateTimeFormat(currentLocale(), { dateStyle: 'medium', timeStyle: 'short' }).format(new Date(iso));
}

export function formatDate(isoDate: string): string {
  // A calendar date (YYYY-MM-DD) is shown as that day wherever the phone is.
  const [y, m, d] = isoDate.split('-').map(Number);
  return new Intl.DateTimeFormat(currentLocale(), { dateStyle: 'medium', timeZone: 'UTC' }).format(new Date(Date.UTC(y!, m! - 1, d!)));
}

/** "3 ej skickade" / "1 ej skickad" / "Allt skickat". */
export function outboxCountText(count: number): string {
  if (count === 0) return t('field.outbox.badgeZero');
  if (count === 1) return t('field.outbox.badgeOne');
  return t('field.outbox.badge', { count });
}

/** What an outbox item is, in a few words: "Rapport: Klotter", "Spår: 25 punkter". */
export function itemLabel(item: OutboxItem, categories: readonly Category[] | null | undefined, walkName?: (id: string) => string | undefined): string {
  const p = item.payload;
  switch (p.kind) {
    case 'report':
      return t('field.outbox.kind.report', { category: categoryLabel(categories, p.body.category, 'report') });
    case 'confirmation':
      return t('field.outbox.kind.confirmation', { category: categoryLabel(categories, p.category, 'report') });
    case 'photo':
      return t('field.outbox.kind.photo');
    case 'walk':
      return t('field.outbox.kind.walk', { name: p.body.name });
    case 'walk-status': {
      const name = walkName?.(p.walkId);
      const text = p.status === 'ongoing' ? t('field.outbox.kind.walkStarted') : t('field.outbox.kind.walkDone');
      return name ? `${text}: ${name}` : text;
    }
    case 'track':
      return t('field.outbox.kind.track', { points: p.points.length });
    case 'finding':
      return t('field.outbox.kind.finding', { category: categoryLabel(categories, p.body.category, 'finding') });
    case 'finding-update':
      return t('field.outbox.kind.findingUpdate');
    case 'patrol-log':
      return t('patrols.outbox.kind', { place: p.place });
  }
}

/** Why an item has not gone yet. */
export function waitText(wait: Wait, online: boolean, label: (item: OutboxItem) => string): string {
  switch (wait.kind) {
    case 'ready':
      return online ? t('field.outbox.wait.ready') : t('field.outbox.wait.offline');
    case 'backoff':
      return online ? t('field.outbox.wait.backoff', { time: formatTime(wait.at) }) : t('field.outbox.wait.offline');
    case 'after':
      return t('field.outbox.wait.after', { item: label(wait.item) });
    case 'blocked':
      return t('field.outbox.wait.blocked', { item: label(wait.item) });
    case 'refused':
      return t('field.outbox.wait.refused');
    case 'other-user':
      return t('field.outbox.wait.otherUser');
  }
}

/** What to do about a refusal, by the server's error code. */
export function refusalAdvice(error: OutboxError | null): string {
  const key = `field.advice.${error?.code ?? 'other'}`;
  return hasMessage(key) ? t(key) : t('field.advice.other');
}

/** The server's own words for a refusal, with the fields it names. */
export function serverMessage(error: OutboxError): string {
  const details = error.details.map((d) => `${d.path}: ${d.message}`).join('; ');
  return details ? `${error.message} (${details})` : error.message;
}
