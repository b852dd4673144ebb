import { guardedRouter } from '../http/guarded-router';
import type { Router } from 'express';
import type { Db } from '../db/database';
import { withArea } from '../db/scope';
import { auth } from '../auth/auth.middleware';
import { HttpError } from '../http/errors';
import { findAreaWithBoundary, listCategories, listOrganisations } from './areas.repository';
import { parseBody } from '../http/validate';
import { AreaSettingsPatch } from './area-settings';
import { getAreaSettings, updateAreaSettings } from './area-settings.service';
import { printSettings } from './print-settings';

export function areasRoutes(db: Db): Router {
  const r = guardedRouter();

  r.get('/areas/current', async (req, res) => {
    const { areaId } = auth(req);
    const area = await withArea(db, areaId, (tx) => findAreaWithBoundary(tx, areaId));
    if (!area) throw HttpError.notFound('Area');
    // The print page needs the area's marking and threshold; they are no secret to its users.
    res.json({ id: area.id, code: area.code, name: area.name, timezone: area.timezone, boundary: area.boundary, bbox: area.bbox, ...printSettings(area.settings) });
  });

  r.get('/categories', async (req, res) => {
    const { areaId } = auth(req);
    const rows = await withArea(db, areaId, (tx) => listCategories(tx, areaId));
    res.json({
      categories: rows.map((c) => ({
        code: c.code,
        kind: c.kind,
        labelSv: c.label_sv,
        labelEn: c.label_en,
        group: c.group,
        active: c.active,
      })),
    });
  });

  r.get('/organisations', async (req, res) => {
    const { areaId } = auth(req);
    res.json({ organisations: await withArea(db, areaId, (tx) => listOrganisations(tx, areaId)) });
  });

  r.get('/areas/current/settings', async (req, res) => {
    res.json(await getAreaSettings(db, auth(req)));
  });

  r.patch('/areas/current/settings', async (req, res) => {
    const patch = parseBody(req, AreaSettingsPatch);
    res.json(await updateAreaSettings(db, auth(req), patch));
  });

  return r.router;
}
