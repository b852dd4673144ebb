/**
 * The real server (`server/main.ts`) in a child process, so its memory is its own: RSS and peak
 * RSS come from /proc/<pid>/status (VmRSS, VmHWM), not from the bench client's process.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { closeSync, openSync, readFileSync, writeFileSync } from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { request } from './http';

const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const MB = 1024 * 1024;

export interface Memory {
  rss: number;
  /** Peak RSS since start or since the last resetPeak(). */
  hwm: number;
}

export interface ServerProcess {
  readonly pid: number;
  readonly url: string;
  readonly logFile: string;
  memory(): Memory;
  /** Resets VmHWM (Linux clear_refs 5); false when the kernel refuses. */
  resetPeak(): boolean;
  stop(): Promise<void>;
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = net.createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as net.AddressInfo;
      probe.close(() => resolve(port));
    });
  });
}

export function readMemory(pid: number): Memory {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = (key: string) => Number(new RegExp(`^${key}:\\s+(\\d+) kB`, 'm').exec(status)?.[1] ?? NaN) * 1024;
  return { rss: kb('VmRSS'), hwm: kb('VmHWM') };
}

export function tail(file: string, lines = 30): string {
  try {
    return readFileSync(file, 'utf8').trimEnd().split('\n').slice(-lines).join('\n');
  } catch {
    return '(no log)';
  }
}

/** Starts `node --import tsx server/main.ts` on a free port and waits until /health answers ok. */
export async function startServerProcess(dbEnv: Record<string, string>, logFile: string): Promise<ServerProcess> {
  const port = await freePort();
  const env: NodeJS.ProcessEnv = { ...process.env };
  delete env.DATABASE_URL;
  delete env.DATA_DIR;
  Object.assign(env, {
    ...dbEnv,
    PORT: String(port),
    NODE_ENV: 'production',
    SESSION_SECRET: randomBytes(24).toString('hex'),
    SEED_DEMO: 'false',
    LOG_LEVEL: 'warn',
    // The bench is one caller firing hundreds of queries; the per-caller limit would answer 429.
    RATE_LIMIT_ANALYTICS: '1000000',
  });
  const log = openSync(logFile, 'a');
  // `node --import tsx` rather than the tsx CLI, so the pid is the server itself and not a wrapper.
  // BENCH_SERVER_NODE_ARGS adds node flags to the server only, e.g. "--cpu-prof --cpu-prof-dir=/tmp/prof".
  const extra = (process.env.BENCH_SERVER_NODE_ARGS ?? '').split(/\s+/).filter(Boolean);
  const child: ChildProcess = spawn(process.execPath, [...extra, '--import', 'tsx', 'server/main.ts'], {
    cwd: REPO_ROOT,
    env,
    stdio: ['ignore', log, log],
  });
  closeSync(log);
  let exited: string | null = null;
  const exit = new Promise<void>((resolve) =>
    child.once('exit', (code, signal) => {
      exited = `exited with ${signal ?? `code ${code}`}`;
      resolve();
    }),
  );
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 180_000;
  for (;;) {
    if (exited) throw new Error(`the server process ${exited} before it answered:\n${tail(logFile)}`);
    try {
      const res = await request('GET', `${url}/api/v1/health`);
      if (res.status === 200) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`the server process did not answer /api/v1/health within 180 s:\n${tail(logFile)}`);
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  const pid = child.pid!;
  return {
    pid,
    url,
    logFile,
    memory: () => readMemory(pid),
    resetPeak() {
      try {
        writeFileSync(`/proc/${pid}/clear_refs`, '5');
        return true;
      } catch {
        return false;
      }
    },
    async stop() {
      if (exited) return;
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 30_000);
      await exit;
      clearTimeout(timer);
    },
  };
}

export const toMB = (bytes: number) => bytes / MB;
