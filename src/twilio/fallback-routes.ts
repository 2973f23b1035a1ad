import { Router, type Request, type RequestHandler } from 'express';
import { smsSafetyFallback, voiceSafetyFallback, type MessagingTwiml, type VoiceTwiml } from './twiml.js';

const isMessage = (req: Request) => req.path.startsWith('/sms') || Boolean(req.body?.MessageSid ?? req.body?.SmsSid ?? req.body?.SmsMessageSid);

/**
 * Static safety TwiML built from configuration alone, as a text reply or a call, so it answers
 * when Redis, the queue or any other part is down. It is also the answer to a signed webhook
 * nothing else could answer: an unknown path, a body Twilio would never send, a failed handler.
 */
export function safetyAnswer(deps: { practiceName: string; fallbackOncallPhone: string | null }): RequestHandler {
  return (req, res) => {
    const twiml = isMessage(req) ? smsSafetyFallback(deps.practiceName) : voiceSafetyFallback(deps.practiceName, deps.fallbackOncallPhone);
    res.status(200).type('text/xml').send(twiml.toString());
  };
}

/**
 * `/twilio/fallback`: Twilio's Fallback URL for voice and messaging, used when the primary URL
 * failed. It needs no Redis: a call hears the safety message and is dialed to the fallback
 * phone, a text is relayed to it, and both are spooled for replay (invariants 7 and 8).
 */
export function createFallbackRoutes(deps: { degraded: { text(req: Request): Promise<MessagingTwiml>; call(req: Request): Promise<VoiceTwiml> } }): Router {
  const router = Router();
  router.post('/fallback', async (req, res) => {
    const twiml = isMessage(req) ? await deps.degraded.text(req) : await deps.degraded.call(req);
    res.type('text/xml').send(twiml.toString());
  });
  return router;
}
