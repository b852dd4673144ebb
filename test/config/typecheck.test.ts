import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';

/**
 * The whole project type-checks: the server, scripts and tests (tsc), the web app's TypeScript
 * (tsc on web/tsconfig.json) and its Svelte components (svelte-check, warnings included: unused
 * CSS and accessibility hints count). Vite builds without type-checking, so without this a type
 * error in a component would only show at run time.
 */
const run = promisify(execFile);

async function check(command: string, args: string[]): Promise<string> {
  try {
    await run(command, args, { timeout: 170_000, maxBuffer: 16 * 1024 * 1024 });
    return '';
  } catch (error) {
    const e = error as { stdout?: string; stderr?: string; message: string };
    return `${command} ${args.join(' ')} failed:\n${e.stdout ?? ''}${e.stderr ?? ''}` || e.message;
  }
}

describe('type checks', { timeout: 180_000 }, () => {
  it('tsc finds no error in the server, scripts and tests', async () => {
    expect(await check('node_modules/.bin/tsc', ['--noEmit', '-p', '.'])).toBe('');
  });

  it('tsc finds no error in the web app', async () => {
    expect(await check('node_modules/.bin/tsc', ['--noEmit', '-p', 'web/tsconfig.json'])).toBe('');
  });

  it('svelte-check finds no error or warning in the components', async () => {
    expect(await check('node_modules/.bin/svelte-check', ['--workspace', 'web', '--tsconfig', './tsconfig.json', '--fail-on-warnings', '--output', 'human'])).toBe('');
  });
});
