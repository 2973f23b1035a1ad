import type { Messenger } from '../twilio/client.js';
import { SMS_SAFETY } from '../twilio/twiml.js';
import { FALLBACK_PAGER_ID, takerName } from './fallback-pager.js';
import { takenNotice } from './page-text.js';
import { sendAll, type PagingContext } from './context.js';
import type { AckVia, Page } from './pages.js';
import { luaScript } from '../store/scripts.js';

/**
 * The first take wins: open or exhausted becomes acknowledged with who, how and when, the page
 * leaves the open set and its pending step leaves the due set, all at once.
 * KEYS: page, open pages, due steps. ARGV: page id, clinician, via, time.
 */
const ACK = `
local status = redis.call('HGET', KEYS[1], 'status')
if not status then return {'missing'} end
if status == 'acknowledged' then return {'already'} end
redis.call('HSET', KEYS[1], 'status', 'acknowledged', 'acknowledgedBy', ARGV[2], 'acknowledgedVia', ARGV[3], 'acknowledgedAt', ARGV[4])
redis.call('SREM', KEYS[2], ARGV[1])
local nextStep = redis.call('HGET', KEYS[1], 'nextStep')
redis.call('ZREM', KEYS[3], ARGV[1] .. '|' .. nextStep)
return {'taken'}
`;

export type AckOutcome = { outcome: 'taken'; page: Page } | { outcome: 'already'; page: Page };

/**
 * Taking a page: by a pager reply, a keypress or the web. A delivery receipt never calls this.
 * What follows a take (the other clinicians told, the client told) runs as a queued job, so
 * the clinician's reply is answered at once and the notices survive a crash.
 */
export function createAcknowledger(deps: PagingContext) {
  const { config, redis, keys, pages, directory, history, queue, metrics, log, now } = deps;
  const takePage = luaScript(redis, 'afterhoursAck', 3, ACK);

  async function noticeOnce(pageId: string, who: string, send: () => Promise<unknown>): Promise<void> {
    if (!(await redis.hsetnx(keys.pageNotices(pageId), who, 'sending'))) return;
    try {
      await send();
      await redis.hset(keys.pageNotices(pageId), who, 'sent');
    } catch (error) {
      await redis.hdel(keys.pageNotices(pageId), who);
      throw error;
    }
  }

  return {
    async acknowledge(pageId: string, clinicianId: string, via: AckVia): Promise<AckOutcome> {
      const [outcome] = (await takePage(keys.page(pageId), keys.openPages, keys.dueSteps, pageId, clinicianId, via, now().toISOString())) as [string];
      const page = await pages.require(pageId);
      if (outcome === 'already') return { outcome: 'already', page };
      metrics.pageEvents.inc({ event: 'acknowledged' });
      log.info({ pageId, clinicianId, via }, 'page taken');
      await queue.enqueueAckNotices(pageId);
      return { outcome: 'taken', page };
    },

    /** Tells everyone already paged who took it (one short text each), and a client who texted that it is in hand. */
    async sendAckNotices(pageId: string): Promise<void> {
      const messenger = deps.messenger;
      const page = await pages.get(pageId);
      if (!page || page.status !== 'acknowledged') return;
      const taker = await takerName(directory, page.acknowledgedBy);
      const paged = new Set(page.steps.filter((s) => s.step >= 0 && s.delivery !== 'failed').map((s) => s.clinicianId));
      paged.delete(page.acknowledgedBy ?? '');
      const text = takenNotice(page.code, taker, page.acknowledgedAt!, config.timezone);
      const sends = [...paged].map(async (clinicianId) => {
        const phone = clinicianId === FALLBACK_PAGER_ID ? config.fallbackOncallPhone : (await directory.getClinician(clinicianId))?.phone;
        if (phone) await noticeOnce(pageId, clinicianId, () => messenger.sendSms(phone, text));
      });
      sends.push(notifyTextingClient(page, messenger));
      await sendAll(sends);
    },
  };

  /** Only a client who reached us by text, and only at a number on file, hears that the page was taken. */
  async function notifyTextingClient(page: Page, messenger: Messenger): Promise<void> {
    const contact = await history.getContact(page.contactId);
    if (!contact || contact.channel === 'voice' || !contact.clientId) return;
    const client = await directory.getClient(contact.clientId);
    if (!client || !client.phones.includes(contact.from) || (await deps.optOuts.has(contact.from))) return;
    const body =
      client.language === 'es'
        ? `${config.practiceName}: el psiquiatra de guardia ya tiene su mensaje y se comunicará con usted. ${SMS_SAFETY.es}`
        : `${config.practiceName}: the on-call psychiatrist has your message and will be in touch. ${SMS_SAFETY.en}`;
    await noticeOnce(page.id, 'client', () => messenger.sendSms(contact.from, body));
  }
}

export type Acknowledger = ReturnType<typeof createAcknowledger>;
