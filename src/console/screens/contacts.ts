import { Router } from 'express';
import { idSchema } from '../../validation.js';
import type { Client } from '../../directory/store.js';
import { dispositionBody } from '../../history/routes.js';
import type { Contact } from '../../history/store.js';
import type { Page } from '../../paging/pages.js';
import { dispositions, seesClient, seesWholePractice, wasPaged } from '../access.js';
import { signedIn, type Signed } from '../auth.js';
import type { ConsoleDeps } from '../deps.js';
import { csrfInput, formValues, validate, type FormState } from '../forms.js';
import { html, type Html } from '../html.js';
import { localTime, page as screen, refused } from '../layout.js';

const URGENCY = { emergency: 'said it is an emergency', 'not-emergency': 'said it is not an emergency', unsure: 'was unsure', 'no-answer': 'did not answer the question' } as const;
const LEVEL = { 'no-history': 'no history', 'emergency-only': 'emergency-only', mixed: 'mixed', 'over-contact': 'over-contact' } as const;
const LIMIT = 200;
const CHANNEL = { voice: 'Call', sms: 'Text', 'check-in': 'Check-in reply' } as const;

interface Row {
  contact: Contact;
  client: Client | null;
  page: Page | null;
}

/** Contacts: newest first, those awaiting a disposition on top; warranted / not warranted. */
export function createContactRoutes(deps: ConsoleDeps): Router {
  const { history, directory, pages, config } = deps;
  const router = Router();
  const zone = config.timezone;

  async function visible(signed: Signed, contacts: Contact[]): Promise<Row[]> {
    const clients = new Map((await directory.listClients()).map((c) => [c.id, c]));
    const rows: Row[] = [];
    for (const contact of contacts) {
      const client = contact.clientId ? (clients.get(contact.clientId) ?? null) : null;
      const page = contact.pageId ? await pages.get(contact.pageId) : null;
      if (seesClient(signed.person, client) || wasPaged(signed.person, page)) rows.push({ contact, client, page });
    }
    return rows;
  }

  async function row(signed: Signed, { contact, client, page }: Row, form: FormState | null): Promise<Html> {
    const by = contact.dispositionBy ? ((await directory.getClinician(contact.dispositionBy))?.name ?? contact.dispositionBy) : null;
    const awaiting = contact.disposition === null;
    return html`<article class="card${awaiting ? ' awaiting' : ''}" id="contact-${contact.id}" aria-labelledby="contact-${contact.id}-h">
<h3 id="contact-${contact.id}-h">${CHANNEL[contact.channel]} from ${client ? client.name : 'an unknown number'} · ${localTime(contact.at, zone)}</h3>
<p>${contact.crisis ? html`<span class="badge crisis">crisis language</span> ` : ''}The ${contact.channel === 'voice' ? 'caller' : 'client'} ${URGENCY[contact.claimedUrgency]}.${page ? html` Paged as ${page.code} (${page.priority}, ${page.status}).` : ' Nobody was paged.'}</p>
${contact.standing ? html`<p class="muted">Standing at the time: ${LEVEL[contact.standing.level]}, ${contact.standing.reason}</p>` : ''}
${contact.message ? html`<p class="message">${contact.message}</p>` : ''}
${contact.recordingUrl ? html`<p><audio controls preload="none" src="/console/contacts/${contact.id}/recording" aria-label="Recording of the message"></audio></p>` : ''}
${contact.disposition ? html`<p><strong>${contact.disposition === 'warranted' ? 'Warranted' : 'Not warranted'}</strong>, by ${by} on ${localTime(contact.dispositionAt, zone)}${contact.dispositionNote ? html`: ${contact.dispositionNote}` : ''}</p>` : ''}
${dispositions(signed.person, client, page) && client ? dispositionForm(signed, contact, form) : ''}
</article>`;
  }

  function dispositionForm(signed: Signed, contact: Contact, form: FormState | null): Html {
    const id = `note-${contact.id}`;
    const error = form?.errors.disposition ?? form?.errors.note;
    const form_ = html`<form method="post" action="/console/contacts/${contact.id}/disposition">${csrfInput(signed.session.csrf)}
<div class="field${error ? ' has-error' : ''}"><label for="${id}">Note (optional)</label><textarea id="${id}" name="note" rows="2"${error ? html` aria-invalid="true" aria-describedby="${id}-error"` : ''}>${form?.values.note ?? ''}</textarea>${error ? html`<p class="error" id="${id}-error">${error}</p>` : ''}</div>
<div class="actions"><button type="submit" name="disposition" value="warranted">${contact.disposition ? 'Change to warranted' : 'Warranted'}</button><button type="submit" class="secondary" name="disposition" value="not-warranted">${contact.disposition ? 'Change to not warranted' : 'Not warranted'}</button></div></form>`;
    // A recorded disposition can be changed, behind one more click.
    return contact.disposition && !form ? html`<details><summary>Change the disposition</summary>${form_}</details>` : form_;
  }

  /**
   * The newest 200 contacts this person sees. The lead and staff: the practice's newest. A
   * clinician: read from her own clients' indexes and the pages she was paged for (among the
   * newest 200 pages), so others' busy clients never push hers off the screen.
   */
  async function contactsOf(signed: Signed): Promise<Contact[]> {
    if (seesWholePractice(signed.person)) return history.listContacts({ limit: LIMIT });
    const own = (await directory.listClients()).filter((c) => c.clinicianId === signed.person.id);
    const byId = new Map<string, Contact>();
    for (const client of own) for (const c of await history.listContacts({ clientId: client.id, limit: LIMIT })) byId.set(c.id, c);
    for (const page of await pages.list(undefined, LIMIT)) {
      if (!wasPaged(signed.person, page) || byId.has(page.contactId)) continue;
      const contact = await history.getContact(page.contactId);
      if (contact) byId.set(contact.id, contact);
    }
    return [...byId.values()].sort((a, b) => b.at.localeCompare(a.at)).slice(0, LIMIT);
  }

  async function list(signed: Signed, done: unknown, failed?: { id: string; form: FormState }): Promise<string> {
    const rows = await visible(signed, await contactsOf(signed));
    const awaiting = rows.filter((r) => r.contact.disposition === null && r.client);
    const rest = rows.filter((r) => !awaiting.includes(r));
    const render = async (items: Row[]) => Promise.all(items.map((r) => row(signed, r, failed?.id === r.contact.id ? failed.form : null)));
    return screen(
      signed,
      'contacts',
      'Contacts',
      html`<h2>Awaiting a disposition (${awaiting.length})</h2>${awaiting.length ? await render(awaiting) : html`<p>None.</p>`}<h2>Earlier contacts</h2>${rest.length ? await render(rest) : html`<p>None.</p>`}`,
      done,
    );
  }

  router.get('/contacts', async (req, res) => {
    res.type('html').send(await list(signedIn(res)!, req.query.done));
  });

  async function find(signed: Signed, rawId: string): Promise<Row | null> {
    const id = idSchema.safeParse(rawId);
    const contact = id.success ? await history.getContact(id.data) : null;
    if (!contact) return null;
    return (await visible(signed, [contact]))[0] ?? null;
  }

  router.post('/contacts/:id/disposition', async (req, res) => {
    const signed = signedIn(res)!;
    const found = await find(signed, req.params.id);
    if (!found) return res.status(404).type('html').send(refused(signed, 'contacts', 'There is no such contact, or it is not one of yours.'));
    if (!dispositions(signed.person, found.client, found.page)) return res.status(403).type('html').send(refused(signed, 'contacts', 'Only the client’s clinician, a clinician paged for it, or the lead records a disposition.'));
    const values = formValues(req.body);
    const input = { disposition: values.disposition ?? '', ...(values.note ? { note: values.note } : {}) };
    const checked = validate(dispositionBody, input);
    if (!checked.ok) return res.status(400).type('html').send(await list(signed, undefined, { id: found.contact.id, form: { values, errors: checked.errors } }));
    await history.setDisposition(found.contact.id, { ...checked.data, by: signed.person.id, at: deps.now() });
    deps.auditChange(signed.person, 'POST /console/contacts/:id/disposition', 'contact', found.contact.id);
    res.redirect(303, '/console/contacts?done=disposition');
  });

  /** The recording, fetched from Twilio with the account's credentials: the browser never sees Twilio's URL. */
  router.get('/contacts/:id/recording', async (req, res) => {
    const signed = signedIn(res)!;
    const found = await find(signed, req.params.id);
    const url = found?.contact.recordingUrl;
    const twilio = config.twilio;
    if (!url || !twilio || new URL(url).origin !== new URL(twilio.apiBaseUrl).origin) return res.status(404).type('text/plain').send('No recording.');
    const answer = await fetch(url, { headers: { Authorization: `Basic ${Buffer.from(`${twilio.accountSid}:${twilio.authToken}`).toString('base64')}` }, signal: AbortSignal.timeout(15_000) });
    if (!answer.ok) return res.status(502).type('text/plain').send('The recording could not be fetched.');
    res.type(answer.headers.get('content-type') ?? 'audio/wav').set('Cache-Control', 'no-store').send(Buffer.from(await answer.arrayBuffer()));
  });
  return router;
}
