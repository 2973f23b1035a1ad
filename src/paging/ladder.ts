import { ladderOf } from '../oncall/schedule.js';
import type { OnCallStore } from '../oncall/store.js';
import { isUndelivered, type Message, type SendOutcome } from '../outbox/index.js';
import { FALLBACK_PAGER_ID } from './fallback-pager.js';
import { sendAll, type PagingContext } from './context.js';
import { contactIdOfPage, type Page, type PageSend } from './pages.js';
import type { Channel } from '../triage/types.js';
import { afterFailure, planStep, recordOf, stepOf, type LadderConfig, type Place, type PlannedSend, type StepPlan, type Target } from './plan.js';
import { dueMember } from '../store/keys.js';
import { defineScript } from '../store/scripts.js';

/**
 * How long a claimed step's sends may take before the reconciler resumes it (a worker died
 * mid-step). Twilio's requests time out at 10 s, and a step's sends go side by side, with at
 * most one call after a failed text: a live step is done well within it. Resuming a step still
 * running sends nothing twice (each send is claimed with its run's token); it costs a few reads.
 * About what a killed job waited for its 30 s BullMQ lock.
 */
const RESUME_AFTER_MS = 25_000;

export interface LadderDeps extends PagingContext {
  oncall: OnCallStore;
}

/**
 * The escalation ladder runs the plan of `planStep` (plan.ts): it claims each rung once, sends
 * what the plan says through the outbox, and follows the failure policy. Every send is claimed
 * in Redis before it is made, so a re-driven or retried step never pages anyone twice.
 */
export function createLadder(deps: LadderDeps) {
  const { config, redis, keys, pages, directory, history, oncall, messenger, outbox, queue, metrics, now } = deps;
  const claimStep = defineScript<'claimed' | 'resume' | 'stale' | 'closed'>(redis, 'claim-step-2.lua');
  const markExhausted = defineScript<'exhausted' | 'already' | 'not-open'>(redis, 'exhaust-1.lua');
  const bringStepForward = defineScript<'moved' | 'absent'>(redis, 'bring-forward-1.lua');
  const callbackBase = `${config.publicBaseUrl}/twilio/page`;
  const ladderConfig: LadderConfig = {
    escalationRounds: config.escalationRounds,
    ackTimeoutMs: config.ackTimeoutSeconds * 1_000,
    fallback: config.fallbackOncallPhone ? { tier: 'fallback', clinicianId: FALLBACK_PAGER_ID, phone: config.fallbackOncallPhone } : null,
  };

  /** The on-call ladder's numbers (null: no schedule), read by the caller when it has its other reads to make. */
  async function withPhones(tiers: Omit<Target, 'phone'>[] | null): Promise<Target[] | null> {
    if (!tiers) return null;
    return Promise.all(tiers.map(async (t) => ({ ...t, phone: (await directory.getClinician(t.clinicianId))?.phone ?? null })));
  }

  async function bringForward(pageId: string, step: number, priority: Page['priority']): Promise<void> {
    await bringStepForward([keys.dueSteps], [dueMember(pageId, step), now().getTime()]);
    await queue.enqueueStep(pageId, step, { priority, suffix: 'now' });
  }

  /** Sends one planned text or call, once (the outbox claims it), then follows the failure policy. */
  async function send(page: Page, place: Place, planned: PlannedSend, message: Message): Promise<void> {
    const { step, tier, field } = recordOf(planned, place, page.priority, page.exhaustedPriority);
    const clinicianId = planned.target?.clinicianId ?? 'client';
    const outcome = await outbox.sendOnce({ scope: 'page-steps', id: page.id, field, meta: { step, tier, clinicianId } }, message);
    count(planned, outcome);
    // Twilio said the text was undelivered before its send was even recorded: a call follows, as from the status route.
    if (outcome.status === 'sent' && planned.purpose === 'page' && planned.channel === 'sms' && isUndelivered(outcome.delivered)) await callInstead(page, place, planned);
    if (outcome.status !== 'failed') return;
    const next = afterFailure(planned, outcome.kind);
    if (next === 'call-instead' && planned.target) await callInstead(page, place, planned);
    else if (next === 'next-tier' && typeof place === 'number') await bringForward(page.id, place + 1, page.priority);
  }

  function count(planned: PlannedSend, outcome: SendOutcome): void {
    if (outcome.status === 'sent') metrics.pageEvents.inc({ event: `${planned.channel}-sent` });
    else if (outcome.status === 'failed' && outcome.kind !== 'no-phone') metrics.pageEvents.inc({ event: outcome.kind === 'unknown' ? 'delivery-unknown' : 'delivery-failed' });
  }

  function pageCall(page: Page, place: Place, target: Target): Message {
    return { kind: 'page-call', to: target.phone, url: `${callbackBase}/voice?pageId=${page.id}&clinicianId=${target.clinicianId}&step=${stepOf(place)}` };
  }

  async function callInstead(page: Page, place: Place, planned: PlannedSend): Promise<void> {
    const call: PlannedSend = { ...planned, channel: 'voice' };
    await send(page, place, call, pageCall(page, place, planned.target!));
  }

  async function sendRung(page: Page, plan: Extract<StepPlan, { kind: 'rung' }>, about: { channel: Channel | null; initials: string | null }): Promise<void> {
    const text: Message = { kind: 'page-text', to: plan.target.phone, facts: { page, initials: about.initials, channel: about.channel ?? 'voice', timezone: config.timezone } };
    await sendAll(plan.sends.map((planned) => send(page, plan.rung, planned, planned.channel === 'sms' ? text : pageCall(page, plan.rung, plan.target))));
  }

  /** The end of the ladder: the lead by text and call, the client re-sent 911 / 988; the page stays visible. */
  async function exhaust(page: Page, plan: Extract<StepPlan, { kind: 'exhausted' }>): Promise<void> {
    const [marked] = await markExhausted([keys.page(page.id)], [now().toISOString(), page.priority]);
    if (marked === 'not-open') return;
    if (marked === 'exhausted') {
      metrics.pageEvents.inc({ event: 'exhausted' });
      deps.log.error({ pageId: page.id, priority: page.priority }, 'page exhausted: nobody took it');
    }
    await sendAll(
      plan.alerts.map((planned) => {
        if (planned.purpose === 'client-safety') return textClientSafety(page, planned);
        const target = planned.target!;
        const message: Message = planned.channel === 'sms' ? { kind: 'exhausted-alert', to: target.phone, page, rounds: config.escalationRounds } : pageCall(page, 'after-ladder', target);
        return send(page, 'after-ladder', planned, message);
      }),
    );
  }

  async function textClientSafety(page: Page, planned: PlannedSend): Promise<void> {
    const contact = await history.getContact(page.contactId);
    if (!contact || !contact.from.startsWith('+')) return;
    const client = page.clientId ? await directory.getClient(page.clientId) : null;
    await send(page, 'after-ladder', planned, { kind: 'client-still-trying', to: contact.from, language: client?.language ?? 'en' });
  }

  const ladder = {
    /** Runs one step of a page's ladder; safe to call any number of times for the same step. */
    async processStep(pageId: string, step: number): Promise<void> {
      // Two round trips before the claim's answer, each of reads side by side: the page, the
      // schedule and the contact; then the claim with the clinicians' numbers and the client.
      // Every one of them is time between the claim and the clinician's phone.
      const [read, onCall, contactById] = await Promise.all([pages.get(pageId), oncall.onCallAt(now()), history.getContact(contactIdOfPage(pageId))]);
      if (!read) return;
      const at = now().getTime();
      const tiers = onCall && ladderOf(onCall);
      // When the step is due next is known from the tiers alone; their numbers come with the claim.
      const planned = planStep(read, tiers && tiers.map((t) => ({ ...t, phone: null })), step, ladderConfig, at);
      const nextDue = planned.kind === 'rung' ? String(planned.next.dueAt) : '';
      const [[claim, claimedPriority], targets, contact, client] = await Promise.all([
        claimStep([keys.page(pageId), keys.dueSteps], [pageId, step, nextDue, at + RESUME_AFTER_MS]),
        withPhones(tiers),
        contactById?.id === read.contactId ? contactById : history.getContact(read.contactId),
        read.clientId ? directory.getClient(read.clientId) : null,
      ]);
      if (claim !== 'claimed' && claim !== 'resume') return;
      // Sent at the priority the page had when the step was claimed: crisis words that raised it
      // between the read and the claim found the step unclaimed and left its call to this run.
      const page = claimedPriority && claimedPriority !== read.priority ? { ...read, priority: claimedPriority as Page['priority'] } : read;
      const plan = planStep(page, targets, step, ladderConfig, at);
      if (plan.kind === 'exhausted') {
        await exhaust(page, plan);
      } else {
        try {
          await sendRung(page, plan, { channel: contact?.channel ?? null, initials: client?.initials ?? null });
        } finally {
          // The next rung's job, once this rung's requests are out (it is due in the claim's due
          // set already); also on resume: the run that claimed the step may have died before it.
          // Due when the claim made it due, not an ack timeout after slow sends finished.
          if (claim === 'claimed' || page.nextStep === step + 1) await queue.enqueueStep(pageId, plan.next.rung, { priority: page.priority, delayMs: plan.next.dueAt - now().getTime() });
        }
      }
      // Only now, with every send of the step recorded, does the step leave the due set.
      await redis.zrem(keys.dueSteps, dueMember(pageId, step));
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
    async onTextUndelivered(pageId: string, step: PageSend): Promise<void> {
      const page = await pages.get(pageId);
      if (!page || page.status === 'acknowledged' || step.step < 0) return;
      const phone = (await directory.getClinician(step.clinicianId))?.phone ?? null;
      const target = { tier: step.tier as Target['tier'], clinicianId: step.clinicianId, phone };
      await callInstead(page, step.step, { purpose: 'page', channel: 'sms', target });
    },
  };
  return ladder;
}

export type Ladder = ReturnType<typeof createLadder>;
