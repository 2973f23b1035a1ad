import type { DirectoryStore } from '../directory/store.js';
import type { HistoryStore } from '../history/store.js';
import { dotted } from '../wording/index.js';
import { CHECK_IN_WAIT_MS } from './scheduler.js';
import type { CheckInRecord, CheckInStore } from './store.js';

/** When a check-in stopped waiting for its answer: at the next check-in, or after 12 hours. */
function waitEnd(records: CheckInRecord[], index: number): number {
  const slot = Date.parse(records[index]!.slot);
  const next = records[index + 1];
  return Math.min(slot + CHECK_IN_WAIT_MS, next ? Date.parse(next.slot) : Infinity);
}

/**
 * For the morning digest: each clinician's clients whose check-ins did not go out since the last
 * digest (refused, no number, stopped by the client, missed, in doubt: never skipped silently),
 * and whose check-ins stopped waiting unanswered since the last digest, as one short line per client ("T.M. 1 check-in unanswered"), flagged when
 * the last two check-ins both went unanswered. Initials only, as on a page. Each unanswered
 * check-in is also recorded as a contact of channel `check-in` (once, by its slot), which never
 * counts toward standing: the practice started it.
 */
export async function unansweredCheckIns(
  deps: { store: CheckInStore; directory: Pick<DirectoryStore, 'getClient'>; history: Pick<HistoryStore, 'recordContact'> },
  since: Date,
  at: Date,
): Promise<Map<string, string[]>> {
  const lines = new Map<string, string[]>();
  for (const clientId of await deps.store.clientIds()) {
    const records = await deps.store.records(clientId);
    const over = records.map((record, i) => ({ record, end: waitEnd(records, i) })).filter(({ record, end }) => record.status === 'sent' && end <= at.getTime());
    const missed = over.filter(({ record, end }) => !record.answeredBy && end > since.getTime());
    const unsent = records.filter((r) => r.status !== 'sent' && Date.parse(r.at) > since.getTime() && Date.parse(r.at) <= at.getTime());
    if (missed.length === 0 && unsent.length === 0) continue;
    const client = await deps.directory.getClient(clientId);
    if (!client) continue;
    for (const { record } of missed) {
      await deps.history.recordContact({ clientId, channel: 'check-in', claimedUrgency: 'no-answer', crisis: false, from: client.phones[0] ?? '', source: `check-in-unanswered:${clientId}:${record.slot}`, at: new Date(record.slot) });
    }
    const clientLines: string[] = [];
    if (missed.length > 0) {
      const twoInARow = over.length >= 2 && over.slice(-2).every(({ record }) => !record.answeredBy);
      clientLines.push(`${dotted(client.initials)} ${plural(missed.length)} unanswered${twoInARow ? ' (2 IN A ROW: please reach out)' : ''}`);
    }
    if (unsent.length > 0) {
      const why = [...new Set(unsent.map((r) => NOT_SENT[r.status as Exclude<CheckInRecord['status'], 'sent'>]))].join(', ');
      clientLines.push(`${dotted(client.initials)} ${plural(unsent.length)} NOT SENT (${why})`);
    }
    lines.set(client.clinicianId, [...(lines.get(client.clinicianId) ?? []), ...clientLines]);
  }
  return lines;
}

const plural = (n: number) => `${n} check-in${n === 1 ? '' : 's'}`;

/** Why a check-in did not go, as the clinician reads it. */
const NOT_SENT: Record<Exclude<CheckInRecord['status'], 'sent'>, string> = {
  failed: 'refused or no number',
  'opted-out': 'texts stopped by the client',
  missed: 'no worker ran at its time',
  'in-doubt': 'may not have gone',
};
