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
    await request(sys.app).get('/api/clients/c1').expect(401);
    const entries = await trail();
    expect(entries.map((e) => [e.actor, e.action, e.recordType, e.recordId, e.status])).toEqual([
      ['frontdesk@practice', 'PUT /api/clinicians/:id', 'clinician', 'jones', 201],
      ['admin', 'GET /api/clinicians/:id', 'clinician', 'jones', 200],
      ['admin', 'PUT /api/clients/:id', 'client', 'c1', 201],
      ['admin', 'GET /api/contacts', 'contact', 'c1', 200],
      ['unauthenticated', 'GET /api/clients/c1', 'client', null, 401],
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
});
