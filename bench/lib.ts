import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { openSync, readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import type { AddressInfo } from 'node:net';
import autocannon from 'autocannon';
import twilio from 'twilio';

export const AUTH_TOKEN = randomBytes(16).toString('hex');
export const ACCOUNT_SID = `AC${randomBytes(16).toString('hex')}`;
export const PUBLIC_BASE_URL = 'https://afterhours.bench';

export function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? NaN;
}

export function median(values: number[]): number {
  return percentile(values, 50);
}

export async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

/** Resident set size of a process, from /proc (kilobytes → megabytes). */
export function rssMb(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  return Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? NaN) / 1024;
}

/**
 * CPU time a process has used so far (user + system, from /proc, in ms). Unlike throughput, it
 * does not depend on how much of the shared machine other work takes while it runs.
 */
export function cpuMs(pid: number): number {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').replace(/^.*\) /, '').split(' ');
  // utime and stime are fields 14 and 15 of stat (12 and 13 after the name), in clock ticks of 10 ms.
  return (Number(fields[11]) + Number(fields[12])) * 10;
}

/** Starts a server script in a child process and waits until it answers on its port. */
export async function spawnServer(args: string[], env: Record<string, string>, port: number, readyPath = '/healthz', nodeArgs: string[] = []): Promise<ChildProcess> {
  // BENCH_SERVER_LOG=<file> keeps the servers' logs (LOG_LEVEL error: the failures), to see what a run did.
  const logTo = process.env.BENCH_SERVER_LOG ? openSync(process.env.BENCH_SERVER_LOG, 'a') : 'ignore';
  const child = spawn(process.execPath, [...nodeArgs, '--import', 'tsx', ...args], { env: { ...process.env, ...env }, stdio: ['ignore', logTo, 'inherit'] });
  for (let i = 0; i < 200; i++) {
    try {
      const res = await fetch(`http://127.0.0.1:${port}${readyPath}`, { method: readyPath === '/healthz' ? 'GET' : 'POST' });
      if (res.status < 500) return child;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  child.kill('SIGKILL');
  throw new Error(`server ${args.join(' ')} did not start`);
}

export function stop(child: ChildProcess): Promise<void> {
  return new Promise((resolve) => {
    if (child.exitCode !== null) return resolve();
    child.once('exit', () => resolve());
    child.kill('SIGTERM');
    setTimeout(() => child.kill('SIGKILL'), 5_000).unref();
  });
}

/** A form body Twilio would post, and its signature for the URL it is posted to. */
export function signed(path: string, params: Record<string, string>): { body: string; signature: string } {
  return { body: new URLSearchParams(params).toString(), signature: twilio.getExpectedTwilioSignature(AUTH_TOKEN, `${PUBLIC_BASE_URL}${path}`, params) };
}

let callSeq = 0;
/** A new CallSid, never seen before. */
export function newCallSid(): string {
  callSeq += 1;
  return `CA${String(callSeq).padStart(8, '0')}${randomBytes(12).toString('hex')}`;
}

/** A new call's urgency answer: "1" from `from`, with a CallSid never seen before. */
export function emergencyAnswer(from: string, callSid = newCallSid()): { path: string; body: string; signature: string; callSid: string } {
  const path = '/twilio/voice/answer?attempt=1&lang=en';
  const params = { CallSid: callSid, From: from, To: '+16175550100', AccountSid: ACCOUNT_SID, Digits: '1' };
  return { path, callSid, ...signed(path, params) };
}

/** What the urgency answer says once a page is queued; the safety fallback (Redis slow or down) says something else. */
export const PAGED_TWIML = /^<\?xml[^>]*\?><Response>.*We are paging the on-call psychiatrist now\..*<\/Response>$/s;
/** What the bare Express baseline answers. */
export const BARE_TWIML = /^<\?xml[^>]*\?><Response>.*<\/Response>$/s;

export interface Checked {
  ms: number;
  status: number;
  ok: boolean;
  callSid: string;
}

/** Posts an answer and checks it: status 200 and the TwiML expected (`expect`). */
export async function postChecked(port: number, answer: { path: string; body: string; signature: string; callSid: string }, expect = PAGED_TWIML): Promise<Checked> {
  const started = performance.now();
  try {
    const res = await fetch(`http://127.0.0.1:${port}${answer.path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', 'x-twilio-signature': answer.signature },
      body: answer.body,
    });
    const text = await res.text();
    return { ms: performance.now() - started, status: res.status, ok: res.status === 200 && expect.test(text), callSid: answer.callSid };
  } catch {
    return { ms: performance.now() - started, status: 0, ok: false, callSid: answer.callSid };
  }
}

/** Posts an answer; its time in ms (throws on a status other than 200). */
export async function postAnswer(port: number, answer: { path: string; body: string; signature: string; callSid: string }): Promise<number> {
  const checked = await postChecked(port, answer, BARE_TWIML);
  if (checked.status !== 200) throw new Error(`answer webhook returned ${checked.status}`);
  return checked.ms;
}

export interface HammerResult {
  rps: number;
  p99: number;
  /** Requests answered (any status). */
  requests: number;
  /** Connection errors, timeouts, non-200 answers and answers whose TwiML was not the expected one. */
  failed: number;
  /** The CallSids answered with the expected TwiML: their pages are checked afterwards. */
  callSids: string[];
  /** Failures by kind: `status <n>`, `other TwiML`, `errors`, `timeouts`. */
  failures: Record<string, number>;
  /** The first answer of each kind of failure, cut short. */
  samples: Record<string, string>;
}

/** Autocannon at `connections`, each request a new signed emergency answer from `nextFrom()`, every answer checked. */
export async function hammer(port: number, nextFrom: () => string, seconds: number, connections: number, expect = PAGED_TWIML): Promise<HammerResult> {
  let bad = 0;
  const callSids: string[] = [];
  const failures: Record<string, number> = {};
  const samples: Record<string, string> = {};
  const result = await autocannon({
    url: `http://127.0.0.1:${port}`,
    connections,
    duration: seconds,
    requests: [
      {
        method: 'POST',
        setupRequest: (request, context) => {
          const answer = emergencyAnswer(nextFrom());
          (context as { callSid?: string }).callSid = answer.callSid;
          return { ...request, path: answer.path, body: answer.body, headers: { 'content-type': 'application/x-www-form-urlencoded', 'x-twilio-signature': answer.signature } };
        },
        onResponse: (status, body, context) => {
          if (status === 200 && expect.test(body)) callSids.push((context as { callSid: string }).callSid);
          else {
            bad += 1;
            const kind = status === 200 ? 'other TwiML' : `status ${status}`;
            failures[kind] = (failures[kind] ?? 0) + 1;
            samples[kind] ??= String(body).slice(0, 300);
          }
        },
      },
    ],
  });
  if (result.errors) failures.errors = result.errors;
  if (result.timeouts) failures.timeouts = result.timeouts;
  return { rps: result.requests.average, p99: result.latency.p99, requests: result.requests.total, failed: bad + result.errors + result.timeouts, callSids, failures, samples };
}
