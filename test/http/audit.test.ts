import request from 'supertest';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { testSystem, type TestSystem } from '../support/system.js';

let sys: TestSystem;
beforeEach(async () => {
  sys = await testSystem();
});
afterEach(() => sys.teardown());

async function trail(): Promise<Record<string, unknown>[]> {
  // the entry is appended when the response finishes; give the write a moment to land
  await new Promise((r) => setTimeout(r, 30));
  const res = await sys.api('get', '/api/audit').expect(200).expect('Content-Type', /ndjson/);
  return res.text.trim().split('\n').filter(Boolean).map((l) => JSON.parse(l));
}

describe('admin audit trail', () => {
  it('when records are written and read, then each request is one entry naming who, what, which record and when', async () => {
    await sys.api('put', '/api/clinicians/jones', { name: 'Dr. Jones', phone: '+16175550101', role: 'lead' }).set('X-Actor', 'frontdesk@practice').expect(201);
    await sys.api('get', '/api/clinicians/jones').expect(200);
    await sys.api('put', '/api/clients/c1', { name: 'Sentinel Name', phones: ['+16175550188'], clinicianId: 'jones' }).expect(201);
    await sys.api('get', '/api/contacts?clientId=c1').expect(200);
    const entries = await trail();
    expect(entries.map((e) => [e.actor, e.action, e.recordType, e.recordId, e.status])).toEqual([
      ['frontdesk@practice', 'PUT /api/clinicians/:id', 'clinician', 'jones', 201],
      ['api', 'GET /api/clinicians/:id', 'clinician', 'jones', 200],
      ['api', 'PUT /api/clients/:id', 'client', 'c1', 201],
      ['api', 'GET /api/contacts', 'contact', 'c1', 200],
    ]);
    for (const e of entries) expect(Date.parse(String(e.at))).not.toBeNaN();
    expect(JSON.stringify(entries)).not.toMatch(/Sentinel|5550188/);
  });

  it('when the trail is exported since a time, then only later entries are listed', async () => {
    await sys.api('get', '/api/clinicians').expect(200);
    await new Promise((r) => setTimeout(r, 20));
    const cut = new Date();
    await new Promise((r) => setTimeout(r, 5));
    await sys.api('get', '/api/clients').expect(200);
    await new Promise((r) => setTimeout(r, 30));
    const res = await sys.api('get', `/api/audit?since=${cut.toISOString()}`).expect(200);
    const actions = res.text.trim().split('\n').map((l) => JSON.parse(l).action);
    expect(actions).toEqual(['GET /api/clients']);
  });

  it('when requests fail authentication, then the trail gets nothing, whatever their path', async () => {
    await sys.api('get', '/api/clinicians').expect(200);
    const long = `/api/clients/${'x'.repeat(2_000)}`;
    await request(sys.app).get(long).expect(401);
    await request(sys.app).put('/api/clinicians/ana').set('Authorization', 'Bearer wrong-token-0123456789').send({}).expect(401);
    await new Promise((r) => setTimeout(r, 30));
    expect(await sys.redis.xlen(sys.keys.audit)).toBe(1);
  });

  it('when an authenticated request names a path no route takes, then its entry holds the route, never the path', async () => {
    await sys.api('get', `/api/${'y'.repeat(5_000)}`).expect(404);
    const [entry] = await trail();
    expect(entry).toMatchObject({ actor: 'api', action: 'GET /api/(no such endpoint)', recordType: 'unknown', recordId: null, status: 404 });
    expect(JSON.stringify(entry).length).toBeLessThan(200);
  });

  it('when an entry is written, then entries older than AUDIT_RETENTION_DAYS are dropped and younger ones kept', async () => {
    const retained = await testSystem({ vars: { AUDIT_RETENTION_DAYS: '2' } });
    try {
      const [seconds] = await retained.redis.time();
      const day = 86_400_000;
      const nowMs = Number(seconds) * 1_000;
      for (const [age, label] of [[3 * day, 'old'], [2 * day + 60_000, 'just-over'], [2 * day - 60_000, 'just-under'], [day, 'young']] as const) {
        await retained.redis.xadd(retained.keys.audit, `${nowMs - age}-0`, 'entry', JSON.stringify({ label }));
      }
      await retained.api('get', '/api/clinicians').expect(200);
      await new Promise((r) => setTimeout(r, 30));
      const labels = (await retained.redis.xrange(retained.keys.audit, '-', '+')).map(([, fields]) => JSON.parse(fields[1]!).label ?? JSON.parse(fields[1]!).action);
      expect(labels).toEqual(['just-under', 'young', 'GET /api/clinicians']);
    } finally {
      await retained.teardown();
    }
  });
});
