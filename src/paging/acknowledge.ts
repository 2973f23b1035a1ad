import { FALLBACK_PAGER_ID, takerName } from './fallback-pager.js';
import { sendAll, type PagingContext } from './context.js';
import type { AckVia, Page } from './pages.js';
import { defineScript } from '../store/scripts.js';

export type AckOutcome = { outcome: 'taken'; page: Page } | { outcome: 'already'; page: Page };

/**
 * Taking a page: by a pager reply, a keypress or the web. A delivery receipt never calls this.
 * What follows a take (the other clinicians told, the client told) runs as a queued job, so
 * the clinician's reply is answered at once and the notices survive a crash.
 */
export function createAcknowledger(deps: Omit<PagingContext, 'messenger'>) {
  const { config, redis, keys, pages, directory, history, outbox, queue, metrics, log, now } = deps;
  const takePage = defineScript<'taken' | 'already' | 'missing'>(redis, 'take-page-3.lua');

  return {
    async acknowledge(pageId: string, clinicianId: string, via: AckVia): Promise<AckOutcome> {
      const [outcome] = await takePage([keys.page(pageId), keys.openPages, keys.dueSteps], [pageId, clinicianId, via, now().toISOString()]);
      const page = await pages.require(pageId);
      if (outcome === 'already') return { outcome: 'already', page };
      metrics.pageEvents.inc({ event: 'acknowledged' });
      log.info({ pageId, clinicianId, via }, 'page taken');
      await queue.enqueueAckNotices(pageId);
      return { outcome: 'taken', page };
    },

    /** Tells everyone already paged who took it (one short text each), and a client who texted that it is in hand. */
    async sendAckNotices(pageId: string): Promise<void> {
      const page = await pages.get(pageId);
      if (!page || page.status !== 'acknowledged') return;
      const taker = await takerName(directory, page.acknowledgedBy);
      const paged = new Set(page.steps.filter((s) => s.step >= 0 && s.delivery !== 'failed').map((s) => s.clinicianId));
      paged.delete(page.acknowledgedBy ?? '');
      const sends = [...paged].map(async (clinicianId) => {
        const phone = clinicianId === FALLBACK_PAGER_ID ? config.fallbackOncallPhone : (await directory.getClinician(clinicianId))?.phone;
        if (phone) await outbox.sendOnce(notice(pageId, clinicianId), { kind: 'taken-notice', to: phone, code: page.code, taker, at: page.acknowledgedAt!, timezone: config.timezone });
      });
      sends.push(notifyTextingClient(page));
      await sendAll(sends);
    },
  };

  /** Only a client who reached us by text, and only at a number on file, hears that the page was taken. */
  async function notifyTextingClient(page: Page): Promise<void> {
    const contact = await history.getContact(page.contactId);
    if (!contact || contact.channel === 'voice' || !contact.clientId) return;
    const client = await directory.getClient(contact.clientId);
    if (!client || !client.phones.includes(contact.from)) return;
    await outbox.sendOnce(notice(page.id, 'client'), { kind: 'client-page-taken', to: contact.from, language: client.language });
  }
}

/** Who has been told a page was taken (each clinician, the client): each once. */
function notice(pageId: string, who: string) {
  return { scope: 'page-notices' as const, id: pageId, field: who };
}

export type Acknowledger = ReturnType<typeof createAcknowledger>;
