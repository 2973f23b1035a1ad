/**
 * `npm run bench`: afterhours against baselines measured in the same run, on this machine, with
 * real Redis and the local Twilio stand-in on loopback. Writes bench/results/latest.json and
 * prints a table of ratios. A benchmark, not a test: nothing here fails the build.
 */
import { randomBytes } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import { Queue, Worker } from 'bullmq';
import { Redis } from 'ioredis';
import { loadConfig } from '../src/config.js';
import { startTwilioStandin, type StandinMessage } from '../src/devtools/twilio-standin.js';
import { createLogger } from '../src/log.js';
import { createSystem } from '../src/main.js';
import { deleteKeysUnder } from '../src/store/redis.js';
import { ACCOUNT_SID, AUTH_TOKEN, emergencyAnswer, freePort, hammer, median, percentile, postAnswer, PUBLIC_BASE_URL, rssMb, spawnServer, stop } from './lib.js';

const REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 5);
const PHONES = { ana: '+16175550101', ben: '+16175550102', lee: '+16175550103', small: '+16175550201', big: '+16175550202' };

interface Row {
  measure: string;
  afterhours: number;
  baseline: number;
  unit: string;
  ratio: number;
  goal: string;
  met: boolean;
}
const rows: Row[] = [];
const notes: string[] = [];
const log = (line: string) => process.stdout.write(`${line}\n`);

function row(measure: string, afterhours: number, baseline: number, unit: string, goal: string, met: boolean) {
  const r = { measure, afterhours: Math.round(afterhours * 100) / 100, baseline: Math.round(baseline * 100) / 100, unit, ratio: Math.round((afterhours / baseline) * 100) / 100, goal, met };
  rows.push(r);
  log(`  ${measure}: ${r.afterhours} ${unit} vs ${r.baseline} ${unit} (ratio ${r.ratio}; goal ${goal}: ${met ? 'met' : 'NOT met'})`);
}

const standin = await startTwilioStandin({ accountSid: ACCOUNT_SID, authToken: AUTH_TOKEN, callbacks: false });
const prefix = `bench-${randomBytes(4).toString('hex')}`;

function envFor(port: number, extra: Record<string, string> = {}, keyPrefix = prefix): Record<string, string> {
  return {
    PORT: String(port),
    PUBLIC_BASE_URL,
    REDIS_URL,
    REDIS_PREFIX: keyPrefix,
    TWILIO_ACCOUNT_SID: ACCOUNT_SID,
    TWILIO_AUTH_TOKEN: AUTH_TOKEN,
    TWILIO_PHONE_NUMBER: '+16175550100',
    TWILIO_API_BASE_URL: standin.baseUrl,
    ADMIN_TOKEN: 'bench-admin-token-0123456789',
    PRACTICE_NAME: 'Riverside Psychiatry',
    LOG_LEVEL: 'error',
    ...extra,
  };
}

/** The parent's own view of the bench practice: to seed it and read its records. */
function parentSystem(keyPrefix = prefix) {
  const config = loadConfig({ ...envFor(0, {}, keyPrefix), PORT: '0' });
  return createSystem({ config, log: createLogger({ level: 'error' }), roles: { web: false, worker: false } });
}

async function seedPractice(sys: ReturnType<typeof parentSystem>) {
  await sys.connect();
  for (const [id, role] of [['ana', 'psychiatrist'], ['ben', 'psychiatrist'], ['lee', 'lead']] as const) {
    await sys.directory.putClinician(id, { name: id, phone: PHONES[id], role });
  }
  for (const id of ['small', 'big'] as const) {
    await sys.directory.putClient(id, { name: `Client ${id}`, phones: [PHONES[id]], clinicianId: 'ana', language: 'en' });
  }
  await sys.oncall.putSchedule({ rotation: ['ana', 'ben'], shiftDays: 7, handoff: '2020-01-06T08:00', backup: 'next', lead: 'lee', overrides: [{ clinicianId: 'ana', from: '2020-01-01T00:00:00Z', to: '2100-01-01T00:00:00Z' }] });
}

const dropKeys = (keyPrefix: string) => deleteKeysUnder(REDIS_URL, keyPrefix);

function nextMessageTo(phone: string): Promise<number> {
  return new Promise((resolve) => {
    const onMessage = (m: StandinMessage) => {
      if (m.to !== phone) return;
      standin.events.off('message', onMessage);
      resolve(performance.now());
    };
    standin.events.on('message', onMessage);
  });
}

const seeder = parentSystem();
await seedPractice(seeder);
const extraPrefixes: string[] = [];

/** A practice of its own under a new prefix, so a phase never inherits another's queued jobs. */
async function freshPractice(): Promise<string> {
  const keyPrefix = `${prefix}-${extraPrefixes.length}`;
  extraPrefixes.push(keyPrefix);
  const sys = parentSystem(keyPrefix);
  await seedPractice(sys);
  await sys.close();
  return keyPrefix;
}

// 1. Webhook throughput and latency ------------------------------------------------------------
log('1. webhook throughput: the full urgency answer against a bare Express 5 app (50 connections)');
const barePort = await freePort();
const bare = await spawnServer(['bench/bare-server.ts', String(barePort)], {}, barePort, '/twilio/voice/answer');
const webPort = await freePort();
const web = await spawnServer(['src/cli.ts', 'web'], envFor(webPort), webPort);
const bareRuns: Awaited<ReturnType<typeof hammer>>[] = [];
const webRuns: Awaited<ReturnType<typeof hammer>>[] = [];
for (let round = 0; round < ROUNDS; round++) {
  bareRuns.push(await hammer(barePort, PHONES.small, SECONDS, 50));
  webRuns.push(await hammer(webPort, PHONES.small, SECONDS, 50));
}
const bareIdleRss = rssMb(bare.pid!);
await stop(bare);
row('webhook requests per second', median(webRuns.map((r) => r.rps)), median(bareRuns.map((r) => r.rps)), 'req/s', 'ratio >= 0.6', median(webRuns.map((r) => r.rps)) / median(bareRuns.map((r) => r.rps)) >= 0.6);
row('webhook p99 latency', median(webRuns.map((r) => r.p99)), median(bareRuns.map((r) => r.p99)), 'ms', 'p99 < 50 ms', median(webRuns.map((r) => r.p99)) < 50);
if (webRuns.some((r) => r.errors > 0 || r.non2xx > 0)) notes.push(`webhook bench: ${webRuns.map((r) => r.errors + r.non2xx).join('/')} failed requests per round`);

// 4. Growth (uses the web server already running) -----------------------------------------------
log('4. growth: the urgency answer with 10 and 100,000 earlier contacts, 10 and 100,000 clients');
async function answerCost(from: string, count = 150): Promise<number> {
  const samples: number[] = [];
  for (let i = 0; i < count; i++) samples.push(await postAnswer(webPort, emergencyAnswer(from)));
  return median(samples);
}
async function seedContacts(clientId: string, count: number) {
  for (let i = 0; i < count; i += 1_000) {
    await Promise.all(
      Array.from({ length: Math.min(1_000, count - i) }, (_, j) =>
        seeder.history.recordContact({ clientId, channel: 'voice', claimedUrgency: (i + j) % 3 === 0 ? 'not-emergency' : 'emergency', crisis: false, from: PHONES.big, source: `seed:${clientId}:${i + j}`, at: new Date(Date.now() - ((i + j) % 400) * 86_400_000) }),
      ),
    );
  }
}
await seedContacts('small', 10);
await seedContacts('big', 100_000);
// The two clients are measured in alternating batches, so drift on this shared machine hits both alike.
const tenSamples: number[] = [];
const manySamples: number[] = [];
for (let batch = 0; batch < 6; batch++) {
  tenSamples.push(await answerCost(PHONES.small, 50));
  manySamples.push(await answerCost(PHONES.big, 50));
}
row('answer with 100,000 vs 10 earlier contacts', median(manySamples), median(tenSamples), 'ms', 'ratio <= 1.2', median(manySamples) / median(tenSamples) <= 1.2);
const fewClients = await answerCost(PHONES.small, 300);
for (let i = 0; i < 100_000; i += 1_000) {
  await Promise.all(Array.from({ length: 1_000 }, (_, j) => seeder.directory.putClient(`c${i + j}`, { name: 'Seeded Client', phones: [`+1617${String(2_000_000 + i + j).padStart(7, '0')}`], clinicianId: 'ben', language: 'en' })));
}
const manyClients = await answerCost(PHONES.small, 300);
row('answer with 100,000 vs 10 clients', manyClients, fewClients, 'ms', 'ratio <= 1.2', manyClients / fewClients <= 1.2);
await stop(web);

// 2. Page latency ---------------------------------------------------------------------------------
log('2. page latency: emergency answer to the first Twilio API request, against raw BullMQ add-to-processor');
const startPort = await freePort();
const started = await spawnServer(['src/cli.ts', 'start'], envFor(startPort, { ACK_TIMEOUT_SECONDS: '300' }, await freshPractice()), startPort);
const pageLatency: number[] = [];
for (let i = 0; i < 100; i++) {
  const arrived = nextMessageTo(PHONES.ana);
  const t0 = performance.now();
  await postAnswer(startPort, emergencyAnswer(PHONES.small));
  pageLatency.push((await arrived) - t0);
}
await stop(started);

const rawConnection = new Redis(REDIS_URL, { maxRetriesPerRequest: null });
const rawQueue = new Queue('raw', { connection: rawConnection, prefix: `${prefix}:raw` });
let onProcessed: ((t: number) => void) | null = null;
const rawWorker = new Worker('raw', async () => onProcessed?.(performance.now()), { connection: new Redis(REDIS_URL, { maxRetriesPerRequest: null }), prefix: `${prefix}:raw` });
await rawWorker.waitUntilReady();
const rawLatency: number[] = [];
for (let i = 0; i < 100; i++) {
  const processed = new Promise<number>((resolve) => (onProcessed = resolve));
  const t0 = performance.now();
  await rawQueue.add('x', { i });
  rawLatency.push((await processed) - t0);
}
row('page latency p50', median(pageLatency), median(rawLatency), 'ms', 'within 5x raw BullMQ', median(pageLatency) <= 5 * median(rawLatency));
row('page latency p99', percentile(pageLatency, 99), percentile(rawLatency, 99), 'ms', 'p99 < 50 ms', percentile(pageLatency, 99) < 50);

// 3. Escalation timing ----------------------------------------------------------------------------
log('3. escalation timing: how late a ladder step fires after it is due (1 s timeout), against a raw BullMQ delayed job');
const ladderPort = await freePort();
const ladder = await spawnServer(['src/cli.ts', 'start'], envFor(ladderPort, { ACK_TIMEOUT_SECONDS: '1', ESCALATION_ROUNDS: '1' }, await freshPractice()), ladderPort);
const firstText = new Map<string, number>();
const lateness: number[] = [];
const codeOf = (m: StandinMessage) => /page (\d{4})/.exec(m.body)?.[1];
const watch = (m: StandinMessage) => {
  const code = codeOf(m);
  if (!code) return;
  if (m.to === PHONES.ana && !firstText.has(code)) firstText.set(code, performance.now());
  else if (m.to === PHONES.ben && firstText.has(code)) lateness.push(performance.now() - firstText.get(code)! - 1_000);
};
standin.events.on('message', watch);
for (let i = 0; i < 40; i++) {
  await postAnswer(ladderPort, emergencyAnswer(PHONES.small));
  await new Promise((r) => setTimeout(r, 25));
}
for (let i = 0; i < 100 && lateness.length < 40; i++) await new Promise((r) => setTimeout(r, 100));
standin.events.off('message', watch);
await stop(ladder);
const rawFired = new Map<number, (t: number) => void>();
rawWorker.on('active', (job) => rawFired.get((job.data as { i: number }).i)?.(performance.now()));
const rawLateness = await Promise.all(
  Array.from({ length: 40 }, async (_, i) => {
    const due = performance.now() + 1_000;
    const fired = new Promise<number>((resolve) => rawFired.set(1_000 + i, resolve));
    await rawQueue.add('x', { i: 1_000 + i }, { delay: 1_000 });
    return (await fired) - due;
  }),
);
row('ladder step lateness p50', median(lateness), median(rawLateness), 'ms', 'informational', true);
row('ladder step lateness p99', percentile(lateness, 99), percentile(rawLateness, 99), 'ms', 'p99 < 250 ms', percentile(lateness, 99) < 250);
await rawWorker.close();
await rawQueue.close();
rawConnection.disconnect();

// 5. Memory ---------------------------------------------------------------------------------------
log('5. memory: afterhours start idle, and after 10,000 clients and 500 open pages; Redis per client');
const memPrefix = await freshPractice();
const memSystem = parentSystem(memPrefix);
await memSystem.connect();
const memPort = await freePort();
const mem = await spawnServer(['src/cli.ts', 'start'], envFor(memPort, { ACK_TIMEOUT_SECONDS: '3600' }, memPrefix), memPort);
await new Promise((r) => setTimeout(r, 2_000));
const idleRss = rssMb(mem.pid!);
const info = async () => Number(/used_memory:(\d+)/.exec(await memSystem.redis.info('memory'))?.[1] ?? 0);
const before = await info();
for (let i = 0; i < 10_000; i += 500) {
  await Promise.all(Array.from({ length: 500 }, (_, j) => memSystem.directory.putClient(`m${i + j}`, { name: 'Memory Client', phones: [`+1857${String(3_000_000 + i + j).padStart(7, '0')}`], clinicianId: 'ana', language: 'en' })));
}
const perClient = ((await info()) - before) / 10_000;
for (let i = 0; i < 500; i++) await postAnswer(memPort, emergencyAnswer(`+1857${String(3_000_000 + i).padStart(7, '0')}`));
await new Promise((r) => setTimeout(r, 3_000));
const loadedRss = rssMb(mem.pid!);
await stop(mem);
row('afterhours start RSS idle', idleRss, bareIdleRss, 'MB', 'informational (baseline: bare Express after its bench)', true);
row('afterhours start RSS, 10,000 clients and 500 open pages', loadedRss, idleRss, 'MB', 'informational (baseline: idle)', true);
log(`  Redis memory per client: ${Math.round(perClient)} bytes`);

await Promise.all([seeder.close(), memSystem.close()]);
await Promise.all([dropKeys(prefix), ...extraPrefixes.map(dropKeys)]);
await standin.close();

mkdirSync('bench/results', { recursive: true });
const result = { at: new Date().toISOString(), machine: { cpus: (await import('node:os')).cpus().length, node: process.version }, rounds: ROUNDS, seconds: SECONDS, rows, redisBytesPerClient: Math.round(perClient), notes };
writeFileSync('bench/results/latest.json', `${JSON.stringify(result, null, 2)}\n`);
log('\nmeasure                                                   afterhours     baseline   ratio  goal');
for (const r of rows) log(`${r.measure.padEnd(56)} ${`${r.afterhours} ${r.unit}`.padStart(12)} ${`${r.baseline} ${r.unit}`.padStart(12)} ${String(r.ratio).padStart(7)}  ${r.goal}${r.met ? '' : '  (NOT met)'}`);
log(`Redis memory per client: ${Math.round(perClient)} bytes. Written to bench/results/latest.json`);
process.exit(0);
