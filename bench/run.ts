/**
 * `npm run bench`: afterhours against baselines measured in the same run, on this machine, with
 * real Redis and the local Twilio stand-in on loopback. Writes bench/results/latest.json (committed;
 * `npm run bench:readme` puts it in the README) and prints the tables. A benchmark, not a test:
 * nothing here fails the build.
 *
 * Fair by construction: every phase has a practice of its own (a fresh Redis prefix), both sides
 * of a ratio run interleaved in batches on the same prefix state, requests come from many numbers
 * of the directory and some unknown ones, and every answer is checked (status, TwiML, and that
 * its page exists): failures are counted and shown beside the figure.
 *
 * Sizes by environment: BENCH_ROUNDS (3), BENCH_SECONDS (5), BENCH_CONNECTIONS (50),
 * BENCH_DIRECTORY (1,000 clients in the throughput practice), BENCH_GROWTH (100,000),
 * BENCH_NIGHT_CONTACTS (300), BENCH_PROFILE_SECONDS (6), BENCH_BURST_RATE (20 emergencies a second),
 * BENCH_BURST_SECONDS (30), BENCH_SKIP or BENCH_ONLY (comma lists of phases: throughput, profile,
 * growth, latency, first-page, ladder, memory, night). A run that skips a phase
 * writes bench/results/partial.json instead of latest.json.
 */
import { execSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { Queue, Worker, type Job } from 'bullmq';
import { Redis } from 'ioredis';
import { loadConfig } from '../src/config.js';
import { startTwilioStandin, type StandinMessage } from '../src/devtools/twilio-standin.js';
import { createLogger } from '../src/log.js';
import { createSystem } from '../src/main.js';
import { deleteKeysUnder } from '../src/store/redis.js';
import type { Page } from '../src/paging/pages.js';
import { ACCOUNT_SID, AUTH_TOKEN, BARE_TWIML, cpuMs, emergencyAnswer, freePort, hammer, median, percentile, postChecked, PUBLIC_BASE_URL, rssMb, spawnServer, stop, type HammerResult } from './lib.js';
import { runNight } from './night.js';
import { summarise } from './profile-summary.js';
import { existsSync, mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';

const REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 5);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 50);
const DIRECTORY = Number(process.env.BENCH_DIRECTORY ?? 1_000);
const GROWTH = Number(process.env.BENCH_GROWTH ?? 100_000);
const NIGHT_CONTACTS = Number(process.env.BENCH_NIGHT_CONTACTS ?? 300);
const PHASES = ['throughput', 'profile', 'growth', 'latency', 'first-page', 'ladder', 'memory', 'night'];
const ONLY = (process.env.BENCH_ONLY ?? '').split(',').filter(Boolean);
const SKIP = new Set([...(process.env.BENCH_SKIP ?? '').split(',').filter(Boolean), ...(ONLY.length ? PHASES.filter((p) => !ONLY.includes(p)) : [])]);
const PROFILE_SECONDS = Number(process.env.BENCH_PROFILE_SECONDS ?? 6);
const BURST_RATE = Number(process.env.BENCH_BURST_RATE ?? 20);
const BURST_SECONDS = Number(process.env.BENCH_BURST_SECONDS ?? 30);
const CLINICIANS = { ana: '+16175550101', ben: '+16175550102', lee: '+16175550103' };
const fmt = (n: number) => n.toLocaleString('en-US');
const clientPhone = (i: number) => `+1617${String(2_000_000 + i).padStart(7, '0')}`;
const unknownPhone = (i: number) => `+1857${String(4_000_000 + i).padStart(7, '0')}`;

export interface Row {
  phase: string;
  measure: string;
  afterhours: number;
  baseline: number;
  baselineLabel: string;
  unit: string;
  ratio: number;
  goal: string;
  met: boolean | null;
  /** Requests (or pages) checked on each side, and how many failed a check. */
  checks: { afterhours: { checked: number; failed: number }; baseline: { checked: number; failed: number } | null };
}
const rows: Row[] = [];
const notes: string[] = [];
const log = (line: string) => process.stdout.write(`${line}\n`);
const round2 = (n: number) => Math.round(n * 100) / 100;
const startedAt = Date.now();
const uptime = () => execSync('uptime').toString().trim();
const loadBefore = { uptime: uptime(), loadavg: loadavg() };

function row(r: Omit<Row, 'ratio' | 'afterhours' | 'baseline'> & { afterhours: number; baseline: number }) {
  const full: Row = { ...r, afterhours: round2(r.afterhours), baseline: round2(r.baseline), ratio: round2(r.afterhours / r.baseline) };
  rows.push(full);
  const fails = `checked ${full.checks.afterhours.checked}, failed ${full.checks.afterhours.failed}`;
  log(`  ${r.measure}: ${full.afterhours} ${r.unit} vs ${r.baselineLabel} ${full.baseline} ${r.unit} (ratio ${full.ratio}; goal ${r.goal}: ${r.met === null ? '-' : r.met ? 'met' : 'NOT met'}; ${fails})`);
}

const standin = await startTwilioStandin({ accountSid: ACCOUNT_SID, authToken: AUTH_TOKEN, callbacks: false });
const runId = `bench-${randomBytes(4).toString('hex')}`;
const prefixes: string[] = [];
// The servers' logs (LOG_LEVEL error: their failures), summarised into the notes at the end.
process.env.BENCH_SERVER_LOG ??= `${tmpdir()}/afterhours-bench-${runId}.log`;
const commitAtStart = (() => {
  try {
    return execSync('git rev-parse HEAD', { stdio: ['ignore', 'pipe', 'ignore'] }).toString().trim();
  } catch {
    return '';
  }
})();
log(`bench ${runId}: Redis prefixes ${runId}-*, commit ${commitAtStart.slice(0, 10)}; ${uptime()}`);

function envFor(port: number, keyPrefix: string, extra: Record<string, string> = {}, apiBase = standin.baseUrl): Record<string, string> {
  return {
    PORT: String(port),
    PUBLIC_BASE_URL,
    REDIS_URL,
    REDIS_PREFIX: keyPrefix,
    TWILIO_ACCOUNT_SID: ACCOUNT_SID,
    TWILIO_AUTH_TOKEN: AUTH_TOKEN,
    TWILIO_PHONE_NUMBER: '+16175550100',
    TWILIO_API_BASE_URL: apiBase,
    ADMIN_TOKEN: 'bench-admin-token-0123456789',
    PRACTICE_NAME: 'Riverside Psychiatry',
    LOG_LEVEL: 'error',
    ...extra,
  };
}

/** The parent's own view of a practice: to seed it and read its records. */
export function parentSystem(keyPrefix: string) {
  const config = loadConfig({ ...envFor(0, keyPrefix), PORT: '0' });
  return createSystem({ config, log: createLogger({ level: 'error' }), roles: { web: false, worker: false } });
}
type Sys = ReturnType<typeof parentSystem>;

/** A practice of its own under a new prefix: three clinicians, `clients` clients (c0…, phones clientPhone(i)), ana on call. */
async function practice(name: string, clients: number): Promise<{ prefix: string; sys: Sys }> {
  const prefix = `${runId}-${name}`;
  prefixes.push(prefix);
  const sys = parentSystem(prefix);
  await sys.connect();
  for (const [id, role] of [['ana', 'psychiatrist'], ['ben', 'psychiatrist'], ['lee', 'lead']] as const) {
    await sys.directory.putClinician(id, { name: id, phone: CLINICIANS[id], role });
  }
  await sys.oncall.putSchedule({ rotation: ['ana', 'ben'], shiftDays: 7, handoff: '2020-01-06T08:00', backup: 'next', lead: 'lee', overrides: [{ clinicianId: 'ana', from: '2020-01-01T00:00:00Z', to: '2100-01-01T00:00:00Z' }] });
  await addClients(sys, 0, clients);
  return { prefix, sys };
}

async function addClients(sys: Sys, from: number, to: number) {
  for (let i = from; i < to; i += 1_000) {
    await Promise.all(Array.from({ length: Math.min(1_000, to - i) }, (_, j) => sys.directory.putClient(`c${i + j}`, { name: 'Bench Client', phones: [clientPhone(i + j)], clinicianId: (i + j) % 2 ? 'ben' : 'ana', language: 'en' })));
  }
}

async function seedContacts(sys: Sys, clientId: string, from: string, count: number) {
  for (let i = 0; i < count; i += 1_000) {
    await Promise.all(
      Array.from({ length: Math.min(1_000, count - i) }, (_, j) =>
        sys.history.recordContact({ clientId, channel: 'voice', claimedUrgency: (i + j) % 3 === 0 ? 'not-emergency' : 'emergency', crisis: false, from, source: `seed:${clientId}:${i + j}`, at: new Date(Date.now() - ((i + j) % 400) * 86_400_000) }),
      ),
    );
  }
}

/** How many of these calls have no page in Redis (the answer said one was queued). */
async function missingPages(sys: Sys, callSids: string[]): Promise<number> {
  let missing = 0;
  for (let i = 0; i < callSids.length; i += 500) {
    const found = await Promise.all(
      callSids.slice(i, i + 500).map(async (sid) => {
        const contact = await sys.history.getContactBySource(`voice:${sid}`);
        return contact?.pageId ? (await sys.pages.get(contact.pageId)) !== null : false;
      }),
    );
    missing += found.filter((f) => !f).length;
  }
  return missing;
}

/** `count` checked urgency answers, one after another; the median time and the failures. */
async function answerBatch(port: number, sys: Sys, from: (i: number) => string, count: number): Promise<{ ms: number[]; checked: number; failed: number }> {
  const ms: number[] = [];
  const sids: string[] = [];
  let failed = 0;
  for (let i = 0; i < count; i++) {
    const c = await postChecked(port, emergencyAnswer(from(i)));
    ms.push(c.ms);
    if (c.ok) sids.push(c.callSid);
    else failed += 1;
  }
  failed += await missingPages(sys, sids);
  return { ms, checked: count, failed };
}

const sum = (xs: number[]) => xs.reduce((a, b) => a + b, 0);

const WARM_UP = 20;
/**
 * `WARM_UP` unmeasured emergency answers from unknown numbers, then a second for their pages to
 * go out: the timed answers meet a warm server (compiled code, loaded scripts, open connections),
 * as the baseline's first jobs meet a warm BullMQ. A cold start is a different figure.
 */
async function warmUp(port: number): Promise<void> {
  for (let i = 0; i < WARM_UP; i++) await postChecked(port, emergencyAnswer(unknownPhone(9_000 + i)));
  await new Promise((r) => setTimeout(r, 1_000));
}

// 1. Webhook throughput and latency ------------------------------------------------------------
let bareIdle = NaN;
let webIdle = NaN;
if (!SKIP.has('throughput')) {
  log(`1. webhook throughput: the urgency answer against bare Express 5, ${CONNECTIONS} connections, ${ROUNDS} rounds of ${SECONDS} s interleaved; callers: ${fmt(DIRECTORY)} clients of the directory and 1 in 10 unknown numbers`);
  // Each round on a fresh practice (the web server restarted on it), so open pages start at 0 in every round.
  const barePort = await freePort();
  const bare = await spawnServer(['bench/bare-server.ts', String(barePort)], {}, barePort, '/twilio/voice/answer');
  // The stack's floor: bare Express plus the signature check and one Lua script (bench/floor-server.ts).
  const floorPort = await freePort();
  const floorPrefix = `${runId}-floor`;
  prefixes.push(floorPrefix);
  const floor = await spawnServer(['bench/floor-server.ts', String(floorPort)], { BENCH_AUTH_TOKEN: AUTH_TOKEN, BENCH_PUBLIC_BASE_URL: PUBLIC_BASE_URL, REDIS_URL, BENCH_PREFIX: floorPrefix }, floorPort, '/twilio/voice/answer');
  const floorRuns: HammerResult[] = [];
  let floorCpuMs = 0;
  let n = 0;
  const nextFrom = () => (++n % 10 === 0 ? unknownPhone(Math.floor(Math.random() * 5_000)) : clientPhone(n % DIRECTORY));
  const bareRuns: HammerResult[] = [];
  const webRuns: HammerResult[] = [];
  let missing = 0;
  let webLoaded = NaN;
  let bareCpuMs = 0;
  let webCpuMs = 0;
  for (let round = 0; round < ROUNDS; round++) {
    const { prefix, sys } = await practice(`throughput-${round}`, DIRECTORY);
    const webPort = await freePort();
    const web = await spawnServer(['src/cli.ts', 'web'], envFor(webPort, prefix), webPort);
    if (round === 0) {
      await new Promise((r) => setTimeout(r, 1_000));
      bareIdle = rssMb(bare.pid!);
      webIdle = rssMb(web.pid!);
    }
    const bareCpu = cpuMs(bare.pid!);
    bareRuns.push(await hammer(barePort, nextFrom, SECONDS, CONNECTIONS, BARE_TWIML));
    bareCpuMs += cpuMs(bare.pid!) - bareCpu;
    const floorCpu = cpuMs(floor.pid!);
    floorRuns.push(await hammer(floorPort, nextFrom, SECONDS, CONNECTIONS));
    floorCpuMs += cpuMs(floor.pid!) - floorCpu;
    // A fresh server each round (a fresh practice): warmed as the others are by their earlier rounds.
    await warmUp(webPort);
    const webCpu = cpuMs(web.pid!);
    webRuns.push(await hammer(webPort, nextFrom, SECONDS, CONNECTIONS));
    webCpuMs += cpuMs(web.pid!) - webCpu;
    webLoaded = rssMb(web.pid!);
    await stop(web);
    missing += await missingPages(sys, webRuns.at(-1)!.callSids);
    await sys.close();
  }
  const bareLoaded = rssMb(bare.pid!);
  await Promise.all([stop(bare), stop(floor)]);
  // The floor's answers are checked as afterhours' are: the paging TwiML, and its page written.
  let floorMissing = 0;
  const floorRedis = new Redis(REDIS_URL);
  for (const r of floorRuns) {
    for (let i = 0; i < r.callSids.length; i += 1_000) {
      const found = await Promise.all(r.callSids.slice(i, i + 1_000).map((sid) => floorRedis.exists(`${floorPrefix}:page:${sid}`)));
      floorMissing += found.filter((f) => f === 0).length;
    }
  }
  floorRedis.disconnect();
  if (floorMissing) notes.push(`throughput: ${floorMissing} floor answers said a page was queued but no page was found`);
  const floorChecks = { checked: sum(floorRuns.map((r) => r.requests)), failed: sum(floorRuns.map((r) => r.failed)) + floorMissing };
  const webChecks = { checked: sum(webRuns.map((r) => r.requests)), failed: sum(webRuns.map((r) => r.failed)) + missing };
  const bareChecks = { checked: sum(bareRuns.map((r) => r.requests)), failed: sum(bareRuns.map((r) => r.failed)) };
  if (missing) notes.push(`throughput: ${missing} answers said a page was queued but no page was found`);
  const kinds: Record<string, number> = {};
  for (const r of webRuns) for (const [k, v] of Object.entries(r.failures)) kinds[k] = (kinds[k] ?? 0) + v;
  if (Object.keys(kinds).length) notes.push(`throughput, afterhours failures by kind: ${Object.entries(kinds).map(([k, v]) => `${k} ${v}`).join(', ')}`);
  for (const r of webRuns) for (const [k, v] of Object.entries(r.samples)) log(`  failure sample (${k}): ${v}`);
  const rps = median(webRuns.map((r) => r.rps));
  const bareRps = median(bareRuns.map((r) => r.rps));
  const p99 = median(webRuns.map((r) => r.p99));
  const phase = 'throughput';
  const checks = { afterhours: webChecks, baseline: bareChecks };
  row({ phase, measure: `urgency answer of \`afterhours web\` (signature, caller lookup, contact and page recorded, the page's first step due and waiting for a worker, all before the answer; no worker runs in this process, so no page is sent) at ${CONNECTIONS} connections, median of ${ROUNDS} × ${SECONDS} s, each round on a fresh practice and server, warmed by ${WARM_UP} unmeasured answers`, afterhours: rps, baseline: bareRps, baselineLabel: 'bare Express 5 + static TwiML', unit: 'req/s', goal: '≥ 0.5', met: rps / bareRps >= 0.5, checks });
  row({ phase, measure: 'its p99 latency (median of rounds)', afterhours: p99, baseline: median(bareRuns.map((r) => r.p99)), baselineLabel: 'bare Express 5', unit: 'ms', goal: '< 50 ms', met: p99 < 50, checks });
  row({ phase, measure: 'CPU time per answer of the answering process (user + system, all rounds), the measure the rest of the machine does not move', afterhours: webCpuMs / webChecks.checked, baseline: bareCpuMs / bareChecks.checked, baselineLabel: 'bare Express 5', unit: 'ms', goal: 'informational', met: null, checks });
  const floorRps = median(floorRuns.map((r) => r.rps));
  const floorLabel = 'the stack\'s floor: bare Express 5 + the Twilio signature check + one Lua script writing contact, page and due step (bench/floor-server.ts)';
  row({ phase, measure: 'urgency answer throughput against the stack\'s floor (same rounds, interleaved)', afterhours: rps, baseline: floorRps, baselineLabel: floorLabel, unit: 'req/s', goal: 'informational', met: null, checks: { afterhours: webChecks, baseline: floorChecks } });
  row({ phase, measure: 'the stack\'s floor against bare Express 5 (what any signed webhook that writes to Redis costs here)', afterhours: floorRps, baseline: bareRps, baselineLabel: 'bare Express 5 + static TwiML', unit: 'req/s', goal: 'informational', met: null, checks: { afterhours: floorChecks, baseline: bareChecks } });
  row({ phase, measure: 'CPU time per answer, afterhours against the stack\'s floor', afterhours: webCpuMs / webChecks.checked, baseline: floorCpuMs / floorChecks.checked, baselineLabel: 'the stack\'s floor', unit: 'ms', goal: 'informational', met: null, checks: { afterhours: webChecks, baseline: floorChecks } });
  row({ phase, measure: '`afterhours web` RSS, idle before the load test', afterhours: webIdle, baseline: bareIdle, baselineLabel: 'bare Express 5 idle', unit: 'MB', goal: 'informational', met: null, checks: { afterhours: { checked: 0, failed: 0 }, baseline: null } });
  row({ phase, measure: '`afterhours web` RSS, after its last load round', afterhours: webLoaded, baseline: bareLoaded, baselineLabel: `bare Express 5 after its ${ROUNDS} load rounds`, unit: 'MB', goal: 'informational', met: null, checks: { afterhours: { checked: 0, failed: 0 }, baseline: null } });
}

// 1b. Profile of the urgency answer under the same load -------------------------------------------
if (!SKIP.has('profile')) {
  log(`1b. profile: node --cpu-prof on \`afterhours web\` under ${CONNECTIONS} connections for ${PROFILE_SECONDS} s, callers as above`);
  const { prefix, sys } = await practice('profile', DIRECTORY);
  const dir = mkdtempSync(`${tmpdir()}/afterhours-prof-`);
  const port = await freePort();
  const web = await spawnServer(['src/cli.ts', 'web'], envFor(port, prefix), port, '/healthz', ['--cpu-prof', `--cpu-prof-dir=${dir}`]);
  let n = 0;
  const fromUs = Number(process.hrtime.bigint() / 1_000n);
  const run = await hammer(port, () => (++n % 10 === 0 ? unknownPhone(Math.floor(Math.random() * 5_000)) : clientPhone(n % DIRECTORY)), PROFILE_SECONDS, CONNECTIONS);
  const toUs = Number(process.hrtime.bigint() / 1_000n);
  await stop(web);
  const file = readdirSync(dir).find((f) => f.endsWith('.cpuprofile'));
  if (file) {
    const summary = { measuredAt: new Date().toISOString(), seconds: PROFILE_SECONDS, connections: CONNECTIONS, requests: run.requests, failed: run.failed, rps: Math.round(run.rps), ...summarise(`${dir}/${file}`, 15, { fromUs, toUs }) };
    mkdirSync('bench/results', { recursive: true });
    writeFileSync('bench/results/profile.json', `${JSON.stringify(summary, null, 2)}\n`);
    for (const m of summary.modules.slice(0, 8)) log(`  ${m.module}: ${m.percentOfBusy}% of busy time`);
  } else notes.push('profile: the server wrote no .cpuprofile');
  await sys.close();
}

// 2. Growth ---------------------------------------------------------------------------------------
if (!SKIP.has('growth')) {
  const BATCHES = 6;
  const PER = 50;
  log(`2a. growth: the urgency answer for a client with ${fmt(GROWTH)} earlier contacts against clients with 10, same server and prefix, ${BATCHES} interleaved batches of ${PER}`);
  {
    const small = BATCHES * PER;
    const { prefix, sys } = await practice('contacts', small + 1);
    // c0…c{small-1}: 10 earlier contacts each, one client per request so each is measured at exactly 10;
    // c{small}: GROWTH earlier contacts (plus up to `small` added by the measurement itself).
    for (let i = 0; i < small; i += 50) await Promise.all(Array.from({ length: 50 }, (_, j) => seedContacts(sys, `c${i + j}`, clientPhone(i + j), 10)));
    await seedContacts(sys, `c${small}`, clientPhone(small), GROWTH);
    const port = await freePort();
    const web = await spawnServer(['src/cli.ts', 'web'], envFor(port, prefix), port);
    const few = { ms: [] as number[], checked: 0, failed: 0 };
    const many = { ms: [] as number[], checked: 0, failed: 0 };
    for (let b = 0; b < BATCHES; b++) {
      for (const [side, from] of [[few, (i: number) => clientPhone(b * PER + i)], [many, () => clientPhone(small)]] as const) {
        const r = await answerBatch(port, sys, from, PER);
        side.ms.push(...r.ms);
        side.checked += r.checked;
        side.failed += r.failed;
      }
    }
    await stop(web);
    row({ phase: 'growth', measure: `answer time, one client with ${fmt(GROWTH)}–${fmt(GROWTH + small)} earlier contacts vs ${small} clients with exactly 10 each (median of ${small} each)`, afterhours: median(many.ms), baseline: median(few.ms), baselineLabel: '10 earlier contacts', unit: 'ms', goal: '≤ 1.2', met: median(many.ms) / median(few.ms) <= 1.2, checks: { afterhours: { checked: many.checked, failed: many.failed }, baseline: { checked: few.checked, failed: few.failed } } });
    await sys.close();
  }
  log(`2b. growth: the urgency answer with ${fmt(GROWTH)} clients in the directory against 10, two servers on two prefixes that differ only in that, same 10 callers, ${BATCHES} interleaved batches of ${PER}`);
  {
    const a = await practice('clients-10', 10);
    const b = await practice(`clients-${GROWTH}`, 10);
    await addClients(b.sys, 10, GROWTH);
    const portA = await freePort();
    const webA = await spawnServer(['src/cli.ts', 'web'], envFor(portA, a.prefix), portA);
    const portB = await freePort();
    const webB = await spawnServer(['src/cli.ts', 'web'], envFor(portB, b.prefix), portB);
    const few = { ms: [] as number[], checked: 0, failed: 0 };
    const many = { ms: [] as number[], checked: 0, failed: 0 };
    for (let batch = 0; batch < BATCHES; batch++) {
      for (const [side, port, sys] of [[few, portA, a.sys], [many, portB, b.sys]] as const) {
        const r = await answerBatch(port, sys, (i) => clientPhone(i % 10), PER);
        side.ms.push(...r.ms);
        side.checked += r.checked;
        side.failed += r.failed;
      }
    }
    await Promise.all([stop(webA), stop(webB)]);
    row({ phase: 'growth', measure: `answer time with ${fmt(GROWTH)} vs 10 clients in the directory (the same 10 callers; median of ${BATCHES * PER} each)`, afterhours: median(many.ms), baseline: median(few.ms), baselineLabel: '10 clients', unit: 'ms', goal: '≤ 1.2', met: median(many.ms) / median(few.ms) <= 1.2, checks: { afterhours: { checked: many.checked, failed: many.failed }, baseline: { checked: few.checked, failed: few.failed } } });
    await Promise.all([a.sys.close(), b.sys.close()]);
  }
}

// 3. Page latency and ladder lateness, against raw BullMQ with the same concurrency (16) ----------
const rawConnection = new Redis(REDIS_URL, { maxRetriesPerRequest: null });
const rawPrefix = `${runId}-raw`;
prefixes.push(rawPrefix);
const rawQueue = new Queue('raw', { connection: rawConnection, prefix: rawPrefix });
const rawStarted = new Map<number, (t: number) => void>();
const rawWorker = new Worker('raw', async (job: Job<{ i: number }>) => rawStarted.get(job.data.i)?.(performance.now()), { connection: new Redis(REDIS_URL, { maxRetriesPerRequest: null }), prefix: rawPrefix, concurrency: 16 });
await rawWorker.waitUntilReady();
const rawSample = async (i: number): Promise<number> => {
  const processed = new Promise<number>((resolve) => rawStarted.set(i, resolve));
  const t0 = performance.now();
  await rawQueue.add('x', { i });
  return (await processed) - t0;
};

if (!SKIP.has('latency')) {
  log('3. page latency: urgency answer sent → first Twilio request for the page, against raw BullMQ add → processor (concurrency 16 both), interleaved one by one');
  const { prefix, sys } = await practice('latency', 100);
  const port = await freePort();
  const server = await spawnServer(['src/cli.ts', 'start'], envFor(port, prefix, { ACK_TIMEOUT_SECONDS: '300' }), port);
  await warmUp(port);
  for (let i = 0; i < WARM_UP; i++) await rawSample(-1 - i);
  const pageLatency: number[] = [];
  const rawLatency: number[] = [];
  let failed = 0;
  // Texts to the primary by page code, as they arrive: each sample ends at its own page's text.
  const textAt = new Map<string, number>();
  const onText = (m: StandinMessage) => {
    const code = /page (\d{4,6})/.exec(m.body)?.[1];
    if (code && m.to === CLINICIANS.ana && !textAt.has(code)) textAt.set(code, performance.now());
  };
  standin.events.on('message', onText);
  for (let i = 0; i < 100; i++) {
    const answer = emergencyAnswer(clientPhone(i));
    const t0 = performance.now();
    const checked = await postChecked(port, answer);
    const contact = checked.ok ? await sys.history.getContactBySource(`voice:${answer.callSid}`) : null;
    const page = contact?.pageId ? await sys.pages.get(contact.pageId) : null;
    for (let wait = 0; page && !textAt.has(page.code) && wait < 200; wait++) await new Promise((r) => setTimeout(r, 50));
    const at = page ? textAt.get(page.code) : undefined;
    if (at === undefined) failed += 1;
    else pageLatency.push(at - t0);
    rawLatency.push(await rawSample(i));
  }
  standin.events.off('message', onText);
  await stop(server);
  const checks = { afterhours: { checked: 100, failed }, baseline: { checked: 100, failed: 0 } };
  row({ phase: 'latency', measure: `urgency answer sent → first Twilio request for its page (\`afterhours start\`: web and worker in one process; one answer at a time, each timed to its own page's text, after ${WARM_UP} unmeasured ones on each side), p50`, afterhours: median(pageLatency), baseline: median(rawLatency), baselineLabel: 'raw BullMQ add → processor', unit: 'ms', goal: '≤ 5×', met: median(pageLatency) <= 5 * median(rawLatency), checks });
  row({ phase: 'latency', measure: 'the same, p99', afterhours: percentile(pageLatency, 99), baseline: percentile(rawLatency, 99), baselineLabel: 'raw BullMQ add → processor', unit: 'ms', goal: '< 50 ms', met: percentile(pageLatency, 99) < 50, checks });
  await sys.close();
}

if (!SKIP.has('first-page')) {
  const connections = CONNECTIONS;
  log(`3b. first page: the page's claim (its record's createdAt) → the first Twilio request to the primary (text or call, at the stand-in), at a burst of ${BURST_RATE} emergencies a second for ${BURST_SECONDS} s beside raw BullMQ add → processor at the same pace, then at saturation (${connections} connections, ${SECONDS} s)`);
  const { prefix, sys } = await practice('first-page', DIRECTORY);
  const port = await freePort();
  const server = await spawnServer(['src/cli.ts', 'start'], envFor(port, prefix, { ACK_TIMEOUT_SECONDS: '600' }), port);
  await warmUp(port);
  // The first request to the primary for each page: a text names its code, a call its page id.
  const byCode = new Map<string, number>();
  const byPage = new Map<string, number>();
  const onText = (m: StandinMessage) => {
    const code = /page (\d{4,6})/.exec(m.body)?.[1];
    if (code && m.to === CLINICIANS.ana && !byCode.has(code)) byCode.set(code, Date.now());
  };
  const onCall = (c: { to: string; url: string }) => {
    const pageId = /pageId=([^&]+)/.exec(c.url)?.[1];
    if (pageId && c.to === CLINICIANS.ana && !byPage.has(pageId)) byPage.set(pageId, Date.now());
  };
  standin.events.on('message', onText);
  standin.events.on('call', onCall);
  /** Claim → first request for each answered call, waiting up to 60 s for the last; pages with none by then count as failed. */
  const claimToRequest = async (callSids: string[]) => {
    const pages: (Page | null)[] = [];
    for (const sid of callSids) {
      const contact = await sys.history.getContactBySource(`voice:${sid}`);
      pages.push(contact?.pageId ? await sys.pages.get(contact.pageId) : null);
    }
    const firstOf = (page: Page | null) => (page ? Math.min(byCode.get(page.code) ?? Infinity, byPage.get(page.id) ?? Infinity) : Infinity);
    for (let i = 0; i < 600 && pages.some((p) => p && firstOf(p) === Infinity); i++) await new Promise((r) => setTimeout(r, 100));
    const ms = pages.filter((p) => firstOf(p) < Infinity).map((p) => firstOf(p) - Date.parse(p!.createdAt));
    return { ms, missing: pages.length - ms.length };
  };
  let n = 0;
  const nextFrom = () => clientPhone(++n % DIRECTORY);
  const count = BURST_RATE * BURST_SECONDS;
  const answers: Promise<Awaited<ReturnType<typeof postChecked>>>[] = [];
  const raw: Promise<number>[] = [];
  const started = performance.now();
  for (let i = 0; i < count; i++) {
    const wait = started + (i * 1_000) / BURST_RATE - performance.now();
    if (wait > 0) await new Promise((r) => setTimeout(r, wait));
    answers.push(postChecked(port, emergencyAnswer(nextFrom())));
    raw.push(rawSample(20_000 + i));
  }
  const answered = await Promise.all(answers);
  const rawMs = await Promise.all(raw);
  const burst = await claimToRequest(answered.filter((a) => a.ok).map((a) => a.callSid));
  const burstChecks = { afterhours: { checked: count, failed: answered.filter((a) => !a.ok).length + burst.missing }, baseline: { checked: count, failed: 0 } };
  const phase = 'first-page';
  const label = `${BURST_RATE}/s for ${BURST_SECONDS} s`;
  row({ phase, measure: `claim (the page stamped, just before its write) → first Twilio request to the primary (\`afterhours start\`, after ${WARM_UP} unmeasured answers), at a burst of ${label}, p50`, afterhours: median(burst.ms), baseline: median(rawMs), baselineLabel: 'raw BullMQ add → processor, same pace', unit: 'ms', goal: '≤ 5 ms', met: median(burst.ms) <= 5, checks: burstChecks });
  row({ phase, measure: `the same, p99`, afterhours: percentile(burst.ms, 99), baseline: percentile(rawMs, 99), baselineLabel: 'raw BullMQ add → processor, same pace', unit: 'ms', goal: '≤ 25 ms', met: percentile(burst.ms, 99) <= 25, checks: burstChecks });
  byCode.clear();
  byPage.clear();
  const saturated = await hammer(port, nextFrom, SECONDS, connections);
  const sat = await claimToRequest(saturated.callSids);
  const satChecks = { afterhours: { checked: saturated.requests, failed: saturated.failed + sat.missing }, baseline: null };
  row({ phase, measure: `claim → first Twilio request to the primary at saturation (${connections} connections, ${SECONDS} s, ${Math.round(saturated.rps)} answers/s), p50`, afterhours: median(sat.ms), baseline: median(burst.ms), baselineLabel: `the same at ${label}`, unit: 'ms', goal: 'informational', met: null, checks: satChecks });
  row({ phase, measure: 'the same at saturation, p99', afterhours: percentile(sat.ms, 99), baseline: percentile(burst.ms, 99), baselineLabel: `the same at ${label}`, unit: 'ms', goal: 'informational', met: null, checks: satChecks });
  standin.events.off('message', onText);
  standin.events.off('call', onCall);
  await stop(server);
  await sys.close();
}

if (!SKIP.has('ladder')) {
  const N = 40;
  log(`4. ladder lateness: a step's start after its due time (1 s timeout), against raw BullMQ delayed jobs of 1 s; both concurrency 16, added alternately every 25 ms, ${N} each, timed by BullMQ's own records`);
  const { prefix, sys } = await practice('ladder', N);
  const port = await freePort();
  const server = await spawnServer(['src/cli.ts', 'start'], envFor(port, prefix, { ACK_TIMEOUT_SECONDS: '1', ESCALATION_ROUNDS: '1' }), port);
  const benTexts = new Map<string, number>();
  const watch = (m: StandinMessage) => {
    const code = /page (\d{4})/.exec(m.body)?.[1];
    if (code && m.to === CLINICIANS.ben && !benTexts.has(code)) benTexts.set(code, Date.now());
  };
  standin.events.on('message', watch);
  let failed = 0;
  const rawIds: string[] = [];
  for (let i = 0; i < N; i++) {
    const [checked, job] = await Promise.all([postChecked(port, emergencyAnswer(clientPhone(i))), rawQueue.add('x', { i: 10_000 + i }, { delay: 1_000 })]);
    if (!checked.ok) failed += 1;
    rawIds.push(job.id!);
    await new Promise((r) => setTimeout(r, 25));
  }
  for (let i = 0; i < 100 && benTexts.size < N; i++) await new Promise((r) => setTimeout(r, 100));
  standin.events.off('message', watch);
  await stop(server);
  const lateOf = (j: Job | undefined) => (j?.processedOn ? j.processedOn - (j.timestamp + (j.opts.delay ?? 0)) : NaN);
  const steps = (await sys.queue.queue.getJobs(['completed', 'failed', 'active'])).filter((j) => j.name === 'step' && (j.data as { step: number }).step === 1);
  const stepLate = steps.map(lateOf).filter((n) => !Number.isNaN(n));
  const phoneLate: number[] = [];
  for (const j of steps) {
    const page = await sys.pages.get((j.data as { pageId: string }).pageId);
    const at = page && benTexts.get(page.code);
    if (at) phoneLate.push(at - (j.timestamp + (j.opts.delay ?? 0)));
  }
  const rawLate = (await Promise.all(rawIds.map((id) => rawQueue.getJob(id)))).map(lateOf).filter((n) => !Number.isNaN(n));
  failed += N - stepLate.length;
  const checks = { afterhours: { checked: N, failed }, baseline: { checked: N, failed: N - rawLate.length } };
  row({ phase: 'ladder', measure: 'ladder step 1 start after its due time, p50', afterhours: median(stepLate), baseline: median(rawLate), baselineLabel: 'raw BullMQ delayed job', unit: 'ms', goal: 'informational', met: null, checks });
  row({ phase: 'ladder', measure: 'ladder step 1 start after its due time, p99', afterhours: percentile(stepLate, 99), baseline: percentile(rawLate, 99), baselineLabel: 'raw BullMQ delayed job', unit: 'ms', goal: '< 250 ms', met: percentile(stepLate, 99) < 250, checks });
  row({ phase: 'ladder', measure: "backup's page text at the stand-in after the step's due time, p99 (baseline: job start, as above)", afterhours: percentile(phoneLate, 99), baseline: percentile(rawLate, 99), baselineLabel: 'raw BullMQ delayed job start', unit: 'ms', goal: 'informational', met: null, checks: { afterhours: { checked: N, failed: N - phoneLate.length }, baseline: null } });
  await sys.close();
}
await rawWorker.close();
await rawQueue.close();
rawConnection.disconnect();

// 5. Memory ---------------------------------------------------------------------------------------
let perClient = NaN;
if (!SKIP.has('memory')) {
  log('5. memory: `afterhours start` idle, and after 10,000 clients and 500 open pages; Redis per client');
  const { prefix, sys } = await practice('memory', 0);
  const port = await freePort();
  const mem = await spawnServer(['src/cli.ts', 'start'], envFor(port, prefix, { ACK_TIMEOUT_SECONDS: '3600' }), port);
  await new Promise((r) => setTimeout(r, 2_000));
  const idleRss = rssMb(mem.pid!);
  const info = async () => Number(/used_memory:(\d+)/.exec(await sys.redis.info('memory'))?.[1] ?? 0);
  const before = await info();
  await addClients(sys, 0, 10_000);
  perClient = ((await info()) - before) / 10_000;
  let failed = 0;
  for (let i = 0; i < 500; i++) if (!(await postChecked(port, emergencyAnswer(clientPhone(i)))).ok) failed += 1;
  await new Promise((r) => setTimeout(r, 3_000));
  const loadedRss = rssMb(mem.pid!);
  await stop(mem);
  row({ phase: 'memory', measure: '`afterhours start` RSS with 10,000 clients and 500 open pages', afterhours: loadedRss, baseline: idleRss, baselineLabel: '`afterhours start` idle, empty practice', unit: 'MB', goal: 'informational', met: null, checks: { afterhours: { checked: 500, failed }, baseline: null } });
  log(`  Redis memory per client: ${Math.round(perClient)} bytes`);
  await sys.close();
}

// 6. A night: time to reach a clinician ---------------------------------------------------------------
let night: Awaited<ReturnType<typeof runNight>> | null = null;
if (!SKIP.has('night')) {
  log(`6. a night: ${NIGHT_CONTACTS} contacts through the signed webhooks, a stand-in that fails some requests, a primary who misses some pages`);
  const { prefix, sys } = await practice('night', NIGHT_CONTACTS);
  night = await runNight({ prefix, sys, contacts: NIGHT_CONTACTS, envFor, clientPhone, unknownPhone, clinicians: CLINICIANS, log });
  await sys.close();
}

await Promise.all(prefixes.map((p) => deleteKeysUnder(REDIS_URL, p)));
if (existsSync(process.env.BENCH_SERVER_LOG!)) {
  const errors: Record<string, number> = {};
  for (const line of readFileSync(process.env.BENCH_SERVER_LOG!, 'utf8').split('\n')) {
    const err = /"err":\{"type":"[^"]*","message":"([^"]*)"/.exec(line)?.[1];
    if (err) errors[err] = (errors[err] ?? 0) + 1;
  }
  for (const [message, count] of Object.entries(errors)) notes.push(`server errors: "${message}" ×${count}`);
}
await standin.close();

const git = (cmd: string) => {
  try {
    return execSync(`git ${cmd}`, { stdio: ['ignore', 'pipe', 'ignore'] }).toString().trim();
  } catch {
    return '';
  }
};
mkdirSync('bench/results', { recursive: true });
const result = {
  commit: commitAtStart || null,
  dirty: git("status --porcelain -- src bench package.json ':!bench/results'") !== '',
  measuredAt: new Date().toISOString(),
  durationSeconds: Math.round((Date.now() - startedAt) / 1000),
  machine: { cpus: cpus().length, node: process.version, loadBefore, loadAfter: { uptime: uptime(), loadavg: loadavg() } },
  settings: { rounds: ROUNDS, seconds: SECONDS, connections: CONNECTIONS, directory: DIRECTORY, growth: GROWTH, nightContacts: NIGHT_CONTACTS, skipped: [...SKIP] },
  rows,
  redisBytesPerClient: Math.round(perClient),
  night,
  notes,
};
const outFile = SKIP.size ? 'bench/results/partial.json' : 'bench/results/latest.json';
writeFileSync(outFile, `${JSON.stringify(result, null, 2)}\n`);
log('');
for (const r of rows) log(`${r.measure.slice(0, 70).padEnd(70)} ${`${r.afterhours} ${r.unit}`.padStart(12)} ${`${r.baseline} ${r.unit}`.padStart(12)} ${String(r.ratio).padStart(7)}  ${r.goal}${r.met === false ? '  (NOT met)' : ''}  failed ${r.checks.afterhours.failed}/${r.checks.afterhours.checked}`);
if (night) log(JSON.stringify(night.table, null, 2));
log(`load before: ${loadBefore.uptime}\nload after:  ${result.machine.loadAfter.uptime}\nWritten to ${outFile}; npm run bench:readme puts it in the README.`);
process.exit(0);
