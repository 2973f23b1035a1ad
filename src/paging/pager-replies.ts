import type { Config } from '../config.js';
import type { Clinician, DirectoryStore } from '../directory/store.js';
import type { Acknowledger } from './acknowledge.js';
import type { Ladder } from './ladder.js';
import { takerName } from './fallback-pager.js';
import { CLINICIAN_WORDING } from '../wording/index.js';
import type { Page, PageStore } from './pages.js';
import type { PageQueue } from './queue.js';

export type PagerWord = 'take' | 'call' | 'pass';

/** Reads a pager reply: `1` / `ACK` take, `CALL` take and connect, `PASS` hand on; a page code may follow. */
export function readPagerReply(body: string): { word: PagerWord; code: string | null } | null {
  const match = /^\s*(1|ack|ok|yes|call|pass)\b[\s#:.-]*(\d{4}|\d{6})?\s*[.!]*\s*$/i.exec(body);
  if (!match) return null;
  const word = match[1]!.toLowerCase();
  return { word: word === 'call' ? 'call' : word === 'pass' ? 'pass' : 'take', code: match[2] ?? null };
}

const HELP = 'afterhours: reply 1 to take a page, CALL to take it and be connected to the client, PASS to hand it on. Add the page code when several are open, e.g. 1 4821. To a morning question, reply W or N with its code.';

/**
 * A text from a clinician's own number is a pager reply, never a client contact. Answers with
 * the text to send back; taking, passing and bridging go through the acknowledger and ladder.
 * (`W` / `N`, the answers to a morning question, are read before this: texts/sms-routes.ts.)
 */
export function createPagerReplies(deps: { config: Config; pages: PageStore; directory: DirectoryStore; acknowledger: Acknowledger; ladder: Pick<Ladder, 'pass'>; queue: PageQueue }) {
  const { config, pages, directory, acknowledger, ladder, queue } = deps;

  async function pageFor(clinician: Clinician, code: string | null): Promise<Page | string> {
    if (code) return (await pages.findByCode(code)) ?? `afterhours: no page ${code}. ${HELP}`;
    const mine = (await pages.listUnacknowledged()).filter((p) => p.steps.some((s) => s.clinicianId === clinician.id));
    if (mine.length === 1) return mine[0]!;
    if (mine.length === 0) return 'afterhours: you have no open page.';
    return `afterhours: ${mine.length} pages are open: ${mine.map((p) => p.code).join(', ')}. Reply 1, CALL or PASS with the code, e.g. 1 ${mine[0]!.code}.`;
  }

  return {
    async reply(clinician: Clinician, body: string): Promise<string> {
      const parsed = readPagerReply(body);
      if (!parsed) return HELP;
      const found = await pageFor(clinician, parsed.code);
      if (typeof found === 'string') return found;
      const page = found;

      if (parsed.word === 'pass') {
        if (page.status === 'acknowledged') return CLINICIAN_WORDING.alreadyTaken(page.code, await takerName(directory, page.acknowledgedBy), page.acknowledgedAt!, config.timezone);
        return (await ladder.pass(page.id, clinician.id))
          ? `afterhours: page ${page.code} passed to the next clinician.`
          : `afterhours: page ${page.code} is not waiting on you, so it was not passed.`;
      }

      const result = await acknowledger.acknowledge(page.id, clinician.id, 'sms');
      const mine = result.outcome === 'taken' || result.page.acknowledgedBy === clinician.id;
      if (!mine) return CLINICIAN_WORDING.alreadyTaken(page.code, await takerName(directory, result.page.acknowledgedBy), result.page.acknowledgedAt!, config.timezone);
      if (parsed.word === 'call') {
        await queue.enqueueBridge(page.id, clinician.id);
        return `afterhours: page ${page.code} is yours. We are calling you now to connect you to the client through the practice line.`;
      }
      return `afterhours: page ${page.code} is yours. Reply CALL ${page.code} to be connected to the client through the practice line.`;
    },
  };
}

export type PagerReplies = ReturnType<typeof createPagerReplies>;
