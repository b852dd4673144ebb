import type { Request } from 'express';
import type { z } from 'zod';
import { fromZod } from './errors';

/** Parse at the edge: nothing unvalidated reaches a service. */
export function parseBody<S extends z.ZodType>(req: Request, schema: S): z.output<S> {
  const result = schema.safeParse(req.body);
  if (!result.success) throw fromZod(result.error, 'body');
  return result.data;
}

export function parseQuery<S extends z.ZodType>(req: Request, schema: S): z.output<S> {
  const result = schema.safeParse(req.query);
  if (!result.success) throw fromZod(result.error, 'query');
  return result.data;
}

export function parseParams<S extends z.ZodType>(req: Request, schema: S): z.output<S> {
  const result = schema.safeParse(req.params);
  if (!result.success) throw fromZod(result.error, 'params');
  return result.data;
}
