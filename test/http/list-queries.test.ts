import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testSystem, type TestSystem } from '../support/system.js';

let sys: TestSystem;
beforeAll(async () => {
  sys = await testSystem();
  await sys.api('put', '/api/clinicians/ana', { name: 'Dr. Ana Ruiz', phone: '+16175550101', role: 'psychiatrist' }).expect(201);
  await sys.api('put', '/api/clients/c1', { name: 'Jamie Doe', phones: ['+16175550188'], clinicianId: 'ana' }).expect(201);
  await sys.intake.settle({ source: 'sms:SMq1', channel: 'sms', from: '+16175550188', client: await sys.directory.requireClient('c1'), claim: 'not-emergency', crisis: false });
});
afterAll(() => sys.teardown());

const fieldsOf = async (path: string) => (await sys.api('get', path).expect(400)).body.fields.map((f: { field: string }) => f.field);

describe('admin API: list parameters', () => {
  it('when a list is asked for with parameters of the right shape, then it answers', async () => {
    for (const path of ['/api/clinicians', '/api/clients', '/api/contacts?clientId=c1&since=2020-01-01T00:00:00Z&limit=5', '/api/pages?status=open', '/api/audit?since=2020-01-01T00:00:00%2B02:00']) {
      await sys.api('get', path).expect(200);
    }
    expect((await sys.api('get', '/api/contacts?clientId=nobody').expect(200)).body).toEqual([]);
  });

  it('when a contact filter comes in an unknown form (clientId[]), then 400 names it instead of listing every contact', async () => {
    expect(await fieldsOf('/api/contacts?clientId[]=nobody')).toEqual(['clientId[]']);
    expect(await fieldsOf('/api/contacts?clientId[a]=nobody')).toEqual(['clientId[a]']);
  });

  it('when a parameter is repeated (an array), then 400 names it on every list', async () => {
    expect(await fieldsOf('/api/contacts?clientId=c1&clientId=nobody')).toEqual(['clientId']);
    expect(await fieldsOf('/api/contacts?limit=1&limit=2')).toEqual(['limit']);
    expect(await fieldsOf('/api/pages?status=open&status=exhausted')).toEqual(['status']);
    expect(await fieldsOf('/api/audit?since=2020-01-01T00:00:00Z&since=2021-01-01T00:00:00Z')).toEqual(['since']);
  });

  it('when a date is not a real ISO time with an offset, then 400 names it', async () => {
    for (const bad of ['yesterday', '2026-02-31T00:00:00Z', '2026-11-30T08:00', '2026-11-30', '']) {
      expect(await fieldsOf(`/api/contacts?since=${encodeURIComponent(bad)}`)).toEqual(['since']);
      expect(await fieldsOf(`/api/audit?since=${encodeURIComponent(bad)}`)).toEqual(['since']);
    }
  });

  it('when a list is given a parameter it does not take or a value out of range, then 400 names it', async () => {
    expect(await fieldsOf('/api/clinicians?role=lead')).toEqual(['role']);
    expect(await fieldsOf('/api/clients?clinicianId=ana')).toEqual(['clinicianId']);
    expect(await fieldsOf('/api/pages?status=closed')).toEqual(['status']);
    expect(await fieldsOf('/api/pages?status[]=open')).toEqual(['status[]']);
    expect(await fieldsOf('/api/audit?from=2020-01-01T00:00:00Z')).toEqual(['from']);
    for (const limit of ['0', '1001', '-1', '1.5', 'ten', '']) expect(await fieldsOf(`/api/contacts?limit=${limit}`)).toEqual(['limit']);
  });
});
