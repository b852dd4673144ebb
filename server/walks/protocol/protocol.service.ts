import { sql } from 'kysely';
import type { Db } from '../../db/database';
import { withArea, type Tx } from '../../db/scope';
import type { AuthContext } from '../../auth/auth-context';
import { HttpError } from '../../http/errors';
import { listCategories } from '../../areas/areas.repository';
import { listFindings } from '../../findings/findings.repository';
import { listFindingEvents, type FindingEvent } from '../../findings/finding-history.repository';
import { withPhotos, type Finding } from '../../findings/findings.service';
import { findWalk } from '../walks.repository';
import { walkDetailView, type WalkDetail } from '../walk-view';
import { mapExtent, type Extent } from './protocol-map';

/** A finding in the protocol: numbered in the order it was noted on the walk, with its history. */
export interface ProtocolFinding extends Finding {
  number: number;
  history: FindingEvent[];
}

/** Everything the protocol shows, as JSON and as the printable page. */
export interface Protocol {
  generatedAt: string;
  area: { name: string; timezone: string };
  walk: WalkDetail;
  findings: ProtocolFinding[];
  /** Swedish labels of the area's finding categories, by code. */
  categoryLabels: Record<string, string>;
  map: {
    extent: Extent;
    /** The area's outline clipped to the map, simplified to what the page can show. */
    areaOutline: { type: 'MultiPolygon' | 'Polygon' | 'GeometryCollection'; coordinates?: number[][][] | number[][][][] } | null;
  };
}

const MAX_FINDINGS = 5000;

async function areaInfo(tx: Tx, areaId: number) {
  const row = await tx.selectFrom('areas').select(['name', 'timezone']).where('id', '=', areaId).executeTakeFirstOrThrow();
  return { name: row.name, timezone: row.timezone };
}

/** The boundary inside the map's box, simplified to about a pixel of a 1000 px wide map. */
async function clippedOutline(tx: Tx, areaId: number, e: Extent) {
  const tolerance = (e.east - e.west) / 1000;
  const result = await sql<{ outline: string | null }>`
    SELECT ST_AsGeoJSON(ST_SimplifyPreserveTopology(ST_ClipByBox2D(boundary, ST_MakeEnvelope(${e.west}, ${e.south}, ${e.east}, ${e.north}, 4326)), ${tolerance}), 6) AS outline
    FROM areas WHERE id = ${areaId}`.execute(tx);
  const outline = result.rows[0]?.outline;
  return outline ? JSON.parse(outline) : null;
}

async function areaBbox(tx: Tx, areaId: number): Promise<[number, number, number, number]> {
  const r = await sql<{ w: number; s: number; e: number; n: number }>`
    SELECT ST_XMin(boundary) AS w, ST_YMin(boundary) AS s, ST_XMax(boundary) AS e, ST_YMax(boundary) AS n FROM areas WHERE id = ${areaId}`.execute(tx);
  const b = r.rows[0]!;
  return [Number(b.w), Number(b.s), Number(b.e), Number(b.n)];
}

/** The protocol of a walk: the walk, its route, its findings with photos, owners, deadlines, status and history. */
export async function walkProtocol(db: Db, caller: AuthContext, walkId: string, now = new Date()): Promise<Protocol> {
  return withArea(db, caller.areaId, async (tx) => {
    const record = await findWalk(tx, caller.areaId, walkId);
    if (!record) throw HttpError.notFound('Walk');
    const walk = await walkDetailView(tx, caller, record);
    const records = (await listFindings(tx, caller.areaId, { walk: walkId, limit: MAX_FINDINGS })).reverse();
    const findings = await withPhotos(tx, caller.areaId, records);
    const histories = await listFindingEvents(tx, caller.areaId, records.map((f) => f.id));
    const categoryLabels = Object.fromEntries(
      (await listCategories(tx, caller.areaId)).filter((c) => c.kind === 'finding').map((c) => [c.code, c.label_sv]),
    );
    const extent = mapExtent(
      [
        ...(walk.plannedRoute?.coordinates ?? []),
        ...(walk.recordedRoute?.coordinates.flat() ?? []),
        ...findings.map((f) => f.location.coordinates),
        ...walk.checks.map((c) => c.finding.location.coordinates),
      ],
      await areaBbox(tx, caller.areaId),
    );
    return {
      generatedAt: now.toISOString(),
      area: await areaInfo(tx, caller.areaId),
      walk,
      findings: findings.map((f, i) => ({ ...f, number: i + 1, history: histories.get(f.id) ?? [] })),
      categoryLabels,
      map: { extent, areaOutline: await clippedOutline(tx, caller.areaId, extent) },
    };
  });
}
