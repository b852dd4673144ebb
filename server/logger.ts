import pino from 'pino';

export function createLogger(level: string) {
  return pino({
    level,
    // Personal data stays out of logs: no cookies, tokens or bodies.
    redact: { paths: ['req.headers.cookie', 'req.headers.authorization', 'res.headers["set-cookie"]'], remove: true },
  });
}
export type Logger = ReturnType<typeof createLogger>;
