import type { Router } from 'express';
import type { Db } from '../db/database';
import { auth } from '../auth/auth.middleware';
import { guardedRouter } from '../http/guarded-router';
import { parseBody, parseParams } from '../http/validate';
import { CreateZoneBody, LocateCellsBody, PatchZoneBody, ZoneIdParams } from './zone.schema';
import type { Zone } from './zones.repository';
import * as service from './zones.service';

/** A zone as a GeoJSON Feature: the map draws the collection as it comes. */
export function zoneFeature(zone: Zone) {
  const { geometry, ...properties } = zone;
  return { type: 'Feature' as const, id: zone.id, geometry, properties };
}

export function zonesRoutes(db: Db): Router {
  const r = guardedRouter();

  r.get('/zones', async (req, res) => {
    const zones = await service.listZones(db, auth(req));
    res.json({ type: 'FeatureCollection', features: zones.map(zoneFeature), meta: { count: zones.length } });
  });

  r.post('/zones', async (req, res) => {
    const body = parseBody(req, CreateZoneBody);
    const zone = await service.createZone(db, auth(req), body);
    res.status(201).location(`/api/v1/zones/${zone.id}`).json(zone);
  });

  // A read sent as POST (a thousand cells do not fit in a URL): not an audited write.
  r.post('/zones/locate', async (req, res) => {
    res.locals.audit = { skip: true };
    const body = parseBody(req, LocateCellsBody);
    res.json({ cells: await service.locateCells(db, auth(req), body), meta: { maxDistanceMeters: body.maxDistanceMeters } });
  });

  r.get('/zones/:id', async (req, res) => {
    const { id } = parseParams(req, ZoneIdParams);
    res.json(await service.getZone(db, auth(req), id));
  });

  r.patch('/zones/:id', async (req, res) => {
    const { id } = parseParams(req, ZoneIdParams);
    const body = parseBody(req, PatchZoneBody);
    res.json(await service.patchZone(db, auth(req), id, body));
  });

  r.delete('/zones/:id', async (req, res) => {
    const { id } = parseParams(req, ZoneIdParams);
    await service.deleteZone(db, auth(req), id);
    res.status(204).end();
  });

  return r.router;
}
