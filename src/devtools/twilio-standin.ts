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
export async function startTwilioStandin(options: { accountSid: string; authToken: string; callbacks?: boolean }) {
  const events = new EventEmitter();
  const messages: StandinMessage[] = [];
  const calls: StandinCall[] = [];
  const faults: StandinFault[] = [];
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
    return fault ?? null;
  }

  const server: Server = createServer(async (req, res) => {
    const reply = (status: number, body: object) => {
      const text = JSON.stringify(body);
      if (res.destroyed) return; // the client gave up waiting; what it asked for still happened
      res.writeHead(status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(text) }).end(text);
    };
    const auth = Buffer.from(req.headers.authorization ?? '');
    if (auth.length !== expectedAuth.length || !timingSafeEqual(auth, expectedAuth)) return reply(401, { code: 20003, message: 'Authenticate', status: 401 });
    if (req.method !== 'POST' || !req.url?.startsWith(account)) return reply(404, { code: 20404, message: 'The requested resource was not found', status: 404 });
    const params = await formBody(req);
    const kind = req.url.endsWith('/Messages.json') ? 'Messages' : req.url.endsWith('/Calls.json') ? 'Calls' : null;
    if (!kind) return reply(404, { code: 20404, message: 'The requested resource was not found', status: 404 });
    const fault = faultFor(kind, params.To ?? '');
    if (fault?.delayMs) await new Promise((r) => setTimeout(r, fault.delayMs));
    else if (fault) return reply(fault.status ?? 500, { code: fault.code ?? 20500, message: `stand-in fault ${fault.code ?? 20500}`, status: fault.status ?? 500, more_info: '' });

    if (kind === 'Messages') {
      const message: StandinMessage = { sid: sid('SM'), to: params.To!, from: params.From!, body: params.Body ?? '', statusCallback: params.StatusCallback ?? null, at: new Date() };
      messages.push(message);
      reply(201, { sid: message.sid, status: 'queued', to: message.to, from: message.from, body: message.body, account_sid: options.accountSid, num_segments: '1' });
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
    reply(201, { sid: call.sid, status: 'queued', to: call.to, from: call.from, account_sid: options.accountSid });
    events.emit('call', call);
  });

  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  return {
    baseUrl,
    events,
    messages,
    calls,
    callback,
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
