import { z } from 'zod';
import { CellString, Latitude, Longitude } from '../shared/zod-types';

/** Largest drawing accepted: far more vertices than any hand-drawn place needs. */
export const MAX_ZONE_POSITIONS = 10_000;
export const MAX_ZONE_NAME = 100;
/** Cells per locate request: a lägesbild's top list or a patrol plan's targets in one query. */
export const MAX_LOCATE_CELLS = 1000;
export const DEFAULT_LOCATE_DISTANCE_M = 2000;
export const MAX_LOCATE_DISTANCE_M = 20_000;

const Position = z.union([z.tuple([Longitude, Latitude]), z.tuple([Longitude, Latitude, z.number().finite()])]);

/**
 * A linear ring: at least three distinct corners. An open ring (last position ≠ first) is closed
 * here, since a drawing tool that forgets the closing vertex still means the same shape.
 */
const Ring = z
  .array(Position)
  .min(3, 'a ring needs at least 3 positions')
  .max(MAX_ZONE_POSITIONS)
  .transform((ring) => {
    const corners = ring.map(([lng, lat]) => [lng, lat] as [number, number]);
    const first = corners[0]!;
    const last = corners[corners.length - 1]!;
    if (first[0] !== last[0] || first[1] !== last[1]) corners.push([first[0], first[1]]);
    return corners;
  })
  .refine((ring) => new Set(ring.map(([lng, lat]) => `${lng},${lat}`)).size >= 3, 'a ring needs at least 3 distinct corners');

const PolygonCoordinates = z.array(Ring).min(1, 'a polygon needs an outer ring').max(100);

const countPositions = (polygons: [number, number][][][]) => polygons.reduce((n, rings) => n + rings.reduce((m, ring) => m + ring.length, 0), 0);

/** A GeoJSON Polygon or MultiPolygon in WGS 84 ([lng, lat], RFC 7946), as a planner draws it. */
export const ZoneGeometry = z
  .discriminatedUnion('type', [
    z.object({ type: z.literal('Polygon'), coordinates: PolygonCoordinates }),
    z.object({ type: z.literal('MultiPolygon'), coordinates: z.array(PolygonCoordinates).min(1, 'a MultiPolygon needs a polygon').max(100) }),
  ])
  .superRefine((g, ctx) => {
    const n = countPositions(g.type === 'Polygon' ? [g.coordinates] : g.coordinates);
    if (n > MAX_ZONE_POSITIONS) ctx.addIssue({ code: 'custom', path: ['coordinates'], message: `has ${n} positions; at most ${MAX_ZONE_POSITIONS}` });
  });
export type ZoneGeometryInput = z.output<typeof ZoneGeometry>;

export const ZoneName = z
  .string()
  .transform((s) => s.trim().replace(/\s+/g, ' '))
  .pipe(z.string().min(1, 'must not be empty').max(MAX_ZONE_NAME, `must be at most ${MAX_ZONE_NAME} characters`));

export const CreateZoneBody = z.strictObject({
  name: ZoneName,
  geometry: ZoneGeometry,
});
export type CreateZoneInput = z.output<typeof CreateZoneBody>;

export const PatchZoneBody = z
  .strictObject({
    name: ZoneName.optional(),
    geometry: ZoneGeometry.optional(),
  })
  .refine((b) => b.name !== undefined || b.geometry !== undefined, 'give name and/or geometry');
export type PatchZoneInput = z.output<typeof PatchZoneBody>;

export const ZoneIdParams = z.object({ id: z.uuid('must be a UUID') });

export const LocateCellsBody = z.strictObject({
  cells: z.array(CellString).min(1, 'give at least one cell').max(MAX_LOCATE_CELLS, `at most ${MAX_LOCATE_CELLS} cells per request`),
  /** How far away a zone may be and still name a cell outside every zone. */
  maxDistanceMeters: z.number().finite().min(0).max(MAX_LOCATE_DISTANCE_M).default(DEFAULT_LOCATE_DISTANCE_M),
});
export type LocateCellsInput = z.output<typeof LocateCellsBody>;
