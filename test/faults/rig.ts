import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { openSync } from 'node:fs';
import { startTwilioStandin, type StandinCall, type StandinMessage, type StandinRequest, type TwilioStandin } from '../../src/devtools/twilio-standin.js';
import { ladderOf as tiersOf } from '../../src/oncall/schedule.js';
import type { Page } from '../../src/paging/pages.js';
import { PHONES, seedPractice } from '../support/practice.js';
import type { System } from '../../src/main.js';
import { REDIS_URL, testSystem, type TestSystem } from '../support/system.js';
import { signedPost, TWILIO_VARS } from '../support/twilio.js';
import { checkLadders, type LadderReport, type LadderShape, type RaisedPage } from './observe.js';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** The ladder a system pages now: its tiers' phones, its rounds, its lead. */
export async function ladderShape(sys: System): Promise<LadderShape> {
  const onCall = await sys.oncall.onCallAt(new Date());
  if (!onCall) throw new Error('the practice has no one on call');
  return {
    tiers: await Promise.all(tiersOf(onCall).map(async (t) => ({ tier: t.tier, clinicianId: t.clinicianId, phone: (await sys.directory.getClinician(t.clinicianId))!.phone }))),
    rounds: sys.config.escalationRounds,
    leadPhone: PHONES.lead,
  };
}

/** Pages made by webhooks, as the checker needs them: read now, while their records are whole. */
export async function asRaised(sys: System, ids: string[]): Promise<RaisedPage[]> {
  return Promise.all(
    ids.map(async (id) => {
      const page = await sys.pages.require(id);
      const contact = await sys.history.getContact(page.contactId);
      return { id, code: page.code, priority: page.priority, clientPhone: contact?.from.startsWith('+') ? contact.from : null };
    }),
  );
}

/** Every ladder of these pages against what the stand-in received. */
export async function checkSystem(sys: System, standin: TwilioStandin, raised: RaisedPage[]): Promise<LadderReport> {
  const pages = (await Promise.all(raised.map((r) => sys.pages.get(r.id)))).filter((p): p is Page => p !== null);
  const optedOut = new Set<string>();
  for (const r of raised) if (r.clientPhone && (await sys.optOuts.has(r.clientPhone))) optedOut.add(r.clientPhone);
  // A send recorded on a page outside this check is that page's: an earlier row's ladder whose last
  // text (its client's 911 / 988, with no code in it) reached the stand-in late must not be taken
  // for one of these pages because the same client called again.
  const checked = new Set(raised.map((r) => r.id));
  const others = new Set((await sys.pages.list(undefined, 1_000)).filter((p) => !checked.has(p.id)).flatMap((p) => p.steps.map((s) => s.sid)).filter(Boolean));
  const requests = standin.requests.filter((q) => !q.sid || !others.has(q.sid));
  return checkLadders({ raised, pages, requests, shape: await ladderShape(sys), optedOut });
}

/** A take the rig plays from a clinician's phone: reply `1 CODE` to the nth page text (or the alert) this phone gets for a page. */
export interface TakePlan {
  phone: string;
  nth: number;
  /** Take from the exhaustion alert instead of a tier's page text. */
  alert?: boolean;
}

/**
 * A practice under test for the fault suite: the product (web in-process), the Twilio stand-in
 * on loopback, short timeouts so ladders run out in seconds, `afterhours worker` processes that
 * can be killed, and a check of every ladder against what the stand-in received.
 */
export async function startRig(options: { vars?: Record<string, string>; redisUrl?: string; workerRedisUrl?: string } = {}) {
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
  const raised: RaisedPage[] = [];
  const pages: Page[] = [];
  const clients = ['regular', 'trusted', 'review', 'spanish'];
  const takes = new Map<string, TakePlan>();
  const seen = new Map<string, number>();
  const takeErrors: string[] = [];

  const shape = await ladderShape(sys);

  // The clinicians' phones: take a page as planned, by texting 1 and its code back or pressing 1 on the page call.
  let takesSent = 0;
  const tookBy = (pageId: string, what: Promise<{ status: number; text: string }>, expect: RegExp) =>
    what
      .then((res) => {
        if (res.status !== 200 || !expect.test(res.text)) takeErrors.push(`take of ${pageId}: ${res.status} ${res.text.slice(0, 160)}`);
      })
      .catch((error: unknown) => takeErrors.push(`take of ${pageId}: ${String(error)}`));
  function paged(phone: string, text: string | null, callUrl: string | null): void {
    const code = text ? /^afterhours (?:[A-Z]+ page|ALERT: \w+ page) (\d{4})/.exec(text)?.[1] : undefined;
    const pageId = callUrl ? /\/twilio\/page\/voice\?pageId=([^&]+)/.exec(callUrl)?.[1] : undefined;
    const page = raised.find((r) => (code && r.code === code) || (pageId && r.id === pageId));
    const plan = page && takes.get(page.id);
    if (!page || !plan || plan.phone !== phone) return;
    const step = callUrl ? Number(/step=(-?\d+)/.exec(callUrl)?.[1]) : null;
    const isAlert = text ? text.startsWith('afterhours ALERT') : step === -1;
    if (Boolean(plan.alert) !== isAlert) return;
    if (!plan.alert) {
      // the nth round this phone is paged in: a call says its step; texts are counted
      const count = text ? (seen.get(page.id) ?? 0) + 1 : Math.floor(step! / shape.tiers.length) + 1;
      if (text) seen.set(page.id, count);
      if (count !== plan.nth) return;
    }
    takes.delete(page.id);
    takesSent += 1;
    if (text) {
      tookBy(page.id, signedPost(sys.app, '/twilio/sms', { MessageSid: `SM${randomBytes(16).toString('hex')}`, From: phone, To: TWILIO_VARS.TWILIO_PHONE_NUMBER, Body: `1 ${page.code}` }), /is yours/);
    } else {
      const clinicianId = /clinicianId=([^&]+)/.exec(callUrl!)?.[1] ?? '';
      const callSid = `CA${randomBytes(16).toString('hex')}`;
      tookBy(page.id, signedPost(sys.app, `/twilio/page/key?pageId=${page.id}&clinicianId=${clinicianId}`, { CallSid: callSid, Digits: '1', To: phone, From: TWILIO_VARS.TWILIO_PHONE_NUMBER }), /You have taken page/);
    }
  }
  standin.events.on('message', (message: StandinMessage) => paged(message.to, message.body, null));
  standin.events.on('call', (call: StandinCall) => paged(call.to, null, call.url));

  async function pageStates(): Promise<(Page | null)[]> {
    return Promise.all(raised.map((r) => sys.pages.get(r.id).catch(() => null)));
  }

  /** Nothing left to do: no page waiting to start, no job running or waiting, and no escalation step still to come. */
  async function drained(): Promise<boolean> {
    if ((await sys.redis.llen(sys.keys.pagesToStart)) > 0) return false;
    const counts = await sys.queue.queue.getJobCounts('active', 'waiting', 'prioritized');
    if (Object.values(counts).some((n) => n > 0)) return false;
    const delayed = await sys.queue.queue.getDelayed();
    return !delayed.some((job) => job.name === 'step' || job.name === 'ack-notices');
  }

  /** Which raised ladder a request pages for: a tier's text or call, or the lead's alert (not notices, not the client's text); -1 for none. */
  function ladderOf(request: StandinRequest): number {
    const code = /^afterhours (?:[A-Z]+ page|ALERT: \w+ page) (\d{4})/.exec(request.body)?.[1];
    const pageId = /\/twilio\/page\/voice\?pageId=([^&]+)/.exec(request.url)?.[1];
    if (!code && !pageId) return -1;
    return raised.findIndex((r) => r.code === code || r.id === pageId);
  }

  const rig = {
    sys,
    ladderOf,
    /** How many texts and calls of its ladder the stand-in had received up to and including this one. */
    nthOf(request: StandinRequest): number {
      const ladder = ladderOf(request);
      return standin.requests.filter((q) => q.seq <= request.seq && ladderOf(q) === ladder).length;
    },
    standin,
    shape,
    raised,
    /** The pages as raised (kept for the unit kill test). */
    pages,
    takeErrors,
    /** How many takes the clinicians' phones sent. */
    takesSent: () => takesSent,
    /** Raises `count` emergency pages, as calls from the practice's clients would. */
    async raise(count: number): Promise<RaisedPage[]> {
      const added: RaisedPage[] = [];
      for (let i = 0; i < count; i++) {
        const client = await sys.directory.requireClient(clients[raised.length % clients.length]!);
        const { page } = await sys.intake.settle({ source: `voice:CAfault${raised.length}`, channel: 'voice', from: client.phones[0]!, client, claim: 'emergency', crisis: false });
        const entry = { id: page!.id, code: page!.code, priority: page!.priority, clientPhone: client.phones[0]! };
        raised.push(entry);
        pages.push(page!);
        added.push(entry);
      }
      return added;
    },
    /** Checks pages the rig did not raise itself (made by webhooks), as they are now. */
    async track(ids: string[]): Promise<void> {
      raised.push(...(await asRaised(sys, ids.filter((id) => !raised.some((r) => r.id === id)))));
    },
    /** Plans a take of a page from a clinician's phone. */
    take(pageId: string, plan: TakePlan): void {
      takes.set(pageId, plan);
    },
    /** `afterhours worker` in its own process, as an operator runs it. */
    startWorker(): ChildProcess {
      // FAULTS_WORKER_LOG=<file> keeps the workers' logs, to see what a run did.
      const logTo = process.env.FAULTS_WORKER_LOG ? openSync(process.env.FAULTS_WORKER_LOG, 'a') : 'ignore';
      const child = spawn(process.execPath, ['--import', 'tsx', 'src/cli.ts', 'worker'], {
        env: { ...process.env, ...vars, REDIS_URL: options.workerRedisUrl ?? options.redisUrl ?? REDIS_URL, REDIS_PREFIX: sys.keys.prefix, PUBLIC_BASE_URL: 'https://afterhours.test', LOG_LEVEL: logTo === 'ignore' ? 'silent' : 'info', PRACTICE_NAME: 'Riverside Psychiatry' },
        stdio: ['ignore', logTo, logTo],
      });
      children.push(child);
      return child;
    },
    /** SIGKILL, and wait until the process is gone. */
    killHard(child: ChildProcess): Promise<void> {
      return new Promise((resolve) => {
        if (child.exitCode !== null || child.signalCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill('SIGKILL');
      });
    },
    /** Waits until every page is taken or has run out and nothing is left to run; false when time ran out first. */
    async waitSettled(timeoutMs = 60_000): Promise<boolean> {
      const deadline = Date.now() + timeoutMs;
      while (Date.now() < deadline) {
        const states = await pageStates();
        // a page whose record is gone (a Redis that lost it) has nothing left to run: the checker counts it as lost
        const ended = states.every((p) => p === null || p.status !== 'open');
        if (ended && (await drained().catch(() => false))) {
          await sleep(500); // the last answers and notices on the wire
          return true;
        }
        await sleep(250);
      }
      return false;
    },
    /** Every ladder against what the phones received. */
    async check(ids?: string[]): Promise<LadderReport> {
      return checkSystem(sys, standin, ids ? raised.filter((r) => ids.includes(r.id)) : raised);
    },
    /** Waits, then counts pages lost and sent twice (the unit kill test's question). */
    async settle(timeoutMs = 60_000): Promise<{ lost: number; duplicates: number }> {
      await rig.waitSettled(timeoutMs);
      const report = await rig.check();
      return { lost: report.lost, duplicates: report.duplicates + report.afterTake };
    },
    async close() {
      standin.cancelHolds();
      for (const child of children) child.kill('SIGKILL');
      await sys.teardown();
      await standin.close();
    },
  };
  return rig;
}

export type Rig = Awaited<ReturnType<typeof startRig>>;
