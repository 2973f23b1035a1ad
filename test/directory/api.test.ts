import request from 'supertest';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { testSystem, type TestSystem } from '../support/system.js';

let sys: TestSystem;
beforeEach(async () => {
  sys = await testSystem();
});
afterEach(() => sys.teardown());

const drJones = { name: 'Dr. Ada Jones', phone: '(617) 555-0101', role: 'psychiatrist' };
const client = { name: 'Maria José Lopez', phones: ['617.555.0188', '+1 857 555 0199'], clinicianId: 'jones' };

describe('admin API: clinicians and clients', () => {
  it('when a clinician and a client are created, then they are answered in E.164 with initials, and updated with 200', async () => {
    const created = await sys.api('put', '/api/clinicians/jones', drJones).expect(201);
    expect(created.body).toMatchObject({ id: 'jones', phone: '+16175550101', role: 'psychiatrist' });
    await sys.api('put', '/api/clinicians/jones', { ...drJones, name: 'Dr. Ada Jones-Smith' }).expect(200);

    const c = await sys.api('put', '/api/clients/c1', client).expect(201);
    expect(c.body).toMatchObject({
      id: 'c1',
      initials: 'MJL',
      phones: ['+16175550188', '+18575550199'],
      language: 'en',
      agreement: { trust: 'auto', pageThroughUntil: null, maxNonUrgentPer30Days: 8 },
    });
    const list = await sys.api('get', '/api/clinicians').expect(200);
    expect(list.body.map((x: { name: string }) => x.name)).toEqual(['Dr. Ada Jones-Smith']);
  });

  it('when a client is looked up by any format of their number, then the same client is found', async () => {
    await sys.api('put', '/api/clinicians/jones', drJones).expect(201);
    await sys.api('put', '/api/clients/c1', client).expect(201);
    for (const format of ['+16175550188', '(617) 555-0188', '1-617-555-0188']) {
      const e164 = sys.schemas.phone.parse(format);
      const owner = await sys.directory.findByPhone(e164);
      expect(owner).toMatchObject({ kind: 'client', client: { id: 'c1' } });
    }
    expect(await sys.directory.findByPhone('+16175550101')).toMatchObject({ kind: 'clinician', clinician: { id: 'jones' } });
    expect(await sys.directory.findByPhone('+16175550000')).toBeNull();
  });

  it('when a number already belongs to another record, then 409 names the field and nothing changes', async () => {
    await sys.api('put', '/api/clinicians/jones', drJones).expect(201);
    await sys.api('put', '/api/clients/c1', client).expect(201);
    const conflict = await sys.api('put', '/api/clients/c2', { ...client, phones: ['+16175550177', '617-555-0188'] }).expect(409);
    expect(conflict.body).toEqual({ error: 'conflict', field: 'phones[1]', message: 'this phone number already belongs to client c1' });
    expect(JSON.stringify(conflict.body)).not.toContain('555');
    await sys.api('get', '/api/clients/c2').expect(404);
    expect(await sys.directory.findByPhone('+16175550177')).toBeNull();

    const clinicianClash = await sys.api('put', '/api/clinicians/lee', { ...drJones, phone: '+18575550199' }).expect(409);
    expect(clinicianClash.body.field).toBe('phone');
  });

  it('when a client changes numbers, then the old number is released and the new one found', async () => {
    await sys.api('put', '/api/clinicians/jones', drJones).expect(201);
    await sys.api('put', '/api/clients/c1', client).expect(201);
    await sys.api('put', '/api/clients/c1', { ...client, phones: ['+16175550166'] }).expect(200);
    expect(await sys.directory.findByPhone('+16175550188')).toBeNull();
    expect(await sys.directory.findByPhone('+16175550166')).toMatchObject({ client: { id: 'c1' } });
    await sys.api('put', '/api/clients/c9', { ...client, phones: ['+16175550188'] }).expect(201);
  });

  it('when a body is invalid, then 400 lists every failing field and nothing is stored', async () => {
    const bad = await sys.api('put', '/api/clients/c1', { name: '', phones: ['12', 'hello'], clinicianId: 'no such!', language: 'fr', extra: 1 }).expect(400);
    const fields = bad.body.fields.map((f: { field: string }) => f.field).sort();
    expect(fields).toEqual(['clinicianId', 'extra', 'language', 'name', 'phones[0]', 'phones[1]'].sort());
    await sys.api('get', '/api/clients/c1').expect(404);

    const badRole = await sys.api('put', '/api/clinicians/x', { name: 'X', phone: '+16175550101', role: 'surgeon' }).expect(400);
    expect(badRole.body.fields).toEqual([expect.objectContaining({ field: 'role' })]);
  });

  it('when a client names an unknown clinician, then 400 says which field', async () => {
    const res = await sys.api('put', '/api/clients/c1', client).expect(400);
    expect(res.body.fields).toEqual([{ field: 'clinicianId', message: 'no clinician with id jones' }]);
  });

  it('when the JSON is malformed or the id is bad, then 400 says so', async () => {
    const res = await request(sys.app).put('/api/clinicians/x').set('Authorization', 'Bearer test-admin-token-0123456789').set('Content-Type', 'application/json').send('{"name":').expect(400);
    expect(res.body.fields).toEqual([{ field: '(body)', message: 'is not valid JSON' }]);
    const badId = await sys.api('put', '/api/clinicians/bad%20id', drJones).expect(400);
    expect(badId.body.fields[0].field).toBe('id');
  });

  it('when an unknown id is asked for, then 404', async () => {
    await sys.api('get', '/api/clients/nobody').expect(404);
    await sys.api('get', '/api/clinicians/nobody').expect(404);
    await sys.api('get', '/api/contacts/nothing').expect(404);
    await sys.api('get', '/api/no-such-endpoint').expect(404);
  });

  it('when a page-through date is given as a bare date, then it runs through the end of that day in the practice zone', async () => {
    await sys.api('put', '/api/clinicians/jones', drJones).expect(201);
    const res = await sys.api('put', '/api/clients/c1', { ...client, agreement: { pageThroughUntil: '2026-12-01', trust: 'auto' } }).expect(201);
    expect(res.body.agreement.pageThroughUntil).toBe('2026-12-02T04:59:59.999Z');
    const bad = await sys.api('put', '/api/clients/c1', { ...client, agreement: { pageThroughUntil: 'next week' } }).expect(400);
    expect(bad.body.fields[0].field).toBe('agreement.pageThroughUntil');
  });
});

describe('admin API: authentication', () => {
  it('when no or a wrong bearer token is sent, then 401 and nothing changes', async () => {
    await request(sys.app).put('/api/clinicians/jones').send(drJones).expect(401);
    await request(sys.app).put('/api/clinicians/jones').set('Authorization', 'Bearer wrong-token-wrong-token').send(drJones).expect(401);
    await request(sys.app).get('/api/clinicians').set('Authorization', 'Basic abc').expect(401);
    expect(await sys.directory.getClinician('jones')).toBeNull();
  });

  it('when no admin token is configured, then every /api request is refused', async () => {
    const open = await testSystem({ vars: { ADMIN_TOKEN: '' } });
    try {
      await request(open.app).get('/api/clinicians').set('Authorization', 'Bearer ').expect(401);
      await request(open.app).get('/api/clinicians').set('Authorization', 'Bearer undefined').expect(401);
    } finally {
      await open.teardown();
    }
  });
});
