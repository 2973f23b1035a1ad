import { Router } from 'express';
import type { DegradedLine } from '../outage/degraded.js';

/**
 * `/twilio/fallback`: Twilio's Fallback URL for voice and messaging, used when the primary URL
 * failed. It needs no Redis: a call hears the safety message and is dialed to the fallback
 * phone, a text is relayed to it, and both are spooled for replay (invariants 7 and 8).
 */
export function createFallbackRoutes(deps: { degraded: DegradedLine }): Router {
  const router = Router();
  router.post('/fallback', async (req, res) => {
    const isMessage = Boolean(req.body?.MessageSid ?? req.body?.SmsSid ?? req.body?.SmsMessageSid);
    const twiml = isMessage ? await deps.degraded.text(req) : await deps.degraded.call(req);
    res.type('text/xml').send(twiml.toString());
  });
  return router;
}
