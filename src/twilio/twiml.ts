import type { Request, RequestHandler } from 'express';
import twilio from 'twilio';
import type { Metrics } from '../metrics.js';
import type { Logger } from '../log.js';
import type { Language } from '../triage/types.js';
import { SMS_SAFETY, VOICE_PROMPTS } from '../wording/index.js';

const { VoiceResponse, MessagingResponse } = twilio.twiml;
export type VoiceTwiml = InstanceType<typeof VoiceResponse>;
export type MessagingTwiml = InstanceType<typeof MessagingResponse>;
export { MessagingResponse, VoiceResponse };

/**
 * TwiML documents that depend only on configuration and a few choices (a language, whether to ask
 * a follow-up) are built once with the builders and reused as text: the XML builder is the
 * costliest part of answering a webhook.
 */
export function twimlCache(limit = 500) {
  const built = new Map<string, string>();
  return (key: string, build: () => VoiceTwiml): string => {
    let xml = built.get(key);
    if (xml === undefined) {
      xml = build().toString();
      if (built.size >= limit) built.delete(built.keys().next().value!);
      built.set(key, xml);
    }
    return xml;
  };
}

/** Says a line in a language's voice. */
export function say(twiml: VoiceTwiml | ReturnType<VoiceTwiml['gather']>, language: Language, text: string): void {
  const p = VOICE_PROMPTS[language];
  if (text) twiml.say({ voice: p.voice as never, language: p.sayLanguage as never }, text);
}

/**
 * The answer that needs nothing but configuration: the practice name, the 911 / 988 guidance in
 * English and Spanish, and a direct dial to the fallback on-call number when there is one.
 * Served when Redis is unreachable, when a handler fails, and at Twilio's fallback URL.
 */
export function voiceSafetyFallback(practiceName: string, fallbackPhone: string | null): VoiceTwiml {
  const twiml = new VoiceResponse();
  say(twiml, 'en', VOICE_PROMPTS.en.greeting(practiceName));
  say(twiml, 'es', VOICE_PROMPTS.es.danger);
  if (fallbackPhone) {
    say(twiml, 'en', VOICE_PROMPTS.en.fallbackConnecting);
    twiml.dial({ timeout: 45 }, fallbackPhone);
  } else {
    say(twiml, 'en', VOICE_PROMPTS.en.fallbackNoNumber);
  }
  say(twiml, 'en', VOICE_PROMPTS.en.danger);
  twiml.hangup();
  return twiml;
}

export function smsSafetyFallback(practiceName: string): MessagingTwiml {
  const twiml = new MessagingResponse();
  twiml.message(`${practiceName}: we could not take your message right now. ${SMS_SAFETY.en} ${SMS_SAFETY.es}`);
  return twiml;
}

class DeadlineError extends Error {
  constructor(ms: number) {
    super(`no answer within ${ms} ms`);
  }
}

/** Rejects when the work has not finished in time; the work itself carries on. */
export function withDeadline<T>(work: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout;
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new DeadlineError(ms)), ms);
  });
  return Promise.race([work, deadline]).finally(() => clearTimeout(timer));
}

/**
 * Wraps a TwiML webhook so a caller always hears safe TwiML: any failure, or no answer within
 * the deadline (a Redis that is down or hanging), becomes the safety fallback instead of
 * Twilio's "an application error has occurred".
 */
export function twimlHandler(
  deps: { log: Logger; metrics: Metrics; deadlineMs: number; fallback: (req: Request) => VoiceTwiml | MessagingTwiml | Promise<VoiceTwiml | MessagingTwiml> },
  handler: (req: Request) => Promise<VoiceTwiml | MessagingTwiml | string>,
): RequestHandler {
  return async (req, res) => {
    let twiml: VoiceTwiml | MessagingTwiml | string;
    try {
      twiml = await withDeadline(handler(req), deps.deadlineMs);
    } catch (error) {
      const reason = error instanceof DeadlineError ? 'deadline' : 'error';
      deps.log.error({ err: error, path: req.path, callSid: req.body?.CallSid, messageSid: req.body?.MessageSid }, 'webhook failed; answering with the safety fallback');
      deps.metrics.fallbacks.inc({ reason });
      twiml = await deps.fallback(req);
    }
    res.type('text/xml').send(twiml.toString());
  };
}

/**
 * Wraps a status callback: Twilio needs only a 2xx and does not retry these, so a failure is
 * logged for the operator and never answered with a 5xx.
 */
export function callbackHandler(deps: { log: Logger }, handler: (req: Request) => Promise<void>): RequestHandler {
  return async (req, res) => {
    try {
      await handler(req);
    } catch (error) {
      deps.log.error({ err: error, path: req.path }, 'status callback failed');
    }
    res.status(204).end();
  };
}
