import type { ExpressionSpecification } from 'maplibre-gl';

/** One legend class: values in `[min, max]` are drawn in `colour`. */
export interface ColourClass {
  min: number;
  max: number;
  colour: string;
}

/**
 * ColorBrewer YlOrRd (7 classes) without its palest step, which vanishes on a light basemap.
 * Sequential single-hue-progression ramps like this one stay ordered for the common forms of
 * colour-vision deficiency.
 */
export const HOTSPOT_RAMP = ['#fed976', '#feb24c', '#fd8d3c', '#fc4e2a', '#e31a1c', '#b10026'] as const;

function rampColours(classCount: number): string[] {
  const last = HOTSPOT_RAMP.length - 1;
  if (classCount === 1) return [HOTSPOT_RAMP[2]];
  return Array.from({ length: classCount }, (_, i) => HOTSPOT_RAMP[Math.round((i * last) / (classCount - 1))]!);
}

/**
 * Quantile classes over integer `counts`, with duplicate breaks merged so skewed data (many
 * cells with 1 or 2 reports) gives fewer, honest classes rather than empty ones. Classes are
 * contiguous: each starts one above the previous class's maximum.
 * @example quantileClasses([1, 1, 1, 2, 5, 9]).map((c) => [c.min, c.max]) // [[1, 1], [2, 2], [3, 5], [6, 9]]
 */
export function quantileClasses(counts: readonly number[], maxClasses: number = HOTSPOT_RAMP.length): ColourClass[] {
  const sorted = counts.filter(Number.isFinite).sort((a, b) => a - b);
  const n = sorted.length;
  if (n === 0) return [];
  const k = Math.max(1, Math.min(maxClasses, HOTSPOT_RAMP.length));

  const upperBounds: number[] = [];
  for (let i = 1; i <= k; i++) {
    const bound = sorted[Math.ceil((i / k) * n) - 1]!;
    if (upperBounds.at(-1) !== bound) upperBounds.push(bound);
  }

  const colours = rampColours(upperBounds.length);
  return upperBounds.map((max, i) => ({
    min: i === 0 ? sorted[0]! : upperBounds[i - 1]! + 1,
    max,
    colour: colours[i]!,
  }));
}

/** A fill-colour expression drawing each feature's `property` in its class colour. */
export function classColourExpression(classes: readonly ColourClass[], property = 'count'): ExpressionSpecification | string {
  if (classes.length === 0) return HOTSPOT_RAMP[0];
  if (classes.length === 1) return classes[0]!.colour;
  const stops = classes.slice(1).flatMap((c) => [c.min, c.colour]);
  return ['step', ['get', property], classes[0]!.colour, ...stops] as ExpressionSpecification;
}

/**
 * The class colour of one value (values below every class take the first). Writing it into each
 * feature lets a layer paint with the constant expression ['get', 'colour']: maplibre re-parses
 * every tile when a data-driven paint expression changes, so a fixed one redraws new data faster.
 */
export function colourOf(value: number, classes: readonly ColourClass[]): string {
  let colour = classes[0]?.colour ?? HOTSPOT_RAMP[0];
  for (const c of classes) if (value >= c.min) colour = c.colour;
  return colour;
}
