import { describe, expect, it } from 'vitest';
import { ACCESS_POLICY } from '../../../server/auth/access-policy';

/**
 * Every route of the API is fuzzed (issue 7, item 7): like the authorisation matrix, a new
 * ACCESS_POLICY entry fails here until a fuzz family covers it. Values name the file and family.
 */
const FUZZED: Record<string, string> = {
  'GET /health': 'area.fuzz: GET routes without input',
  'GET /client-config': 'area.fuzz: GET routes without input',
  'POST /auth/login': 'auth.fuzz: POST /auth/login (malformed), (wrong credentials)',
  'POST /auth/logout': 'auth.fuzz: POST /auth/logout',
  'POST /auth/logout-all': 'auth.fuzz: authenticated routes (junk credentials)',
  'GET /me': 'auth.fuzz: junk credentials; area.fuzz: GET routes without input',
  'GET /me/export': 'auth.fuzz: junk credentials; area.fuzz: GET routes without input',
  'GET /tokens': 'auth.fuzz: POST|GET|DELETE /tokens',
  'POST /tokens': 'auth.fuzz: POST|GET|DELETE /tokens',
  'DELETE /tokens/:id': 'auth.fuzz: POST|GET|DELETE /tokens',
  'GET /areas/current': 'area.fuzz: GET routes without input',
  'GET /categories': 'area.fuzz: GET routes without input',
  'GET /organisations': 'area.fuzz: GET routes without input',
  'GET /areas/current/settings': 'area.fuzz: GET routes without input',
  'PATCH /areas/current/settings': 'area.fuzz: PATCH /areas/current/settings',
  'GET /public/areas/:code': 'analytics.fuzz: GET /public/areas/:code(/hotspots)',
  'GET /public/areas/:code/hotspots': 'analytics.fuzz: GET /public/areas/:code(/hotspots)',
  'POST /privacy/check': 'area.fuzz: POST /privacy/check',
  'POST /reports': 'reports.fuzz: POST /reports',
  'GET /reports': 'reports.fuzz: GET /reports (query), (forged cursor)',
  'GET /reports/:id': 'reports.fuzz: GET|PATCH|DELETE /reports/:id',
  'PATCH /reports/:id': 'reports.fuzz: GET|PATCH|DELETE /reports/:id',
  'DELETE /reports/:id': 'reports.fuzz: GET|PATCH|DELETE /reports/:id',
  'GET /reports/similar': 'similar.fuzz: GET /reports/similar (query)',
  'POST /reports/:id/confirmations': 'similar.fuzz: POST /reports/:id/confirmations',
  'POST /walks': 'walks.fuzz: POST /walks',
  'GET /walks': 'walks.fuzz: GET /walks (query)',
  'GET /walks/:id': 'walks.fuzz: GET|PATCH /walks/:id',
  'PATCH /walks/:id': 'walks.fuzz: GET|PATCH /walks/:id',
  'POST /walks/:id/track': 'walks.fuzz: POST /walks/:id/track',
  'POST /walks/:id/rewalk': 'walks.fuzz: POST /walks/:id/rewalk',
  'GET /walks/:id/protocol': 'walks.fuzz: GET /walks/:id/protocol',
  'POST /walks/:id/findings': 'findings.fuzz: POST /walks/:id/findings',
  'GET /findings': 'findings.fuzz: GET /findings (query)',
  'GET /findings/:id': 'findings.fuzz: GET|PATCH|DELETE /findings/:id',
  'PATCH /findings/:id': 'findings.fuzz: GET|PATCH|DELETE /findings/:id',
  'DELETE /findings/:id': 'findings.fuzz: GET|PATCH|DELETE /findings/:id',
  'POST /reports/:id/photos': 'photos.fuzz: POST /reports|findings/:id/photos',
  'POST /findings/:id/photos': 'photos.fuzz: POST /reports|findings/:id/photos',
  'GET /photos/:id': 'photos.fuzz: GET /photos/:id',
  'PATCH /reports': 'reports.fuzz: PATCH /reports (bulk) and GET /reports/:id/history',
  'GET /reports/:id/history': 'reports.fuzz: PATCH /reports (bulk) and GET /reports/:id/history',
  'POST /imports': 'imports.fuzz: POST /imports (query), (body)',
  'GET /hotspots': 'analytics.fuzz: GET /hotspots',
  'GET /hotspots/summary': 'cell-summary.fuzz: GET /hotspots/summary|cells/:cell (query)',
  'GET /hotspots/cells/:cell': 'cell-summary.fuzz: GET /hotspots/summary|cells/:cell (query), (cell)',
  'GET /hotspots/gi': 'analytics.fuzz: GET /hotspots/gi',
  'GET /hotspots/compare': 'analytics.fuzz: GET /hotspots/compare',
  'GET /hotspots/emerging': 'analytics.fuzz: GET /hotspots/emerging',
  'GET /hotspots/backtest': 'analytics.fuzz: GET /hotspots/backtest',
  'GET /profile': 'analytics.fuzz: GET /profile',
  'GET /audit': 'analytics.fuzz: GET /audit',
  'GET /zones': 'zones.fuzz: GET /zones (query junk)',
  'POST /zones': 'zones.fuzz: POST /zones',
  'GET /zones/:id': 'zones.fuzz: GET|PATCH|DELETE /zones/:id',
  'PATCH /zones/:id': 'zones.fuzz: GET|PATCH|DELETE /zones/:id',
  'DELETE /zones/:id': 'zones.fuzz: GET|PATCH|DELETE /zones/:id',
  'POST /zones/locate': 'zones.fuzz: POST /zones/locate',
  // Patrols, medborgarlöften and evaluations (issue 6).
  'POST /patrol-plans/propose': 'patrols.fuzz: POST /patrol-plans/propose',
  'POST /patrol-plans': 'patrols.fuzz: POST /patrol-plans',
  'GET /patrol-plans': 'patrols.fuzz: GET /patrol-plans (query)',
  'GET /patrol-plans/:id': 'patrols.fuzz: GET|PATCH /patrol-plans/:id(/dosage|/briefing)',
  'PATCH /patrol-plans/:id': 'patrols.fuzz: GET|PATCH /patrol-plans/:id(/dosage|/briefing)',
  'GET /patrol-plans/:id/dosage': 'patrols.fuzz: GET|PATCH /patrol-plans/:id(/dosage|/briefing)',
  'GET /patrol-plans/:id/briefing': 'patrols.fuzz: GET|PATCH /patrol-plans/:id(/dosage|/briefing)',
  'POST /patrol-logs': 'patrols.fuzz: POST /patrol-logs',
  'GET /patrol-logs': 'patrols.fuzz: GET /patrol-logs (query)',
  'POST /promises': 'promises.fuzz: POST /promises',
  'GET /promises': 'promises.fuzz: GET /promises, GET /public/areas/:code/promises',
  'GET /promises/:id': 'promises.fuzz: GET|PATCH /promises/:id(/progress|/report), POST /promises/:id/activities',
  'PATCH /promises/:id': 'promises.fuzz: GET|PATCH /promises/:id(/progress|/report), POST /promises/:id/activities',
  'POST /promises/:id/activities': 'promises.fuzz: GET|PATCH /promises/:id(/progress|/report), POST /promises/:id/activities',
  'GET /promises/:id/progress': 'promises.fuzz: GET|PATCH /promises/:id(/progress|/report), POST /promises/:id/activities',
  'GET /promises/:id/report': 'promises.fuzz: GET|PATCH /promises/:id(/progress|/report), POST /promises/:id/activities',
  'GET /public/areas/:code/promises': 'promises.fuzz: GET /promises, GET /public/areas/:code/promises',
  'POST /evaluations': 'promises.fuzz: POST /evaluations',
};

describe('fuzz coverage', () => {
  it('has a fuzz family for every route in ACCESS_POLICY', () => {
    const missing = Object.keys(ACCESS_POLICY).filter((route) => !(route in FUZZED));
    expect(missing, 'add a family in test/security/fuzz/ and list the route in FUZZED').toEqual([]);
  });

  it('lists no route that is gone', () => {
    expect(Object.keys(FUZZED).filter((route) => !(route in ACCESS_POLICY))).toEqual([]);
  });
});
