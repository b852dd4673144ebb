/**
 * The planner's picture, shared by the lägesbild, compare, trends and print views and kept in
 * the URL: deliberate changes push a history entry (back/forward step through them), moving
 * the map only replaces the current one.
 */
import { untrack } from 'svelte';
import { router } from '../../lib/router.svelte';
import { carriesView, decodeView, DEFAULT_VIEW, encodeHash, encodeQuery, type PlannerView } from './url-state';

export const planner: PlannerView = $state({ ...DEFAULT_VIEW });

function apply(view: PlannerView): void {
  for (const key of Object.keys(view) as (keyof PlannerView)[]) {
    // Same encoding means the same picture: leave the field alone so nothing reloads.
    if (JSON.stringify(planner[key]) !== JSON.stringify(view[key])) (planner as unknown as Record<string, unknown>)[key] = view[key];
  }
}

function writeUrl(query: string, hash: string, replace: boolean): void {
  const search = query ? `?${query}` : '';
  const fullHash = hash ? `#${hash}` : '';
  if (search === location.search && fullHash === location.hash) return;
  if (search === location.search) {
    // Only the map moved: the router does not track the hash, so no view reacts.
    history.replaceState(history.state, '', location.pathname + search + fullHash);
    return;
  }
  router.navigate(location.pathname + search + fullHash, { replace });
}

/**
 * Binds the shared picture to the URL for as long as the calling view lives. A URL that carries
 * a picture (a shared link, back/forward) wins; a bare path (the header's menu) takes the
 * current picture along.
 */
export function usePlannerUrl(): void {
  if (carriesView(location.search, location.hash)) apply(decodeView(location.search, location.hash));
  let first = true;
  $effect(() => {
    const query = encodeQuery(planner);
    const hash = encodeHash(planner.map);
    untrack(() => {
      writeUrl(query, hash, first);
      first = false;
    });
  });
  $effect(() => {
    const onPopState = () => apply(decodeView(location.search, location.hash));
    window.addEventListener('popstate', onPopState);
    return () => window.removeEventListener('popstate', onPopState);
  });
}

/** Back to the defaults of everything but the map position. */
export function resetFilters(): void {
  apply({ ...DEFAULT_VIEW, map: planner.map });
}
