import { spawn, type ChildProcess } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from '../../src/paging/pages.js';
import { startTwilioStandin, type TwilioStandin } from '../../src/devtools/twilio-standin.js';
import { PHONES, seedPractice } from '../support/practice.js';
import { REDIS_URL, testSystem, type TestSystem } from '../support/system.js';
import { eventually } from '../support/twilio-api.js';
import { TWILIO_VARS } from '../support/twilio.js';

let standin: TwilioStandin;
let sys: TestSystem;
const children: ChildProcess[] = [];

const vars = () => ({ ...TWILIO_VARS, TWILIO_API_BASE_URL: standin.baseUrl, ACK_TIMEOUT_SECONDS: '1', ESCALATION_ROUNDS: '1', RECONCILE_INTERVAL_MS: '300' });

/** `afterhours worker` in a process of its own, as an operator runs it. */
function startWorker(): ChildProcess {
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/cli.ts', 'worker'], {
    env: { ...process.env, ...vars(), REDIS_URL, REDIS_PREFIX: sys.keys.prefix, PUBLIC_BASE_URL: 'https://afterhours.test', LOG_LEVEL: 'silent', PRACTICE_NAME: 'Riverside Psychiatry' },
    stdio: 'ignore',
  });
  children.push(child);
  return child;
}

function killHard(child: ChildProcess): Promise<void> {
  return new Promise((resolve) => {
    child.once('exit', () => resolve());
    child.kill('SIGKILL');
  });
}

beforeAll(async () => {
  standin = await startTwilioStandin({ accountSid: TWILIO_VARS.TWILIO_ACCOUNT_SID, authToken: TWILIO_VARS.TWILIO_AUTH_TOKEN, callbacks: false });
  sys = await testSystem({ vars: vars() });
  await seedPractice(sys);
});

afterAll(async () => {
  for (const child of children) child.kill('SIGKILL');
  await sys.teardown();
  await standin.close();
});

describe('invariant 6: a killed worker loses no page', () => {
  it('invariant 6: when the worker is killed with SIGKILL again and again mid-ladder, then every page still reaches the lead and no step is sent twice', async () => {
    const client = await sys.directory.requireClient('regular');
    const pages: Page[] = [];
    for (let i = 0; i < 5; i++) {
      const { page } = await sys.intake.settle({ source: `voice:CAkill${i}`, channel: 'voice', from: PHONES.regular, client, claim: 'emergency', crisis: false });
      pages.push(page!);
    }

    for (let round = 0; round < 4; round++) {
      const worker = startWorker();
      await new Promise((r) => setTimeout(r, 400 + Math.floor(Math.random() * 900)));
      await killHard(worker);
    }
    const survivor = startWorker();

    await eventually(async () => {
      for (const page of pages) expect((await sys.pages.require(page.id)).status).toBe('exhausted');
    }, 30_000);
    survivor.kill('SIGTERM');

    // Every send is claimed in its step record before it is made, so the stand-in can have
    // received at most one text or call per step record: each recorded SID exactly once, and
    // beyond those only sends whose worker died before it could write the SID down.
    const entries = (await Promise.all(pages.map(async (p) => (await sys.pages.require(p.id)).steps))).flat();
    const received = [...standin.messages, ...standin.calls].map((s) => s.sid);
    for (const entry of entries.filter((e) => e.sid)) expect(received.filter((sid) => sid === entry.sid)).toHaveLength(1);
    const orphans = received.filter((sid) => !entries.some((e) => e.sid === sid));
    expect(orphans.length).toBeLessThanOrEqual(entries.filter((e) => e.delivery === 'sending').length);
    expect(received.length).toBeLessThanOrEqual(entries.length);
    for (const page of pages) {
      // the lead is reached by its own tier or by the exhausted-ladder alert, by text or by call
      const reachedLead =
        standin.messages.some((m) => m.to === PHONES.lead && m.body.includes(page.code)) ||
        standin.calls.some((c) => c.to === PHONES.lead && c.url.includes(page.id));
      expect(reachedLead).toBe(true);
    }
  }, 60_000);
});
