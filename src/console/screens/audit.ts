import { Router } from 'express';
import { DateTime } from 'luxon';
import { readsAudit } from '../access.js';
import { signedIn } from '../auth.js';
import type { ConsoleDeps } from '../deps.js';
import { field } from '../forms.js';
import { html } from '../html.js';
import { page as screen, refused } from '../layout.js';

/** What a console change was, in words; an admin API request is shown as its method and route. */
const WORDS: Record<string, string> = {
  'POST /console/sign-in/code': 'signed in',
  'POST /console/sign-out': 'signed out',
  'POST /console/pages/:id/take': 'took a page',
  'POST /console/contacts/:id/disposition': 'recorded a disposition',
  'POST /console/clients/:id/agreement': 'changed an agreement',
  'POST /console/schedule/overrides': 'added an override',
  'POST /console/schedule/overrides/:index/remove': 'removed an override',
  'POST /console/people': 'saved a person',
};

/** Audit: the trail, newest first, by person and day (the practice's day). */
export function createAuditRoutes(deps: ConsoleDeps): Router {
  const { audit, directory, config, now } = deps;
  const router = Router();
  const zone = config.timezone;

  router.get('/audit', async (req, res) => {
    const signed = signedIn(res)!;
    if (!readsAudit(signed.person)) return res.status(403).type('html').send(refused(signed, 'tonight', 'Only staff and the lead read the audit trail.'));
    const people = await directory.listClinicians();
    const actor = typeof req.query.person === 'string' ? req.query.person : '';
    const dayText = typeof req.query.day === 'string' ? req.query.day : '';
    const day = /^\d{4}-\d{2}-\d{2}$/.test(dayText) ? DateTime.fromISO(dayText, { zone }) : DateTime.fromJSDate(now()).setZone(zone).startOf('day');
    const errors: Record<string, string> = dayText && !day.isValid ? { day: 'must be a date' } : {};
    const from = day.isValid ? day : DateTime.fromJSDate(now()).setZone(zone).startOf('day');
    // The stream is ordered by Redis's clock, the entries carry the product's: a day either side, then by the entry's own time.
    const [start, end] = [from.toMillis(), from.plus({ days: 1 }).toMillis()];
    const entries = await audit.recent({
      from: new Date(start - 86_400_000),
      to: new Date(end + 86_400_000),
      limit: 300,
      match: (e) => (!actor || e.actor === actor) && Date.parse(e.at) >= start && Date.parse(e.at) < end,
    });
    const name = (id: string) => people.find((p) => p.id === id)?.name ?? id;
    const options: [string, string][] = [['', 'Everyone'], ...people.map((p): [string, string] => [p.id, p.name]), ['api', 'The admin API (api)']];
    const form = { values: { person: actor, day: from.toISODate()! }, errors };
    const body = html`<form method="get" action="/console/audit" class="actions">${field(form, 'person', 'Person', { options })}${field(form, 'day', 'Day', { type: 'date' })}<button type="submit">Show</button></form>
<p>${entries.length} entr${entries.length === 1 ? 'y' : 'ies'} on ${from.toFormat('cccc d LLLL yyyy')}${actor ? html` by ${name(actor)}` : ''}.</p>
${entries.length ? html`<div class="table-wrap"><table><thead><tr><th scope="col">Time</th><th scope="col">Who</th><th scope="col">What</th></tr></thead><tbody>${entries.map(
      (e) => html`<tr><td>${DateTime.fromISO(e.at).setZone(zone).toFormat('h:mm:ss a')}</td><td>${name(e.actor)}${e.via === 'api' ? ' (API)' : ''}</td><td>${WORDS[e.action] ?? e.action}${e.recordId ? `: ${e.recordType} ${e.recordId}` : ''}${e.status >= 400 ? html` <span class="badge">refused ${e.status}</span>` : ''}</td></tr>`,
    )}</tbody></table></div>` : ''}`;
    res.type('html').send(screen(signed, 'audit', 'Audit', body));
  });
  return router;
}
