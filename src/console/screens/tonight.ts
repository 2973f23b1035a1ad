import { Router, type Response } from 'express';
import type { Client } from '../../directory/store.js';
import { dueMember } from '../../store/keys.js';
import { idSchema } from '../../validation.js';
import type { Page } from '../../paging/pages.js';
import { seesPage, takesPage, type Person } from '../access.js';
import { signedIn, type Signed } from '../auth.js';
import { csrfInput } from '../forms.js';
import { html, type Html } from '../html.js';
import { clock, localTime, page as screen, refused } from '../layout.js';
import type { ConsoleDeps } from '../deps.js';

const STEP_CHANNEL = { sms: 'text', voice: 'call' } as const;

/** Tonight: who is on call and until when, the pages still waiting with their ladders (live), a take button. */
export function createTonightRoutes(deps: ConsoleDeps): Router {
  const { directory, pages, oncall, redis, keys, config, now } = deps;
  const router = Router();
  const zone = config.timezone;

  async function names(): Promise<Map<string, string>> {
    return new Map((await directory.listClinicians()).map((c) => [c.id, c.name]));
  }

  async function visiblePages(person: Person, list: Page[]): Promise<{ page: Page; client: Client | null }[]> {
    const shown = [];
    for (const page of list) {
      const client = page.clientId ? await directory.getClient(page.clientId) : null;
      if (seesPage(person, page, client)) shown.push({ page, client });
    }
    return shown;
  }

  /**
   * Up to 5 pages raised in the last 12 hours and taken, that this person sees, newest first:
   * read 20 at a time until 5 are found or the 12 hours are read, so pages that others took do
   * not push hers off (bounded by the pages of one night, never the whole history).
   */
  async function recentlyTaken(person: Person): Promise<{ page: Page; client: Client | null }[]> {
    const since = now().getTime() - 12 * 3600_000;
    const taken: { page: Page; client: Client | null }[] = [];
    for (let offset = 0; taken.length < 5; offset += 20) {
      const ids = await redis.zrevrangebyscore(keys.pagesByTime, '+inf', since, 'LIMIT', offset, 20);
      const batch = (await Promise.all(ids.map((id) => pages.get(id)))).filter((p): p is Page => p?.status === 'acknowledged');
      taken.push(...(await visiblePages(person, batch)));
      if (ids.length < 20) break;
    }
    return taken.slice(0, 5);
  }

  function card(signed: Signed, { page, client }: { page: Page; client: Client | null }, who: Map<string, string>, nextDue: string | null): Html {
    const name = (id: string | null) => (id ? (who.get(id) ?? id) : '');
    const waiting = page.status !== 'acknowledged';
    return html`<article class="card ${page.priority}" aria-labelledby="page-${page.id}">
<h3 id="page-${page.id}">Page ${page.code} <span class="badge ${page.priority}">${page.priority}</span> <span class="badge ${waiting ? 'open' : 'ok'}">${page.status === 'acknowledged' ? `taken by ${name(page.acknowledgedBy)}` : page.status}</span></h3>
<p>${page.why}</p>
<p class="muted">${client ? html`Client <a href="/console/clients/${client.id}">${client.name}</a>` : 'Caller not in the directory'} · raised ${localTime(page.createdAt, zone)}</p>
${page.steps.length > 0 ? html`<details${waiting ? html` open` : ''}><summary>Ladder: ${page.steps.length} send${page.steps.length === 1 ? '' : 's'}</summary><div class="table-wrap"><table><thead><tr><th scope="col">Tier</th><th scope="col">Who</th><th scope="col">How</th><th scope="col">At</th><th scope="col">Delivery</th></tr></thead><tbody>${page.steps.map(
      (s) => html`<tr><td>${s.tier}</td><td>${name(s.clinicianId)}</td><td>${STEP_CHANNEL[s.channel]}</td><td>${clock(s.at, zone)}</td><td>${s.delivery}</td></tr>`,
    )}</tbody></table></div></details>` : html`<p class="muted">Nobody texted yet.</p>`}
${page.status === 'open' && nextDue ? html`<p>Next tier due ${clock(nextDue, zone)}.</p>` : ''}
${page.status === 'exhausted' ? html`<p><strong>Every tier was tried and nobody took it.</strong></p>` : ''}
${waiting && takesPage(signed.person) ? html`<form method="post" action="/console/pages/${page.id}/take">${csrfInput(signed.session.csrf)}<button type="submit">Take page ${page.code}</button></form>` : ''}
</article>`;
  }

  /** The part of Tonight that updates live. */
  async function pagesFragment(signed: Signed): Promise<Html> {
    const who = await names();
    const open = await visiblePages(signed.person, await pages.listUnacknowledged());
    const taken = await recentlyTaken(signed.person);
    const cards = [];
    for (const item of open) {
      const due = await redis.zscore(keys.dueSteps, dueMember(item.page.id, item.page.nextStep));
      cards.push(card(signed, item, who, due ? new Date(Number(due)).toISOString() : null));
    }
    return html`<h2>Open pages (${open.length})</h2>${cards.length ? cards : html`<p>No page is waiting.</p>`}
<h2>Raised in the last 12 hours and taken</h2>${taken.length ? taken.map((item) => card(signed, item, who, null)) : html`<p>None.</p>`}`;
  }

  router.get('/tonight', async (req, res) => {
    const signed = signedIn(res)!;
    const who = await names();
    const onCall = await oncall.onCallAt(now());
    const tier = (label: string, id: string) => html`<div><span class="muted">${label}</span><strong>${who.get(id) ?? id}</strong></div>`;
    const body = html`<section aria-labelledby="oncall-h"><h2 id="oncall-h">On call now</h2>${
      onCall
        ? html`<div class="oncall">${tier('Primary', onCall.primary)}${tier('Backup', onCall.backup)}${tier('Lead', onCall.lead)}</div><p>Until ${localTime(onCall.until, zone)}.</p>`
        : config.fallbackOncallPhone
          ? html`<p>No schedule is set: pages go to the fallback phone.</p>`
          : html`<p><strong>No schedule is set and no fallback phone is configured: nobody will be paged.</strong> Set the on-call schedule.</p>`
    }</section>
<section id="pages" data-live="/console/tonight/live" aria-live="polite">${await pagesFragment(signed)}</section>`;
    res.type('html').send(screen(signed, 'tonight', 'Tonight', body, req.query.done));
  });

  router.get('/tonight/live', (req, res) => {
    const signed = signedIn(res)!;
    res.writeHead(200, { 'Content-Type': 'text/event-stream', 'Cache-Control': 'no-store', Connection: 'keep-alive', 'X-Accel-Buffering': 'no' });
    res.write('retry: 3000\n\n');
    let last = '';
    let busy = false;
    const tick = async () => {
      if (busy) return;
      busy = true;
      try {
        if (!(await deps.sessions.alive(signed.session.id))) return stop();
        // The person is read again each tick, as every request does: a changed role applies at once.
        const person = await directory.getClinician(signed.session.personId);
        if (!person) return stop();
        const fragment = (await pagesFragment({ session: signed.session, person: { id: person.id, role: person.role, name: person.name } })).value;
        if (fragment !== last) {
          last = fragment;
          // Every line ending an EventSource knows (CRLF, CR, LF) starts a new data line: a CR in a name cannot end the event.
          res.write(`event: fragment\n${fragment.split(/\r\n|\r|\n/).map((line) => `data: ${line}`).join('\n')}\n\n`);
        }
      } catch (err) {
        deps.log.warn({ err }, 'live update failed');
      } finally {
        busy = false;
      }
    };
    const timer = setInterval(() => void tick(), deps.liveIntervalMs);
    const stop = () => {
      clearInterval(timer);
      deps.live.delete(stop);
      res.end();
    };
    deps.live.add(stop);
    req.on('close', stop);
    void tick();
  });

  router.post('/pages/:id/take', async (req, res: Response) => {
    const signed = signedIn(res)!;
    const id = idSchema.safeParse(req.params.id);
    const found = id.success ? await pages.get(id.data) : null;
    const client = found?.clientId ? await directory.getClient(found.clientId) : null;
    if (!found || !seesPage(signed.person, found, client)) return res.status(404).type('html').send(refused(signed, 'tonight', 'There is no such page, or it is not one of yours.'));
    if (!takesPage(signed.person)) return res.status(403).type('html').send(refused(signed, 'tonight', 'Only clinicians take pages.'));
    const result = await deps.acknowledger.acknowledge(found.id, signed.person.id, 'web');
    deps.auditChange(signed.person, 'POST /console/pages/:id/take', 'page', found.id, result.outcome === 'taken' ? 200 : 409);
    if (result.outcome === 'already' && result.page.acknowledgedBy !== signed.person.id) {
      return res.status(409).type('html').send(refused(signed, 'tonight', `Page ${found.code} was already taken by someone else.`));
    }
    res.redirect(303, '/console/tonight?done=taken');
  });
  return router;
}
