import { describe, expect, it } from 'vitest';
import { ConfigError, parseConfig } from '../../server/config';

describe('configuration', () => {
  it('defaults to port 8080 and the embedded database in ./data, seeding the demo', () => {
    const c = parseConfig({});
    expect(c).toMatchObject({ port: 8080, dataDir: './data', databaseUrl: undefined, seedDemo: true });
  });

  it('never seeds demo data into a server given by DATABASE_URL', () => {
    expect(parseConfig({ DATABASE_URL: 'postgres://x@localhost/db' }).seedDemo).toBe(false);
    expect(parseConfig({ DATABASE_URL: 'postgres://x@localhost/db', SEED_DEMO: 'true' }).seedDemo).toBe(false);
  });

  it('stops a production start without SESSION_SECRET, naming it', () => {
    expect(() => parseConfig({ NODE_ENV: 'production' })).toThrow(ConfigError);
    expect(() => parseConfig({ NODE_ENV: 'production' })).toThrow(/SESSION_SECRET/);
    expect(parseConfig({ NODE_ENV: 'production', SESSION_SECRET: 'a'.repeat(32) }).nodeEnv).toBe('production');
  });

  it('names the variable that has a bad value', () => {
    expect(() => parseConfig({ PORT: 'eighty' })).toThrow(/PORT/);
    expect(() => parseConfig({ DATABASE_URL: 'not a url' })).toThrow(/DATABASE_URL/);
    expect(() => parseConfig({ LOG_LEVEL: 'loud' })).toThrow(/LOG_LEVEL/);
  });

  it('treats empty variables as unset and returns a frozen object', () => {
    const c = parseConfig({ PORT: '', DATABASE_URL: '' });
    expect(c.port).toBe(8080);
    expect(Object.isFrozen(c)).toBe(true);
  });
});
