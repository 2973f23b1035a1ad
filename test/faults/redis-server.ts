import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Redis } from 'ioredis';
import { redisAnswers } from '../../src/store/redis.js';

const SHIM = fileURLToPath(new URL('./host-crash-shim.c', import.meta.url));

/**
 * The host-crash shim, compiled once per source version (see host-crash-shim.c): with it, a
 * SIGKILL loses what a crashed host would, the AOF bytes written but never fsynced. Null when
 * no C compiler is at hand.
 */
export function hostCrashShim(): string | null {
  const source = readFileSync(SHIM);
  const lib = join(tmpdir(), `afterhours-host-crash-${createHash('sha256').update(source).digest('hex').slice(0, 12)}.so`);
  if (existsSync(lib)) return lib;
  try {
    execFileSync('cc', ['-shared', '-fPIC', '-O2', '-o', lib, SHIM, '-ldl', '-lpthread'], { stdio: 'ignore' });
    return lib;
  } catch {
    return null;
  }
}

/**
 * A redis-server of a test's own, keeping data as production must (AOF, no eviction), that can
 * be killed with SIGKILL (a crash: no final fsync, no goodbye) and started again on the same
 * port and directory, so it loads what its AOF kept. With `preload` set to the host-crash shim,
 * the kill is a host crash.
 */
export async function startRedisServer(options: { appendfsync: 'always' | 'everysec'; preload?: string }) {
  const port = 6400 + Math.floor(Math.random() * 400);
  const dir = mkdtempSync(join(tmpdir(), 'afterhours-aof-'));
  let server: ChildProcess;

  const answers = () => redisAnswers(`redis://127.0.0.1:${port}`);

  async function start(): Promise<void> {
    server = spawn('redis-server', ['--port', String(port), '--bind', '127.0.0.1', '--dir', dir, '--appendonly', 'yes', '--appendfsync', options.appendfsync, '--maxmemory-policy', 'noeviction', '--save', ''], {
      stdio: 'ignore',
      env: options.preload ? { ...process.env, LD_PRELOAD: options.preload } : process.env,
    });
    for (let i = 0; i < 200; i++) {
      if (await answers()) return;
      await new Promise((r) => setTimeout(r, 50));
    }
    throw new Error('redis-server did not start');
  }

  await start();
  return {
    url: `redis://127.0.0.1:${port}`,
    port,
    /** SIGKILL, as a crash or the OOM killer would; resolves with the signal the process died of. */
    crash(): Promise<NodeJS.Signals | null> {
      return new Promise((resolve) => {
        if (server.exitCode !== null || server.signalCode !== null) return resolve(server.signalCode);
        server.once('exit', (_code, signal) => resolve(signal));
        server.kill('SIGKILL');
      });
    },
    /** Starts again on the same port and directory: the AOF is loaded before it answers. */
    restart: start,
    /** Stops it for good and removes its data. */
    async stop(): Promise<void> {
      if (server.exitCode === null && server.signalCode === null) {
        const exited = new Promise((resolve) => server.once('exit', resolve));
        server.kill('SIGKILL');
        await exited;
      }
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/**
 * Writes as fast as one connection can (INCR, one at a time) and remembers the last value Redis
 * acknowledged, so a crash can be measured: acknowledged writes the restarted Redis no longer has.
 */
export function writeProbe(url: string, key = 'fault-probe') {
  const client = new Redis(url, { maxRetriesPerRequest: 0, enableOfflineQueue: false, retryStrategy: () => 100 });
  client.on('error', () => {});
  let lastAcked = 0;
  let running = true;
  let paused = false;
  const acks: number[] = [];
  void (async () => {
    while (running) {
      if (paused) {
        await new Promise((r) => setTimeout(r, 20));
        continue;
      }
      try {
        lastAcked = await client.incr(key);
        acks.push(Date.now());
        if (acks.length > 20_000) acks.splice(0, 10_000);
      } catch {
        await new Promise((r) => setTimeout(r, 20));
      }
    }
  })();
  return {
    get lastAcked() {
      return lastAcked;
    },
    /** Acknowledged writes in the second before now. */
    ackedLastSecond: () => acks.filter((t) => t > Date.now() - 1_000).length,
    pause() {
      paused = true;
    },
    resume() {
      paused = false;
    },
    /** What the server has now. */
    async read(): Promise<number> {
      for (let i = 0; i < 100; i++) {
        try {
          return Number((await client.get(key)) ?? 0);
        } catch {
          await new Promise((r) => setTimeout(r, 50));
        }
      }
      throw new Error('the write probe could not read after the restart');
    },
    close() {
      running = false;
      client.disconnect();
    },
  };
}
