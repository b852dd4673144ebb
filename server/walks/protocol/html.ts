/** Escapes text for HTML element content and attribute values. */
export function escapeHtml(value: unknown): string {
  return String(value ?? '')
    .replaceAll('&', '&amp;')
    .replaceAll('<', '&lt;')
    .replaceAll('>', '&gt;')
    .replaceAll('"', '&quot;')
    .replaceAll("'", '&#39;');
}

/** A piece of HTML that is already safe (built by `html`), as opposed to text to escape. */
export class SafeHtml {
  constructor(readonly value: string) {}
  toString() {
    return this.value;
  }
}

/**
 * A template tag that escapes every interpolated value unless it is SafeHtml (arrays are
 * joined), so user text in the protocol can never become markup.
 */
export function html(strings: TemplateStringsArray, ...values: unknown[]): SafeHtml {
  let out = strings[0]!;
  values.forEach((value, i) => {
    const parts = Array.isArray(value) ? value : [value];
    // false, null and undefined render as nothing, so `${condition && html`...`}` reads naturally.
    out += parts.map((v) => (v === false || v === null || v === undefined ? '' : v instanceof SafeHtml ? v.value : escapeHtml(v))).join('');
    out += strings[i + 1]!;
  });
  return new SafeHtml(out);
}

export const raw = (value: string) => new SafeHtml(value);
