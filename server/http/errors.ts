import type { ZodError } from 'zod';

/** The closed set of error codes the API answers with (DESIGN §6). */
export type ErrorCode =
  | 'validation_failed'
  | 'invalid_json'
  | 'unauthenticated'
  | 'invalid_credentials'
  | 'forbidden'
  | 'not_found'
  | 'conflict'
  | 'payload_too_large'
  | 'unsupported_media_type'
  | 'outside_area'
  | 'invalid_geometry'
  | 'unknown_category'
  | 'unknown_zone'
  | 'invalid_date'
  | 'import_rejected'
  | 'region_too_small'
  | 'region_too_large'
  | 'too_many_requests'
  | 'internal';

export interface ErrorDetail {
  path: string;
  message: string;
  row?: number;
}

export class HttpError extends Error {
  constructor(
    readonly status: number,
    readonly code: ErrorCode,
    message: string,
    readonly details: ErrorDetail[] = [],
    readonly extra: Record<string, unknown> = {},
  ) {
    super(message);
  }

  static badRequest(message: string, details: ErrorDetail[] = []) {
    return new HttpError(400, 'validation_failed', message, details);
  }
  static notFound(what = 'Resource') {
    return new HttpError(404, 'not_found', `${what} not found`);
  }
  static forbidden(message = 'Your role may not do this') {
    return new HttpError(403, 'forbidden', message);
  }
  static unauthenticated(message = 'Log in or send a bearer token') {
    return new HttpError(401, 'unauthenticated', message);
  }
  static unprocessable(code: ErrorCode, message: string, details: ErrorDetail[] = []) {
    return new HttpError(422, code, message, details);
  }
}

export function zodDetails(error: ZodError, prefix = ''): ErrorDetail[] {
  const join = (parts: string[]) => parts.filter(Boolean).join('.') || '(body)';
  return error.issues.flatMap((issue) => {
    const path = [prefix, ...issue.path.map(String)];
    // An unknown key is reported on its own path, so the client sees which field to drop.
    if (issue.code === 'unrecognized_keys') return issue.keys.map((key) => ({ path: join([...path, key]), message: 'is not a known field' }));
    return [{ path: join(path), message: issue.message }];
  });
}

export function fromZod(error: ZodError, where: 'body' | 'query' | 'params'): HttpError {
  const details = zodDetails(error);
  return HttpError.badRequest(`Invalid ${where}: ${details.map((d) => `${d.path}: ${d.message}`).join('; ')}`, details);
}
