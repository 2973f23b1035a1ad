import { expect } from 'vitest';
import { spawn, type ChildProcess } from 'node:child_process';
import { startTwilioStandin, type TwilioStandin } from '../../src/devtools/twilio-standin.js';
import type { Page } from '../../src/paging/pages.js';
import { PHONES, seedPractice } from '../support/practice.js';
import { REDIS_URL, testSystem, type TestSystem } from '../support/system.js';
import { eventually } from '../support/twilio-api.js';
import { TWILIO_VARS } from '../support/twilio.js';
import { ledger } from './ledger.js';

/**
 * A practice under test for the fault suite: the product (web in-process), the Twilio stand-in
 * on loopback, short timeouts so ladders run out in seconds, and `afterhours worker` processes
 * that can be killed.
 */
export async function startRig(options: { vars?: Record<string, string>; redisUrl?: string } = {}) {
  const standin: TwilioStandin = await startTwilioStandin({ accountSid: TWILIO_VARS.TWILIO_ACCOUNT_SID, authToken: TWILIO_VARS.TWILIO_AUTH_TOKEN, callbacks: false });
  const vars = {
    ...TWILIO_VARS,
    TWILIO_API_BASE_URL: standin.baseUrl,
    ACK_TIMEOUT_SECONDS: '1',
    ESCALATION_ROUNDS: '1',
    RECONCILE_INTERVAL_MS: '300',
    ...(options.redisUrl ? { REDIS_URL: options.redisUrl } : {}),
    ...options.vars,
  };
  const sys: TestSystem = await testSystem({ vars });
  await seedPractice(sys);
  const children: ChildProcess[] = [];
  const pages: Page[] = [];
  const clients = ['regular', 'trusted', 'review', 'spanish'];

  return {
    sys,
    standin,
    pages,
    /** Raises `count` emergency pages, as calls from the practice's clients would. */
    async raise(count: number): Promise<void> {
      for (let i = 0; i < count; i++) {
        const client = await sys.directory.requireClient(clients[i % clients.length]!);
        const { page } = await sys.intake.settle({ source: `voice:CAfault${pages.length}`, channel: 'voice', from: client.phones[0]!, client, claim: 'emergency', crisis: false });
        pages.push(page!);
      }
    },
    /** `afterhours worker` in its own process, as an operator runs it. */
    startWorker(): ChildProcess {
      const child = spawn(process.execPath, ['--import', 'tsx', 'src/cli.ts', 'worker'], {
        env: { ...process.env, ...vars, REDIS_URL: options.redisUrl ?? REDIS_URL, REDIS_PREFIX: sys.keys.prefix, PUBLIC_BASE_URL: 'https://afterhours.test', LOG_LEVEL: 'silent', PRACTICE_NAME: 'Riverside Psychiatry' },
        stdio: 'ignore',
      });
      children.push(child);
      return child;
    },
    killHard(child: ChildProcess): Promise<void> {
      return new Promise((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill('SIGKILL');
      });
    },
    /** Waits until every page is taken or has run out, then counts what was lost and sent twice. */
    async settle(timeoutMs = 60_000) {
      await eventually(async () => {
        for (const page of pages) expect(['acknowledged', 'exhausted']).toContain((await sys.pages.require(page.id)).status);
      }, timeoutMs);
      await new Promise((r) => setTimeout(r, 500)); // the last alerts of an exhausted ladder
      const latest = await Promise.all(pages.map((p) => sys.pages.require(p.id)));
      return ledger(latest, standin, PHONES.lead);
    },
    async close() {
      for (const child of children) child.kill('SIGKILL');
      await sys.teardown();
      await standin.close();
    },
  };
}

export type Rig = Awaited<ReturnType<typeof startRig>>;
