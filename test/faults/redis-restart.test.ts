import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { recordFaultResult } from './ledger.js';
import { startRig, type Rig } from './rig.js';

const PORT = 6390 + Math.floor(Math.random() * 50);
const dir = mkdtempSync(join(tmpdir(), 'afterhours-aof-'));
let server: ChildProcess;
let rig: Rig;

/** A Redis of this test's own that keeps data as production must: AOF, fsync every second, no eviction. */
async function startRedis(): Promise<void> {
  server = spawn('redis-server', ['--port', String(PORT), '--bind', '127.0.0.1', '--dir', dir, '--appendonly', 'yes', '--appendfsync', 'everysec', '--maxmemory-policy', 'noeviction', '--save', ''], { stdio: 'ignore' });
  for (let i = 0; i < 100; i++) {
    const probe = new Redis({ port: PORT, lazyConnect: true, maxRetriesPerRequest: 0, retryStrategy: () => null });
    probe.on('error', () => {});
    try {
      await probe.connect();
      if ((await probe.ping()) === 'PONG') return;
    } catch {
      // not up yet
    } finally {
      probe.disconnect();
    }
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error('redis-server did not start');
}

async function stopRedis(): Promise<void> {
  const admin = new Redis({ port: PORT, maxRetriesPerRequest: 0 });
  await admin.call('SHUTDOWN').catch(() => undefined); // the server fsyncs its AOF and exits
  admin.disconnect();
  await new Promise((resolve) => (server.exitCode !== null ? resolve(null) : server.once('exit', resolve)));
}

beforeAll(async () => {
  await startRedis();
  rig = await startRig({ redisUrl: `redis://127.0.0.1:${PORT}`, vars: { ACK_TIMEOUT_SECONDS: '2', ESCALATION_ROUNDS: '2' } });
});
afterAll(async () => {
  await rig.close();
  server.kill('SIGKILL');
});

describe('fault: Redis restarts with AOF', () => {
  it('invariant 6: when Redis restarts twice in the middle of open ladders, then no page is lost and no step is sent twice', async () => {
    await rig.raise(10);
    rig.startWorker();
    let restarts = 0;
    for (; restarts < 2; restarts++) {
      await new Promise((r) => setTimeout(r, 1_500));
      await stopRedis();
      await new Promise((r) => setTimeout(r, 1_000));
      await startRedis();
    }
    const { lost, duplicates } = await rig.settle(90_000);
    recordFaultResult({ suite: 'Redis restart (AOF)', ladders: 10, faults: restarts, pagesLost: lost, duplicates });
    expect(lost).toBe(0);
    expect(duplicates).toBe(0);
  });
});
