import { randomUUID } from 'node:crypto';
import type { Db } from '../db/database';
import { withArea, type Tx } from '../db/scope';
import type { AuthContext } from '../auth/auth-context';
import { HttpError } from '../http/errors';
import { cellCentre } from '../h3/cells';
import * as repo from './zones.repository';
import type { CreateZoneInput, LocateCellsInput, PatchZoneInput, ZoneGeometryInput } from './zone.schema';

/** Smaller than this is a slip of the mouse (a double click), not a place. */
export const MIN_ZONE_AREA_M2 = 10;

function nameTaken(name: string) {
  return new HttpError(409, 'conflict', `A zone named "${name}" already exists in this area`, [
    { path: 'name', message: 'is already the name of another zone in this area (names are compared without case)' },
  ]);
}

/** True for the unique-name index refusing a row: a concurrent request took the name first. */
function isNameClash(err: unknown): boolean {
  const e = err as { code?: unknown; constraint?: unknown; message?: unknown };
  return e?.code === '23505' && (e.constraint === 'zones_area_name' || String(e.message).includes('zones_area_name'));
}

async function ensureNameFree(tx: Tx, areaId: number, name: string, self?: string) {
  const holder = await repo.zoneIdByName(tx, areaId, name);
  if (holder && holder !== self) throw nameTaken(name);
}

/**
 * The drawn shape must leave a polygon after repair, be bigger than a slip of the mouse and
 * share some ground with the area: a zone elsewhere could never name anything here.
 */
async function checkDrawnShape(tx: Tx, caller: AuthContext, geometry: ZoneGeometryInput): Promise<string> {
  const geojson = JSON.stringify(geometry);
  const check = await repo.checkGeometry(tx, caller.areaId, geojson);
  if (check.empty) {
    throw HttpError.unprocessable('invalid_geometry', 'The shape encloses no area', [
      { path: 'geometry.coordinates', message: 'has no area: its corners lie on one line or on top of each other' },
    ]);
  }
  if (check.areaM2 < MIN_ZONE_AREA_M2) {
    throw HttpError.unprocessable('invalid_geometry', 'The shape is too small to be a place', [
      { path: 'geometry.coordinates', message: `encloses ${check.areaM2.toFixed(1)} m²; a zone needs at least ${MIN_ZONE_AREA_M2} m²` },
    ]);
  }
  if (!check.overlapsArea) {
    throw HttpError.unprocessable('outside_area', 'The zone lies outside your area', [
      { path: 'geometry', message: `does not overlap the boundary of ${caller.areaName}` },
    ]);
  }
  return geojson;
}

async function translateNameClash<T>(name: string | undefined, work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (err) {
    if (name !== undefined && isNameClash(err)) throw nameTaken(name);
    throw err;
  }
}

export async function listZones(db: Db, caller: AuthContext) {
  return withArea(db, caller.areaId, (tx) => repo.listZones(tx, caller.areaId));
}

export async function getZone(db: Db, caller: AuthContext, id: string) {
  const zone = await withArea(db, caller.areaId, (tx) => repo.findZone(tx, caller.areaId, id));
  if (!zone) throw HttpError.notFound('Zone');
  return zone;
}

export async function createZone(db: Db, caller: AuthContext, input: CreateZoneInput) {
  const id = randomUUID();
  return translateNameClash(input.name, () =>
    withArea(db, caller.areaId, async (tx) => {
      await ensureNameFree(tx, caller.areaId, input.name);
      const geojson = await checkDrawnShape(tx, caller, input.geometry);
      await repo.insertZone(tx, { areaId: caller.areaId, id, name: input.name, geojson, createdBy: caller.userId });
      return (await repo.findZone(tx, caller.areaId, id))!;
    }),
  );
}

export async function patchZone(db: Db, caller: AuthContext, id: string, patch: PatchZoneInput) {
  return translateNameClash(patch.name, () =>
    withArea(db, caller.areaId, async (tx) => {
      if (!(await repo.findZone(tx, caller.areaId, id))) throw HttpError.notFound('Zone');
      if (patch.name !== undefined) await ensureNameFree(tx, caller.areaId, patch.name, id);
      const geojson = patch.geometry ? await checkDrawnShape(tx, caller, patch.geometry) : undefined;
      await repo.updateZone(tx, caller.areaId, id, { name: patch.name, geojson });
      return (await repo.findZone(tx, caller.areaId, id))!;
    }),
  );
}

export async function deleteZone(db: Db, caller: AuthContext, id: string) {
  const deleted = await withArea(db, caller.areaId, (tx) => repo.deleteZone(tx, caller.areaId, id));
  if (!deleted) throw HttpError.notFound('Zone');
}

export interface LocatedCell extends repo.LocatedPoint {
  cell: string;
}

/**
 * Names each cell after a place: the zone holding the cell's centre, else the nearest zone
 * within maxDistanceMeters (distance from the centre to the zone's edge), else null. Answers
 * in the order asked, repeats included.
 */
export async function locateCells(db: Db, caller: AuthContext, input: LocateCellsInput): Promise<LocatedCell[]> {
  const centres = input.cells.map(cellCentre);
  const located = await withArea(db, caller.areaId, (tx) => repo.locatePoints(tx, caller.areaId, centres, input.maxDistanceMeters));
  return input.cells.map((cell, i) => ({ cell, ...located[i]! }));
}
