import { randomBytes, timingSafeEqual } from 'node:crypto';
import { EventEmitter } from 'node:events';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import twilio from 'twilio';

/** A text the product asked the stand-in to send. */
export interface StandinMessage {
  sid: string;
  to: string;
  from: string;
  body: string;
  statusCallback: string | null;
  at: Date;
}

/** A call the product asked the stand-in to place. */
export interface StandinCall {
  sid: string;
  to: string;
  from: string;
  url: string;
  statusCallback: string | null;
  machineDetection: string | null;
  at: Date;
}

/**
 * Every request that reached the stand-in, whatever became of it: what a fault test counts
 * from. `accepted`: Twilio took it (the text was sent, the call placed), even when the answer
 * never reached the sender; `refused`: answered with an error; `dropped`: never taken, the
 * connection ended first (a sender killed before Twilio read its request); `pending`: held.
 */
export interface StandinRequest {
  seq: number;
  kind: 'Messages' | 'Calls';
  to: string;
  /** The text of a message, '' for a call. */
  body: string;
  /** The TwiML URL of a call, '' for a message. */
  url: string;
  arrivedAt: number;
  outcome: 'pending' | 'accepted' | 'refused' | 'dropped';
  status: number | null;
  sid: string | null;
  /** An injected fault (an error or a delay) answered this request. */
  faulted: boolean;
  /** The sender was gone (killed, or gave up) when the answer was ready. */
  senderGone: boolean;
}

/** A request held open by `hold`: the test decides, while the sender waits, what Twilio did with it. */
export interface HeldRequest {
  request: StandinRequest;
  /** Twilio takes it and answers; resolves once the answer is written (or the sender is gone). */
  answer(): Promise<void>;
  /** Twilio never took it: the connection is cut and nothing is sent or placed. */
  drop(): void;
}

/** An error Twilio answers with (status and code), or a slow answer that still succeeds (delayMs). */
export interface StandinFault {
  kind: 'Messages' | 'Calls';
  to?: string;
  status?: number;
  code?: number;
  delayMs?: number;
  times: number;
}

function sid(prefix: string): string {
  return `${prefix}${randomBytes(16).toString('hex')}`;
}

/** Half a second of 8 kHz 8-bit mono silence, as a WAV file. */
const SILENCE = (() => {
  const samples = 4000;
  const wav = Buffer.alloc(44 + samples, 0x80);
  wav.write('RIFF', 0);
  wav.writeUInt32LE(36 + samples, 4);
  wav.write('WAVEfmt ', 8);
  wav.writeUInt32LE(16, 16);
  wav.writeUInt16LE(1, 20);
  wav.writeUInt16LE(1, 22);
  wav.writeUInt32LE(8000, 24);
  wav.writeUInt32LE(8000, 28);
  wav.writeUInt16LE(1, 32);
  wav.writeUInt16LE(8, 34);
  wav.write('data', 36);
  wav.writeUInt32LE(samples, 40);
  return wav;
})();

async function formBody(req: IncomingMessage): Promise<Record<string, string>> {
  let text = '';
  for await (const chunk of req) text += chunk;
  return Object.fromEntries(new URLSearchParams(text));
}

/**
 * A local stand-in for the Twilio REST API (Messages and Calls create), reached through
 * `TWILIO_API_BASE_URL`. It answers with Twilio-shaped JSON, checks the account's basic auth,
 * posts signed status callbacks as Twilio would, and emits every text and call so a demo or a
 * test can play the clinician's phone. Loopback only.
 */
export async function startTwilioStandin(options: { accountSid: string; authToken: string; callbacks?: boolean; failShare?: number; random?: () => number }) {
  const events = new EventEmitter();
  const messages: StandinMessage[] = [];
  const calls: StandinCall[] = [];
  const faults: StandinFault[] = [];
  const requests: StandinRequest[] = [];
  const holds: { match: (request: StandinRequest) => boolean; resolve: (held: HeldRequest) => void }[] = [];
  const expectedAuth = Buffer.from(`Basic ${Buffer.from(`${options.accountSid}:${options.authToken}`).toString('base64')}`);
  const account = `/2010-04-01/Accounts/${options.accountSid}`;

  /** Posts a status callback signed with the account's token, as Twilio does. */
  async function callback(url: string | null, params: Record<string, string>): Promise<void> {
    if (!url || options.callbacks === false) return;
    const signature = twilio.getExpectedTwilioSignature(options.authToken, url, params);
    await fetch(url, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded', 'x-twilio-signature': signature }, body: new URLSearchParams(params) }).catch(() => {});
  }

  function faultFor(kind: StandinFault['kind'], to: string): StandinFault | null {
    const fault = faults.find((f) => f.kind === kind && (!f.to || f.to === to) && f.times > 0);
    if (fault) fault.times -= 1;
    // A share of all requests fails as Twilio's 500 does (a bench's flaky provider).
    if (!fault && options.failShare && (options.random ?? Math.random)() < options.failShare) return { kind, status: 500, code: 20500, times: 0 };
    return fault ?? null;
  }

  const server: Server = createServer(async (req, res) => {
    let request: StandinRequest | null = null;
    // Resolves once this request's answer is on the wire, or there is no one left to answer.
    let markAnswered: () => void = () => {};
    const answered = new Promise<void>((resolve) => (markAnswered = resolve));
    const settleAnswered = (): void => {
      if (res.writableFinished || res.destroyed) return markAnswered();
      res.once('finish', markAnswered);
      res.once('close', markAnswered);
    };
    const reply = (status: number, body: object) => {
      const text = JSON.stringify(body);
      if (request) request.status = status;
      if (res.destroyed) {
        // the client gave up waiting (or died); what it asked for still happened
        if (request) request.senderGone = true;
        return;
      }
      res.writeHead(status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(text) }).end(text);
    };
    const auth = Buffer.from(req.headers.authorization ?? '');
    if (auth.length !== expectedAuth.length || !timingSafeEqual(auth, expectedAuth)) return reply(401, { code: 20003, message: 'Authenticate', status: 401 });
    if (req.method === 'GET' && /^\/recordings\/RE\w+$/.test(req.url ?? '')) {
      // A recording the call driver made: half a second of silence, as Twilio serves a WAV.
      return void res.writeHead(200, { 'content-type': 'audio/x-wav', 'content-length': SILENCE.length }).end(SILENCE);
    }
    if (req.method !== 'POST' || !req.url?.startsWith(account)) return reply(404, { code: 20404, message: 'The requested resource was not found', status: 404 });
    const params = await formBody(req);
    const kind = req.url.endsWith('/Messages.json') ? 'Messages' : req.url.endsWith('/Calls.json') ? 'Calls' : null;
    if (!kind) return reply(404, { code: 20404, message: 'The requested resource was not found', status: 404 });
    request = { seq: requests.length + 1, kind, to: params.To ?? '', body: params.Body ?? '', url: params.Url ?? '', arrivedAt: Date.now(), outcome: 'pending', status: null, sid: null, faulted: false, senderGone: false };
    requests.push(request);

    const hold = holds.findIndex((h) => h.match(request!));
    if (hold >= 0) {
      const [{ resolve }] = holds.splice(hold, 1) as [(typeof holds)[number]];
      const decision = await new Promise<'answer' | 'drop'>((decide) => resolve({ request: request!, answer: () => (decide('answer'), answered), drop: () => decide('drop') }));
      if (decision === 'drop') {
        request.outcome = 'dropped';
        request.senderGone = res.destroyed;
        res.destroy();
        settleAnswered();
        return;
      }
    }
    const fault = faultFor(kind, params.To ?? '');
    if (fault) request.faulted = true;
    if (fault?.delayMs) await new Promise((r) => setTimeout(r, fault.delayMs));
    else if (fault) {
      request.outcome = 'refused';
      reply(fault.status ?? 500, { code: fault.code ?? 20500, message: `stand-in fault ${fault.code ?? 20500}`, status: fault.status ?? 500, more_info: '' });
      return settleAnswered();
    }

    if (kind === 'Messages') {
      const message: StandinMessage = { sid: sid('SM'), to: params.To!, from: params.From!, body: params.Body ?? '', statusCallback: params.StatusCallback ?? null, at: new Date() };
      messages.push(message);
      Object.assign(request, { outcome: 'accepted', sid: message.sid });
      reply(201, { sid: message.sid, status: 'queued', to: message.to, from: message.from, body: message.body, account_sid: options.accountSid, num_segments: '1' });
      settleAnswered();
      events.emit('message', message);
      setImmediate(async () => {
        await callback(message.statusCallback, { MessageSid: message.sid, MessageStatus: 'sent', To: message.to, From: message.from, AccountSid: options.accountSid });
        await callback(message.statusCallback, { MessageSid: message.sid, MessageStatus: 'delivered', To: message.to, From: message.from, AccountSid: options.accountSid });
      });
      return;
    }
    const call: StandinCall = {
      sid: sid('CA'),
      to: params.To!,
      from: params.From!,
      url: params.Url!,
      statusCallback: params.StatusCallback ?? null,
      machineDetection: params.MachineDetection ?? null,
      at: new Date(),
    };
    calls.push(call);
    Object.assign(request, { outcome: 'accepted', sid: call.sid });
    reply(201, { sid: call.sid, status: 'queued', to: call.to, from: call.from, account_sid: options.accountSid });
    settleAnswered();
    events.emit('call', call);
  });

  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  return {
    baseUrl,
    events,
    messages,
    calls,
    /** Every request in arrival order, with what became of it. */
    requests,
    callback,
    /**
     * Holds the next request that matches open, until the test answers or drops it: a kill can
     * then land between a send's claim and Twilio's answer, with the request in flight.
     */
    hold(match: (request: StandinRequest) => boolean): Promise<HeldRequest> {
      return new Promise((resolve) => holds.push({ match, resolve }));
    },
    /** Stops waiting to hold anything (requests already held stay held until answered or dropped). */
    cancelHolds() {
      holds.length = 0;
    },
    /** Makes the next `times` requests of a kind (optionally to one number) fail as Twilio would. */
    fail(fault: Omit<StandinFault, 'times'> & { times?: number }) {
      faults.push({ ...fault, times: fault.times ?? 1 });
    },
    async close() {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

export type TwilioStandin = Awaited<ReturnType<typeof startTwilioStandin>>;
