import { ApiError } from './api';
import { hasMessage, t } from './i18n/index.svelte';

/** A sentence for the user describing `error`, in the current language. */
export function describeError(error: unknown): string {
  if (!(error instanceof ApiError)) return t('error.unknown');
  if (error.status === 0) return t('error.network');
  const key = `error.${error.code}`;
  if (hasMessage(key)) {
    const sentence = t(key);
    // Validation details name the field; the server words them, so show them as given.
    if (error.details.length === 0) return sentence;
    return `${sentence} ${error.details.map((d) => `${d.path}: ${d.message}`).join('; ')}`;
  }
  if (error.status === 429) return t('error.too_many_requests');
  if (error.status >= 500) return t('error.server');
  return error.message || t('error.unknown');
}
