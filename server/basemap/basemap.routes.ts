import { Router, type Request, type Response } from 'express';
import type { BasemapChoice } from './basemap-choice';
import { basemapStyle } from './basemap-style';
import { readArchiveInfo, type ArchiveInfo } from './pmtiles-file';

/**
 * The self-hosted basemap, outside /api/v1 like the web app's own files and as public (the
 * login page and the public view draw it too): the archive itself, read by the browser's
 * pmtiles protocol with HTTP range requests, and a style that draws it.
 */
export function basemapRoutes(choice: BasemapChoice): Router {
  const router = Router();
  // Anything else under /basemap is no file of ours: 404, not the web app's page.
  const notFound = (_req: Request, res: Response) => res.status(404).json({ error: { code: 'not_found', message: 'No such basemap file', details: [] } });
  if (choice.kind !== 'pmtiles') {
    router.use('/basemap', notFound);
    return router;
  }
  let info: Promise<ArchiveInfo> | undefined;
  // The archive does not change while the server runs; a failed read is tried again next time.
  const archiveInfo = () => (info ??= readArchiveInfo(choice.archivePath).catch((err) => ((info = undefined), Promise.reject(err))));
  const origin = (req: Request) => `${req.protocol}://${req.get('host')}`;

  router.get('/basemap/style.json', async (req, res) => {
    const { header, metadata } = await archiveInfo();
    res.set('Cache-Control', 'no-cache').json(basemapStyle(header, metadata, `${origin(req)}/basemap/${encodeURIComponent(choice.archiveName)}`));
  });

  // express's sendFile answers Range (206, Content-Range, 416), If-Range, ETag and HEAD.
  // The name is compared, not routed: params are decoded, so a name with spaces matches the
  // encoded URL the style gives, and ( ) : * ? in it are not read as route syntax.
  router.get('/basemap/:file', (req, res, next) => {
    if (req.params.file !== choice.archiveName) return next();
    res.sendFile(choice.archivePath, { acceptRanges: true, maxAge: '1h', headers: { 'Content-Type': 'application/vnd.pmtiles' } }, (err?: Error & { status?: number; headers?: Record<string, string> }) => {
      if (!err || res.headersSent) return;
      // A range past the end: 416 with the file's size, as RFC 9110 asks (not an error page).
      if (err.status === 416) return void res.status(416).set(err.headers ?? {}).end();
      next(err);
    });
  });
  router.use('/basemap', notFound);
  return router;
}
