import { randomUUID } from 'node:crypto';
import type { Db } from '../db/database';
import { withArea, type Tx } from '../db/scope';
import type { AuthContext } from '../auth/auth-context';
import { seesAllReports } from '../auth/auth-context';
import { WALK_READERS } from '../auth/access-policy';
import { HttpError } from '../http/errors';
import { findReport } from '../reports/reports.repository';
import { findFinding } from '../findings/findings.repository';
import { ongoingCheckingWalkIds } from '../findings/finding-history.repository';
import { findWalk } from '../walks/walks.repository';
import { leadsWalk, managesAllWalks } from '../walks/walk-access';
import { processPhoto, sha256 } from './photo-image';
import * as repo from './photos.repository';

export type PhotoSubject = { kind: 'report' | 'finding'; id: string };

/** A stored photo as the upload answers it. */
export interface PhotoInfo extends repo.PhotoRef {
  reportId: string | null;
  findingId: string | null;
  createdAt: string;
}

const info = (m: repo.PhotoMeta): PhotoInfo => ({
  id: m.id,
  url: repo.photoUrl(m.id),
  thumbUrl: `${repo.photoUrl(m.id)}?size=thumb`,
  width: m.width,
  height: m.height,
  reportId: m.reportId,
  findingId: m.findingId,
  createdAt: m.createdAt,
});

/**
 * May the caller add a photo to this report or finding? Reporters and walkers add photos to their
 * own reports, walk leaders to their walks' findings (and to the findings a re-walk they lead
 * checks); planners and admins to anything of the area. What the caller cannot see is "not found".
 */
async function assertMayAddTo(tx: Tx, caller: AuthContext, subject: PhotoSubject): Promise<void> {
  if (subject.kind === 'report') {
    const report = await findReport(tx, caller.areaId, subject.id);
    const own = report?.reporterId === caller.userId;
    if (!report || (!seesAllReports(caller.role) && !own)) throw HttpError.notFound('Report');
    if (report.source === 'walk') {
      throw new HttpError(409, 'conflict', `This report is a safety-walk finding: add photos with POST /api/v1/findings/${report.id}/photos`, [
        { path: 'id', message: 'is a finding; use /api/v1/findings/:id/photos' },
      ]);
    }
    if (!own && !managesAllWalks(caller.role)) throw HttpError.forbidden('Only the reporter, a planner or an admin may add photos to a report');
    return;
  }
  const finding = await findFinding(tx, caller.areaId, subject.id);
  if (!finding) throw HttpError.notFound('Finding');
  if (managesAllWalks(caller.role)) return;
  const walk = (await findWalk(tx, caller.areaId, finding.walkId))!;
  if (caller.role === 'walker' && leadsWalk(caller, walk)) return;
  for (const walkId of await ongoingCheckingWalkIds(tx, caller.areaId, subject.id)) {
    if (caller.role === 'walker' && leadsWalk(caller, (await findWalk(tx, caller.areaId, walkId))!)) return;
  }
  throw HttpError.forbidden("This finding belongs to someone else's walk: only its leader, a planner or an admin may add photos");
}

const idTaken = () => new HttpError(409, 'conflict', 'A different photo already has this id', [{ path: 'id', message: 'already used for another image or another report or finding' }]);

/** The stored photo when this upload is a retry of it (same id, same subject, same bytes); 409 when the id holds something else. */
function retryOf(existing: repo.PhotoMeta, subject: PhotoSubject, uploadSha: string): PhotoInfo {
  const sameSubject = subject.kind === 'report' ? existing.reportId === subject.id : existing.findingId === subject.id;
  if (!sameSubject || existing.originalSha256 !== uploadSha) throw idTaken();
  return info(existing);
}

/**
 * Stores a photo of a report or finding. The image is decoded and re-encoded outside any
 * transaction (it takes CPU, not the database); a retry with the same id and bytes answers the
 * stored photo without processing it again, and concurrent retries store it once.
 */
export async function addPhoto(db: Db, caller: AuthContext, subject: PhotoSubject, upload: Buffer, opts: { id?: string; keepLocation: boolean }) {
  const id = opts.id ?? randomUUID();
  const uploadSha = sha256(upload);
  const earlier = await withArea(db, caller.areaId, async (tx) => {
    await assertMayAddTo(tx, caller, subject);
    const existing = await repo.findPhotoMeta(tx, caller.areaId, id);
    return existing && retryOf(existing, subject, uploadSha);
  });
  if (earlier) return { photo: earlier, created: false };
  const processed = await processPhoto(upload, opts.keepLocation);
  return withArea(db, caller.areaId, async (tx) => {
    // Checked again: the report or finding may have gone while the image was processed.
    await assertMayAddTo(tx, caller, subject);
    const inserted = await repo.insertPhoto(tx, {
      id,
      areaId: caller.areaId,
      reportId: subject.kind === 'report' ? subject.id : null,
      findingId: subject.kind === 'finding' ? subject.id : null,
      uploadedBy: caller.userId,
      ...processed,
      keptLocation: opts.keepLocation,
    });
    const stored = await repo.findPhotoMeta(tx, caller.areaId, id);
    // Not inserted: a concurrent retry won (READ COMMITTED shows it now), or the id is another area's.
    if (!inserted) {
      if (!stored) throw idTaken();
      return { photo: retryOf(stored, subject, uploadSha), created: false };
    }
    return { photo: info(stored!), created: true };
  });
}

/**
 * A photo's bytes for a caller who may see what it shows: a report's photo to whoever may see
 * the report (reporters and walkers: their own), a finding's to the walk readers. Anything else,
 * another area's photo included, is "not found". When `ifNoneMatch` is the photo's ETag, the
 * bytes are not read (`bytes` is null: answer 304); the access check comes first all the same.
 */
export async function readPhoto(db: Db, caller: AuthContext, id: string, size: 'full' | 'thumb', ifNoneMatch?: string) {
  return withArea(db, caller.areaId, async (tx) => {
    const meta = await repo.findPhotoMeta(tx, caller.areaId, id);
    if (!meta) throw HttpError.notFound('Photo');
    if (meta.reportId) {
      const report = await findReport(tx, caller.areaId, meta.reportId);
      if (!report || (!seesAllReports(caller.role) && report.reporterId !== caller.userId)) throw HttpError.notFound('Photo');
    } else if (!WALK_READERS.includes(caller.role)) {
      throw HttpError.notFound('Photo');
    }
    const etag = `"${meta.originalSha256.slice(0, 40)}-${size}"`;
    const bytes = ifNoneMatch === etag ? null : (await repo.readPhotoBytes(tx, caller.areaId, id, size))!;
    return { bytes, contentType: meta.contentType, etag };
  });
}
