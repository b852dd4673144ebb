import { guardedRouter } from '../http/guarded-router';
import type { Router } from 'express';
import type { Db } from '../db/database';
import { auth } from '../auth/auth.middleware';
import { parseBody, parseParams, parseQuery } from '../http/validate';
import { BulkTriageBody, CreateReportBody, ListReportsQuery, PatchReportBody, ReportIdParams } from './report.schema';
import * as triage from './report-triage.service';
import * as service from './reports.service';
import type { Report } from './reports.repository';
import { sendReportsExport } from './reports-export';

export function reportFeature(report: Report) {
  const { location, ...properties } = report;
  return { type: 'Feature' as const, id: report.id, geometry: location, properties };
}

export function reportsRoutes(db: Db): Router {
  const r = guardedRouter();

  r.post('/reports', async (req, res) => {
    const body = parseBody(req, CreateReportBody);
    const { report, created, warnings } = await service.createReportWithWarnings(db, auth(req), body);
    res.status(created ? 201 : 200);
    if (created) res.location(`/api/v1/reports/${report.id}`);
    res.json(warnings.length ? { ...report, warnings } : report);
  });

  r.get('/reports', async (req, res) => {
    const filter = parseQuery(req, ListReportsQuery);
    if (filter.format !== 'json') return sendReportsExport(res, db, auth(req), filter, filter.format);
    const { reports, nextCursor } = await service.listReports(db, auth(req), filter);
    res.json({
      type: 'FeatureCollection',
      features: reports.map(reportFeature),
      meta: { count: reports.length, nextCursor },
    });
  });

  r.get('/reports/:id', async (req, res) => {
    const { id } = parseParams(req, ReportIdParams);
    res.json(await service.getReport(db, auth(req), id));
  });

  r.patch('/reports/:id', async (req, res) => {
    const { id } = parseParams(req, ReportIdParams);
    const body = parseBody(req, PatchReportBody);
    res.json(await triage.patchReport(db, auth(req), id, body));
  });

  r.patch('/reports', async (req, res) => {
    const body = parseBody(req, BulkTriageBody);
    const result = await triage.bulkTriage(db, auth(req), body);
    res.locals.audit = { ...res.locals.audit, details: { count: result.ids.length, updated: result.updated } };
    res.json(result);
  });

  r.get('/reports/:id/history', async (req, res) => {
    const { id } = parseParams(req, ReportIdParams);
    res.json({ entries: await triage.triageHistory(db, auth(req), id) });
  });

  r.delete('/reports/:id', async (req, res) => {
    const { id } = parseParams(req, ReportIdParams);
    await service.deleteReport(db, auth(req), id);
    res.status(204).end();
  });

  return r.router;
}
