import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
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

/** Starts a server script in a child process and waits until it answers on its port. */
export async function spawnServer(args: string[], env: Record<string, string>, port: number, readyPath = '/healthz'): Promise<ChildProcess> {
  const child = spawn(process.execPath, ['--import', 'tsx', ...args], { env: { ...process.env, ...env }, stdio: ['ignore', 'ignore', 'inherit'] });
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
/** A new call's urgency answer: "1" from `from`, with a CallSid never seen before. */
export function emergencyAnswer(from: string): { path: string; body: string; signature: string } {
  callSeq += 1;
  const path = '/twilio/voice/answer?attempt=1&lang=en';
  const params = { CallSid: `CA${String(callSeq).padStart(8, '0')}${randomBytes(12).toString('hex')}`, From: from, To: '+16175550100', AccountSid: ACCOUNT_SID, Digits: '1' };
  return { path, ...signed(path, params) };
}

export async function postAnswer(port: number, answer: { path: string; body: string; signature: string }): Promise<number> {
  const started = performance.now();
  const res = await fetch(`http://127.0.0.1:${port}${answer.path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded', 'x-twilio-signature': answer.signature },
    body: answer.body,
  });
  await res.text();
  if (res.status !== 200) throw new Error(`answer webhook returned ${res.status}`);
  return performance.now() - started;
}

/** Autocannon at `connections`, each request a new signed emergency answer. */
export async function hammer(port: number, from: string, seconds: number, connections: number): Promise<{ rps: number; p99: number; errors: number; non2xx: number }> {
  const result = await autocannon({
    url: `http://127.0.0.1:${port}`,
    connections,
    duration: seconds,
    requests: [
      {
        method: 'POST',
        setupRequest: (request) => {
          const answer = emergencyAnswer(from);
          return { ...request, path: answer.path, body: answer.body, headers: { 'content-type': 'application/x-www-form-urlencoded', 'x-twilio-signature': answer.signature } };
        },
      },
    ],
  });
  return { rps: result.requests.average, p99: result.latency.p99, errors: result.errors + result.timeouts, non2xx: result.non2xx };
}
