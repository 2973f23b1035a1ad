import { Router, type Request } from 'express';
import type { Config } from '../config.js';
import { toE164 } from '../phone.js';
import type { Client, DirectoryStore } from '../directory/store.js';
import type { HistoryStore } from '../history/store.js';
import type { Metrics } from '../metrics.js';
import type { Intake } from '../intake/intake.js';
import type { DegradedLine } from '../outage/degraded.js';
import type { Logger } from '../log.js';
import { nextBusinessStart } from '../business-hours.js';
import type { CallState } from './call-state.js';
import { claimsEmergency, readUrgencyDigits, readUrgencyWords } from '../triage/answers.js';
import { crisisMatch } from '../triage/crisis.js';
import type { ClaimedUrgency, Language } from '../triage/types.js';
import { callbackHandler, say, twimlCache, twimlHandler, VoiceResponse, type VoiceTwiml } from '../twilio/twiml.js';
import { VOICE_PROMPTS } from '../wording/index.js';
import { ask, buildMessage, buildPaged } from './voice-twiml.js';

export interface VoiceDeps {
  config: Config;
  callState: CallState;
  directory: DirectoryStore;
  history: HistoryStore;
  intake: Intake;
  degraded: DegradedLine;
  metrics: Metrics;
  log: Logger;
  now: () => Date;
}


/**
 * The client voice line, `/twilio/voice…`. Each step is stateless apart from the CallSid: the
 * caller is looked up by number on every request, the attempt and language ride in the signed
 * action URL, and the contact is keyed by the CallSid.
 */
export function createVoiceRoutes(deps: VoiceDeps): Router {
  const { config, callState, directory, history, intake, log, now } = deps;
  const base = `${config.publicBaseUrl}/twilio/voice`;
  const cached = twimlCache();
  const wrap = (handler: (req: Request) => Promise<VoiceTwiml | string>) =>
    twimlHandler({ log, metrics: deps.metrics, deadlineMs: 1_500, fallback: (req) => deps.degraded.call(req) }, handler);

  async function callerOf(req: Request): Promise<{ from: string; client: Client | null }> {
    const from = toE164(String(req.body.From ?? ''), config.phoneRegion) ?? 'anonymous';
    const owner = from === 'anonymous' ? null : await directory.findByPhone(from);
    return { from, client: owner?.kind === 'client' ? owner.client : null };
  }

  function languageOf(req: Request, client: Client | null): Language {
    return req.query.lang === 'es' ? 'es' : req.query.lang === 'en' ? 'en' : (client?.language ?? 'en');
  }

  function paged(language: Language, askFollowUp: boolean, noAnswer = false): string {
    return cached(`paged|${language}|${askFollowUp}|${noAnswer}`, () => buildPaged(base, language, askFollowUp, noAnswer));
  }

  function takeMessage(language: Language, preface?: string): string {
    const p = VOICE_PROMPTS[language];
    const when = p.formatWhen(nextBusinessStart(now(), config.timezone, config.businessHours), config.timezone, now());
    return cached(`message|${language}|${preface ?? ''}|${when}`, () => buildMessage(base, language, when, preface));
  }

  const router = Router();

  router.post(
    '/voice',
    wrap(async (req) => {
      const { client } = await callerOf(req);
      const language = client?.language ?? 'en';
      // Marks that this call reached the urgency question, for the hang-up rule.
      await callState.heard(String(req.body.CallSid), language);
      return cached(`greeting|${language}|${client === null}`, () => {
        const twiml = new VoiceResponse();
        say(twiml, language, VOICE_PROMPTS[language].greeting(config.practiceName));
        ask(twiml, base, language, { attempt: 1, offerSpanish: client === null });
        return twiml;
      });
    }),
  );

  router.post(
    '/voice/answer',
    wrap(async (req) => {
      const { from, client } = await callerOf(req);
      const callSid = String(req.body.CallSid);
      const attempt = Number(req.query.attempt) === 2 ? 2 : 1;
      const unsure = req.query.unsure === '1';
      let language = languageOf(req, client);
      const speech = typeof req.body.SpeechResult === 'string' ? req.body.SpeechResult : '';
      const keyed = readUrgencyDigits(req.body.Digits);
      if (keyed === 'spanish') {
        language = 'es';
        await (unsure ? callState.unsure(callSid) : callState.heard(callSid, language));
        const twiml = new VoiceResponse();
        say(twiml, language, VOICE_PROMPTS.es.greeting(config.practiceName));
        ask(twiml, base, language, { attempt, offerSpanish: false, unsure });
        return twiml;
      }
      const crisisFound = crisisMatch(speech);
      const crisis = crisisFound !== null;
      const answer = keyed ?? readUrgencyWords(speech);
      const settle = (claim: ClaimedUrgency) => intake.settle({ source: `voice:${callSid}`, channel: 'voice', from, client, claim, crisis, crisisCategory: crisisFound?.category, message: crisis ? speech : null });

      if (crisis || answer === 'emergency') {
        const { decision } = await settle(answer ?? 'emergency');
        return paged(language, decision.page && decision.askFollowUp);
      }
      if (answer === 'not-emergency') {
        // also after an unsure answer: the reassurance offered a message, and the caller chose it
        await settle('not-emergency');
        return takeMessage(language);
      }
      if (answer === 'unsure') {
        if (unsure) {
          // Doubt said twice is enough: the psychiatrist judges (invariant 2).
          await settle('unsure');
          return paged(language, false);
        }
        // Remembered for the hang-up rule: a caller who was unsure and hangs up is paged too.
        await callState.unsure(callSid);
        const twiml = new VoiceResponse();
        say(twiml, language, VOICE_PROMPTS[language].danger);
        ask(twiml, base, language, { attempt, offerSpanish: false, unsure: true });
        return twiml;
      }
      if (attempt === 1) {
        const twiml = new VoiceResponse();
        say(twiml, language, VOICE_PROMPTS[language].notHeard);
        say(twiml, language, VOICE_PROMPTS[language].danger);
        ask(twiml, base, language, { attempt: 2, offerSpanish: client === null, unsure });
        return twiml;
      }
      if (unsure) {
        await settle('unsure');
        return paged(language, false, true);
      }
      const { decision } = await settle('no-answer');
      return decision.page ? paged(language, false, true) : takeMessage(language, VOICE_PROMPTS[language].noAnswerMessage);
    }),
  );

  router.post(
    '/voice/followup',
    wrap(async (req) => {
      const language = languageOf(req, null);
      const p = VOICE_PROMPTS[language];
      const twiml = new VoiceResponse();
      say(twiml, language, p.followUpThanks);
      say(twiml, language, p.danger);
      say(twiml, language, p.goodbye);
      twiml.hangup();
      return twiml;
    }),
  );

  router.post(
    '/voice/message-done',
    wrap(async (req) => {
      const language = languageOf(req, null);
      const p = VOICE_PROMPTS[language];
      const when = p.formatWhen(nextBusinessStart(now(), config.timezone, config.businessHours), config.timezone, now());
      const twiml = new VoiceResponse();
      say(twiml, language, p.messageThanks(when));
      twiml.hangup();
      return twiml;
    }),
  );

  router.post(
    '/voice/recording',
    callbackHandler({ log }, async (req) => {
      const url = String(req.body.RecordingUrl ?? '');
      if (req.body.RecordingStatus !== 'completed' || !url) return;
      const contact = await history.getContactBySource(`voice:${String(req.body.CallSid)}`);
      if (contact) await history.updateContact(contact.id, () => ({ recordingUrl: url }));
    }),
  );

  router.post(
    '/voice/transcript',
    callbackHandler({ log }, async (req) => {
      const text = String(req.body.TranscriptionText ?? '');
      const source = `voice:${String(req.body.CallSid)}`;
      const contact = await history.getContactBySource(source);
      if (!contact) return;
      const crisisFound = crisisMatch(text);
      const crisis = crisisFound !== null;
      if (crisis || claimsEmergency(text)) {
        // Crisis words in a recorded message page at top priority, and a claim in words pages at
        // least high, whatever was pressed (invariants 2 and 3).
        const client = contact.clientId ? await directory.getClient(contact.clientId) : null;
        await intake.settle({ source, channel: 'voice', from: contact.from, client, claim: crisis ? contact.claimedUrgency : 'emergency', crisis, crisisCategory: crisisFound?.category });
      }
      await history.updateContact(contact.id, (c) => ({ message: [c.message, text].filter(Boolean).join('\n') }));
    }),
  );

  router.post(
    '/voice/status',
    callbackHandler({ log }, async (req) => {
      const callSid = String(req.body.CallSid);
      const ended = ['completed', 'busy', 'failed', 'no-answer', 'canceled'].includes(String(req.body.CallStatus));
      const reached = ended ? await callState.reached(callSid) : 'nothing';
      if (reached === 'nothing') return;
      const source = `voice:${callSid}`;
      if (await history.getContactBySource(source)) return;
      const { from, client } = await callerOf(req);
      // A hang-up at the urgency question: a known client, or anyone who said they were unsure,
      // is still paged (invariant 4); an unknown caller leaves a contact for the morning.
      await intake.settle({ source, channel: 'voice', from, client, claim: reached === 'unsure' ? 'unsure' : 'no-answer', crisis: false });
    }),
  );

  return router;
}
