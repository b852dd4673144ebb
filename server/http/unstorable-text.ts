import type { RequestHandler } from 'express';
import { findUnstorableText } from '../shared/text';
import { HttpError } from './errors';

/** JSON bodies and query strings with a NUL or a lone surrogate are refused, naming the field. */
export const refuseUnstorableText: RequestHandler = (req, _res, next) => {
  const inQuery = findUnstorableText(req.query);
  const inBody = inQuery ? undefined : findUnstorableText(req.body);
  const path = inQuery ?? inBody;
  if (!path) return next();
  next(
    HttpError.badRequest(`Invalid text in ${inQuery ? 'query' : 'body'}: ${path}`, [
      { path, message: 'must not contain NUL characters or unpaired UTF-16 surrogates' },
    ]),
  );
};
