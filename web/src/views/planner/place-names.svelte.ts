/**
 * Names of places for cells, from the area's named zones ("Hamnen", else "nära Hamnen"). Asked
 * for in batches and cached for the page, so the top list, drill-down, compare and print share
 * one answer per cell.
 */
import { ApiError } from '../../lib/api';
import type { PlaceName } from './analytics-types';
import { plannerApi } from './planner-api';
import type { Translate } from './wording';

class PlaceNames {
  #known = new Map<string, PlaceName | null>();
  #pending = new Set<string>();
  /** Bumped by forget(), so an answer asked for before it is dropped. */
  #generation = 0;
  /** Bumped when names arrive, so labels re-render. */
  version = $state(0);
  /** False when the server has no zones endpoint or refuses it: labels fall back to cell ids. */
  available = $state(true);

  request(cells: readonly string[]): void {
    if (!this.available) return;
    const wanted = [...new Set(cells)].filter((c) => !this.#known.has(c) && !this.#pending.has(c));
    if (wanted.length === 0) return;
    for (const cell of wanted) this.#pending.add(cell);
    const generation = this.#generation;
    plannerApi
      .placeNames(wanted)
      .then((names) => {
        if (generation !== this.#generation) return;
        for (const cell of wanted) this.#known.set(cell, names.find((n) => n.cell === cell) ?? null);
        this.version += 1;
      })
      .catch((error) => {
        if (error instanceof ApiError && [403, 404, 405].includes(error.status)) this.available = false;
      })
      .finally(() => {
        if (generation === this.#generation) for (const cell of wanted) this.#pending.delete(cell);
      });
  }

  /** The places were edited: names are asked for again by the views that show them. */
  forget(): void {
    this.#generation += 1;
    this.#known.clear();
    this.#pending.clear();
    this.version += 1;
  }

  /** "Hamnen", "nära Hamnen" or "Plats utan namn". */
  label(cell: string, tr: Translate): string {
    void this.version;
    const place = this.#known.get(cell);
    if (place?.name) return tr(place.inside ? 'place.inside' : 'place.near', { name: place.name });
    return tr('place.unnamed');
  }
}

export const placeNames = new PlaceNames();
