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
      return fromClientError(err);
  }
}

/**
 * Other 4xx errors raised by Express and its parsers (a path parameter that does not
 * percent-decode, a body whose Content-Encoding does not decode) keep their status.
 */
function fromClientError(err: BodyParserError & { statusCode?: number }): HttpError | undefined {
  const status = err.status ?? err.statusCode;
  if (typeof status !== 'number' || status < 400 || status > 499) return undefined;
  const code = status === 413 ? 'payload_too_large' : status === 415 ? 'unsupported_media_type' : 'validation_failed';
  const where = err instanceof URIError || /decode param/i.test(err.message) ? '(path)' : '(body)';
  return new HttpError(status === 413 || status === 415 ? status : 400, code, err.expose === false ? 'Bad request' : err.message, [
    { path: where, message: err.message },
  ]);
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
