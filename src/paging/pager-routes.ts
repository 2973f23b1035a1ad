import { Router, type Request } from 'express';
import { callbackHandler, say, twimlHandler, voiceSafetyFallback, VoiceResponse, type VoiceTwiml } from '../twilio/twiml.js';
import type { Acknowledger } from './acknowledge.js';
import type { Ladder } from './ladder.js';
import { CLINICIAN_WORDING } from '../wording/index.js';
import { takerName } from './fallback-pager.js';
import type { Config } from '../config.js';
import type { DirectoryStore } from '../directory/store.js';
import type { HistoryStore } from '../history/store.js';
import type { Logger } from '../log.js';
import type { Metrics } from '../metrics.js';
import type { Outbox } from '../outbox/index.js';
import type { Page, PageStep, PageStore } from './pages.js';

export interface PagerRouteDeps {
  config: Config;
  pages: PageStore;
  directory: DirectoryStore;
  history: HistoryStore;
  outbox: Pick<Outbox, 'delivery'>;
  metrics: Metrics;
  log: Logger;
  acknowledger: Acknowledger;
  ladder: Pick<Ladder, 'pass' | 'onTextUndelivered'>;
}

const FAILED_TEXT = new Set(['failed', 'undelivered']);

/**
 * `/twilio/page…`: the clinician's side of a page by voice (hear it, 1 takes, 9 passes, then be
 * connected to the client through the practice number) and the delivery receipts of every page
 * text and call, which are recorded and never count as a take.
 */
export function createPagerRoutes(deps: PagerRouteDeps): Router {
  const { config, pages, directory, history, outbox, acknowledger, ladder, log } = deps;
  const base = `${config.publicBaseUrl}/twilio/page`;
  const wrap = (handler: (req: Request) => Promise<VoiceTwiml>) =>
    twimlHandler({ log, metrics: deps.metrics, deadlineMs: 5_000, fallback: () => voiceSafetyFallback(config.practiceName, null) }, handler);

  const ids = (req: Request) => ({ pageId: String(req.query.pageId ?? ''), clinicianId: String(req.query.clinicianId ?? '') });

  async function describe(page: Page): Promise<string> {
    const contact = await history.getContact(page.contactId);
    const client = page.clientId ? await directory.getClient(page.clientId) : null;
    return CLINICIAN_WORDING.pageSpeech({ page, initials: client?.initials ?? null, channel: contact?.channel ?? 'voice', timezone: config.timezone }, config.practiceName);
  }

  function connect(twiml: VoiceTwiml, clientNumber: string): void {
    say(twiml, 'en', 'Connecting you to the client through the practice line.');
    // The practice number is the caller ID both ways: neither side sees the other's own number.
    twiml.dial({ callerId: config.twilio?.phoneNumber, answerOnBridge: true, timeout: 40 }, clientNumber);
    say(twiml, 'en', 'The client did not answer. You can try again by replying CALL with the page code.');
  }

  async function takenBySomeoneElse(page: Page, clinicianId: string): Promise<VoiceTwiml | null> {
    if (page.status !== 'acknowledged' || page.acknowledgedBy === clinicianId) return null;
    const twiml = new VoiceResponse();
    const taker = await takerName(directory, page.acknowledgedBy);
    say(twiml, 'en', `Page ${page.code.split('').join(' ')} was already taken by ${taker}. Thank you.`);
    twiml.hangup();
    return twiml;
  }

  const router = Router();

  router.post(
    '/page/voice',
    wrap(async (req) => {
      const { pageId, clinicianId } = ids(req);
      const twiml = new VoiceResponse();
      if (String(req.body.AnsweredBy ?? '').startsWith('machine') || req.body.AnsweredBy === 'fax') {
        // A voicemail greeting is not a clinician: leave nothing about the client, and keep the ladder going.
        say(twiml, 'en', `You have an urgent page from the after-hours line of ${config.practiceName}. Please check your text messages.`);
        twiml.hangup();
        return twiml;
      }
      const page = await pages.require(pageId);
      const taken = await takenBySomeoneElse(page, clinicianId);
      if (taken) return taken;
      const contact = await history.getContact(page.contactId);
      const gather = twiml.gather({ input: ['dtmf'], numDigits: 1, timeout: 8, action: `${base}/key?pageId=${pageId}&clinicianId=${clinicianId}`, method: 'POST' });
      say(gather, 'en', await describe(page));
      say(gather, 'en', 'Press 1 to take this page. Press 9 to pass it to the next clinician.');
      if (contact?.recordingUrl) {
        say(gather, 'en', 'Here is what the client recorded.');
        gather.play(contact.recordingUrl);
        say(gather, 'en', 'Press 1 to take this page, or 9 to pass it.');
      }
      say(twiml, 'en', 'No key was pressed, so the page stays open. Goodbye.');
      twiml.hangup();
      return twiml;
    }),
  );

  router.post(
    '/page/key',
    wrap(async (req) => {
      const { pageId, clinicianId } = ids(req);
      const digit = String(req.body.Digits ?? '').charAt(0);
      const twiml = new VoiceResponse();
      const page = await pages.require(pageId);
      if (digit === '9') {
        const passed = await ladder.pass(pageId, clinicianId);
        say(twiml, 'en', passed ? 'The page has been passed to the next clinician. Goodbye.' : 'This page is no longer waiting on you. Goodbye.');
        twiml.hangup();
        return twiml;
      }
      if (digit !== '1') {
        twiml.redirect({ method: 'POST' }, `${base}/voice?pageId=${pageId}&clinicianId=${clinicianId}`);
        return twiml;
      }
      const result = await acknowledger.acknowledge(pageId, clinicianId, 'voice');
      const taken = await takenBySomeoneElse(result.page, clinicianId);
      if (taken) return taken;
      const gather = twiml.gather({ input: ['dtmf'], numDigits: 1, timeout: 8, action: `${base}/connect?pageId=${pageId}&clinicianId=${clinicianId}`, method: 'POST' });
      say(gather, 'en', `You have taken page ${page.code.split('').join(' ')}. Press 1 to be connected to the client now through the practice line, or hang up to call back later by replying CALL to the page text.`);
      twiml.hangup();
      return twiml;
    }),
  );

  async function bridgeTwiml(req: Request): Promise<VoiceTwiml> {
    const { pageId, clinicianId } = ids(req);
    const page = await pages.require(pageId);
    const twiml = new VoiceResponse();
    const taken = await takenBySomeoneElse(page, clinicianId);
    if (taken) return taken;
    const contact = await history.requireContact(page.contactId);
    if (!contact.from.startsWith('+')) {
      say(twiml, 'en', 'The client called from a hidden number, so they cannot be connected. Goodbye.');
      twiml.hangup();
      return twiml;
    }
    connect(twiml, contact.from);
    return twiml;
  }

  router.post('/page/connect', wrap(async (req) => (String(req.body.Digits ?? '').startsWith('1') ? bridgeTwiml(req) : hangup())));
  router.post('/page/bridge', wrap(bridgeTwiml));

  router.post(
    '/page/status',
    callbackHandler({ log }, async (req) => {
      const str = (value: unknown) => (value ? String(value) : null);
      const delivered = await outbox.delivery(String(req.body.MessageSid ?? req.body.CallSid ?? ''), {
        status: str(req.body.MessageStatus ?? req.body.CallStatus),
        answeredBy: str(req.body.AnsweredBy),
        errorCode: str(req.body.ErrorCode),
      });
      if (delivered?.key.scope !== 'page-steps') return;
      const step = delivered.record as unknown as PageStep;
      if (step.channel === 'sms' && FAILED_TEXT.has(delivered.status)) await ladder.onTextUndelivered(delivered.key.id, step);
    }),
  );

  return router;
}

function hangup(): VoiceTwiml {
  const twiml = new VoiceResponse();
  twiml.hangup();
  return twiml;
}
