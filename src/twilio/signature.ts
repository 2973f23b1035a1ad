import type { RequestHandler } from 'express';
import twilio from 'twilio';
import type { Logger } from '../log.js';

/**
 * Checks X-Twilio-Signature with the official twilio check against the configured public URL
 * (never rebuilt from Host or X-Forwarded-* headers, which a caller controls). A request that
 * fails gets 403 and reaches no handler, so it changes nothing.
 */
export function requireTwilioSignature(deps: { authToken: string; publicBaseUrl: string; log: Logger }): RequestHandler {
  const { authToken, publicBaseUrl, log } = deps;
  return (req, res, next) => {
    const signature = req.get('x-twilio-signature') ?? '';
    const url = `${publicBaseUrl}${req.originalUrl}`;
    const params = (req.body ?? {}) as Record<string, unknown>;
    if (!signature || !twilio.validateRequest(authToken, signature, url, params)) {
      log.warn({ path: req.path }, 'rejected a webhook with a missing or wrong Twilio signature');
      res.status(403).type('text/plain').send('invalid Twilio signature');
      return;
    }
    next();
  };
}
