import type { DirectoryStore } from '../directory/store.js';
import { dotted } from '../wording/index.js';
import type { CheckInStore } from './store.js';

/**
 * For the morning digest: each clinician's clients whose check-ins since the last digest went
 * unanswered, as one short line per client ("T.M. 1 check-in unanswered"), flagged when the last
 * two check-ins sent both went unanswered. Initials only, as on a page.
 */
export async function unansweredCheckIns(deps: { store: CheckInStore; directory: Pick<DirectoryStore, 'getClient'> }, since: Date, at: Date): Promise<Map<string, string[]>> {
  const lines = new Map<string, string[]>();
  for (const clientId of await deps.store.clientIds()) {
    const sent = (await deps.store.records(clientId)).filter((r) => r.status === 'sent' && Date.parse(r.slot) < at.getTime());
    const missed = sent.filter((r) => !r.answeredBy && Date.parse(r.slot) >= since.getTime());
    if (missed.length === 0) continue;
    const client = await deps.store.get(clientId).then((plan) => (plan ? deps.directory.getClient(clientId) : null));
    if (!client) continue;
    const twoInARow = sent.length >= 2 && sent.slice(-2).every((r) => !r.answeredBy);
    const line = `${dotted(client.initials)} ${missed.length} check-in${missed.length === 1 ? '' : 's'} unanswered${twoInARow ? ' (2 IN A ROW: please reach out)' : ''}`;
    lines.set(client.clinicianId, [...(lines.get(client.clinicianId) ?? []), line]);
  }
  return lines;
}
