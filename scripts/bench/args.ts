/**
 * Command-line options of `npm run bench`. Numbers may be written 1000000, 1_000_000 or 1,000,000.
 */
export interface BenchOptions {
  /** Reports to load; undefined = the backend's default (1M on PostgreSQL, 200k on PGlite). */
  reports: number | undefined;
  /** Hotspot queries per kind (res 9 area-wide, res 10 bbox). */
  queries: number;
  /** Keep the bench database (and the PGlite directory) instead of dropping it. */
  keep: boolean;
  /** Rows per import body: 160k GeoJSON rows are ~50 MB, the size of the memory target. */
  chunk: number;
  /** Rows of the stream sent as CSV (the rest goes as GeoJSON); capped at 20 % of the reports. */
  csv: number;
  /** Rows inserted one INSERT at a time, for the naive import rate. */
  naiveInserts: number;
  /** Runs of the naive ST_HexagonGrid query. */
  naiveRuns: number;
  /** PostgreSQL settings for the bench database (ALTER DATABASE … SET), to measure a proposal. */
  pgSettings: Array<[string, string]>;
  /** SQL files run after the migrations (e.g. a proposed index), to measure a proposal. */
  setupSql: string[];
}

export const DEFAULT_REPORTS = { postgres: 1_000_000, pglite: 200_000 } as const;

const USAGE = `Usage: npm run bench -- [--reports N] [--queries N] [--keep]
                         [--chunk N] [--csv N] [--naive-inserts N] [--naive-runs N]

  Against DATABASE_URL (a fresh database tk_bench_<random> on that server, dropped at the end),
  or, when DATABASE_URL is unset, against an embedded PGlite in a temporary directory.

  --reports N        reports to load (default 1,000,000 on PostgreSQL, 200,000 on PGlite)
  --queries N        hotspot queries of each kind (default 30)
  --keep             keep the bench database / PGlite directory
  --chunk N          rows per import body (default 160,000 ≈ 50 MB of GeoJSON)
  --csv N            rows sent as CSV instead of GeoJSON (default 160,000, at most 20 % of N)
  --naive-inserts N  rows for the one-INSERT-per-row comparison (default 5,000)
  --naive-runs N     runs of the naive ST_HexagonGrid query (default 3)

  To measure a proposal without editing the server (both repeatable):
  --pg-set NAME=VALUE  ALTER DATABASE <bench db> SET NAME = VALUE before the server starts (PostgreSQL only)
  --setup-sql FILE     run this SQL file on the bench database after the migrations`;

export class UsageError extends Error {}

function count(flag: string, text: string | undefined, min: number): number {
  const value = text === undefined ? NaN : Number(text.replace(/[_,]/g, ''));
  if (!Number.isInteger(value) || value < min) throw new UsageError(`${flag} needs a whole number ≥ ${min}, got ${text ?? '(nothing)'}`);
  return value;
}

/**
 * One whole-number option of the benches without a full parser (`--runs 5`, `--reports 1_000_000`):
 * its value, or `fallback` when the flag is absent; anything else than a whole number ≥ min → UsageError.
 */
export function intOption(argv: readonly string[], flag: string, fallback: number, min = 1): number {
  const i = argv.indexOf(flag);
  return i < 0 ? fallback : count(flag, argv[i + 1], min);
}

export function parseArgs(argv: string[]): BenchOptions | 'help' {
  const opts: BenchOptions = { reports: undefined, queries: 30, keep: false, chunk: 160_000, csv: 160_000, naiveInserts: 5_000, naiveRuns: 3, pgSettings: [], setupSql: [] };
  for (let i = 0; i < argv.length; i++) {
    const [flag, inline] = argv[i]!.split('=', 2) as [string, string | undefined];
    const value = () => inline ?? argv[++i];
    switch (flag) {
      case '--help':
      case '-h':
        return 'help';
      case '--keep':
        opts.keep = true;
        break;
      case '--reports':
        opts.reports = count(flag, value(), 1000);
        break;
      case '--queries':
        opts.queries = count(flag, value(), 1);
        break;
      case '--chunk':
        opts.chunk = count(flag, value(), 1000);
        break;
      case '--csv':
        opts.csv = count(flag, value(), 0);
        break;
      case '--naive-inserts':
        opts.naiveInserts = count(flag, value(), 0);
        break;
      case '--naive-runs':
        opts.naiveRuns = count(flag, value(), 1);
        break;
      case '--pg-set': {
        const text = value() ?? '';
        const m = /^([a-z_][a-z0-9_.]*)=([A-Za-z0-9_.-]+)$/.exec(text);
        if (!m) throw new UsageError(`--pg-set needs NAME=VALUE (letters, digits, _ . -), got ${text || '(nothing)'}`);
        opts.pgSettings.push([m[1]!, m[2]!]);
        break;
      }
      case '--setup-sql': {
        const file = value();
        if (!file) throw new UsageError('--setup-sql needs a file');
        opts.setupSql.push(file);
        break;
      }
      default:
        throw new UsageError(`unknown option ${flag}\n\n${USAGE}`);
    }
  }
  return opts;
}

export { USAGE };
