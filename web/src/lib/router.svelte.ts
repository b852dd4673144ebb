/**
 * A tiny path router over the History API. The server answers every non-API path with
 * index.html, so deep links work. New views add a line to `routes` (patterns may hold
 * `:name` segments, read with `router.params`) and their component to App.svelte's `views`.
 */
export type RouteName =
  | 'login'
  | 'lagesbild'
  | 'compare'
  | 'trends'
  | 'print'
  | 'zones'
  | 'reports'
  | 'report'
  | 'settings'
  | 'rapportera'
  | 'utkorg'
  | 'vandringar'
  | 'vandring-ny'
  | 'vandring'
  | 'vandring-protokoll'
  | 'uppfoljning'
  | 'patrols'
  | 'patrol-plan'
  | 'patrol-briefing'
  | 'patrol-phone'
  | 'promises'
  | 'evaluation'
  | 'not-found';

const routes: readonly { pattern: string; name: RouteName }[] = [
  { pattern: '/login', name: 'login' },
  { pattern: '/', name: 'lagesbild' },
  { pattern: '/jamfor', name: 'compare' },
  { pattern: '/trender', name: 'trends' },
  { pattern: '/utskrift', name: 'print' },
  { pattern: '/platser', name: 'zones' },
  { pattern: '/rapporter', name: 'reports' },
  { pattern: '/rapporter/:id', name: 'report' },
  { pattern: '/installningar', name: 'settings' },
  // Field screens (issue 5), phone first.
  { pattern: '/rapportera', name: 'rapportera' },
  { pattern: '/utkorg', name: 'utkorg' },
  { pattern: '/vandringar', name: 'vandringar' },
  { pattern: '/vandringar/ny', name: 'vandring-ny' },
  { pattern: '/vandringar/:id', name: 'vandring' },
  { pattern: '/vandringar/:id/protokoll', name: 'vandring-protokoll' },
  { pattern: '/uppfoljning', name: 'uppfoljning' },
  // Patrols, medborgarlöften and evaluations (issue 6).
  { pattern: '/patrull', name: 'patrols' },
  { pattern: '/patrull/:id', name: 'patrol-plan' },
  { pattern: '/patrull/:id/genomgang', name: 'patrol-briefing' },
  { pattern: '/patrull/:id/mobil', name: 'patrol-phone' },
  { pattern: '/loften', name: 'promises' },
  { pattern: '/utvardering', name: 'evaluation' },
];

interface Match {
  name: RouteName;
  params: Record<string, string>;
}

function decode(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}

export function matchRoute(pathname: string): Match {
  const normalised = pathname.length > 1 ? pathname.replace(/\/+$/, '') : pathname;
  const parts = normalised.split('/');
  for (const route of routes) {
    const want = route.pattern.split('/');
    if (want.length !== parts.length) continue;
    const params: Record<string, string> = {};
    const ok = want.every((segment, i) => {
      if (segment.startsWith(':')) {
        if (!parts[i]) return false;
        params[segment.slice(1)] = decode(parts[i]!);
        return true;
      }
      return segment === parts[i];
    });
    if (ok) return { name: route.name, params };
  }
  return { name: 'not-found', params: {} };
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
  get search(): string {
    return state.search;
  },
  get route(): RouteName {
    return matchRoute(state.path).name;
  },
  /** The `:name` segments of the current route, e.g. `{ id: '…' }` for `/vandringar/:id`. */
  get params(): Record<string, string> {
    return matchRoute(state.path).params;
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
  if (matchRoute(location.pathname).name === 'login') return;
  const next = location.pathname + location.search;
  router.navigate(next === '/' ? '/login' : `/login?next=${encodeURIComponent(next)}`, { replace: true });
}
