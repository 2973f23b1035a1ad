/**
 * The outbox: every text and call the product starts goes out here, once.
 *
 * How a feature sends a text once:
 *
 *   const outcome = await outbox.sendOnce(
 *     { scope: 'check-ins', id: clientId, field: `${day}:${slot}` },   // what "once" means
 *     { kind: 'check-in', to: phone, language: 'es' },                 // what to say, as data
 *   );
 *
 * 1. Pick a scope (add it to `SendScope` with its lifetime in `SCOPE_TTL_SECONDS`), an id and a
 *    field that name the send exactly: a second `sendOnce` with the same key never sends again
 *    (`{ status: 'duplicate' }`), whether the first is still under way, finished, or died.
 * 2. Add a message kind to `messages.ts` and its words to wording/en.ts and wording/es.ts (the
 *    kinds `disposition-question`, `check-in` and `sign-in-code` are there already); a kind that
 *    goes to a client joins `TO_CLIENT` there, so STOP applies to it. The
 *    words are rendered only into the request to Twilio: the send record holds the channel, the
 *    time, the delivery and the SID, never the words, so a secret (a sign-in code) is safe.
 *    Nothing here logs a number or a body.
 * 3. Act on the outcome: `sent`; `duplicate`; `suppressed` (a client number that texted STOP:
 *    nothing claimed, nothing sent, invariant 9); or `failed` with its kind (`invalid-number`,
 *    `opted-out`, `rejected`, `unknown`: Twilio may have sent it, so it is never resent;
 *    `no-phone`). A retryable failure (Twilio did not take it) releases the claim and throws,
 *    so the job that called is retried by BullMQ and sends again.
 *
 * The claim carries a token of the run that made it: a claim Redis wrote whose answer was lost
 * (Redis crashed, the connection dropped) is recognised as ours when Redis answers again, and
 * the send goes out instead of staying `sending` forever (invariant 6). Twilio's status callbacks
 * come back through `delivery(sid, …)`, which updates the record the SID index points to.
 * The reply to an incoming text goes back in the webhook's TwiML instead, once per MessageSid:
 * `replyOnce(messageSid, answer)` (replies.ts).
 */
import { randomUUID } from 'node:crypto';
import type { Redis } from 'ioredis';
import type { OptOuts } from '../history/opt-outs.js';
import type { Logger } from '../log.js';
import type { Keys } from '../store/keys.js';
import { TwilioSendError, type Messenger, type SendFailureKind } from '../twilio/client.js';
import { isToClient, render, type Message } from './messages.js';
import { createReplyLedger } from './replies.js';

/** Where a send's record lives: one hash per scope and id, one field per send. */
export type SendScope = 'page-steps' | 'page-notices' | 'digest' | 'dispositions' | 'check-ins' | 'sign-in';

/** How long a scope's records are kept; null: as long as what they belong to (a page). */
const SCOPE_TTL_SECONDS: Record<SendScope, number | null> = {
  'page-steps': null,
  'page-notices': null,
  digest: 3 * 86_400,
  dispositions: 14 * 86_400,
  'check-ins': 14 * 86_400,
  'sign-in': 86_400,
};

export interface SendKey {
  scope: SendScope;
  id: string;
  field: string;
  /** Bookkeeping kept in the record beside the delivery (a page step's rung, tier, clinician). */
  meta?: Record<string, string | number>;
}

/** A send's record: what the API shows of a page's sends (the claim token is never shown). */
export interface SendRecord {
  channel: 'sms' | 'voice';
  at: string;
  /** sending, sent, failed, unknown, then what Twilio reports (delivered, undelivered, completed…). */
  delivery: string;
  sid: string | null;
  error: string | null;
  claim?: string;
  [meta: string]: unknown;
}

/** A send failure that is final for this send: the caller's policy decides what follows. */
export type FinalFailureKind = Exclude<SendFailureKind, 'retryable'> | 'no-phone';

export type SendOutcome =
  /** `delivered`: what Twilio reported before the send was recorded (its status callback came first). */
  | { status: 'sent'; sid: string; delivered?: string }
  | { status: 'duplicate' }
  | { status: 'suppressed' }
  | { status: 'failed'; kind: FinalFailureKind };

/** How long a claim whose answer was lost is asked about again: long enough for Redis to restart. */
const CLAIM_ATTEMPTS = 20;
const CLAIM_RETRY_MS = 500;
const SID_TTL_SECONDS = 14 * 86_400;
/** How long a status callback that came before its send was recorded waits for it. */
const EARLY_TTL_SECONDS = 600;

/** What a status callback says of a send. */
export interface DeliveryReport {
  status: string | null;
  answeredBy: string | null;
  errorCode: string | null;
}

const UNDELIVERED = new Set(['failed', 'undelivered']);

/** A text Twilio could not deliver (a delivery receipt, never a take): a page text is followed by a call. */
export function isUndelivered(status: string | undefined): boolean {
  return status !== undefined && UNDELIVERED.has(status);
}

export interface OutboxDeps {
  redis: Redis;
  keys: Keys;
  messenger: Messenger;
  optOuts: OptOuts;
  log: Logger;
  now: () => Date;
  practiceName: string;
  /** Where Twilio reports the delivery of every send (`delivery` below). */
  statusCallback: string;
}

export function createOutbox(deps: OutboxDeps) {
  const { redis, keys, messenger, optOuts, log, now } = deps;
  const hashOf = (key: SendKey) => keys.sends(key.scope, key.id);

  /** Claims one send for this run; a claim written but unanswered is known by its token. */
  async function claim(key: SendKey, entry: SendRecord): Promise<boolean> {
    const json = JSON.stringify(entry);
    const ttl = SCOPE_TTL_SECONDS[key.scope];
    for (let attempt = 1; ; attempt++) {
      try {
        const won = (await redis.hsetnx(hashOf(key), key.field, json)) === 1 || claimOf(await redis.hget(hashOf(key), key.field)) === entry.claim;
        if (won && ttl !== null) await redis.expire(hashOf(key), ttl);
        return won;
      } catch (error) {
        if (attempt >= CLAIM_ATTEMPTS) throw error;
        await new Promise((resolve) => setTimeout(resolve, CLAIM_RETRY_MS));
      }
    }
  }

  async function record(key: SendKey, entry: SendRecord): Promise<void> {
    await redis.hset(hashOf(key), key.field, JSON.stringify(entry));
  }

  async function applyDelivery(key: SendKey, report: DeliveryReport): Promise<{ record: SendRecord; status: string } | null> {
    const json = await redis.hget(hashOf(key), key.field);
    if (!json) return null;
    const current = JSON.parse(json) as SendRecord;
    const status = report.status ?? current.delivery;
    const updated: SendRecord = {
      ...current,
      delivery: `${status}${report.answeredBy ? ` (${report.answeredBy})` : ''}`,
      error: report.errorCode ? `error ${report.errorCode}` : current.error,
    };
    await redis.hset(hashOf(key), key.field, JSON.stringify(updated));
    return { record: updated, status };
  }

  return {
    async sendOnce(key: SendKey, message: Message): Promise<SendOutcome> {
      if (isToClient(message) && message.to && (await optOuts.has(message.to))) return { status: 'suppressed' };
      // Rendered before the claim, so the claim-to-request window is as short as it can be.
      const rendered = render(message, deps.practiceName);
      const entry: SendRecord = { ...key.meta, channel: rendered.channel, at: now().toISOString(), delivery: 'sending', sid: null, error: null, claim: randomUUID() };
      if (!(await claim(key, entry))) return { status: 'duplicate' };
      const to = message.to;
      if (!to) {
        await record(key, { ...entry, delivery: 'failed', error: 'no phone on file' });
        return { status: 'failed', kind: 'no-phone' };
      }
      try {
        const statusCallback = deps.statusCallback;
        const sid =
          rendered.channel === 'sms'
            ? await messenger.sendSms(to, rendered.body, statusCallback)
            : await messenger.startCall({ to, url: rendered.url, statusCallback, detectMachine: true });
        // The record and its SID index in one step, so a status callback never finds one without the other.
        const sent: SendRecord = { ...entry, delivery: 'sent', sid };
        const written = await redis.multi().hset(hashOf(key), key.field, JSON.stringify(sent)).set(keys.sendBySid(sid), sidRef(key), 'EX', SID_TTL_SECONDS).exec();
        const refused = written?.find(([error]) => error)?.[0];
        if (!written || refused) throw refused ?? new Error('the send record was not written');
        const early = await redis.getdel(keys.earlyDelivery(sid));
        const delivered = early ? (await applyDelivery(key, JSON.parse(early) as DeliveryReport))?.status : undefined;
        return delivered ? { status: 'sent', sid, delivered } : { status: 'sent', sid };
      } catch (error) {
        const failure = error instanceof TwilioSendError ? error : new TwilioSendError('retryable', null, null);
        if (failure.kind === 'retryable') {
          await redis.hdel(hashOf(key), key.field);
          throw error;
        }
        await record(key, { ...entry, delivery: failure.kind === 'unknown' ? 'unknown' : 'failed', error: failure.message });
        log.warn({ scope: key.scope, id: key.id, field: key.field, kind: failure.kind, code: failure.code }, 'send failed');
        // A client's own STOP, learnt from Twilio: nothing more is texted to them until START.
        if (failure.kind === 'opted-out' && isToClient(message)) await optOuts.add(to);
        return { status: 'failed', kind: failure.kind };
      }
    },

    /** A send's record, or null when it was never claimed: a SID on it means Twilio took the send. */
    async recordOf(key: SendKey): Promise<Omit<SendRecord, 'claim'> | null> {
      const json = await redis.hget(hashOf(key), key.field);
      if (!json) return null;
      const { claim: _claim, ...record } = JSON.parse(json) as SendRecord;
      return record;
    },

    /**
     * A status callback from Twilio: the record its SID points to takes the reported delivery
     * (and who answered, and the error code). Returns the updated record, or null for a SID the
     * outbox did not send. A delivery receipt is never an acknowledgement (invariant 5).
     */
    async delivery(sid: string, report: DeliveryReport) {
      if (!sid) return null;
      let ref = await redis.get(keys.sendBySid(sid));
      if (!ref) {
        // Twilio can report before the send's answer is recorded: the report waits for the send,
        // which applies it (sendOnce), unless the index appeared meanwhile.
        await redis.set(keys.earlyDelivery(sid), JSON.stringify(report), 'EX', EARLY_TTL_SECONDS);
        ref = await redis.get(keys.sendBySid(sid));
        if (!ref) return null;
        await redis.del(keys.earlyDelivery(sid));
      }
      const key = parseSidRef(ref);
      const applied = await applyDelivery(key, report);
      return applied && { key, ...applied };
    },

    ...createReplyLedger({ redis, keys }),
  };
}

function claimOf(json: string | null): string | undefined {
  if (json === null) return undefined;
  try {
    return (JSON.parse(json) as { claim?: string }).claim;
  } catch {
    return undefined;
  }
}

/** The SID index's value: `pageId|field` for a page's sends (as it always was), `id|field|scope` for others. */
function sidRef(key: SendKey): string {
  return key.scope === 'page-steps' ? `${key.id}|${key.field}` : `${key.id}|${key.field}|${key.scope}`;
}

function parseSidRef(ref: string): SendKey {
  const [id, field, scope] = ref.split('|') as [string, string, SendScope | undefined];
  return { scope: scope ?? 'page-steps', id, field };
}

export type Outbox = ReturnType<typeof createOutbox>;
