import type { Language } from '../triage/types.js';
import { say, VoiceResponse, type VoiceTwiml } from '../twilio/twiml.js';
import { SPANISH_OFFER, VOICE_PROMPTS } from '../wording/index.js';

/*
 * The voice line's TwiML documents, built from the prompts; `base` is the line's public URL, for
 * the actions Twilio follows.
 */

/** The urgency question (or, after an unsure answer, the reassurance in its place), with speech and keys. */
export function ask(twiml: VoiceTwiml, base: string, language: Language, at: { attempt: number; offerSpanish: boolean; unsure?: boolean }): void {
  const p = VOICE_PROMPTS[language];
  const action = `${base}/answer?attempt=${at.attempt}&lang=${language}${at.unsure ? '&unsure=1' : ''}`;
  const gather = twiml.gather({
    input: ['dtmf', 'speech'],
    numDigits: 1,
    timeout: 6,
    speechTimeout: 'auto',
    language: p.gatherLanguage as never,
    hints: language === 'es' ? 'sí, no, emergencia, urgente, no sé' : "yes, no, emergency, urgent, not really, not sure, I don't know",
    action,
    method: 'POST',
  });
  say(gather, language, at.unsure ? p.unsure : p.question);
  if (at.offerSpanish) say(gather, 'es', SPANISH_OFFER);
  // Silence: Twilio falls through to the next verb, which asks again (or settles) as no answer.
  twiml.redirect({ method: 'POST' }, action);
}

/** The page is out: say so, the 911 / 988 line, and (when asked for) a few words after the tone. */
export function buildPaged(base: string, language: Language, askFollowUp: boolean, noAnswer: boolean): VoiceTwiml {
  const p = VOICE_PROMPTS[language];
  const twiml = new VoiceResponse();
  say(twiml, language, noAnswer ? p.noAnswerPaged : p.paged);
  say(twiml, language, p.danger);
  if (askFollowUp) {
    say(twiml, language, p.followUp);
    twiml.record({
      maxLength: 30,
      timeout: 5,
      playBeep: true,
      action: `${base}/followup?lang=${language}`,
      method: 'POST',
      recordingStatusCallback: `${base}/recording`,
      recordingStatusCallbackEvent: ['completed'],
      transcribe: true,
      transcribeCallback: `${base}/transcript`,
    });
    say(twiml, language, p.followUpThanks);
  }
  say(twiml, language, p.goodbye);
  twiml.hangup();
  return twiml;
}

/**
 * Twilio transcribes only recordings shorter than 120 seconds (warning 13617); a longer message
 * would have no transcript, and its words would never be read for crisis language or a claim.
 */
const TRANSCRIBABLE_SECONDS = 115;

/** A message for the next business day, with words that support waiting. */
export function buildMessage(base: string, language: Language, when: string, preface?: string): VoiceTwiml {
  const p = VOICE_PROMPTS[language];
  const twiml = new VoiceResponse();
  if (preface) say(twiml, language, preface);
  say(twiml, language, p.messageWhen(when));
  twiml.record({
    maxLength: TRANSCRIBABLE_SECONDS,
    timeout: 8,
    playBeep: true,
    action: `${base}/message-done?lang=${language}`,
    method: 'POST',
    recordingStatusCallback: `${base}/recording`,
    recordingStatusCallbackEvent: ['completed'],
    transcribe: true,
    transcribeCallback: `${base}/transcript`,
  });
  say(twiml, language, p.messageThanks(when));
  twiml.hangup();
  return twiml;
}
