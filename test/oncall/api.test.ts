import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { testSystem, type TestSystem } from '../support/system.js';

let sys: TestSystem;
beforeEach(async () => {
  sys = await testSystem({ now: () => new Date('2026-10-27T03:00:00Z') });
  for (const [id, phone, role] of [['ana', '+16175550101', 'psychiatrist'], ['ben', '+16175550102', 'psychiatrist'], ['lead', '+16175550103', 'lead']]) {
    await sys.api('put', `/api/clinicians/${id}`, { name: id, phone, role }).expect(201);
  }
});
afterEach(() => sys.teardown());

describe('admin API: on-call schedule', () => {
  it('when a schedule is put, then /api/oncall/now names the primary, backup, lead and until', async () => {
    await sys.api('get', '/api/oncall/now').expect(404);
    await sys.api('put', '/api/oncall', { rotation: ['ana', 'ben'], shiftDays: 7, handoff: '2026-10-26T08:00', backup: 'next', lead: 'lead' }).expect(200);
    const now = await sys.api('get', '/api/oncall/now').expect(200);
    expect(now.body).toEqual({ primary: 'ana', backup: 'ben', lead: 'lead', until: '2026-11-02T13:00:00.000Z' });
  });

  it('when a schedule names an unknown clinician, then 400 names the field and the old schedule stays', async () => {
    await sys.api('put', '/api/oncall', { rotation: ['ana'], shiftDays: 1, handoff: '2026-10-26T08:00', backup: 'ben', lead: 'lead' }).expect(200);
    const res = await sys.api('put', '/api/oncall', { rotation: ['ana', 'zed'], shiftDays: 1, handoff: '2026-10-26T08:00', backup: 'next', lead: 'nobody' }).expect(400);
    expect(res.body.fields).toEqual([
      { field: 'rotation[1]', message: 'no clinician with id zed' },
      { field: 'lead', message: 'no clinician with id nobody' },
    ]);
    expect((await sys.api('get', '/api/oncall').expect(200)).body.rotation).toEqual(['ana']);
  });
});
