import request from 'supertest';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { testSystem, type TestSystem } from '../support/system.js';
import { signedPost, TWILIO_VARS } from '../support/twilio.js';

let sys: TestSystem;
beforeEach(async () => {
  sys = await testSystem({ vars: TWILIO_VARS });
});
afterEach(() => sys.teardown());

function expectHardened(headers: Record<string, string>) {
  expect(headers['x-content-type-options']).toBe('nosniff');
  expect(headers['x-frame-options']).toBe('DENY');
  expect(headers['content-security-policy']).toContain("frame-ancestors 'none'");
  expect(headers['x-powered-by']).toBeUndefined();
}

describe('security headers', () => {
  it('when the admin API answers, with client data or a refusal, then no browser or proxy may store it, sniff it or frame it', async () => {
    await sys.api('put', '/api/clinicians/ana', { name: 'Dr. Ana Ruiz', phone: '+16175550101', role: 'psychiatrist' }).expect(201);
    for (const res of [await sys.api('get', '/api/clinicians').expect(200), await sys.api('get', '/api/clients/nobody').expect(404), await request(sys.app).get('/api/clinicians').expect(401)]) {
      expect(res.headers['cache-control']).toBe('no-store');
      expectHardened(res.headers);
    }
  });

  it('when PUBLIC_BASE_URL is https, then every answer carries HSTS for this host; over http, none', async () => {
    for (const res of [await sys.api('get', '/api/clinicians'), await request(sys.app).get('/healthz'), await signedPost(sys.app, '/twilio/fallback', { CallSid: 'CA1' })]) {
      expect(res.headers['strict-transport-security']).toBe('max-age=31536000');
      expectHardened(res.headers);
    }
    const plain = await testSystem({ vars: { PUBLIC_BASE_URL: 'http://localhost:3000' } });
    try {
      const res = await request(plain.app).get('/healthz').expect(200);
      expect(res.headers['strict-transport-security']).toBeUndefined();
      expectHardened(res.headers);
    } finally {
      await plain.teardown();
    }
  });

  it('when a path exists nowhere, then a JSON 404 with the same headers, not an HTML page', async () => {
    const res = await request(sys.app).get('/nowhere').expect(404);
    expect(res.body).toEqual({ error: 'not_found', message: 'no such endpoint' });
    expectHardened(res.headers);
  });
});
