import type { Router } from 'express';
import type { Db } from '../db/database';
import type { RateLimits } from '../http/rate-limits';
import { auth } from '../auth/auth.middleware';
import { guardedRouter } from '../http/guarded-router';
import { parseQuery } from '../http/validate';
import { BacktestQuery, CompareQuery, EmergingQuery, GiQuery, ProfileQuery } from './analytics.schema';
import { BACKTEST_CSV_COLUMNS, backtestCsvLines, backtestHotspots } from './backtest.service';
import { COMPARE_CSV_COLUMNS, compareCsvLines, comparePeriods } from './compare.service';
import { EMERGING_CSV_COLUMNS, emergingAnalysis, emergingCsvLines } from './emerging.service';
import { cellCsv, cellFeatureCollection, plainCsv, sendCells, sendCsv, sendGeoJson } from './export/cell-export';
import { GI_CSV_COLUMNS, giCsvLines, giHotspots } from './gi.service';
import { PROFILE_CSV_COLUMNS, profileCsvRows, timeProfile } from './profile.service';
import type { Regions } from './region/regions';

/** The statistics over hotspots (issue 3): routes parse, authorise (ANALYSTS), call and reply. */
export function analyticsRoutes(db: Db, limits: RateLimits, regions: Regions): Router {
  const r = guardedRouter();

  r.get('/hotspots/gi', limits.analytics, async (req, res) => {
    const q = parseQuery(req, GiQuery);
    const caller = auth(req);
    const result = await giHotspots(db, regions, caller, q);
    sendCells(res, { ...q, name: `gi-${caller.areaCode}-res${q.res}` }, result, { columns: GI_CSV_COLUMNS, lines: () => giCsvLines(result.rows) });
  });

  r.get('/hotspots/compare', limits.analytics, async (req, res) => {
    const q = parseQuery(req, CompareQuery);
    const caller = auth(req);
    const result = await comparePeriods(db, caller, q);
    sendCells(res, { ...q, name: `compare-${caller.areaCode}-res${q.res}` }, result, { columns: COMPARE_CSV_COLUMNS, lines: () => compareCsvLines(result.rows) });
  });

  r.get('/hotspots/emerging', limits.analytics, async (req, res) => {
    const q = parseQuery(req, EmergingQuery);
    const caller = auth(req);
    const result = await emergingAnalysis(db, regions, caller, q);
    sendCells(res, { ...q, name: `emerging-${caller.areaCode}-res${q.res}` }, result, { columns: EMERGING_CSV_COLUMNS, lines: () => emergingCsvLines(result.rows) });
  });

  r.get('/hotspots/backtest', limits.analytics, async (req, res) => {
    const q = parseQuery(req, BacktestQuery);
    const caller = auth(req);
    const { summary, taken } = await backtestHotspots(db, regions, caller, q);
    const name = `backtest-${caller.areaCode}-res${q.res}`;
    if (q.format === 'csv') sendCsv(res, name, cellCsv(BACKTEST_CSV_COLUMNS, backtestCsvLines(taken), q.crs));
    else if (q.format === 'geojson') sendGeoJson(res, cellFeatureCollection(taken, summary, q.crs));
    else res.json(summary);
  });

  r.get('/profile', limits.analytics, async (req, res) => {
    const q = parseQuery(req, ProfileQuery);
    const caller = auth(req);
    const profile = await timeProfile(db, caller, q);
    if (q.format === 'csv') sendCsv(res, `profile-${caller.areaCode}${q.cell ? `-${q.cell}` : ''}`, plainCsv(PROFILE_CSV_COLUMNS, profileCsvRows(profile.matrix)));
    else res.json(profile);
  });

  return r.router;
}
