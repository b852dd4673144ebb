import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { sv } from '../../web/src/lib/i18n/sv';
import { en } from '../../web/src/lib/i18n/en';

/**
 * Svelte components are not type-checked by tsc, so a misspelt text key would show as
 * "undefined" on screen. Every literal key a component passes to t() must exist.
 */
const WEB_SRC = path.resolve('web/src');

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    return statSync(full).isDirectory() ? files(full) : full.endsWith('.svelte') ? [full] : [];
  });
}

describe('text keys used in components', () => {
  const used = files(WEB_SRC).flatMap((file) =>
    [...readFileSync(file, 'utf8').matchAll(/\bt\(\s*'([a-zA-Z0-9_.-]+)'/g)].map((m) => ({ key: m[1]!, file: path.relative(WEB_SRC, file) })),
  );

  it('finds the components’ keys at all', () => {
    expect(used.length).toBeGreaterThan(100);
  });

  it('exist in Swedish and English', () => {
    const missing = used.filter(({ key }) => !(key in sv) || !(key in en)).map(({ key, file }) => `${file}: ${key}`);
    expect(missing).toEqual([]);
  });
});
