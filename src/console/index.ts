import express, { Router, type ErrorRequestHandler } from 'express';
import { AppError } from '../errors.js';
import type { SignInSender } from './sign-in-sender.js';
import { createAssetRoutes } from './assets.js';
import { auditChange, checkForgery, loadSession, signedIn } from './auth.js';
import type { CheckInPlans, ConsoleDeps } from './deps.js';
import { formValues } from './forms.js';
import { html } from './html.js';
import { document, refused } from './layout.js';
import { createAuditRoutes } from './screens/audit.js';
import { createClientRoutes } from './screens/clients.js';
import { createContactRoutes } from './screens/contacts.js';
import { createPeopleRoutes } from './screens/people.js';
import { createScheduleRoutes } from './screens/schedule.js';
import { createSignInRoutes } from './screens/sign-in.js';
import { createTonightRoutes } from './screens/tonight.js';
import { createSessions } from './sessions.js';
import { createSignIn, type SignInLimits } from './sign-in.js';

export type ConsoleOptions = Omit<ConsoleDeps, 'sessions' | 'auditChange' | 'checkIns' | 'liveIntervalMs' | 'live'> & {
  sender: SignInSender;
  checkIns?: CheckInPlans | null;
  signInLimits?: SignInLimits;
  liveIntervalMs?: number;
};

/**
 * The practice console under `/console`: server-rendered screens for the people of the practice,
 * each signed in by a texted code. Its own error pages are HTML; `close()` ends live streams.
 */
export function createConsole(options: ConsoleOptions) {
  const { config, redis, keys, directory, log } = options;
  const sessions = createSessions({ redis, keys });
  const signIn = createSignIn({ redis, keys, directory, sender: options.sender, limits: options.signInLimits });
  const deps: ConsoleDeps = {
    ...options,
    sessions,
    auditChange: auditChange(options),
    checkIns: options.checkIns ?? null,
    liveIntervalMs: options.liveIntervalMs ?? 1_000,
    live: new Set(),
  };
  const secure = config.publicBaseUrl.startsWith('https:');

  const router = Router();
  router.use((_req, res, next) => {
    // Every screen carries client data: no browser or proxy keeps it.
    res.set('Cache-Control', 'no-store');
    // Same-origin, not no-referrer: otherwise the browser sends `Origin: null` with every form, and the forgery check refuses it.
    res.set('Referrer-Policy', 'same-origin');
    next();
  });
  router.use(createAssetRoutes());
  router.use(express.urlencoded({ extended: false, limit: '32kb', parameterLimit: 50 }));
  router.use(loadSession({ sessions, directory, secureCookie: secure }));
  router.use(checkForgery(new URL(config.publicBaseUrl).origin));
  router.use(createSignInRoutes({ signIn, sessions, auditChange: deps.auditChange, practiceName: config.practiceName, phoneRegion: config.phoneRegion, secureCookie: secure }));
  router.use((req, res, next) => {
    if (signedIn(res)) return next();
    if (req.method === 'GET' && !req.path.endsWith('/live')) return res.redirect(303, '/console/sign-in');
    if (req.method !== 'POST') return res.status(401).type('text/plain').send('Sign in first.');
    res.status(401).type('html').send(signedOutForm(formValues(req.body)));
  });
  router.get('/', (_req, res) => res.redirect(303, '/console/tonight'));
  for (const create of [createTonightRoutes, createContactRoutes, createClientRoutes, createScheduleRoutes, createPeopleRoutes, createAuditRoutes]) router.use(create(deps));
  router.use((_req, res) => {
    const signed = signedIn(res);
    res.status(404).type('html').send(signed ? refused(signed, 'tonight', 'There is no such page.') : document('Not found', html`<main id="main"><h1>Not found</h1></main>`));
  });
  const errors: ErrorRequestHandler = (error, _req, res, _next) => {
    const status = error instanceof AppError ? error.status : 500;
    if (status >= 500) log.error({ err: error }, 'console request failed');
    res.status(status).type('html').send(document('Something went wrong', html`<main id="main"><h1>Something went wrong</h1><p>Nothing was changed that you did not see confirmed. <a href="/console/tonight">Back to Tonight</a></p></main>`));
  };
  router.use(errors);

  return {
    router,
    signIn,
    sessions,
    close(): void {
      for (const stop of [...deps.live]) stop();
    },
  };
}

export type Console = ReturnType<typeof createConsole>;

/**
 * A form sent after the session ended (12 hours idle, or signed out in another tab): nothing is
 * changed, and what was typed is shown to copy, with a sign-in link that opens beside this page.
 */
function signedOutForm(values: Record<string, string>): string {
  const typed = Object.entries(values).filter(([, v]) => v.trim() !== '');
  return document(
    'Signed out',
    html`<main id="main"><h1>You were signed out</h1><p>Nothing was saved: your session ended before this was sent. Copy what you typed, <a href="/console/sign-in" target="_blank" rel="noopener">sign in again</a> (it opens in a new tab) and send it again.</p>
${typed.length ? html`<h2>What you typed</h2>${typed.map(([name, value], i) => html`<div class="field"><label for="typed-${i}">${name}</label><textarea id="typed-${i}" readonly rows="3">${value}</textarea></div>`)}` : ''}</main>`,
  );
}
