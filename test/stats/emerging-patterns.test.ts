import { describe, expect, it } from 'vitest';
import { classifyPattern } from '../../server/stats/emerging-patterns';
import type { MannKendall, Trend } from '../../server/stats/mann-kendall';
import { expectStatsError } from './stats-error';

/** A Mann–Kendall result with only the verdict set: classifyPattern reads nothing else. */
const trendOf = (trend: Trend): MannKendall => ({
  n: 0,
  s: 0,
  varS: 0,
  z: trend === 'increasing' ? 3 : trend === 'decreasing' ? -3 : 0,
  p: trend === 'no trend' ? 1 : 0.001,
  tau: 0,
  trend,
});
const FLAT = trendOf('no trend');

/** Bins as a string, oldest first: H hot, C cold, . neither. */
function pattern(bins: string, trend: MannKendall = FLAT) {
  const hot = [...bins].map((b) => b === 'H');
  const cold = [...bins].map((b) => b === 'C');
  return classifyPattern(hot, cold, trend);
}

describe('classifyPattern: the ≥ 90 % patterns (10·H ≥ 9·T)', () => {
  it('all hot with a significant upward trend is intensifying, downward diminishing, neither persistent', () => {
    expect(pattern('HHHHHHHHHH', trendOf('increasing'))).toBe('intensifying-hot');
    expect(pattern('HHHHHHHHHH', trendOf('decreasing'))).toBe('diminishing-hot');
    expect(pattern('HHHHHHHHHH')).toBe('persistent-hot');
  });

  it('counts exactly 90 % as enough: 9 of 10, 18 of 20; but not 9 of 11 (90 < 99) or 17 of 20', () => {
    expect(pattern('.HHHHHHHHH')).toBe('persistent-hot');
    expect(pattern('HH.HHHHHHHHHHHHH.HHH')).toBe('persistent-hot');
    expect(pattern('HH..HHHHHHH')).toBe('sporadic-hot');
    expect(pattern('HH..HHHHHHHHHHHH.HHH')).toBe('sporadic-hot');
    expect(pattern('H.HHHHHHHHH')).toBe('persistent-hot'); // 10 of 11: 100 ≥ 99
  });

  it('needs the last bin hot; ≥ 90 % hot without it is historical', () => {
    expect(pattern('HHHHHHHHH.')).toBe('historical-hot');
    expect(pattern('HHHHHHHHHC')).toBe('historical-hot');
    expect(pattern('HHHHHHHHH.', trendOf('decreasing'))).toBe('historical-hot');
  });

  it('a single bin that is hot is ≥ 90 % hot: persistent', () => {
    expect(pattern('H')).toBe('persistent-hot');
    expect(pattern('C')).toBe('persistent-cold');
    expect(pattern('.')).toBe('none');
  });
});

describe('classifyPattern: last bin hot, under 90 %', () => {
  it('new: the last bin is the only hot one, whatever came before', () => {
    expect(pattern('.........H')).toBe('new-hot');
    expect(pattern('..C..C...H')).toBe('new-hot');
  });

  it('consecutive: one run of ≥ 2 hot bins ending at the last bin, nothing hot before it', () => {
    expect(pattern('.......HHH')).toBe('consecutive-hot');
    expect(pattern('........HH')).toBe('consecutive-hot');
    expect(pattern('HHHHHHH..H')).toBe('sporadic-hot'); // the final run is one bin long
  });

  it('consecutive is tested before oscillating, so an earlier cold bin does not break it (DESIGN order, literally)', () => {
    expect(pattern('.C.....HHH')).toBe('consecutive-hot');
  });

  it('a hot bin before the final run makes it oscillating (with an earlier cold bin) or sporadic (never cold)', () => {
    expect(pattern('.C.H....HH')).toBe('oscillating-hot');
    expect(pattern('...H....HH')).toBe('sporadic-hot');
  });

  it('oscillating: last bin hot, some earlier bin cold; sporadic: last bin hot, never cold', () => {
    expect(pattern('.C.H.....H')).toBe('oscillating-hot');
    expect(pattern('..H..H...H')).toBe('sporadic-hot');
  });
});

describe('classifyPattern: cold mirrors hot', () => {
  it.each([
    ['CCCCCCCCCC', 'decreasing', 'intensifying-cold'],
    ['CCCCCCCCCC', 'increasing', 'diminishing-cold'],
    ['CCCCCCCCCC', 'no trend', 'persistent-cold'],
    ['CCCCCCCCC.', 'no trend', 'historical-cold'],
    ['.........C', 'no trend', 'new-cold'],
    ['.......CCC', 'no trend', 'consecutive-cold'],
    ['.H.C.....C', 'no trend', 'oscillating-cold'],
    ['..C..C...C', 'no trend', 'sporadic-cold'],
  ] as const)('%s with %s trend is %s', (bins, trend, expected) => {
    expect(pattern(bins, trendOf(trend))).toBe(expected);
  });

  it('hot patterns are tested first, and a cell that was hot but is now cold for the first time is new-cold', () => {
    expect(pattern('HH.......C')).toBe('new-cold');
  });
});

describe('classifyPattern: none', () => {
  it('no significant bin, or hot bins only in the past (under 90 %) with a last bin neither hot nor cold', () => {
    expect(pattern('..........')).toBe('none');
    expect(pattern('..HH......')).toBe('none');
    expect(pattern('CC.......')).toBe('none');
    expect(pattern('')).toBe('none');
  });

  it('rejects flags of different lengths', () => {
    expectStatsError(() => classifyPattern([true], [false, false], FLAT), 'invalid_input');
  });
});
