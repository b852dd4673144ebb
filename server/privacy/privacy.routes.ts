import type { Router } from 'express';
import { z } from 'zod';
import { guardedRouter } from '../http/guarded-router';
import { parseBody } from '../http/validate';
import { findPersonalData } from './personal-data';

/** The form's free text, checked before it is sent (the JSON body itself is capped at 10 kB in app.ts). */
export const PrivacyCheckBody = z.strictObject({
  text: z.string().max(10_000, 'must be at most 10 000 characters'),
});

export function privacyRoutes(): Router {
  const r = guardedRouter();
  // Pure and stateless: no database, no logging of the text.
  r.post('/privacy/check', (req, res) => {
    // A POST that writes and reads nothing: not an audited write (the form calls it as one types).
    res.locals.audit = { skip: true };
    const { text } = parseBody(req, PrivacyCheckBody);
    res.json({ findings: findPersonalData(text) });
  });
  return r.router;
}
