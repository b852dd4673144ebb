import type { MessageKey } from './i18n/index.svelte';
import type { RouteName } from './router.svelte';
import type { Role } from './types';

/** One entry of the header's main navigation. */
export interface NavItem {
  path: string;
  label: MessageKey;
  /** Roles that see the entry (the server enforces access anyway). */
  roles: readonly Role[];
  /** Routes under which the entry shows as the current page. */
  routes: readonly RouteName[];
}

const ANALYSTS: readonly Role[] = ['planner', 'analyst', 'admin'];
const TRIAGE: readonly Role[] = ['planner', 'admin'];
const ALL: readonly Role[] = ['reporter', 'walker', 'planner', 'analyst', 'admin'];
const WALKERS: readonly Role[] = ['walker', 'planner', 'analyst', 'admin'];

/** The main views, in header order. Each feature adds its entries here. */
export const NAV: readonly NavItem[] = [
  { path: '/', label: 'nav.lagesbild', roles: ANALYSTS, routes: ['lagesbild', 'print'] },
  { path: '/jamfor', label: 'nav.compare', roles: ANALYSTS, routes: ['compare'] },
  { path: '/trender', label: 'nav.trends', roles: ANALYSTS, routes: ['trends'] },
  { path: '/rapporter', label: 'nav.reports', roles: ALL, routes: ['reports', 'report'] },
  { path: '/rapportera', label: 'field.nav.report', roles: ALL, routes: ['rapportera', 'utkorg'] },
  { path: '/vandringar', label: 'walk.nav.list', roles: WALKERS, routes: ['vandringar', 'vandring-ny', 'vandring', 'vandring-protokoll'] },
  { path: '/uppfoljning', label: 'finding.nav.followUp', roles: TRIAGE, routes: ['uppfoljning'] },
  { path: '/patrull', label: 'patrols.nav', roles: ALL, routes: ['patrols', 'patrol-plan', 'patrol-briefing', 'patrol-phone'] },
  { path: '/loften', label: 'promises.nav', roles: ANALYSTS, routes: ['promises'] },
  { path: '/utvardering', label: 'evaluation.nav', roles: ANALYSTS, routes: ['evaluation'] },
  { path: '/platser', label: 'nav.zones', roles: TRIAGE, routes: ['zones'] },
  { path: '/installningar', label: 'nav.settings', roles: ['admin'], routes: ['settings'] },
];

/** Where a role lands after login: the phone screens for those who work in the field. */
export function homeFor(role: Role): string {
  if (role === 'reporter') return '/rapportera';
  if (role === 'walker') return '/vandringar';
  return '/';
}

export function navFor(role: Role): NavItem[] {
  return NAV.filter((item) => item.roles.includes(role));
}
