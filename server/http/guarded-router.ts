import { Router, type RequestHandler } from 'express';
import { accessFor, type Access } from '../auth/access-policy';
import { requireAuth } from '../auth/auth.middleware';

type Method = 'get' | 'post' | 'put' | 'patch' | 'delete';

/** Every route registered through a guarded router, as "METHOD /path" (for the matrix test). */
export const registeredRoutes = new Set<string>();

function authorize(access: Access): RequestHandler {
  if (access === 'public') return (_req, _res, next) => next();
  if (access === 'authenticated') return requireAuth();
  return requireAuth(...access);
}

/**
 * An Express router whose routes must have an entry in ACCESS_POLICY: registering one without
 * throws at start-up, and each route gets the entry's check before its handlers.
 */
export function guardedRouter() {
  const router = Router();
  const add =
    (method: Method) =>
    (path: string, ...handlers: RequestHandler[]) => {
      const key = `${method.toUpperCase()} ${path}`;
      const access = accessFor(method, path);
      if (access === undefined) throw new Error(`Route ${key} has no entry in ACCESS_POLICY (server/auth/access-policy.ts)`);
      registeredRoutes.add(key);
      router[method](path, authorize(access), ...handlers);
      return api;
    };
  const api = {
    router,
    get: add('get'),
    post: add('post'),
    put: add('put'),
    patch: add('patch'),
    delete: add('delete'),
  };
  return api;
}
