import { Router } from 'express';
import { DateTime } from 'luxon';
import { idSchema } from '../../validation.js';
import type { Client } from '../../directory/store.js';
import type { Standing } from '../../triage/types.js';
import { editsAgreement, editsDirectory, seesClient, seesWholePractice } from '../access.js';
import { clientForm, clientValues, saveClient } from './client-form.js';
import { signedIn, type Signed } from '../auth.js';
import type { ConsoleDeps } from '../deps.js';
import { csrfInput, field, formValues, validate, type FormState } from '../forms.js';
import { html, type Html } from '../html.js';
import { localTime, page as screen, refused } from '../layout.js';

const LEVEL = { 'no-history': 'No history', 'emergency-only': 'Emergency-only', mixed: 'Mixed', 'over-contact': 'Over-contact' } as const;
const TRUST: [string, string][] = [
  ['auto', 'Auto: by the contact history'],
  ['always', 'Always: treat every claimed emergency as real'],
  ['review', 'Review: always hear the follow-up'],
];

const n = (count: number, word: string) => `${count} ${word}${count === 1 ? '' : 's'}`;

/** A client's standing in words: the level, why, and the counts behind it. */
export function standingInWords(s: Standing): Html {
  return html`<p><strong>${LEVEL[s.level]}</strong>: ${s.reason}.</p>
<p>In the last 12 months: ${n(s.contacts, 'after-hours contact')}, ${s.urgent} claimed urgent or in crisis, ${s.notEmergency} said not an emergency, ${s.noAnswer} unanswered; ${s.warranted} marked warranted and ${s.notWarranted} not warranted. ${n(s.nonUrgentLast30Days, 'non-urgent contact')} in the last 30 days.</p>
<p>${s.fastTrack ? 'A claimed emergency pages at once as critical, with nothing more asked.' : 'A claimed emergency is asked one more question before the page.'}</p>`;
}

/** Clients: the directory, one client's standing in words, the agreement to edit, the check-in plan when there is one. */
export function createClientRoutes(deps: ConsoleDeps): Router {
  const { directory, history, schemas, config, now } = deps;
  const router = Router();
  const zone = config.timezone;

  async function renderList(signed: Signed, form: FormState, done?: unknown): Promise<string> {
    const clinicians = await directory.listClinicians();
    const names = new Map(clinicians.map((c) => [c.id, c.name]));
    const clients = (await directory.listClients()).filter((c) => seesClient(signed.person, c));
    const rows = await Promise.all(
      clients.map(async (c) => html`<tr><td><a href="/console/clients/${c.id}">${c.name}</a></td><td>${names.get(c.clinicianId) ?? c.clinicianId}</td><td>${LEVEL[(await history.standingFor(c, now())).level]}</td>${editsDirectory(signed.person) ? html`<td><a href="/console/clients?edit=${c.id}#f-name" aria-label="Change the details of ${c.name}">Details</a></td>` : ''}</tr>`),
    );
    const body = html`${rows.length
      ? html`<div class="table-wrap"><table><thead><tr><th scope="col">Client</th><th scope="col">Clinician</th><th scope="col">Standing</th>${editsDirectory(signed.person) ? html`<th scope="col">Change</th>` : ''}</tr></thead><tbody>${rows}</tbody></table></div>`
      : html`<p>No clients${seesWholePractice(signed.person) ? '' : ' of yours'} yet.</p>`}${editsDirectory(signed.person) ? clientForm(signed.session.csrf, form, clinicians) : ''}`;
    return screen(signed, 'clients', 'Clients', body, done);
  }

  router.get('/clients', async (req, res) => {
    const signed = signedIn(res)!;
    const editing = typeof req.query.edit === 'string' && editsDirectory(signed.person) ? await find(signed, req.query.edit) : null;
    res.type('html').send(await renderList(signed, { values: editing ? clientValues(editing) : { language: 'en' }, errors: {} }, req.query.done));
  });

  router.post('/clients', async (req, res) => {
    const signed = signedIn(res)!;
    if (!editsDirectory(signed.person)) return res.status(403).type('html').send(refused(signed, 'clients', 'Only staff and the lead change the directory.'));
    const values = formValues(req.body);
    const errors = await saveClient(deps, signed.person, values);
    if (errors) return res.status(400).type('html').send(await renderList(signed, { values, errors }));
    res.redirect(303, '/console/clients?done=client');
  });

  function agreementValues(client: Client): Record<string, string> {
    const a = client.agreement;
    return { pageThroughUntil: a.pageThroughUntil ? (DateTime.fromISO(a.pageThroughUntil).setZone(zone).toISODate() ?? '') : '', trust: a.trust, maxNonUrgentPer30Days: String(a.maxNonUrgentPer30Days) };
  }

  async function clientPage(signed: Signed, client: Client, form: FormState | null, done?: unknown): Promise<string> {
    const clinician = await directory.getClinician(client.clinicianId);
    const standing = await history.standingFor(client, now());
    const contacts = await history.listContacts({ clientId: client.id, limit: 5 });
    const plan = deps.checkIns ? await deps.checkIns.get(client.id) : undefined;
    const f = form ?? { values: agreementValues(client), errors: {} };
    const agreement = editsAgreement(signed.person, client)
      ? html`<form method="post" action="/console/clients/${client.id}/agreement" novalidate>${csrfInput(signed.session.csrf)}
${field(f, 'pageThroughUntil', 'Page straight through until', { type: 'date', hint: 'Through the end of that day. Leave empty for none.' })}
${field(f, 'trust', 'Trust', { options: TRUST })}
${field(f, 'maxNonUrgentPer30Days', 'Non-urgent contacts allowed in 30 days', { inputmode: 'numeric', hint: 'More than this makes the standing over-contact.' })}
<button type="submit">Save agreement</button></form>`
      : html`<dl class="facts"><dt>Page through until</dt><dd>${client.agreement.pageThroughUntil ? localTime(client.agreement.pageThroughUntil, zone) : 'none'}</dd><dt>Trust</dt><dd>${client.agreement.trust}</dd><dt>Non-urgent limit</dt><dd>${client.agreement.maxNonUrgentPer30Days} in 30 days</dd></dl>`;
    const body = html`<dl class="facts"><dt>Clinician</dt><dd>${clinician?.name ?? client.clinicianId}</dd><dt>Phones</dt><dd>${client.phones.join(', ')}</dd><dt>Language</dt><dd>${client.language === 'es' ? 'Spanish' : 'English'}</dd></dl>
<section aria-labelledby="standing-h"><h2 id="standing-h">Standing</h2><div id="standing">${standingInWords(standing)}</div></section>
<section aria-labelledby="agreement-h"><h2 id="agreement-h">Agreement</h2>${agreement}</section>
${plan === undefined ? '' : html`<section aria-labelledby="checkins-h"><h2 id="checkins-h">Check-in plan</h2>${plan?.endedAt ? html`<p>The plan ended ${localTime(plan.endedAt, zone)}.</p>` : ''}${plan && !plan.endedAt ? html`<p>At ${plan.times.join(', ')}${plan.days ? html` on ${plan.days.join(', ')}` : ' every day'}, from ${plan.from} until ${plan.until}.${plan.next ? html` Next: ${localTime(plan.next, zone)}.` : ''}</p>` : ''}${plan ? '' : html`<p>No check-in plan.</p>`}</section>`}
<section aria-labelledby="recent-h"><h2 id="recent-h">Recent contacts</h2>${contacts.length ? html`<ul>${contacts.map((c) => html`<li>${localTime(c.at, zone)}: ${c.channel}, ${c.claimedUrgency}${c.crisis ? ', crisis language' : ''}${c.disposition ? `, ${c.disposition}` : ', awaiting a disposition'}</li>`)}</ul><p><a href="/console/contacts">All contacts</a></p>` : html`<p>None.</p>`}</section>`;
    return screen(signed, 'clients', client.name, body, done);
  }

  async function find(signed: Signed, rawId: string): Promise<Client | null> {
    const id = idSchema.safeParse(rawId);
    const client = id.success ? await directory.getClient(id.data) : null;
    return client && seesClient(signed.person, client) ? client : null;
  }

  router.get('/clients/:id', async (req, res) => {
    const signed = signedIn(res)!;
    const client = await find(signed, req.params.id);
    if (!client) return res.status(404).type('html').send(refused(signed, 'clients', 'There is no such client, or they are not one of yours.'));
    res.type('html').send(await clientPage(signed, client, null, req.query.done));
  });

  router.post('/clients/:id/agreement', async (req, res) => {
    const signed = signedIn(res)!;
    const client = await find(signed, req.params.id);
    if (!client) return res.status(404).type('html').send(refused(signed, 'clients', 'There is no such client, or they are not one of yours.'));
    if (!editsAgreement(signed.person, client)) return res.status(403).type('html').send(refused(signed, 'clients', 'Only the client’s clinician or the lead changes an agreement.'));
    const values = formValues(req.body);
    const limit = values.maxNonUrgentPer30Days?.trim() ?? '';
    const input = { pageThroughUntil: values.pageThroughUntil?.trim() || null, trust: values.trust, maxNonUrgentPer30Days: /^\d{1,6}$/.test(limit) ? Number(limit) : limit };
    const checked = validate(schemas.agreement, input);
    if (!checked.ok) {
      if (typeof input.maxNonUrgentPer30Days === 'string' && checked.errors.maxNonUrgentPer30Days) checked.errors.maxNonUrgentPer30Days = 'must be a whole number from 0 to 1000';
      return res.status(400).type('html').send(await clientPage(signed, client, { values, errors: checked.errors }));
    }
    const { id: _id, updatedAt: _at, agreement: _old, ...rest } = client;
    await directory.putClient(client.id, { ...rest, agreement: checked.data });
    deps.auditChange(signed.person, 'POST /console/clients/:id/agreement', 'client', client.id);
    res.redirect(303, `/console/clients/${client.id}?done=agreement`);
  });
  return router;
}
