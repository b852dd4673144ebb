import type { Db } from '../db/database';
import type { Logger } from '../logger';
import { purgeAllAreas } from './retention.service';

const DAY_MS = 24 * 3600 * 1000;

export interface RetentionSchedule {
  /** Cancels future runs; resolves once a run in progress has finished. */
  stop(): Promise<void>;
}

/**
 * The server's daily retention purge of every area, audited as 'system'. The first run comes a
 * minute after start (not during it, when the first requests arrive); timers are unref'd so they
 * never keep a stopping process alive, and a run still going when the next is due is not doubled.
 */
export function startRetentionSchedule(opts: {
  db: Db;
  logger: Logger;
  firstRunAfterMs?: number;
  everyMs?: number;
}): RetentionSchedule {
  const { db, logger } = opts;
  let running: Promise<void> | undefined;
  let stopped = false;
  const run = () => {
    if (running || stopped) return;
    running = purgeOnce().finally(() => (running = undefined));
  };
  const purgeOnce = async () => {
    try {
      const { purged, failed } = await purgeAllAreas(db, { via: 'system' });
      for (const p of purged) {
        logger.info(
          { area: p.areaCode, months: p.months, cutoff: p.cutoff, reports: p.reportsAffected, descriptions: p.descriptionsCleared, reporterLinks: p.reporterLinksCleared },
          'retention purge',
        );
      }
      for (const f of failed) logger.error({ area: f.areaCode }, `retention purge failed: ${f.message}`);
    } catch (err) {
      logger.error({ err }, 'retention purge failed');
    }
  };
  const first = setTimeout(run, opts.firstRunAfterMs ?? 60_000);
  const daily = setInterval(run, opts.everyMs ?? DAY_MS);
  first.unref();
  daily.unref();
  return {
    async stop() {
      stopped = true;
      clearTimeout(first);
      clearInterval(daily);
      await running;
    },
  };
}
