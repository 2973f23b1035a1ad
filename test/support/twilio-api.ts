import { randomBytes } from 'node:crypto';
import nock from 'nock';
import { TWILIO_VARS } from './twilio.js';

export interface SentMessage {
  sid: string;
  To: string;
  From: string;
  Body: string;
  StatusCallback?: string;
}

export interface PlacedCall {
  sid: string;
  To: string;
  From: string;
  Url: string;
  StatusCallback?: string;
  MachineDetection?: string;
}

type Failure = { status: number; code: number; message: string };

/**
 * A JSON reply with an explicit Content-Length: nock 14 otherwise leaves a kept-alive response
 * unterminated (nock/nock#3001), and the twilio client keeps connections alive.
 */
function json(status: number, body: object): [number, string, Record<string, string>] {
  const text = JSON.stringify(body);
  return [status, text, { 'Content-Type': 'application/json', 'Content-Length': String(Buffer.byteLength(text)) }];
}

/**
 * The Twilio REST API, intercepted with nock (the network is disabled in every test): records
 * every message and call the product asks for and answers as Twilio would, or fails on demand.
 */
export function fakeTwilioApi(base = 'https://api.twilio.com') {
  const messages: SentMessage[] = [];
  const calls: PlacedCall[] = [];
  const failures: { to?: string; kind: 'Messages' | 'Calls'; failure: Failure; times: number }[] = [];
  const account = `/2010-04-01/Accounts/${TWILIO_VARS.TWILIO_ACCOUNT_SID}`;

  function failureFor(kind: 'Messages' | 'Calls', to: string): Failure | null {
    const match = failures.find((f) => f.kind === kind && (!f.to || f.to === to) && f.times > 0);
    if (!match) return null;
    match.times -= 1;
    return match.failure;
  }

  const scope = nock(base)
    .persist()
    .post(`${account}/Messages.json`)
    .reply((_uri, body) => {
      const params = Object.fromEntries(new URLSearchParams(String(body))) as Record<string, string>;
      const failure = failureFor('Messages', params.To!);
      if (failure) return json(failure.status, { code: failure.code, message: failure.message, status: failure.status, more_info: '' });
      const sid = `SM${randomBytes(16).toString('hex')}`;
      messages.push({ sid, ...(params as Omit<SentMessage, 'sid'>) });
      return json(201, { sid, status: 'queued', to: params.To, from: params.From, body: params.Body, account_sid: TWILIO_VARS.TWILIO_ACCOUNT_SID });
    })
    .post(`${account}/Calls.json`)
    .reply((_uri, body) => {
      const params = Object.fromEntries(new URLSearchParams(String(body))) as Record<string, string>;
      const failure = failureFor('Calls', params.To!);
      if (failure) return json(failure.status, { code: failure.code, message: failure.message, status: failure.status, more_info: '' });
      const sid = `CA${randomBytes(16).toString('hex')}`;
      calls.push({ sid, ...(params as Omit<PlacedCall, 'sid'>) });
      return json(201, { sid, status: 'queued', to: params.To, from: params.From, account_sid: TWILIO_VARS.TWILIO_ACCOUNT_SID });
    });

  return {
    messages,
    calls,
    /** Fails the next `times` requests of a kind (optionally to one number). */
    fail(kind: 'Messages' | 'Calls', failure: Failure, options: { to?: string; times?: number } = {}) {
      failures.push({ kind, failure, to: options.to, times: options.times ?? 1 });
    },
    textsTo: (to: string) => messages.filter((m) => m.To === to),
    callsTo: (to: string) => calls.filter((c) => c.To === to),
    done() {
      scope.persist(false);
      nock.cleanAll();
    },
  };
}

/** Waits until a check passes (polling), failing with the check's last error after a while. */
export async function eventually<T>(check: () => T | Promise<T>, timeoutMs = 8_000): Promise<T> {
  const started = Date.now();
  for (;;) {
    try {
      return await check();
    } catch (error) {
      if (Date.now() - started > timeoutMs) throw error;
      await new Promise((r) => setTimeout(r, 25));
    }
  }
}

/** Waits until a value is there (polling), then returns it. */
export function eventuallyDefined<T>(get: () => T | undefined, timeoutMs = 8_000): Promise<T> {
  return eventually(() => {
    const value = get();
    if (value === undefined) throw new Error('still waiting for a value');
    return value;
  }, timeoutMs);
}

/** A clock that tests move by hand. */
export function manualClock(start: Date) {
  let t = start.getTime();
  return {
    now: () => new Date(t),
    advance(ms: number) {
      t += ms;
    },
  };
}
