import type { FinalFailureKind } from '../outbox/index.js';
import type { Tier } from '../oncall/schedule.js';
import { PRIORITY_RANK, type Priority } from '../triage/types.js';
import type { SendChannel } from './pages.js';

export type { SendChannel };

/** Someone the ladder pages: a tier of the schedule, or the fallback phone when no schedule is set. */
export interface Target {
  tier: Tier | 'fallback';
  clinicianId: string;
  phone: string | null;
}

/** What one send of a page is for: a page to a rung's tier, the lead's alert, the client's 911 / 988 text. */
export type SendPurpose = 'page' | 'alert' | 'client-safety';

/** One text or call the plan asks for. The client's text is planned without a number: the contact holds it. */
export interface PlannedSend {
  purpose: SendPurpose;
  channel: SendChannel;
  target: Target | null;
}

export interface LadderConfig {
  escalationRounds: number;
  ackTimeoutMs: number;
  /** `FALLBACK_ONCALL_PHONE` as a target: the whole ladder with no schedule, the alert with no lead. */
  fallback: Target | null;
}

/**
 * What one rung of a page's ladder does, decided with no I/O: the sends of this rung and when
 * the next one is due, or the ladder's end, with the alerts that follow it.
 */
export type StepPlan =
  | { kind: 'rung'; rung: number; target: Target; sends: PlannedSend[]; next: { rung: number; dueAt: number } }
  | { kind: 'exhausted'; alerts: PlannedSend[] };

/** The ladder of the moment: the schedule's tiers (primary, backup, lead), or the fallback phone alone when no schedule is set. */
export function ladderTargets(onCall: Target[] | null, config: Pick<LadderConfig, 'fallback'>): Target[] {
  if (onCall) return onCall;
  // No schedule: the configured fallback number is the whole ladder, so a page still rings somewhere.
  return config.fallback ? [config.fallback] : [];
}

/**
 * Rung `rung` of a page: its tier (primary, backup, lead, `escalationRounds` times), texted, and
 * called too unless the page is normal; the next rung due after the ack timeout. Past the last
 * rung the ladder is exhausted: the lead (else the last tier, else the fallback phone) is texted
 * and called, and the client is texted 911 / 988 (invariant 5).
 */
export function planStep(page: { priority: Priority }, onCall: Target[] | null, rung: number, config: LadderConfig, now: number): StepPlan {
  const targets = ladderTargets(onCall, config);
  if (rung >= targets.length * config.escalationRounds) {
    const alertTo = targets.find((t) => t.tier === 'lead') ?? targets.at(-1) ?? config.fallback;
    const alerts: PlannedSend[] = alertTo ? (['sms', 'voice'] as const).map((channel) => ({ purpose: 'alert', channel, target: alertTo })) : [];
    return { kind: 'exhausted', alerts: [...alerts, { purpose: 'client-safety', channel: 'sms', target: null }] };
  }
  const target = targets[rung % targets.length]!;
  const channels: SendChannel[] = page.priority === 'normal' ? ['sms'] : ['sms', 'voice'];
  return { kind: 'rung', rung, target, sends: channels.map((channel) => ({ purpose: 'page', channel, target })), next: { rung: rung + 1, dueAt: now + config.ackTimeoutMs } };
}

export type AfterFailure = 'call-instead' | 'next-tier' | 'record-only';

/**
 * What follows a page send that failed for good, by channel and kind: a text that may not have
 * gone (timed out) or cannot go (STOP) is followed by a call, never resent; a number that cannot
 * be reached moves the ladder to the next tier at once; anything else is recorded only.
 */
export const FAILURE_POLICY: Record<SendChannel, Record<FinalFailureKind, AfterFailure>> = {
  sms: { 'opted-out': 'call-instead', unknown: 'call-instead', 'invalid-number': 'next-tier', rejected: 'next-tier', 'no-phone': 'record-only' },
  voice: { 'opted-out': 'record-only', unknown: 'record-only', 'invalid-number': 'next-tier', rejected: 'next-tier', 'no-phone': 'record-only' },
};

/** The policy for one send: the client's text is only recorded; an alert has no next tier to move to. */
export function afterFailure(send: Pick<PlannedSend, 'purpose' | 'channel'>, kind: FinalFailureKind): AfterFailure {
  if (send.purpose === 'client-safety') return 'record-only';
  const next = FAILURE_POLICY[send.channel][kind];
  return next === 'next-tier' && send.purpose !== 'page' ? 'record-only' : next;
}

/**
 * Where a send is kept in the page's record, as the API has always shown it: the rung, or −1
 * for the sends after the ladder; the tier, `lead-alert` for the alert and `client` for the
 * client's text. A page raised to critical after its tier was texted is texted again, as
 * critical: the field differs.
 */
export function recordOf(send: PlannedSend, place: Place, priority: Priority, exhaustedPriority?: Priority | null): { step: number; tier: string; field: string } {
  const step = stepOf(place);
  const tier = send.purpose === 'alert' ? 'lead-alert' : send.purpose === 'client-safety' ? 'client' : send.target!.tier;
  const critical = send.channel === 'sms' && send.purpose === 'page' && priority === 'critical' ? ':critical' : '';
  // A page raised after its ladder ran out (crisis words after a normal page nobody took): the
  // lead's alert and call go again, at the new priority, under sends of their own (invariant 3).
  const raised = send.purpose === 'alert' && exhaustedPriority && PRIORITY_RANK[priority] > PRIORITY_RANK[exhaustedPriority] ? `:${priority}` : '';
  return { step, tier, field: `${step}:${tier}:${send.channel}${critical}${raised}` };
}

/** Where a send sits: on a rung of the ladder, or after it (an exhausted ladder's alerts). */
export type Place = number | 'after-ladder';

/** The record's step number of a place: the rung, or −1 after the ladder (shown last by the API). */
export function stepOf(place: Place): number {
  return place === 'after-ladder' ? -1 : place;
}
