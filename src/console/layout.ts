import { DateTime } from 'luxon';
import { readsAudit, type Person } from './access.js';
import { html, type Html } from './html.js';
import type { Signed } from './auth.js';
import { csrfInput } from './forms.js';

const SCREENS = [
  ['tonight', 'Tonight'],
  ['contacts', 'Contacts'],
  ['clients', 'Clients'],
  ['schedule', 'Schedule'],
  ['people', 'People'],
  ['audit', 'Audit'],
] as const;
export type Screen = (typeof SCREENS)[number][0];

const visible = (person: Person, screen: Screen) => screen !== 'audit' || readsAudit(person);

/** Notices a redirect after a change carries as `?done=`, so a reload does not repeat the change. */
const NOTICES: Record<string, string> = {
  taken: 'You took the page. Everyone else paged is told.',
  disposition: 'Disposition recorded.',
  agreement: 'Agreement saved.',
  override: 'Override added.',
  'override-removed': 'Override removed.',
  person: 'Saved.',
  client: 'Client saved.',
};

export function document(title: string, body: Html, head: Html = html``): string {
  return html`<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${title} · afterhours</title><link rel="stylesheet" href="/console/assets/console.css">
<script src="/console/assets/console.js" defer></script>${head}</head>
<body>${body}</body></html>`.value;
}

/** A screen of the console: the navigation, who is signed in, a notice, the screen's own body. */
export function page(signed: Signed, screen: Screen, title: string, body: Html, done?: unknown): string {
  const { person, session } = signed;
  const notice = typeof done === 'string' ? NOTICES[done] : undefined;
  return document(
    title,
    html`<a class="skip" href="#main">Skip to the content</a>
<header class="top"><nav aria-label="Console"><ul>${SCREENS.filter(([s]) => visible(person, s)).map(
      ([s, label]) => html`<li><a href="/console/${s}"${s === screen ? html` aria-current="page"` : ''}>${label}</a></li>`,
    )}</ul></nav>
<div class="who"><span>${person.name} <span class="role">(${person.role})</span></span>
<form method="post" action="/console/sign-out">${csrfInput(session.csrf)}<button type="submit" class="link">Sign out</button></form></div></header>
<main id="main"><h1>${title}</h1>${notice ? html`<p class="notice" role="status">${notice}</p>` : ''}${body}</main>`,
  );
}

/** A time in the practice's zone, as a person reads it: "Sat 28 Nov, 2:05 AM". */
export function localTime(iso: string | Date | null, zone: string): string {
  if (!iso) return '';
  const t = typeof iso === 'string' ? DateTime.fromISO(iso) : DateTime.fromJSDate(iso);
  return t.setZone(zone).toFormat('ccc d LLL, h:mm a');
}

/** The time of day alone, where the day is already said: "2:05 AM". */
export function clock(iso: string, zone: string): string {
  return DateTime.fromISO(iso).setZone(zone).toFormat('h:mm a');
}

export function refused(signed: Signed, screen: Screen, what: string): string {
  return page(signed, screen, 'Not allowed', html`<p>${what}</p><p><a href="/console/${screen}">Back</a></p>`);
}
