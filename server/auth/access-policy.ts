import type { Role } from '../db/schema';

/**
 * The authorisation matrix: every route of /api/v1 and who may call it. One middleware enforces
 * it (see guarded-router.ts); a route missing here cannot be registered, and the matrix test
 * checks every entry for every role. Row scope (own area; reporters' own submissions) is enforced
 * below this by the database's row-level security and the services: another area's resource
 * answers 404, so its existence is not revealed.
 *
 * - 'public': no login needed
 * - 'authenticated': any logged-in role
 * - Role[]: only these roles (others get 403)
 */
export type Access = 'public' | 'authenticated' | readonly Role[];

export const ALL: readonly Role[] = ['reporter', 'walker', 'planner', 'analyst', 'admin'];
export const ANALYSTS: readonly Role[] = ['planner', 'analyst', 'admin'];
export const TRIAGE: readonly Role[] = ['planner', 'admin'];
export const ADMIN: readonly Role[] = ['admin'];
/** Who goes out on patrol and logs it: police units and field staff (reporter, walker) and planners; analysts only read. */
export const PATROLLERS: readonly Role[] = ['reporter', 'walker', 'planner', 'admin'];
/** Who plans and walks safety walks and records findings (reporters send reports, not walks). */
export const WALK_TEAM: readonly Role[] = ['walker', 'planner', 'admin'];
/** Who reads walks, findings and protocols: the walk team and the analysts (findings are analytics data). */
export const WALK_READERS: readonly Role[] = ['walker', 'planner', 'analyst', 'admin'];

export const ACCESS_POLICY = {
  'GET /health': 'public',
  'GET /client-config': 'public',
  'POST /auth/login': 'public',
  'POST /auth/logout': 'public',
  'POST /auth/logout-all': 'authenticated',
  'GET /me': 'authenticated',
  'GET /me/export': 'authenticated',
  'GET /tokens': 'authenticated',
  'POST /tokens': 'authenticated',
  'DELETE /tokens/:id': 'authenticated',

  'GET /areas/current': 'authenticated',
  'GET /categories': 'authenticated',
  'GET /organisations': 'authenticated',
  'GET /areas/current/settings': ADMIN,
  'PATCH /areas/current/settings': ADMIN,

  // The public view (no login): aggregates of areas whose admin switched it on, else 404.
  'GET /public/areas/:code': 'public',
  'GET /public/areas/:code/hotspots': 'public',
  'POST /privacy/check': 'authenticated',

  'POST /reports': ALL,
  'GET /reports': ALL,
  'GET /reports/:id': ALL,
  'PATCH /reports/:id': TRIAGE,
  // Bulk triage of the table's selected rows ({ids, status?, category?}), all or nothing.
  'PATCH /reports': TRIAGE,
  'GET /reports/:id/history': ANALYSTS,
  'DELETE /reports/:id': ADMIN,
  // The phone form's duplicate check and "add to it": no descriptions or reporters of others.
  'GET /reports/similar': ALL,
  'POST /reports/:id/confirmations': ALL,

  // Photos: reporters add them to their own reports, walk teams to findings; who may see one is
  // decided by who may see what it shows (photos.service.ts).
  'POST /reports/:id/photos': ALL,
  'POST /findings/:id/photos': WALK_TEAM,
  'GET /photos/:id': ALL,

  // Safety walks: walkers change the walks they lead, planners and admins any walk of the area.
  'POST /walks': WALK_TEAM,
  'GET /walks': WALK_READERS,
  'GET /walks/:id': WALK_READERS,
  'PATCH /walks/:id': WALK_TEAM,
  'POST /walks/:id/track': WALK_TEAM,
  'POST /walks/:id/rewalk': WALK_TEAM,
  'GET /walks/:id/protocol': WALK_READERS,
  'POST /walks/:id/findings': WALK_TEAM,
  'GET /findings': WALK_READERS,
  'GET /findings/:id': WALK_READERS,
  'PATCH /findings/:id': WALK_TEAM,
  'DELETE /findings/:id': WALK_TEAM,

  'POST /imports': TRIAGE,

  'GET /hotspots': ANALYSTS,
  // Drill-down: one hexagon's (or the area's) counts by category and trend over bins.
  'GET /hotspots/summary': ANALYSTS,
  'GET /hotspots/cells/:cell': ANALYSTS,

  // Named places: everyone in the area reads them (pick lists, the patrol's phone view, place
  // names in the lägesbild); planners and admins draw, rename and delete them.
  'GET /zones': ALL,
  'GET /zones/:id': ALL,
  'POST /zones': TRIAGE,
  'PATCH /zones/:id': TRIAGE,
  'DELETE /zones/:id': TRIAGE,
  'POST /zones/locate': ALL,

  'GET /hotspots/gi': ANALYSTS,
  'GET /hotspots/compare': ANALYSTS,
  'GET /hotspots/emerging': ANALYSTS,
  'GET /hotspots/backtest': ANALYSTS,
  'GET /profile': ANALYSTS,

  'GET /audit': ADMIN,

  // Patrols and medborgarlöften (issue 6). Reporters and walkers (the units on patrol) read
  // active plans only and their own logs (patrol-plans.service.ts, patrol-logs.service.ts).
  'POST /patrol-plans/propose': ANALYSTS,
  'POST /patrol-plans': TRIAGE,
  'GET /patrol-plans': ALL,
  'GET /patrol-plans/:id': ALL,
  'PATCH /patrol-plans/:id': TRIAGE,
  'GET /patrol-plans/:id/dosage': ANALYSTS,
  'GET /patrol-plans/:id/briefing': ALL,
  'POST /patrol-logs': PATROLLERS,
  'GET /patrol-logs': ALL,
  'POST /promises': TRIAGE,
  'GET /promises': ANALYSTS,
  'GET /promises/:id': ANALYSTS,
  'PATCH /promises/:id': TRIAGE,
  'POST /promises/:id/activities': TRIAGE,
  'GET /promises/:id/progress': ANALYSTS,
  'GET /promises/:id/report': ANALYSTS,
  'POST /evaluations': ANALYSTS,
  // Published only when the area's admin switches publicPromises on (404 otherwise).
  'GET /public/areas/:code/promises': 'public',
} as const satisfies Record<string, Access>;

export type RouteKey = keyof typeof ACCESS_POLICY;

export function accessFor(method: string, path: string): Access | undefined {
  return (ACCESS_POLICY as Record<string, Access>)[`${method.toUpperCase()} ${path}`];
}
