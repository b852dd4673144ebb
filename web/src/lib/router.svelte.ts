/**
 * A tiny path router over the History API. The server answers every non-API path with
 * index.html, so deep links work; new views add a line to `routes`.
 */
export type RouteName = 'login' | 'lagesbild' | 'not-found';

const routes: Record<string, RouteName> = {
  '/login': 'login',
  '/': 'lagesbild',
};

function match(pathname: string): RouteName {
  const normalised = pathname.length > 1 ? pathname.replace(/\/+$/, '') : pathname;
  return routes[normalised] ?? 'not-found';
}

const state = $state({ path: location.pathname, search: location.search });

window.addEventListener('popstate', () => {
  state.path = location.pathname;
  state.search = location.search;
});

export const router = {
  get path(): string {
    return state.path;
  },
  get route(): RouteName {
    return match(state.path);
  },
  /** Query parameter of the current URL, e.g. `next` on the login page. */
  param(name: string): string | null {
    return new URLSearchParams(state.search).get(name);
  },
  navigate(to: string, options: { replace?: boolean } = {}): void {
    const url = new URL(to, location.origin);
    if (url.pathname === location.pathname && url.search === location.search) return;
    if (options.replace) history.replaceState(null, '', url);
    else history.pushState(null, '', url);
    state.path = url.pathname;
    state.search = url.search;
  },
};

/** Send the user to the login page, remembering where they were. */
export function goToLogin(): void {
  if (match(location.pathname) === 'login') return;
  const next = location.pathname + location.search;
  router.navigate(next === '/' ? '/login' : `/login?next=${encodeURIComponent(next)}`, { replace: true });
}
