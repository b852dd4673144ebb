import type { Request, Router } from 'express';
import { z } from 'zod';
import type { Db } from '../db/database';
import { auth } from '../auth/auth.middleware';
import { guardedRouter } from '../http/guarded-router';
import { HttpError } from '../http/errors';
import { parseParams, parseQuery } from '../http/validate';
import { QueryBoolean } from '../shared/zod-types';
import { MAX_PHOTO_BYTES } from './photo-image';
import * as service from './photos.service';

const UploadQuery = z.strictObject({
  /** A client photo id, so a retried upload stores one photo. */
  id: z.uuid('must be a UUID').optional(),
  /** Keep the EXIF with its GPS position (default: every location and other metadata removed). */
  keepLocation: QueryBoolean.default(false),
});
const ReadQuery = z.strictObject({ size: z.enum(['full', 'thumb']).default('full') });
const IdParams = z.object({ id: z.uuid('must be a UUID') });

/** What a client may call the body; the content decides whether it is an image (photo-image.ts). */
const UPLOAD_TYPES = ['image/jpeg', 'image/png', 'image/webp', 'application/octet-stream'];

/** The raw body, refused with 413 as soon as it passes the limit (read in chunks, never unbounded). */
async function readUpload(req: Request): Promise<Buffer> {
  const tooLarge = () => new HttpError(413, 'payload_too_large', `A photo may be at most ${MAX_PHOTO_BYTES} bytes`, [{ path: '(body)', message: `at most ${MAX_PHOTO_BYTES} bytes (10 MB)` }]);
  if (Number(req.headers['content-length'] ?? 0) > MAX_PHOTO_BYTES) throw tooLarge();
  const type = req.headers['content-type'];
  if (type !== undefined && !req.is(UPLOAD_TYPES)) {
    throw new HttpError(415, 'unsupported_media_type', 'Send the photo as the raw body: image/jpeg, image/png, image/webp or application/octet-stream', [
      { path: 'content-type', message: `${type} is not accepted for a photo` },
    ]);
  }
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > MAX_PHOTO_BYTES) throw tooLarge();
    chunks.push(chunk);
  }
  if (size === 0) throw HttpError.badRequest('The body is empty: send the image', [{ path: '(body)', message: 'is empty' }]);
  return Buffer.concat(chunks, size);
}

/**
 * Photo uploads take the image as the raw body, so they are mounted before the JSON parser;
 * reading a photo answers its bytes with a validator for the browser's private cache.
 */
export function photosRoutes(db: Db): Router {
  const r = guardedRouter();

  for (const kind of ['report', 'finding'] as const) {
    r.post(`/${kind}s/:id/photos`, async (req, res) => {
      const { id: subjectId } = parseParams(req, IdParams);
      const q = parseQuery(req, UploadQuery);
      const upload = await readUpload(req);
      const { photo, created } = await service.addPhoto(db, auth(req), { kind, id: subjectId }, upload, { id: q.id, keepLocation: q.keepLocation });
      res.status(created ? 201 : 200);
      if (created) res.location(photo.url);
      res.json(photo);
    });
  }

  r.get('/photos/:id', async (req, res) => {
    const { id } = parseParams(req, IdParams);
    const { size } = parseQuery(req, ReadQuery);
    const photo = await service.readPhoto(db, auth(req), id, size, req.headers['if-none-match']);
    // Private: only this user's browser may keep it; the bytes of an id never change.
    res.set({ 'Cache-Control': 'private, max-age=86400', ETag: photo.etag, 'Content-Disposition': 'inline' });
    if (photo.bytes === null) {
      res.status(304).end();
      return;
    }
    res.type(photo.contentType).send(photo.bytes);
  });

  return r.router;
}
