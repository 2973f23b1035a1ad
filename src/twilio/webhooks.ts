import express, { Router, type ErrorRequestHandler, type Request, type RequestHandler, type Response } from 'express';
import twilio from 'twilio';
import type { AuthFailures } from '../http/auth-failures.js';
import type { Logger } from '../log.js';

/** What a handler is given: a signed body over these is not one Twilio sends, and gets the safety answer. */
export const HANDLER_LIMITS = { bytes: 64 * 1024, parameters: 1_000 };
/**
 * What is read to check a signature: twice what a handler takes, far above anything Twilio sends
 * (a few kilobytes). A bigger body cannot be parsed, so its signature cannot be checked: it is
 * treated as unsigned. Parsing and checking (six HMACs over the parameters) grow with the body,
 * so this bounds what one forged request holds the event loop for (5 to 15 ms measured; at 1 MB
 * and 10,000 parameters over 100 ms, and a flood of those held signed webhooks for seconds).
 */
export const READ_LIMITS = { bytes: 2 * HANDLER_LIMITS.bytes, parameters: 2 * HANDLER_LIMITS.parameters };

export interface WebhookDeps {
  /** Null without a Twilio account: then nothing can be verified and every request is refused. */
  authToken: string | null;
  publicBaseUrl: string;
  failures: AuthFailures;
  log: Logger;
  /** The safety TwiML, for every signed request nothing else answered. */
  safety: RequestHandler;
  routers: Router[];
}

/**
 * Everything under `/twilio`. A request is first checked with the official twilio signature
 * check against the configured public URL (never rebuilt from Host or X-Forwarded-* headers):
 * one that fails, or whose body cannot be read, gets 403 (429 once its address has failed too
 * often) and reaches nothing else. A signed request always gets an answer a caller can hear:
 * its handler's, or the safety TwiML for an unknown path, an oversized body or a failure.
 * Signed requests are never rate-limited.
 */
export function createTwilioWebhooks(deps: WebhookDeps): Router {
  const { authToken, publicBaseUrl, failures, log, safety } = deps;
  const parse = express.urlencoded({
    extended: false,
    limit: READ_LIMITS.bytes,
    parameterLimit: READ_LIMITS.parameters,
    verify: (_req, res, buf) => {
      (res as Response).locals.webhookBytes = buf.length;
    },
  });

  async function refuse(req: Request, res: Response, reason: string): Promise<void> {
    const wait = await failures.fail(req, reason);
    if (wait > 0) res.status(429).set('Retry-After', String(wait)).type('text/plain').send('too many requests');
    else res.status(403).type('text/plain').send('invalid Twilio signature');
  }

  function signed(req: Request, params: Record<string, unknown>): boolean {
    const signature = req.get('x-twilio-signature');
    if (!authToken || !signature) return false;
    try {
      return twilio.validateRequest(authToken, signature, `${publicBaseUrl}${req.originalUrl}`, params);
    } catch {
      return false;
    }
  }

  const router = Router();
  router.use((req, res, next) => {
    // With no signature (or no account to check one) nothing can make it signed: refused before its body is read.
    if (!authToken || !req.get('x-twilio-signature')) {
      void refuse(req, res, !authToken ? 'no-account' : 'unsigned');
      return;
    }
    parse(req, res, (error?: unknown) => {
      if (error) void refuse(req, res, 'unreadable-body');
      else next();
    });
  });
  router.use((req, res, next) => {
    const params = (req.body ?? {}) as Record<string, unknown>;
    if (!signed(req, params)) {
      void refuse(req, res, 'bad-signature');
      return;
    }
    req.body = params;
    if (Number(res.locals.webhookBytes ?? 0) > HANDLER_LIMITS.bytes || Object.keys(params).length > HANDLER_LIMITS.parameters) {
      log.warn({ bytes: res.locals.webhookBytes, parameters: Object.keys(params).length }, 'a signed webhook larger than Twilio sends was answered with the safety message');
      safety(req, res, next);
      return;
    }
    next();
  });
  for (const routes of deps.routers) router.use(routes);
  // A signed request to a path (or with a method) no route takes: Twilio is pointed at a wrong URL.
  router.use((req, res, next) => {
    log.warn({ method: req.method, path: req.path.slice(0, 100) }, 'a signed webhook to an unknown path was answered with the safety message');
    safety(req, res, next);
  });
  const failed: ErrorRequestHandler = (error, req, res, next) => {
    log.error({ err: error, path: req.path.slice(0, 100) }, 'webhook failed; answering with the safety message');
    if (res.headersSent) res.end();
    else safety(req, res, next);
  };
  router.use(failed);
  return router;
}
