import { sql } from 'kysely';
import type { Db } from '../db/database';
import type { Tx } from '../db/scope';
import type { PhotoContentType } from '../db/schema';

type Conn = Db | Tx;

/** A photo as listed in a report's or finding's JSON. */
export interface PhotoRef {
  id: string;
  url: string;
  thumbUrl: string;
  width: number;
  height: number;
}

export const photoUrl = (id: string) => `/api/v1/photos/${id}`;

function toRef(r: { id: string; width: number; height: number }): PhotoRef {
  return { id: r.id, url: photoUrl(r.id), thumbUrl: `${photoUrl(r.id)}?size=thumb`, width: r.width, height: r.height };
}

/** Photos of these reports or findings, oldest first, keyed by what they show. */
export async function photoRefs(db: Conn, areaId: number, of: 'report' | 'finding', ids: readonly string[]): Promise<Map<string, PhotoRef[]>> {
  const byOwner = new Map<string, PhotoRef[]>(ids.map((id) => [id, []]));
  if (ids.length === 0) return byOwner;
  const column = of === 'report' ? 'report_id' : 'finding_id';
  const rows = await db
    .selectFrom('photos')
    .select(['id', 'width', 'height', sql<string>`${sql.ref(column)}`.as('owner_id')])
    .where('area_id', '=', areaId)
    .where(column, 'in', ids)
    .orderBy('created_at')
    .orderBy('id')
    .execute();
  for (const r of rows) byOwner.get(r.owner_id)?.push(toRef(r));
  return byOwner;
}

/** The photos a user uploaded, without their bytes (their GDPR export links to each). */
export async function photosUploadedBy(db: Conn, areaId: number, userId: number) {
  const rows = await db
    .selectFrom('photos')
    .select(['id', 'report_id', 'finding_id', 'width', 'height', 'kept_location', 'created_at'])
    .where('area_id', '=', areaId)
    .where('uploaded_by', '=', userId)
    .orderBy('created_at')
    .orderBy('id')
    .execute();
  return rows.map((r) => ({
    ...toRef(r),
    reportId: r.report_id,
    findingId: r.finding_id,
    keptLocation: r.kept_location,
    createdAt: new Date(r.created_at).toISOString(),
  }));
}

/** What a photo shows and who added it: enough to decide who may see it. */
export interface PhotoMeta {
  id: string;
  reportId: string | null;
  findingId: string | null;
  uploadedBy: number | null;
  contentType: PhotoContentType;
  width: number;
  height: number;
  thumbWidth: number;
  thumbHeight: number;
  originalSha256: string;
  createdAt: string;
}

export async function findPhotoMeta(db: Conn, areaId: number, id: string): Promise<PhotoMeta | undefined> {
  const r = await db
    .selectFrom('photos')
    .select(['id', 'report_id', 'finding_id', 'uploaded_by', 'content_type', 'width', 'height', 'thumb_width', 'thumb_height', 'original_sha256', 'created_at'])
    .where('area_id', '=', areaId)
    .where('id', '=', id)
    .executeTakeFirst();
  if (!r) return undefined;
  return {
    id: r.id,
    reportId: r.report_id,
    findingId: r.finding_id,
    uploadedBy: r.uploaded_by,
    contentType: r.content_type,
    width: r.width,
    height: r.height,
    thumbWidth: r.thumb_width,
    thumbHeight: r.thumb_height,
    originalSha256: r.original_sha256,
    createdAt: new Date(r.created_at).toISOString(),
  };
}

/** The stored bytes of the image or its thumbnail. */
export async function readPhotoBytes(db: Conn, areaId: number, id: string, size: 'full' | 'thumb'): Promise<Buffer | undefined> {
  const r = await db
    .selectFrom('photos')
    .select(size === 'thumb' ? 'thumb as bytes' : 'image as bytes')
    .where('area_id', '=', areaId)
    .where('id', '=', id)
    .executeTakeFirst();
  return r ? Buffer.from(r.bytes) : undefined;
}

export interface NewPhoto {
  id: string;
  areaId: number;
  reportId: string | null;
  findingId: string | null;
  uploadedBy: number;
  contentType: PhotoContentType;
  width: number;
  height: number;
  image: Buffer;
  thumbWidth: number;
  thumbHeight: number;
  thumb: Buffer;
  originalSha256: string;
  originalBytes: number;
  keptLocation: boolean;
}

/** Inserts unless the id exists already; returns whether a row was written. */
export async function insertPhoto(db: Conn, p: NewPhoto): Promise<boolean> {
  const result = await db
    .insertInto('photos')
    .values({
      area_id: p.areaId,
      id: p.id,
      report_id: p.reportId,
      finding_id: p.findingId,
      uploaded_by: p.uploadedBy,
      content_type: p.contentType,
      width: p.width,
      height: p.height,
      image: p.image,
      thumb_width: p.thumbWidth,
      thumb_height: p.thumbHeight,
      thumb: p.thumb,
      original_sha256: p.originalSha256,
      original_bytes: p.originalBytes,
      kept_location: p.keptLocation,
    })
    .onConflict((oc) => oc.column('id').doNothing())
    .executeTakeFirst();
  return Number(result.numInsertedOrUpdatedRows ?? 0n) > 0;
}
