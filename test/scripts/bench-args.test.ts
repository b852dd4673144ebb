import { describe, expect, it } from 'vitest';
import { intOption, UsageError } from '../../scripts/bench/args';

describe('intOption (the options of bench:map, bench:analytics, bench:stats)', () => {
  it('gives the default when the flag is absent, else its whole-number value, with _ or , as thousands separators', () => {
    expect(intOption(['--keep'], '--runs', 3)).toBe(3);
    expect(intOption(['--runs', '5'], '--runs', 3)).toBe(5);
    expect(intOption(['--reports', '1_000_000'], '--reports', 1)).toBe(1_000_000);
    expect(intOption(['--reports', '28,000', '--runs', '2'], '--reports', 1)).toBe(28_000);
  });

  it('refuses a missing, fractional, non-numeric or too small value, naming the flag', () => {
    for (const argv of [['--runs'], ['--runs', '2.5'], ['--runs', 'many'], ['--runs', '0'], ['--runs', '-3']]) {
      expect(() => intOption(argv, '--runs', 3), argv.join(' ')).toThrow(UsageError);
      expect(() => intOption(argv, '--runs', 3)).toThrow(/--runs needs a whole number ≥ 1/);
    }
    expect(intOption(['--csv', '0'], '--csv', 5, 0)).toBe(0);
  });
});
