import type { Clinician, DirectoryStore } from '../directory/store.js';
import type { HistoryStore } from '../history/store.js';
import type { AuditTrail } from '../http/audit-trail.js';
import { dotted } from '../wording/index.js';
import type { Disposition, Standing } from '../triage/types.js';
import type { DispositionQuestion, DispositionQuestions } from './questions.js';

/** Reads `W 8529`, `W8529`, `N 8529`, `WARRANTED`, `NOT WARRANTED` (any case, the code optional). */
export function readDispositionReply(body: string): { disposition: Disposition; code: string | null } | null {
  const match = /^\s*(w|warranted|n|not[\s-]*warranted|unwarranted)(?![a-z])[\s#:.,-]*(\d{4}|\d{6})?\s*[.!]*\s*$/i.exec(body);
  if (!match) return null;
  const word = match[1]!.toLowerCase();
  return { disposition: word === 'w' || word === 'warranted' ? 'warranted' : 'not-warranted', code: match[2] ?? null };
}

/**
 * "T.M.: emergency-only, 4 contacts": the standing the client's history gives after a
 * disposition (what the clinician's answer moves), and the agreement's level when it differs.
 */
export function standingLine(initials: string, standing: Pick<Standing, 'level' | 'historyLevel' | 'contacts'>): string {
  const raised = standing.level !== standing.historyLevel ? ` (agreement: ${standing.level})` : '';
  return `${initials}: ${standing.historyLevel}, ${standing.contacts} contact${standing.contacts === 1 ? '' : 's'}${raised}`;
}

/**
 * A clinician's answer to a morning question records the disposition on the page's contact the
 * way `POST /api/contacts/:id/disposition` does, names the clinician in the audit trail, and
 * answers with the client's standing after it. A code they were not asked about changes nothing.
 */
export function createDispositionReplies(deps: { questions: DispositionQuestions; history: HistoryStore; directory: DirectoryStore; audit: AuditTrail; now: () => Date }) {
  const { questions, history, directory, audit, now } = deps;

  async function questionFor(clinician: Clinician, code: string | null): Promise<DispositionQuestion | string> {
    const open = await questions.open(clinician.id);
    const codes = open.map((q) => q.code).join(', ');
    if (code) {
      // A code is reused after 14 days, so an old unanswered question may share it: the latest asked is the one the clinician is answering.
      const found = open.filter((q) => q.code === code).sort((a, b) => b.askedAt.localeCompare(a.askedAt) || b.pageAt.localeCompare(a.pageAt))[0];
      if (found) return found;
      return `afterhours: you have no open question about page ${code}, so nothing was changed.${open.length ? ` Open: ${codes}.` : ''}`;
    }
    if (open.length === 1) return open[0]!;
    if (open.length === 0) return 'afterhours: you have no open question about a page, so nothing was changed.';
    return `afterhours: ${open.length} questions are open: ${codes}. Reply W or N with the code, e.g. W ${open[0]!.code}.`;
  }

  return {
    async reply(clinician: Clinician, parsed: { disposition: Disposition; code: string | null }): Promise<string> {
      const found = await questionFor(clinician, parsed.code);
      if (typeof found === 'string') return found;
      const at = now();
      const contact = await history.setDisposition(found.contactId, { disposition: parsed.disposition, by: clinician.id, at });
      await audit.append({ at: at.toISOString(), actor: clinician.id, action: 'SMS disposition (W/N reply)', recordType: 'contact', recordId: contact.id, status: 200 });
      await questions.close(found);
      const word = parsed.disposition === 'warranted' ? 'warranted' : 'not warranted';
      const client = contact.clientId ? await directory.getClient(contact.clientId) : null;
      if (!client) return `afterhours: page ${found.code} marked ${word}. It was from an unknown number, so no standing changed.`;
      return `afterhours: page ${found.code} marked ${word}. ${standingLine(dotted(client.initials), await history.standingFor(client, at))}.`;
    },
  };
}

export type DispositionReplies = ReturnType<typeof createDispositionReplies>;
