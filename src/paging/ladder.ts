import { randomUUID } from 'node:crypto';
import { ladderOf } from '../oncall/schedule.js';
import type { OnCallStore } from '../oncall/store.js';
import { TwilioSendError } from '../twilio/client.js';
import { FALLBACK_PAGER_ID } from './fallback-pager.js';
import { SMS_SAFETY } from '../twilio/twiml.js';
import { exhaustedAlert, pageSms } from './page-text.js';
import { sendAll, type PagingContext } from './context.js';
import type { Page, PageStep, SendChannel } from './pages.js';
import { luaScript } from '../store/scripts.js';

/**
 * Claims one escalation step exactly once. The next step (if any) joins the due set in the same
 * atomic step, and this step's own due entry stays, moved to a resume time, until its sends are
 * done: whatever dies part-way, the reconciler finds both. A step already claimed comes back as
 * "resume": its sends are finished idempotently (a retried text still reaches its clinician after
 * the ladder moved on); a step not yet reached is "stale"; a page taken or gone is "closed".
 * KEYS: page, due steps. ARGV: page id, step, next due ms or "", resume due ms.
 */
const CLAIM_STEP = `
local status = redis.call('HGET', KEYS[1], 'status')
local step = tonumber(ARGV[2])
local member = ARGV[1] .. '|' .. ARGV[2]
if not status or status == 'acknowledged' then
  redis.call('ZREM', KEYS[2], member)
  return 'closed'
end
local nextStep = tonumber(redis.call('HGET', KEYS[1], 'nextStep'))
if nextStep > step then
  redis.call('ZADD', KEYS[2], ARGV[4], member)
  return 'resume'
end
if status ~= 'open' or nextStep ~= step then
  redis.call('ZREM', KEYS[2], member)
  return 'stale'
end
redis.call('HSET', KEYS[1], 'nextStep', step + 1)
if ARGV[3] ~= '' then redis.call('ZADD', KEYS[2], ARGV[3], ARGV[1] .. '|' .. (step + 1)) end
redis.call('ZADD', KEYS[2], ARGV[4], member)
return 'claimed'
`;

/** How long a claimed step's sends may take before the reconciler resumes it (a worker died mid-step). */
const RESUME_AFTER_MS = 60_000;

/**
 * Marks a page exhausted, unless a clinician took it a moment before; an already exhausted page
 * answers 1 too, so a run that died mid-alert finishes the alerts. KEYS: page. ARGV: time.
 */
const EXHAUST = `
local status = redis.call('HGET', KEYS[1], 'status')
if status == 'exhausted' then return 1 end
if status ~= 'open' then return 0 end
redis.call('HSET', KEYS[1], 'status', 'exhausted', 'exhaustedAt', ARGV[1])
return 2
`;

/** Brings a page's next step forward to now (PASS, an invalid number). KEYS: due steps. */
const BRING_FORWARD = `
if redis.call('ZSCORE', KEYS[1], ARGV[1]) then redis.call('ZADD', KEYS[1], ARGV[2], ARGV[1]) return 1 end
return 0
`;

/** How long a claim whose answer was lost is asked about again: long enough for Redis to restart. */
const CLAIM_ATTEMPTS = 20;
const CLAIM_RETRY_MS = 500;

export interface LadderDeps extends PagingContext {
  oncall: OnCallStore;
}

interface Target {
  tier: string;
  clinicianId: string;
  phone: string | null;
}

/**
 * The escalation ladder: primary, backup, lead, `ESCALATION_ROUNDS` times, `ACK_TIMEOUT_SECONDS`
 * per tier, then an alert to the lead and the 911 / 988 text to the client. Every send is
 * claimed in Redis before it is made, so a re-driven or retried step never pages anyone twice.
 */
export function createLadder(deps: LadderDeps) {
  const { config, redis, keys, pages, directory, history, oncall, messenger, queue, metrics, log, now } = deps;
  const ackTimeoutMs = config.ackTimeoutSeconds * 1_000;
  const claimStep = luaScript(redis, 'afterhoursClaimStep', 2, CLAIM_STEP);
  const markExhausted = luaScript(redis, 'afterhoursExhaust', 1, EXHAUST);
  const bringStepForward = luaScript(redis, 'afterhoursBringForward', 1, BRING_FORWARD);
  const callbackBase = `${config.publicBaseUrl}/twilio/page`;
  const fallbackTarget: Target | null = config.fallbackOncallPhone ? { tier: 'fallback', clinicianId: FALLBACK_PAGER_ID, phone: config.fallbackOncallPhone } : null;

  async function targets(at: Date): Promise<Target[]> {
    const onCall = await oncall.onCallAt(at);
    if (!onCall) {
      // No schedule: the configured fallback number is the whole ladder, so a page still rings somewhere.
      return fallbackTarget ? [fallbackTarget] : [];
    }
    return Promise.all(
      ladderOf(onCall).map(async ({ tier, clinicianId }) => ({ tier, clinicianId, phone: (await directory.getClinician(clinicianId))?.phone ?? null })),
    );
  }

  async function bringForward(pageId: string, step: number, priority: Page['priority']): Promise<void> {
    await bringStepForward(keys.dueSteps, `${pageId}|${step}`, String(now().getTime()));
    await queue.enqueueStep(pageId, step, { priority, suffix: 'now' });
  }

  /**
   * Claims one send for this run. The claim carries a token of its own, so a claim that Redis
   * wrote but whose answer was lost (Redis crashed, the connection dropped, and the command
   * failed or was resent) is recognised as ours when Redis answers again, and the send goes out,
   * instead of staying `sending` forever unsent.
   */
  async function claim(pageId: string, field: string, entry: PageStep): Promise<boolean> {
    const json = JSON.stringify(entry);
    for (let attempt = 1; ; attempt++) {
      try {
        if (await redis.hsetnx(keys.pageSteps(pageId), field, json)) return true;
        const current = await redis.hget(keys.pageSteps(pageId), field);
        return current !== null && (JSON.parse(current) as PageStep).claim === entry.claim;
      } catch (error) {
        if (attempt >= CLAIM_ATTEMPTS) throw error;
        await new Promise((resolve) => setTimeout(resolve, CLAIM_RETRY_MS));
      }
    }
  }

  async function record(pageId: string, field: string, entry: PageStep): Promise<void> {
    await redis.hset(keys.pageSteps(pageId), field, JSON.stringify(entry));
  }

  /**
   * Sends one text or call of a step, once. Retryable Twilio failures release the claim and
   * throw, so the job's retry sends again; a number that cannot be reached moves the ladder on
   * at once; a text refused because the clinician sent STOP is followed by a call.
   */
  async function send(page: Page, step: number, target: Target, channel: SendChannel, body: string): Promise<void> {
    // A page raised to critical after its tier was texted is texted again, as critical: the field differs.
    const field = `${step}:${target.tier}:${channel}${channel === 'sms' && step >= 0 && page.priority === 'critical' ? ':critical' : ''}`;
    const entry: PageStep = { step, tier: target.tier, clinicianId: target.clinicianId, channel, at: now().toISOString(), delivery: 'sending', sid: null, error: null, claim: randomUUID() };
    if (!(await claim(page.id, field, entry))) return;
    if (!target.phone) {
      await record(page.id, field, { ...entry, delivery: 'failed', error: 'no phone on file' });
      return;
    }
    try {
      const statusCallback = `${callbackBase}/status`;
      const sid =
        channel === 'sms'
          ? await messenger.sendSms(target.phone, body, statusCallback)
          : await messenger.startCall({
              to: target.phone,
              url: `${callbackBase}/voice?pageId=${page.id}&clinicianId=${target.clinicianId}&step=${step}`,
              statusCallback,
              detectMachine: true,
            });
      await record(page.id, field, { ...entry, delivery: 'sent', sid });
      await redis.set(keys.sendBySid(sid), `${page.id}|${field}`, 'EX', 14 * 86_400);
      metrics.pageEvents.inc({ event: `${channel}-sent` });
    } catch (error) {
      const failure = error instanceof TwilioSendError ? error : new TwilioSendError('retryable', null, null);
      if (failure.kind === 'retryable') {
        await redis.hdel(keys.pageSteps(page.id), field);
        throw error;
      }
      const unknown = failure.kind === 'unknown';
      await record(page.id, field, { ...entry, delivery: unknown ? 'unknown' : 'failed', error: failure.message });
      metrics.pageEvents.inc({ event: unknown ? 'delivery-unknown' : 'delivery-failed' });
      log.warn({ pageId: page.id, step, channel, kind: failure.kind, code: failure.code }, 'page send failed');
      if (target.tier === 'client') {
        // The client's own STOP, learnt from Twilio: nothing more is texted to them until START.
        if (failure.kind === 'opted-out') await deps.optOuts.add(target.phone);
        return;
      }
      // A text that may not have gone (timed out) or cannot go (STOP) is followed by a call, not resent.
      if (channel === 'sms' && (failure.kind === 'opted-out' || unknown)) await callInstead(page, step, target);
      else if (step >= 0 && !unknown && failure.kind !== 'opted-out') await bringForward(page.id, step + 1, page.priority);
    }
  }

  async function callInstead(page: Page, step: number, target: Target): Promise<void> {
    await send(page, step, target, 'voice', '');
  }

  async function sendTier(page: Page, step: number, target: Target): Promise<void> {
    const [contact, client] = await Promise.all([history.getContact(page.contactId), page.clientId ? directory.getClient(page.clientId) : null]);
    // Everything a send needs is read before its claim, so the claim-to-request window is as short as it can be.
    const text = pageSms({ page, initials: client?.initials ?? null, channel: contact?.channel ?? 'voice', timezone: config.timezone });
    const channels: SendChannel[] = page.priority === 'normal' ? ['sms'] : ['sms', 'voice'];
    await sendAll(channels.map((channel) => send(page, step, target, channel, text)));
  }

  /** The end of the ladder: the lead by text and call, the client re-sent 911 / 988; the page stays visible. */
  async function exhaust(page: Page, lead: Target | null): Promise<void> {
    const marked = (await markExhausted(keys.page(page.id), now().toISOString())) as number;
    if (marked === 0) return;
    if (marked === 2) {
      metrics.pageEvents.inc({ event: 'exhausted' });
      log.error({ pageId: page.id, priority: page.priority }, 'page exhausted: nobody took it');
    }
    const alertTarget = lead ?? fallbackTarget;
    const sends: Promise<void>[] = [];
    if (alertTarget) {
      const alert = { ...alertTarget, tier: 'lead-alert' };
      sends.push(send(page, -1, alert, 'sms', exhaustedAlert(page, config.escalationRounds)));
      sends.push(send(page, -1, alert, 'voice', ''));
    }
    sends.push(textClientSafety(page));
    await sendAll(sends);
  }

  async function textClientSafety(page: Page): Promise<void> {
    const contact = await history.getContact(page.contactId);
    if (!contact || !contact.from.startsWith('+') || (await deps.optOuts.has(contact.from))) return;
    const client = page.clientId ? await directory.getClient(page.clientId) : null;
    const language = client?.language ?? 'en';
    const body =
      language === 'es'
        ? `${config.practiceName}: seguimos intentando comunicarnos con el profesional de guardia. ${SMS_SAFETY.es}`
        : `${config.practiceName}: we are still trying to reach the on-call clinician. ${SMS_SAFETY.en}`;
    await send(page, -1, { tier: 'client', clinicianId: 'client', phone: contact.from }, 'sms', body);
  }

  const ladder = {
    /** Runs one step of a page's ladder; safe to call any number of times for the same step. */
    async processStep(pageId: string, step: number): Promise<void> {
      const [page, ladderTargets] = await Promise.all([pages.get(pageId), targets(now())]);
      if (!page) return;
      const total = ladderTargets.length * config.escalationRounds;
      const exhausting = step >= total;
      const at = now().getTime();
      const claim = (await claimStep(keys.page(pageId), keys.dueSteps, pageId, String(step), exhausting ? '' : String(at + ackTimeoutMs), String(at + RESUME_AFTER_MS))) as string;
      if (claim !== 'claimed' && claim !== 'resume') return;
      if (exhausting) {
        await exhaust(page, ladderTargets.find((t) => t.tier === 'lead') ?? ladderTargets.at(-1) ?? null);
      } else {
        // also on resume: the run that claimed the step may have died before queueing the next one
        const next = claim === 'claimed' || page.nextStep === step + 1 ? queue.enqueueStep(pageId, step + 1, { priority: page.priority, delayMs: ackTimeoutMs }) : Promise.resolve();
        await Promise.all([next, sendTier(page, step, ladderTargets[step % ladderTargets.length]!)]);
      }
      // Only now, with every send of the step recorded, does the step leave the due set.
      await redis.zrem(keys.dueSteps, `${pageId}|${step}`);
    },

    /** PASS: the clinician paged last hands the page to the next tier at once. */
    async pass(pageId: string, clinicianId: string): Promise<boolean> {
      const page = await pages.get(pageId);
      if (!page || page.status !== 'open') return false;
      const current = page.steps.filter((s) => s.step === page.nextStep - 1);
      if (!current.some((s) => s.clinicianId === clinicianId)) return false;
      await bringForward(page.id, page.nextStep, page.priority);
      metrics.pageEvents.inc({ event: 'passed' });
      return true;
    },

    /** CALL: rings the clinician who took the page and connects them to the client through the practice number. */
    async bridge(pageId: string, clinicianId: string): Promise<void> {
      const phone = (await directory.getClinician(clinicianId))?.phone;
      if (!phone) return;
      await messenger.startCall({ to: phone, url: `${callbackBase}/bridge?pageId=${pageId}&clinicianId=${clinicianId}`, statusCallback: `${callbackBase}/status` });
      metrics.pageEvents.inc({ event: 'bridge' });
    },

    /** A failed or undelivered page text (a delivery receipt, never a take) is followed at once by a call. */
    async onTextUndelivered(pageId: string, step: PageStep): Promise<void> {
      const page = await pages.get(pageId);
      if (!page || page.status === 'acknowledged' || step.step < 0) return;
      const phone = (await directory.getClinician(step.clinicianId))?.phone ?? null;
      await callInstead(page, step.step, { tier: step.tier, clinicianId: step.clinicianId, phone });
    },
  };
  return ladder;
}

export type Ladder = ReturnType<typeof createLadder>;
