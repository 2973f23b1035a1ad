import type { Request } from 'express';
import { DateTime } from 'luxon';
import type { Config } from '../config.js';
import { toE164 } from '../phone.js';
import type { Logger } from '../log.js';
import { claimsEmergency } from '../triage/answers.js';
import { hasCrisisLanguage } from '../triage/crisis.js';
import type { Messenger } from '../twilio/client.js';
import { SMS_SAFETY } from '../wording/index.js';
import { MessagingResponse, smsSafetyFallback, voiceSafetyFallback, withDeadline, type MessagingTwiml, type VoiceTwiml } from '../twilio/twiml.js';
import { mediaOf } from '../twilio/webhook-params.js';
import type { Spool, SpooledContact } from './spool.js';

/** How long writing one spool line may hold a caller: the voice answer must be out within 2 s. */
const SPOOL_BUDGET_MS = 400;
/** How many recent SIDs are remembered, so Twilio's primary and fallback URL for one contact spool and relay it once. */
const RECENT_LIMIT = 2_000;

/**
 * The line when Redis cannot be reached (or does not answer within a webhook's budget), or a
 * handler failed: nothing here touches Redis. A call hears 911 / 988 and is dialed to the
 * fallback phone; a text is relayed to the fallback phone through the Twilio API (the sender's
 * number, whether crisis language or a claim was read, and the time; never the words) and the
 * client reads 911 / 988. Every such contact is spooled to local disk for replay (invariant 8).
 */
export function createDegradedLine(deps: { config: Config; messenger: Messenger | null; spool: Spool; log: Logger; now: () => Date }) {
  const { config, messenger, spool, log, now } = deps;
  const recent = new Set<string>();
  const relayBudgetMs = Math.min(config.twilioTimeoutMs, 8_000);

  function firstTime(key: string): boolean {
    if (recent.has(key)) return false;
    if (recent.size >= RECENT_LIMIT) recent.delete(recent.values().next().value!);
    recent.add(key);
    return true;
  }

  async function keep(entry: SpooledContact): Promise<void> {
    try {
      await withDeadline(spool.append(entry), SPOOL_BUDGET_MS);
    } catch (error) {
      // The append carries on past the budget; a failed one is the operator's to see at once.
      log.error({ err: error, kind: entry.kind }, 'could not write a contact to the spool in time');
    }
  }

  function relayText(from: string, entry: Pick<SpooledContact, 'crisis' | 'claimed'>): string {
    const at = DateTime.fromJSDate(now(), { zone: config.timezone }).setLocale('en-US').toFormat('h:mm a');
    const what = entry.crisis ? 'CRISIS LANGUAGE in it' : entry.claimed ? 'it says emergency' : 'not read as urgent';
    return `afterhours OUTAGE: a text from ${from} at ${at} (${what}). The system cannot take it now: call them back. They were given 911/988.`;
  }

  async function relay(from: string, entry: Pick<SpooledContact, 'crisis' | 'claimed'>): Promise<boolean> {
    if (!config.fallbackOncallPhone || !messenger) return false;
    try {
      await withDeadline(messenger.sendSms(config.fallbackOncallPhone, relayText(from, entry)), relayBudgetMs);
      return true;
    } catch (error) {
      log.error({ err: error }, 'could not relay a text to the fallback phone');
      return false;
    }
  }

  return {
    /** A client's text with no Redis: relayed, spooled, and answered with 911 / 988. */
    async text(req: Request): Promise<MessagingTwiml> {
      const body = (req.body ?? {}) as Record<string, unknown>;
      const sid = String(body.MessageSid ?? body.SmsSid ?? '');
      const from = toE164(String(body.From ?? ''), config.phoneRegion) ?? String(body.From ?? 'unknown');
      const words = String(body.Body ?? '');
      const facts = { crisis: hasCrisisLanguage(words), claimed: claimsEmergency(words) };
      let relayed = false;
      if (from === config.fallbackOncallPhone) {
        // the fallback phone is a pager; its reply cannot be read without Redis
      } else if (firstTime(`sms:${sid}`)) {
        // On disk first, so a crash during the relay still leaves the contact to replay; a relay
        // that went through is written after it (the replay reads the two lines as one contact).
        const entry: SpooledContact = { kind: 'sms', sid, from, at: now().toISOString(), body: words, mediaUrls: mediaOf(body), ...facts, relayed: false, optOutType: typeof body.OptOutType === 'string' ? body.OptOutType : null };
        await keep(entry);
        relayed = await relay(from, facts);
        if (relayed) await keep({ ...entry, relayed: true });
      }
      if (!relayed) return smsSafetyFallback(config.practiceName);
      const twiml = new MessagingResponse();
      twiml.message(`${config.practiceName}: your text was passed to the on-call clinician, who has your number. ${SMS_SAFETY.en} ${SMS_SAFETY.es}`);
      return twiml;
    },

    /** A call with no Redis: the safety message and a dial to the fallback phone, spooled once per call. */
    async call(req: Request): Promise<VoiceTwiml> {
      const body = (req.body ?? {}) as Record<string, unknown>;
      const sid = String(body.CallSid ?? '');
      if (sid && firstTime(`voice:${sid}`)) {
        const from = toE164(String(body.From ?? ''), config.phoneRegion) ?? 'anonymous';
        await keep({ kind: 'voice', sid, from, at: now().toISOString(), body: '', mediaUrls: [], crisis: false, claimed: false, relayed: Boolean(config.fallbackOncallPhone) });
      }
      return voiceSafetyFallback(config.practiceName, config.fallbackOncallPhone);
    },
  };
}

export type DegradedLine = ReturnType<typeof createDegradedLine>;
