import { ACCESS_POLICY, type RouteKey } from '../auth/access-policy';

/**
 * What the audit log records of the HTTP API, declared in one place:
 *  - every write (POST/PUT/PATCH/DELETE) by a logged-in caller, whatever its status;
 *  - the reads listed in RAW_DATA_READS: routes that hand out raw reports or other personal
 *    data. A new export route belongs here.
 *  - logins, failed ones too (see audit.middleware.ts).
 */
export const RAW_DATA_READS: ReadonlySet<RouteKey> = new Set<RouteKey>([
  'GET /reports',
  'GET /reports/:id',
  'GET /me/export',
  'GET /audit',
  // Photos can show people and, with keepLocation, where they were.
  'GET /photos/:id',
  // Where and when police units patrolled: tracks of identifiable people at work.
  'GET /patrol-logs',
]);

const WRITE_METHODS = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

export const LOGIN_ROUTE: RouteKey = 'POST /auth/login';

/** Action and resource names for the audited routes; other writes get `<resource>.<verb>` (see describeRoute). */
const NAMES: Partial<Record<RouteKey, { action: string; resource: string }>> = {
  'POST /auth/login': { action: 'auth.login', resource: 'session' },
  'POST /auth/logout': { action: 'auth.logout', resource: 'session' },
  'POST /auth/logout-all': { action: 'auth.logout-all', resource: 'session' },
  'POST /tokens': { action: 'token.create', resource: 'api_token' },
  'DELETE /tokens/:id': { action: 'token.revoke', resource: 'api_token' },
  'POST /reports': { action: 'report.create', resource: 'report' },
  'GET /reports': { action: 'report.list', resource: 'report' },
  'GET /reports/:id': { action: 'report.read', resource: 'report' },
  'PATCH /reports/:id': { action: 'report.update', resource: 'report' },
  'PATCH /reports': { action: 'report.bulk-update', resource: 'report' },
  'DELETE /reports/:id': { action: 'report.delete', resource: 'report' },
  'POST /imports': { action: 'import.run', resource: 'report' },
  'POST /reports/:id/photos': { action: 'photo.create', resource: 'report' },
  'POST /findings/:id/photos': { action: 'photo.create', resource: 'finding' },
  'GET /photos/:id': { action: 'photo.read', resource: 'photo' },
  'POST /walks/:id/findings': { action: 'finding.create', resource: 'walk' },
  'POST /walks/:id/track': { action: 'walk.track', resource: 'walk' },
  'POST /walks/:id/rewalk': { action: 'walk.rewalk', resource: 'walk' },
  'GET /me/export': { action: 'me.export', resource: 'user' },
  'GET /audit': { action: 'audit.read', resource: 'audit_log' },
  'POST /patrol-plans/propose': { action: 'patrol-plan.propose', resource: 'patrol_plan' },
  'POST /patrol-plans': { action: 'patrol-plan.create', resource: 'patrol_plan' },
  'PATCH /patrol-plans/:id': { action: 'patrol-plan.update', resource: 'patrol_plan' },
  'POST /patrol-logs': { action: 'patrol-log.create', resource: 'patrol_log' },
  'GET /patrol-logs': { action: 'patrol-log.list', resource: 'patrol_log' },
  'POST /promises/:id/activities': { action: 'promise.activity.create', resource: 'promise' },
  'POST /evaluations': { action: 'evaluation.run', resource: 'evaluation' },
};

const VERBS: Record<string, string> = { GET: 'read', POST: 'create', PUT: 'replace', PATCH: 'update', DELETE: 'delete' };

export interface MatchedRoute {
  key: RouteKey;
  method: string;
  params: Record<string, string>;
}

interface Pattern {
  key: RouteKey;
  method: string;
  segments: string[];
  literals: number;
}

const PATTERNS: Pattern[] = (Object.keys(ACCESS_POLICY) as RouteKey[]).map((key) => {
  const [method, path] = key.split(' ') as [string, string];
  const segments = path.split('/').filter(Boolean);
  return { key, method, segments, literals: segments.filter((s) => !s.startsWith(':')).length };
});

/**
 * The ACCESS_POLICY entry a request addresses (every route has one), with its path parameters.
 * A literal segment beats a parameter, as Express's registration order would have it for
 * `/reports/export` against `/reports/:id`.
 */
export function matchRoute(method: string, path: string): MatchedRoute | undefined {
  const parts = path.split('/').filter(Boolean);
  let best: { pattern: Pattern; params: Record<string, string> } | undefined;
  for (const pattern of PATTERNS) {
    if (pattern.method !== method || pattern.segments.length !== parts.length) continue;
    const params: Record<string, string> = {};
    const fits = pattern.segments.every((segment, i) => {
      // Kept as sent (percent-encoded): a decoded NUL or lone surrogate could not be stored.
      if (segment.startsWith(':')) {
        params[segment.slice(1)] = parts[i]!;
        return true;
      }
      return segment === parts[i];
    });
    if (fits && (!best || pattern.literals > best.pattern.literals)) best = { pattern, params };
  }
  return best && { key: best.pattern.key, method, params: best.params };
}

/** Whether a request to this route is audited: a write, a raw-data read, or a login. */
export function isAudited(route: MatchedRoute): boolean {
  return WRITE_METHODS.has(route.method) || RAW_DATA_READS.has(route.key) || route.key === LOGIN_ROUTE;
}

/** The action and resource names of a route, e.g. `report.update` on `report`. */
export function describeRoute(route: MatchedRoute): { action: string; resource: string } {
  const named = NAMES[route.key];
  if (named) return named;
  const first = route.key.split(' ')[1]!.split('/').filter(Boolean)[0] ?? 'api';
  const resource = first.endsWith('ies') ? `${first.slice(0, -3)}y` : first.replace(/s$/, '');
  return { action: `${resource}.${VERBS[route.method] ?? route.method.toLowerCase()}`, resource };
}
