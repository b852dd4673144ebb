/**
 * Colours of the patrol layers. The dose classes use the Okabe–Ito palette (blue, sky blue,
 * orange, vermillion), which stays apart for the common kinds of colour blindness and differs in
 * lightness too; every colour also has its words in the legend, table and popups.
 */
import type { ExpressionSpecification } from 'maplibre-gl';
import type { DoseClass } from './dosage-view';

export const DOSE_COLOURS: Record<DoseClass, string> = {
  met: '#0072b2',
  part: '#56b4e9',
  low: '#e69f00',
  none: '#d55e00',
  unplanned: '#9ca3af',
};

/** Plan targets without dosage: a dark outline with a light fill, above the hexagons. */
export const TARGET_OUTLINE = '#111827';
export const TARGET_FILL = '#7c3aed';
export const TARGET_SELECTED = '#c2410c';

/** Fill by the feature's `dose` property (a DoseClass), or the plain target fill without one. */
export function doseFillExpression(): ExpressionSpecification {
  return ['match', ['coalesce', ['get', 'dose'], ''], ...Object.entries(DOSE_COLOURS).flat(), TARGET_FILL] as unknown as ExpressionSpecification;
}
