import { Router } from 'express';
import { smsSafetyFallback, voiceSafetyFallback } from './twiml.js';

/**
 * `/twilio/fallback`: Twilio's Fallback URL for voice and messaging. Static safety TwiML built
 * from configuration alone, so it answers when Redis, the queue or any other part is down.
 */
export function createFallbackRoutes(deps: { practiceName: string; fallbackOncallPhone: string | null }): Router {
  const router = Router();
  router.post('/fallback', (req, res) => {
    const isMessage = Boolean(req.body?.MessageSid ?? req.body?.SmsSid ?? req.body?.SmsMessageSid);
    const twiml = isMessage ? smsSafetyFallback(deps.practiceName) : voiceSafetyFallback(deps.practiceName, deps.fallbackOncallPhone);
    res.type('text/xml').send(twiml.toString());
  });
  return router;
}
