/**
 * Colours of the planner's layers. Gi* bins use ColorBrewer RdBu (7 classes), a diverging
 * scheme that stays readable with the common colour-vision deficiencies; the neutral middle is
 * left transparent so only significant cells draw. Changes get distinct hues AND patterns.
 */
import type { ExpressionSpecification } from 'maplibre-gl';
import type { Change, GiBin, Pattern } from './analytics-types';
import { COLD_PATTERNS, HOT_PATTERNS } from './analytics-types';

export const TRANSPARENT = 'rgba(0,0,0,0)';

export interface GiClass {
  bin: GiBin;
  colour: string;
  /** Confidence in per cent, or null for "not significant". */
  confidence: 99 | 95 | 90 | null;
}

/** Hot at the top, as a legend reads. */
export const GI_CLASSES: readonly GiClass[] = [
  { bin: 3, colour: '#b2182b', confidence: 99 },
  { bin: 2, colour: '#ef8a62', confidence: 95 },
  { bin: 1, colour: '#fddbc7', confidence: 90 },
  { bin: 0, colour: TRANSPARENT, confidence: null },
  { bin: -1, colour: '#d1e5f0', confidence: 90 },
  { bin: -2, colour: '#67a9cf', confidence: 95 },
  { bin: -3, colour: '#2166ac', confidence: 99 },
];

export function giColourExpression(): ExpressionSpecification {
  const stops = GI_CLASSES.filter((c) => c.bin !== 0).flatMap((c) => [c.bin, c.colour]);
  return ['match', ['get', 'bin'], ...stops, TRANSPARENT] as unknown as ExpressionSpecification;
}

/** Bins per class in a collection, for the legend's counts. */
export function countBins(bins: readonly number[]): Map<number, number> {
  const counts = new Map<number, number>();
  for (const bin of bins) counts.set(bin, (counts.get(bin) ?? 0) + 1);
  return counts;
}

export type SignificantChange = Exclude<Change, 'stable'>;
export const CHANGES: readonly SignificantChange[] = ['new', 'increased', 'decreased', 'gone'];

/**
 * Okabe–Ito hues (safe for deuteranopia and protanopia) plus a pattern each, so the legend still
 * reads in greyscale print: more is warm and hatched upwards, less is cool and hatched downwards.
 */
export const CHANGE_STYLE: Record<SignificantChange, { colour: string; pattern: PatternKind }> = {
  new: { colour: '#D55E00', pattern: 'cross' },
  increased: { colour: '#E69F00', pattern: 'rising' },
  decreased: { colour: '#56B4E9', pattern: 'falling' },
  gone: { colour: '#0072B2', pattern: 'dots' },
};

export type PatternKind = 'cross' | 'rising' | 'falling' | 'dots';

export const patternImageId = (change: SignificantChange) => `change-${change}`;

export function changeExpression(value: (change: SignificantChange) => string): ExpressionSpecification {
  return ['match', ['get', 'change'], ...CHANGES.flatMap((c) => [c, value(c)]), TRANSPARENT] as unknown as ExpressionSpecification;
}

/** Emerging-hotspot patterns: warm shades for hot, cool for cold, darkest for the strongest. */
export const PATTERN_COLOURS: Record<Exclude<Pattern, 'none'>, string> = {
  'intensifying-hot': '#67000d',
  'persistent-hot': '#a50f15',
  'consecutive-hot': '#d7301f',
  'new-hot': '#fb6a4a',
  'sporadic-hot': '#fc9272',
  'oscillating-hot': '#fdd0a2',
  'diminishing-hot': '#ae017e',
  'historical-hot': '#f768a1',
  'intensifying-cold': '#08306b',
  'persistent-cold': '#08519c',
  'consecutive-cold': '#2171b5',
  'new-cold': '#4292c6',
  'sporadic-cold': '#9ecae1',
  'oscillating-cold': '#c6dbef',
  'diminishing-cold': '#01665e',
  'historical-cold': '#5ab4ac',
};

export const ALL_PATTERNS = [...HOT_PATTERNS, ...COLD_PATTERNS] as readonly Exclude<Pattern, 'none'>[];

export function patternColourExpression(only: Pattern | null = null): ExpressionSpecification {
  const shown = only ? ALL_PATTERNS.filter((p) => p === only) : ALL_PATTERNS;
  return ['match', ['get', 'pattern'], ...shown.flatMap((p) => [p, PATTERN_COLOURS[p]]), TRANSPARENT] as unknown as ExpressionSpecification;
}

/**
 * A 12 × 12 pattern tile as RGBA pixels for `map.addImage` (no sprite needed): the change's colour
 * as a light wash with its marks in the full colour.
 */
export function patternPixels(kind: PatternKind, colour: string, size = 12): Uint8ClampedArray {
  const [r, g, b] = [1, 3, 5].map((i) => parseInt(colour.slice(i, i + 2), 16)) as [number, number, number];
  const pixels = new Uint8ClampedArray(size * size * 4);
  const mark = (x: number, y: number): boolean => {
    switch (kind) {
      case 'rising':
        return (x + (size - 1 - y)) % 6 < 2;
      case 'falling':
        return (x + y) % 6 < 2;
      case 'cross':
        return (x + y) % 6 < 2 || (x + (size - 1 - y)) % 6 < 2;
      case 'dots':
        return x % 6 >= 2 && x % 6 <= 3 && y % 6 >= 2 && y % 6 <= 3;
    }
  };
  for (let y = 0; y < size; y++) {
    for (let x = 0; x < size; x++) {
      const i = (y * size + x) * 4;
      pixels.set([r, g, b, mark(x, y) ? 255 : 70], i);
    }
  }
  return pixels;
}
