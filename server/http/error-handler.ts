import type { ErrorRequestHandler, RequestHandler } from 'express';
import type { Logger } from 'pino';
import { HttpError } from './errors';

interface BodyParserError extends Error {
  type?: string;
  status?: number;
  expose?: boolean;
}

/** Maps body-parser's own errors (bad JSON, too large, bad charset) into the API's shape. */
function fromBodyParser(err: BodyParserError): HttpError | undefined {
  switch (err.type) {
    case 'entity.parse.failed':
      return new HttpError(400, 'invalid_json', `Malformed JSON body: ${err.message}`, [{ path: '(body)', message: err.message }]);
    case 'entity.too.large':
      return new HttpError(413, 'payload_too_large', 'Request body is too large', [{ path: '(body)', message: err.message }]);
    case 'charset.unsupported':
    case 'encoding.unsupported':
      return new HttpError(415, 'unsupported_media_type', err.message, [{ path: '(body)', message: err.message }]);
    case 'request.aborted':
      return new HttpError(400, 'validation_failed', 'Request aborted', []);
    default:
      return undefined;
  }
}

/** The one place errors become responses: known errors as JSON, anything else a logged 500 without internals. */
export function errorHandler(logger: Logger): ErrorRequestHandler {
  return (err, req, res, _next) => {
    const known = err instanceof HttpError ? err : fromBodyParser(err as BodyParserError);
    // Refused before the body was read (too large, wrong type): close the connection rather than
    // leave a client to reuse a socket with half a body still on it.
    if (!req.complete) res.set('Connection', 'close');
    if (known) {
      if (known.status === 429 && known.extra.retryAfterSeconds) res.set('Retry-After', String(known.extra.retryAfterSeconds));
      res.status(known.status).json({
        error: { code: known.code, message: known.message, details: known.details, ...known.extra },
      });
      return;
    }
    (req.log ?? logger).error({ err }, 'unhandled error');
    if (res.headersSent) {
      res.end();
      return;
    }
    res.status(500).json({ error: { code: 'internal', message: 'Internal error', details: [] } });
  };
}

export const notFoundHandler: RequestHandler = (req, _res, next) => {
  next(new HttpError(404, 'not_found', `No route ${req.method} ${req.path}`));
};
