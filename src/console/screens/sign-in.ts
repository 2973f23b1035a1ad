import { Router } from 'express';
import { toE164 } from '../../phone.js';
import { addressKey } from '../../http/auth-failures.js';
import { sessionCookie, signedIn, type AuditChange } from '../auth.js';
import { field, type FormState } from '../forms.js';
import { html } from '../html.js';
import { document } from '../layout.js';
import type { Sessions } from '../sessions.js';
import type { SignIn } from '../sign-in.js';

function signInPage(practiceName: string, body: ReturnType<typeof html>): string {
  return document('Sign in', html`<main id="main" class="signin"><h1>${practiceName}</h1><p class="muted">The practice console of afterhours</p>${body}</main>`);
}

const phoneForm = (form: FormState, message?: string) =>
  html`<p>Sign in with a code sent by text to your phone on file with the practice.</p>${message ? html`<p class="error" role="alert">${message}</p>` : ''}
<form method="post" action="/console/sign-in" novalidate>${field(form, 'phone', 'Your phone number', { type: 'tel', autocomplete: 'tel', required: true })}
<button type="submit">Text me a code</button></form>`;

const codeForm = (phone: string, form: FormState, message?: string) =>
  html`<p role="status">If this number belongs to someone at the practice, a 6-digit code is on its way by text. It works for 5 minutes.</p>${message ? html`<p class="error" role="alert">${message}</p>` : ''}
<form method="post" action="/console/sign-in/code" novalidate><input type="hidden" name="phone" value="${phone}">
${field(form, 'code', 'Code', { inputmode: 'numeric', autocomplete: 'one-time-code', required: true })}
<button type="submit">Sign in</button></form><p><a href="/console/sign-in">Use another number or ask for a new code</a></p>`;

const wait = (seconds: number) => `Too many tries. Wait ${Math.ceil(seconds / 60)} minute${seconds > 60 ? 's' : ''} and try again.`;

/** Sign-in by a texted code, and sign-out. Nothing here says whether a number is known. */
export function createSignInRoutes(deps: { signIn: SignIn; sessions: Sessions; auditChange: AuditChange; practiceName: string; phoneRegion: string; secureCookie: boolean }): Router {
  const { signIn, sessions, practiceName } = deps;
  const router = Router();
  const send = (res: import('express').Response, status: number, body: ReturnType<typeof html>) => res.status(status).type('html').send(signInPage(practiceName, body));

  router.get('/sign-in', (_req, res) => {
    if (signedIn(res)) return res.redirect(303, '/console/tonight');
    send(res, 200, phoneForm({ values: {}, errors: {} }));
  });
  router.post('/sign-in', async (req, res) => {
    const typed = typeof req.body?.phone === 'string' ? req.body.phone : '';
    const phone = toE164(typed, deps.phoneRegion);
    if (!phone) return send(res, 400, phoneForm({ values: { phone: typed }, errors: { phone: 'is not a phone number' } }));
    const asked = await signIn.request(phone, addressKey(req.ip));
    if (!asked.sent) return send(res.set('Retry-After', String(asked.retryAfterSeconds)), 429, phoneForm({ values: { phone: typed }, errors: {} }, wait(asked.retryAfterSeconds)));
    send(res, 200, codeForm(phone, { values: {}, errors: {} }));
  });
  router.post('/sign-in/code', async (req, res) => {
    const body = (req.body ?? {}) as Record<string, unknown>;
    const phone = toE164(typeof body.phone === 'string' ? body.phone : '', deps.phoneRegion);
    const code = typeof body.code === 'string' ? body.code.replace(/\s/g, '') : '';
    if (!phone) return res.redirect(303, '/console/sign-in');
    const result = await signIn.verify(phone, code, addressKey(req.ip));
    if (!result.ok) {
      const status = result.reason === 'limited' ? 429 : 400;
      const message = result.reason === 'limited' ? wait(result.retryAfterSeconds ?? 60) : undefined;
      return send(res, status, codeForm(phone, { values: { code }, errors: message ? {} : { code: 'is not right, or has expired. Check the text, or ask for a new code.' } }, message));
    }
    const session = await sessions.create(result.personId);
    deps.auditChange({ id: result.personId }, 'POST /console/sign-in/code', 'session', null);
    res.set('Set-Cookie', sessionCookie(session.id, deps.secureCookie)).redirect(303, '/console/tonight');
  });
  router.post('/sign-out', async (_req, res) => {
    const signed = signedIn(res);
    if (signed) {
      await sessions.destroy(signed.session.id);
      deps.auditChange(signed.person, 'POST /console/sign-out', 'session', null);
    }
    res.set('Set-Cookie', sessionCookie('', deps.secureCookie, 0)).redirect(303, '/console/sign-in');
  });
  return router;
}

