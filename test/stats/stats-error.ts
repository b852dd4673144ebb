import { expect } from 'vitest';
import { StatsError, type StatsErrorCode } from '../../server/stats/errors';

/** Asserts that `run` throws a StatsError with this code (the service maps the code to a status). */
export function expectStatsError(run: () => unknown, code: StatsErrorCode): void {
  let thrown: unknown;
  try {
    run();
  } catch (err) {
    thrown = err;
  }
  expect(thrown).toBeInstanceOf(StatsError);
  expect((thrown as StatsError).code).toBe(code);
}
