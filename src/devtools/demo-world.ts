import { randomBytes } from 'node:crypto';
import { createServer } from 'node:net';
import type { AddressInfo } from 'node:net';
import { DateTime } from 'luxon';
import { loadConfig, type Config } from '../config.js';
import { importPractice } from '../import/practice.js';
import { createLogger } from '../log.js';
import { createSystem, type System } from '../main.js';
import type { Page } from '../paging/pages.js';
import { deleteKeysUnder, redisAnswers } from '../store/redis.js';
import { createCallDriver, scripted, type Caller, type CallEvent } from './call-driver.js';
import { DEMO_HISTORY, DEMO_PEOPLE, demoPractice } from './demo-practice.js';
import { startTwilioStandin, type StandinCall, type StandinMessage, type TwilioStandin } from './twilio-standin.js';

/** What a clinician's phone does with what the practice sends it. */
export interface PhonePolicy {
  texts: 'read' | { reply: string; afterMs: number };
  calls: 'no-answer' | 'voicemail' | { answer: Caller };
}

export class NoRedisError extends Error {
  constructor(url: string) {
    super(`No Redis answers at ${url}.\nStart one with:  docker compose up -d redis   (or: redis-server --appendonly yes)\nthen run the demo again.`);
  }
}

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

/**
 * The whole product on this machine with no Twilio account: the real web and worker against
 * Redis under a demo prefix, a local Twilio stand-in on loopback, the call driver for callers,
 * and clinicians' phones that answer as each scene says. Time runs from 2 a.m. in the practice's
 * zone; the acknowledgement timeout is a few seconds so a ladder climbs while you watch.
 */
export async function createDemoWorld(options: { base: Config; print: (line: string) => void; ackTimeoutSeconds?: number }) {
  const { base, print } = options;
  if (!(await redisAnswers(base.redisUrl))) throw new NoRedisError(base.redisUrl);

  const accountSid = `AC${randomBytes(16).toString('hex')}`;
  const authToken = randomBytes(16).toString('hex');
  const standin = await startTwilioStandin({ accountSid, authToken });
  const port = await freePort();
  const productBaseUrl = `http://127.0.0.1:${port}`;
  const practiceNumber = '+16175550100';
  const config = loadConfig({
    PORT: String(port),
    PUBLIC_BASE_URL: productBaseUrl,
    REDIS_URL: base.redisUrl,
    REDIS_PREFIX: `${base.redisPrefix}-demo-${randomBytes(4).toString('hex')}`,
    TWILIO_ACCOUNT_SID: accountSid,
    TWILIO_AUTH_TOKEN: authToken,
    TWILIO_PHONE_NUMBER: practiceNumber,
    TWILIO_API_BASE_URL: standin.baseUrl,
    ADMIN_TOKEN: randomBytes(16).toString('hex'),
    PRACTICE_NAME: base.practiceName === 'our practice' ? 'Riverside Psychiatry' : base.practiceName,
    PRACTICE_TIMEZONE: base.timezone,
    ACK_TIMEOUT_SECONDS: String(options.ackTimeoutSeconds ?? 4),
    ESCALATION_ROUNDS: '2',
    // A phone of its own: the fallback number may be nobody's directory number (a 400 in the API and import).
    FALLBACK_ONCALL_PHONE: '+16175550110',
    RECONCILE_INTERVAL_MS: '1000',
    LOG_LEVEL: 'silent',
  });

  // The demo's clock: real time, moved so the night starts at 2:00 a.m. in the practice's zone.
  const start = DateTime.now().setZone(config.timezone).startOf('day').set({ hour: 2 });
  let offset = start.toMillis() - Date.now();
  const now = () => new Date(Date.now() + offset);
  const clock = () => DateTime.fromJSDate(now(), { zone: config.timezone }).toFormat('hh:mm:ss a');
  const say = (who: string, what: string) => print(`${clock()}  ${who.padEnd(14)} ${what}`);

  const system: System = createSystem({ config, log: createLogger({ level: 'silent' }), now });
  await system.connect();
  await system.listen(port);
  system.startWorkers();
  await importPractice({ redis: system.redis, keys: system.keys, schemas: system.schemas, now }, demoPractice(start.minus({ days: 1 }).set({ hour: 8 }).toFormat("yyyy-MM-dd'T'HH:mm")));
  for (const past of DEMO_HISTORY) {
    const client = await system.directory.requireClient(past.clientId);
    const { contact } = await system.history.recordContact({ clientId: client.id, channel: 'voice', claimedUrgency: 'emergency', crisis: false, from: client.phones[0]!, source: `demo:${past.daysAgo}:${client.id}`, at: new Date(now().getTime() - past.daysAgo * 86_400_000) });
    await system.history.setDisposition(contact.id, { disposition: 'warranted', by: 'ana', at: now() });
  }

  const driver = createCallDriver({ accountSid, authToken, standinBaseUrl: standin.baseUrl });
  const nameOf = (phone: string) => Object.values(DEMO_PEOPLE).find((p) => p.phone === phone)?.short ?? phone;
  const policies = new Map<string, PhonePolicy>();
  const pending = new Set<Promise<unknown>>();
  const track = (work: Promise<unknown>) => {
    pending.add(work);
    void work.finally(() => pending.delete(work));
  };

  function describeEvent(who: string, event: CallEvent): void {
    switch (event.kind) {
      case 'hears':
        return say(who, `hears: "${event.text}"`);
      case 'plays':
        return say(who, 'hears the client\'s recording');
      case 'does': {
        const a = event.action;
        return say(who, 'digits' in a ? `presses ${a.digits}` : 'speech' in a ? `says: "${a.speech}"` : 'record' in a ? `records: "${a.record}"` : 'hangup' in a ? 'hangs up' : '(stays silent)');
      }
      case 'dials':
        return say(who, `is connected to ${nameOf(event.number)}, both seeing only the practice number ${event.callerId ?? ''}`.trim());
      case 'texted':
        return say(who, `gets a text: "${event.text}"`);
      case 'ended':
        return say(who, event.by === 'caller' ? 'hangs up' : 'the call ends');
    }
  }

  standin.events.on('message', (message: StandinMessage) => {
    say(nameOf(message.to), `gets a text: "${message.body}"`);
    const policy = policies.get(message.to);
    if (policy && typeof policy.texts === 'object') {
      const { reply, afterMs } = policy.texts;
      track(
        new Promise((r) => setTimeout(r, afterMs)).then(async () => {
          say(nameOf(message.to), `texts back: "${reply}"`);
          for (const answer of await driver.text({ productBaseUrl, from: message.to, to: practiceNumber, body: reply })) say(nameOf(message.to), `gets a text: "${answer}"`);
        }),
      );
    }
  });

  standin.events.on('call', (call: StandinCall) => {
    const policy = policies.get(call.to);
    const who = nameOf(call.to);
    if (!policy || policy.calls === 'no-answer') {
      say(who, 'phone rings; nobody answers');
      track(driver.noAnswer({ callSid: call.sid, from: call.from, to: call.to, statusCallback: call.statusCallback }));
      return;
    }
    const answeredBy = policy.calls === 'voicemail' ? 'machine_end_beep' : 'human';
    say(who, answeredBy === 'human' ? 'phone rings and is answered' : 'phone rings; voicemail picks up');
    const caller = policy.calls === 'voicemail' ? scripted() : policy.calls.answer;
    track(driver.answer({ callSid: call.sid, from: call.from, to: call.to, url: call.url, statusCallback: call.statusCallback, answeredBy, caller, onEvent: (e) => describeEvent(who, e) }));
  });

  return {
    config,
    system,
    standin: standin as TwilioStandin,
    driver,
    productBaseUrl,
    practiceNumber,
    now,
    say,
    /** Moves the demo's clock on (between scenes, with no page left open). */
    advance(minutes: number) {
      offset += minutes * 60_000;
    },
    /** How a clinician's phone behaves from now on. */
    phone(clinician: keyof typeof DEMO_PEOPLE, policy: PhonePolicy) {
      policies.set(DEMO_PEOPLE[clinician].phone, policy);
    },
    /** Every phone back to reading its texts and letting calls ring out. */
    resetPhones() {
      policies.clear();
    },
    async call(person: keyof typeof DEMO_PEOPLE, caller: Caller): Promise<string> {
      const who = DEMO_PEOPLE[person];
      say(who.short, 'calls the practice number');
      return driver.callIn({ productBaseUrl, from: who.phone, to: practiceNumber, caller, onEvent: (e) => describeEvent(who.short, e) });
    },
    async text(person: keyof typeof DEMO_PEOPLE, body: string): Promise<string[]> {
      const who = DEMO_PEOPLE[person];
      say(who.short, `texts: "${body}"`);
      const replies = await driver.text({ productBaseUrl, from: who.phone, to: practiceNumber, body });
      for (const reply of replies) say(who.short, `gets a text: "${reply}"`);
      return replies;
    },
    /** Waits for a page to be taken (or for the time to run out) and says how it went. */
    async waitForPage(find: () => Promise<Page | null>, until: (page: Page) => boolean, timeoutMs = 30_000): Promise<Page> {
      const started = Date.now();
      for (;;) {
        const page = await find();
        if (page && until(page)) {
          await Promise.all([...pending]);
          return page;
        }
        if (Date.now() - started > timeoutMs) throw new Error('the page did not get there in time');
        await new Promise((r) => setTimeout(r, 50));
      }
    },
    async settle(): Promise<void> {
      await new Promise((r) => setTimeout(r, 300));
      await Promise.all([...pending]);
    },
    async close() {
      policies.clear();
      await Promise.allSettled([...pending]);
      await system.close();
      await standin.close();
      await deleteKeysUnder(config.redisUrl, config.redisPrefix);
    },
  };
}

export type DemoWorld = Awaited<ReturnType<typeof createDemoWorld>>;
