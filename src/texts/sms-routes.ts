import { Router, type Request } from 'express';
import type { Config } from '../config.js';
import { toE164 } from '../phone.js';
import type { DirectoryStore } from '../directory/store.js';
import type { Metrics } from '../metrics.js';
import type { Logger } from '../log.js';
import { fallbackPager } from '../paging/fallback-pager.js';
import type { PagerReplies } from '../paging/pager-replies.js';
import type { Outbox } from '../outbox/index.js';
import { MessagingResponse, twimlHandler, type MessagingTwiml } from '../twilio/twiml.js';
import { mediaOf } from '../twilio/webhook-params.js';
import type { DegradedLine } from '../outage/degraded.js';
import { readDispositionReply, type DispositionReplies } from '../dispositions/replies.js';
import type { ClientTexts } from './client-texts.js';
import type { Clinician } from '../directory/store.js';

/**
 * `/twilio/sms`: a text from a clinician's own number is a pager reply; any other is a client's.
 * Each MessageSid is answered once (the outbox's `replyOnce`): a replay gets the same reply and
 * changes nothing.
 */
export function createSmsRoutes(deps: { config: Config; outbox: Pick<Outbox, 'replyOnce'>; directory: DirectoryStore; pagerReplies: PagerReplies; clientTexts: ClientTexts; dispositions: DispositionReplies; degraded: DegradedLine; metrics: Metrics; log: Logger }): Router {
  const { config, outbox, directory, pagerReplies, log } = deps;
  const router = Router();
  const fallback = fallbackPager(config);

  /** A clinician's text: `W` / `N` answer a morning question, anything else is a pager reply. */
  function clinicianReply(clinician: Clinician, body: string): Promise<string> {
    const disposition = readDispositionReply(body);
    return disposition ? deps.dispositions.reply(clinician, disposition) : pagerReplies.reply(clinician, body);
  }

  async function answer(req: Request): Promise<string | null> {
    const from = toE164(String(req.body.From ?? ''), config.phoneRegion) ?? String(req.body.From ?? 'unknown');
    const body = String(req.body.Body ?? '');
    const owner = await directory.findByPhone(from);
    if (owner?.kind === 'clinician') return clinicianReply(owner.clinician, body);
    // The fallback phone is paged when no schedule is set: its "1" is a pager reply, never a new client text.
    if (!owner && fallback?.phone === from) return clinicianReply(fallback, body);
    const messageSid = String(req.body.MessageSid ?? req.body.SmsSid ?? '');
    const optOutType = typeof req.body.OptOutType === 'string' ? req.body.OptOutType : null;
    const mediaUrls = mediaOf(req.body);
    return deps.clientTexts.handle({ messageSid, from, client: owner?.kind === 'client' ? owner.client : null, body, mediaUrls, optOutType });
  }

  router.post(
    '/sms',
    twimlHandler({ log, metrics: deps.metrics, deadlineMs: 4_000, fallback: (req) => deps.degraded.text(req) }, async (req): Promise<MessagingTwiml> => {
      const sid = String(req.body.MessageSid ?? req.body.SmsSid ?? '');
      const twiml = new MessagingResponse();
      const reply = await outbox.replyOnce(sid, () => answer(req));
      if (reply) twiml.message(reply);
      return twiml;
    }),
  );
  return router;
}
