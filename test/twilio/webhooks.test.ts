import http from 'node:http';
import express, { Router } from 'express';
import request from 'supertest';
import twilio from 'twilio';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { readTwiml, spokenText } from '../../src/devtools/twiml-reader.js';
import { createAuthFailures } from '../../src/http/auth-failures.js';
import { createMetrics } from '../../src/metrics.js';
import { createLogger } from '../../src/log.js';
import { safetyAnswer } from '../../src/twilio/fallback-routes.js';
import { createTwilioWebhooks, HANDLER_LIMITS, READ_LIMITS } from '../../src/twilio/webhooks.js';
import { PHONES, seedPractice } from '../support/practice.js';
import { testSystem, type TestSystem } from '../support/system.js';
import { signedPost, TWILIO_VARS } from '../support/twilio.js';
import { twimlSchemaErrors } from '../support/twiml-schema.js';

let sys: TestSystem;
beforeAll(async () => {
  sys = await testSystem({ vars: TWILIO_VARS });
  await seedPractice(sys);
});
const servers: http.Server[] = [];
afterAll(async () => {
  for (const server of servers) server.close();
  await sys.teardown();
});

const call = { CallSid: `CA${'7'.repeat(32)}`, From: PHONES.regular, To: TWILIO_VARS.TWILIO_PHONE_NUMBER };
const text = { MessageSid: `SM${'7'.repeat(32)}`, From: PHONES.regular, To: TWILIO_VARS.TWILIO_PHONE_NUMBER };

/** The answer is voice TwiML Twilio's schema accepts, giving 911 and 988 and dialing the fallback phone. */
async function expectVoiceSafety(res: { status: number; type: string; text: string }) {
  expect(res.status).toBe(200);
  expect(res.type).toMatch(/xml/);
  expect(await twimlSchemaErrors(res.text)).toEqual([]);
  const words = spokenText(readTwiml(res.text)).replace(/-/g, '');
  expect(words).toMatch(/911/);
  expect(words).toMatch(/988/);
  expect(res.text).toContain(`<Dial timeout="45">${TWILIO_VARS.FALLBACK_ONCALL_PHONE}</Dial>`);
}

function expectTextSafety(res: { status: number; type: string; text: string }) {
  expect(res.status).toBe(200);
  expect(res.type).toMatch(/xml/);
  expect(res.text).toMatch(/^<\?xml[^>]*\?><Response><Message>[^<]*911[^<]*988[^<]*<\/Message><\/Response>$/);
}

function signedGet(app: express.Express, path: string) {
  const signature = twilio.getExpectedTwilioSignature(TWILIO_VARS.TWILIO_AUTH_TOKEN, `https://afterhours.test${path}`, {});
  return request(app).get(path).set('X-Twilio-Signature', signature);
}

describe('webhooks: a signed request always gets safe TwiML', () => {
  it('when a signed call or text carries a body larger than Twilio sends, then the safety answer, and nothing is recorded', async () => {
    const big = 'x'.repeat(HANDLER_LIMITS.bytes + 1);
    await expectVoiceSafety(await signedPost(sys.app, '/twilio/voice', { ...call, Extra: big }));
    await expectVoiceSafety(await signedPost(sys.app, '/twilio/voice/answer?attempt=1&lang=en', { ...call, Digits: '1', SpeechResult: big }));
    expectTextSafety(await signedPost(sys.app, '/twilio/sms', { ...text, Body: big }));
    expect(await sys.history.listContacts({})).toEqual([]);
  });

  it('when a signed request carries more parameters than Twilio sends, then the safety answer', async () => {
    const many = Object.fromEntries(Array.from({ length: HANDLER_LIMITS.parameters + 1 }, (_, i) => [`P${i}`, 'x']));
    await expectVoiceSafety(await signedPost(sys.app, '/twilio/voice', { ...call, ...many }));
    expectTextSafety(await signedPost(sys.app, '/twilio/sms', { ...text, ...many }));
  });

  it('when a signed request reaches a /twilio path or method no route takes, then the safety answer of its kind', async () => {
    await expectVoiceSafety(await signedPost(sys.app, '/twilio/voice/nowhere', call));
    await expectVoiceSafety(await signedPost(sys.app, `/twilio/${'z'.repeat(4_000)}`, call));
    await expectVoiceSafety(await signedGet(sys.app, '/twilio/voice?CallSid=CA1'));
    expectTextSafety(await signedPost(sys.app, '/twilio/sms/nowhere', text));
    expectTextSafety(await signedPost(sys.app, '/twilio/unknown', text));
  });
});

describe('webhooks: an unsigned request gets 403 and nothing else', () => {
  it('when an unsigned or wrongly signed request is too large or has too many parameters, then 403 in plain text, never a JSON 413', async () => {
    const huge = { ...call, Body: 'x'.repeat(HANDLER_LIMITS.bytes * 2) };
    const many = Object.fromEntries(Array.from({ length: READ_LIMITS.parameters + 1 }, (_, i) => [`P${i}`, '']));
    for (const res of [
      await request(sys.app).post('/twilio/voice').type('form').send(huge),
      await signedPost(sys.app, '/twilio/voice', huge, { token: 'forged' }),
      await request(sys.app).post('/twilio/sms').type('form').send(many),
      await request(sys.app).post('/twilio/voice/nowhere').type('form').send(call),
      await request(sys.app).get('/twilio/voice'),
    ]) {
      expect(res.status).toBe(403);
      expect(res.type).toBe('text/plain');
      expect(res.text).toBe('invalid Twilio signature');
    }
  });

  it('when a body is too large to read, then its signature cannot be checked and it is refused like an unsigned one', async () => {
    const res = await signedPost(sys.app, '/twilio/voice', { ...call, Body: 'x'.repeat(READ_LIMITS.bytes) });
    expect(res.status).toBe(403);
    expect(res.text).toBe('invalid Twilio signature');
  });

  it('when no Twilio account is configured, then no webhook can be verified and each is refused', async () => {
    const bare = await testSystem();
    try {
      await signedPost(bare.app, '/twilio/voice', call).expect(403);
      await signedPost(bare.app, '/twilio/fallback', call).expect(403);
    } finally {
      await bare.teardown();
    }
  });
});

describe('webhooks: a handler that fails', () => {
  it('when a handler throws or rejects, then the caller still gets the safety answer; an unsigned request never reaches it', async () => {
    let reached = 0;
    const broken = Router();
    broken.post('/voice/sync', () => {
      reached += 1;
      throw new Error('boom');
    });
    broken.post('/sms/async', async () => {
      reached += 1;
      await Promise.reject(new Error('boom'));
    });
    const log = createLogger({ level: 'silent' });
    const metrics = createMetrics();
    const app = express();
    app.use(
      '/twilio',
      createTwilioWebhooks({
        authToken: TWILIO_VARS.TWILIO_AUTH_TOKEN,
        publicBaseUrl: 'https://afterhours.test',
        failures: createAuthFailures({ redis: sys.redis, keyPrefix: sys.keys.authFailures('broken'), kind: 'webhook', limit: { failures: 100, windowSeconds: 60 }, metrics, log }),
        log,
        safety: safetyAnswer({ practiceName: 'Riverside Psychiatry', fallbackOncallPhone: TWILIO_VARS.FALLBACK_ONCALL_PHONE }),
        routers: [broken],
      }),
    );
    await expectVoiceSafety(await signedPost(app, '/twilio/voice/sync', call));
    expectTextSafety(await signedPost(app, '/twilio/sms/async', text));
    expect(reached).toBe(2);
    await request(app).post('/twilio/voice/sync').type('form').send(call).expect(403);
    expect(reached).toBe(2);
  });
});

describe('webhooks: what a forger can make the server do', () => {
  it('when a request carries no signature at all, then it is refused before its body is read', async () => {
    const port = await new Promise<number>((resolve) => {
      const server = sys.app.listen(0, () => resolve((server.address() as { port: number }).port));
      servers.push(server);
    });
    const req = http.request({ port, method: 'POST', path: '/twilio/voice', headers: { 'content-type': 'application/x-www-form-urlencoded', 'transfer-encoding': 'chunked' } });
    req.on('error', () => undefined);
    req.write('CallSid=CA1&Body=');
    // The body is never finished (a forger trickling a large one): the answer must not wait for it.
    const answered = new Promise<{ status: number; before: boolean }>((resolve) => req.on('response', (res) => resolve({ status: res.statusCode!, before: !req.writableEnded })));
    const giveUp = setTimeout(() => req.end('x'), 2_000);
    const { status, before } = await answered;
    clearTimeout(giveUp);
    req.destroy();
    expect(status).toBe(403);
    expect(before).toBe(true);
  });

  it('when a forged request carries a body over twice what a handler takes, then it is refused before any signature is computed over it', async () => {
    const check = vi.spyOn(twilio, 'validateRequest');
    try {
      const body = { ...call, Body: 'x'.repeat(2 * HANDLER_LIMITS.bytes) };
      const res = await signedPost(sys.app, '/twilio/voice', body, { token: 'forged' });
      expect(res.status).toBe(403);
      expect(check).not.toHaveBeenCalled();
      // A body over what a handler takes but within twice that is still read, and a signed one gets the safety answer.
      await expectVoiceSafety(await signedPost(sys.app, '/twilio/voice', { ...call, Body: 'x'.repeat(2 * HANDLER_LIMITS.bytes - 1_024) }));
      expect(check).toHaveBeenCalledTimes(1);
    } finally {
      check.mockRestore();
    }
  });
});
