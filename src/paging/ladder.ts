import { ladderOf } from '../oncall/schedule.js';
import type { OnCallStore } from '../oncall/store.js';
import type { FinalFailureKind, Message, SendOutcome } from '../outbox/index.js';
import { FALLBACK_PAGER_ID } from './fallback-pager.js';
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
  const { config, redis, keys, pages, directory, history, oncall, messenger, outbox, queue, metrics, now } = deps;
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
   * Sends one text or call of a step, once (the outbox claims it), then follows the failure
   * policy: a retryable failure has already thrown, so the job's retry sends again.
   */
  async function send(page: Page, step: number, target: Target, message: Message): Promise<void> {
    const channel: SendChannel = message.kind === 'page-call' ? 'voice' : 'sms';
    // A page raised to critical after its tier was texted is texted again, as critical: the field differs.
    const field = `${step}:${target.tier}:${channel}${channel === 'sms' && step >= 0 && page.priority === 'critical' ? ':critical' : ''}`;
    const outcome = await outbox.sendOnce({ scope: 'page-steps', id: page.id, field, meta: { step, tier: target.tier, clinicianId: target.clinicianId } }, message);
    count(channel, outcome);
    if (outcome.status !== 'failed' || target.tier === 'client') return;
    const next = afterFailure(channel, outcome.kind);
    if (next === 'call-instead') await callInstead(page, step, target);
    else if (next === 'next-tier' && step >= 0) await bringForward(page.id, step + 1, page.priority);
  }

  function count(channel: SendChannel, outcome: SendOutcome): void {
    if (outcome.status === 'sent') metrics.pageEvents.inc({ event: `${channel}-sent` });
    else if (outcome.status === 'failed' && outcome.kind !== 'no-phone') metrics.pageEvents.inc({ event: outcome.kind === 'unknown' ? 'delivery-unknown' : 'delivery-failed' });
  }

  function pageCall(page: Page, step: number, target: Target): Message {
    return { kind: 'page-call', to: target.phone, url: `${callbackBase}/voice?pageId=${page.id}&clinicianId=${target.clinicianId}&step=${step}` };
  }

  async function callInstead(page: Page, step: number, target: Target): Promise<void> {
    await send(page, step, target, pageCall(page, step, target));
  }

  async function sendTier(page: Page, step: number, target: Target): Promise<void> {
    const [contact, client] = await Promise.all([history.getContact(page.contactId), page.clientId ? directory.getClient(page.clientId) : null]);
    // Everything a send needs is read before its claim, so the claim-to-request window is as short as it can be.
    const text: Message = { kind: 'page-text', to: target.phone, facts: { page, initials: client?.initials ?? null, channel: contact?.channel ?? 'voice', timezone: config.timezone } };
    const messages = page.priority === 'normal' ? [text] : [text, pageCall(page, step, target)];
    await sendAll(messages.map((message) => send(page, step, target, message)));
  }

  /** The end of the ladder: the lead by text and call, the client re-sent 911 / 988; the page stays visible. */
  async function exhaust(page: Page, lead: Target | null): Promise<void> {
    const marked = (await markExhausted(keys.page(page.id), now().toISOString())) as number;
    if (marked === 0) return;
    if (marked === 2) {
      metrics.pageEvents.inc({ event: 'exhausted' });
      deps.log.error({ pageId: page.id, priority: page.priority }, 'page exhausted: nobody took it');
    }
    const alertTarget = lead ?? fallbackTarget;
    const sends: Promise<void>[] = [];
    if (alertTarget) {
      const alert = { ...alertTarget, tier: 'lead-alert' };
      sends.push(send(page, -1, alert, { kind: 'exhausted-alert', to: alert.phone, page, rounds: config.escalationRounds }));
      sends.push(send(page, -1, alert, pageCall(page, -1, alert)));
    }
    sends.push(textClientSafety(page));
    await sendAll(sends);
  }

  async function textClientSafety(page: Page): Promise<void> {
    const contact = await history.getContact(page.contactId);
    if (!contact || !contact.from.startsWith('+')) return;
    const client = page.clientId ? await directory.getClient(page.clientId) : null;
    const target = { tier: 'client', clinicianId: 'client', phone: contact.from };
    await send(page, -1, target, { kind: 'client-still-trying', to: contact.from, language: client?.language ?? 'en' });
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

/**
 * What follows a send that failed for good, by channel and kind: a text that may not have gone
 * (timed out) or cannot go (STOP) is followed by a call, never resent; a number that cannot be
 * reached moves the ladder to the next tier at once; anything else is recorded only.
 */
const FAILURE_POLICY: Record<SendChannel, Record<FinalFailureKind, 'call-instead' | 'next-tier' | 'record-only'>> = {
  sms: { 'opted-out': 'call-instead', unknown: 'call-instead', 'invalid-number': 'next-tier', rejected: 'next-tier', 'no-phone': 'record-only' },
  voice: { 'opted-out': 'record-only', unknown: 'record-only', 'invalid-number': 'next-tier', rejected: 'next-tier', 'no-phone': 'record-only' },
};

function afterFailure(channel: SendChannel, kind: FinalFailureKind) {
  return FAILURE_POLICY[channel][kind];
}

export type Ladder = ReturnType<typeof createLadder>;
