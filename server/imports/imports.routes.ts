import { guardedRouter } from '../http/guarded-router';
import type { Router } from 'express';
import type { Request } from 'express';
import { z } from 'zod';
import { sql } from 'kysely';
import type { Config } from '../config';
import type { Db } from '../db/database';
import { auth } from '../auth/auth.middleware';
import { HttpError } from '../http/errors';
import { parseQuery } from '../http/validate';
import { csvOptionsFromQuery, CsvOptionsError, type CsvOptions } from './parsers/csv';
import { MalformedBodyError } from './parsers/errors';
import { runImport, type ImportFormat } from './imports.service';

const ImportQuery = z.looseObject({
  format: z.enum(['geojson', 'csv', 'polisen']),
  onError: z.enum(['reject', 'skip']).default('reject'),
});

const CONTENT_TYPES: Record<ImportFormat, string[]> = {
  geojson: ['application/geo+json', 'application/json'],
  csv: ['text/csv', 'text/plain', 'application/csv', 'application/vnd.ms-excel'],
  polisen: ['application/json'],
};

/** Imports this large change the table enough for the planner's statistics to go stale. */
const STATISTICS_REFRESH_ROWS = 10_000;

const CSV_PARAMS_NOT_COLUMNS = new Set(['crs', 'delimiter']);

/** The request body as chunks, refusing once it passes the limit (it is never buffered whole). */
async function* limitedBody(req: Request, maxBytes: number): AsyncGenerator<Buffer> {
  let seen = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    seen += chunk.length;
    if (seen > maxBytes) {
      throw new HttpError(413, 'payload_too_large', `Import body is larger than ${maxBytes} bytes`, [
        { path: '(body)', message: `at most ${maxBytes} bytes` },
      ]);
    }
    yield chunk;
  }
}

export function importsRoutes(db: Db, config: Config): Router {
  const r = guardedRouter();
  r.post('/imports', async (req, res) => {
    const q = parseQuery(req, ImportQuery);
    const declared = Number(req.headers['content-length'] ?? 0);
    if (declared > config.importMaxBytes) {
      throw new HttpError(413, 'payload_too_large', `Import body is larger than ${config.importMaxBytes} bytes`, [
        { path: '(body)', message: `at most ${config.importMaxBytes} bytes` },
      ]);
    }
    if (!req.is(CONTENT_TYPES[q.format])) {
      throw new HttpError(415, 'unsupported_media_type', `format=${q.format} takes ${CONTENT_TYPES[q.format].join(', ')}`, [
        { path: 'content-type', message: `${req.headers['content-type'] ?? '(none)'} is not accepted for format=${q.format}` },
      ]);
    }
    let csv: CsvOptions | undefined;
    const { format, onError, ...rest } = q;
    if (format === 'csv') {
      try {
        csv = csvOptionsFromQuery(rest);
      } catch (err) {
        if (err instanceof CsvOptionsError) throw HttpError.badRequest(err.message, [{ path: err.field, message: err.message }]);
        throw err;
      }
    }
    try {
      const result = await runImport(db, auth(req), limitedBody(req, config.importMaxBytes), { format, onError, csv });
      res.status(200).json(result);
      if (result.inserted >= STATISTICS_REFRESH_ROWS) {
        // After the answer: fresh planner statistics keep hotspot queries on their index-only plans.
        sql`SELECT refresh_report_statistics()`.execute(db).catch((err: Error) => req.log?.warn({ err }, 'statistics refresh failed'));
      }
    } catch (err) {
      if (err instanceof CsvOptionsError) {
        const isParam = CSV_PARAMS_NOT_COLUMNS.has(err.field) || err.field.endsWith('Column');
        throw isParam
          ? HttpError.badRequest(err.message, [{ path: err.field, message: err.message }])
          : HttpError.unprocessable('import_rejected', err.message, [{ path: err.field, message: err.message }]);
      }
      if (err instanceof MalformedBodyError) {
        throw new HttpError(400, 'invalid_json', err.message, [{ path: '(body)', message: err.message }]);
      }
      throw err;
    }
  });
  return r.router;
}
