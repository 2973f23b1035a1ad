import { afterAll, afterEach, beforeAll, beforeEach } from 'vitest';
import { testSystem, type TestSystem } from './system.js';
import { fakeTwilioApi } from './twilio-api.js';
import { TWILIO_VARS } from './twilio.js';

/** A small practice: two psychiatrists on a weekly rotation, a lead, and clients with different agreements. */
export const PHONES = {
  ana: '+16175550101',
  ben: '+16175550102',
  lead: '+16175550103',
  trusted: '+16175550201',
  regular: '+16175550202',
  spanish: '+16175550203',
  review: '+16175550204',
  unknown: '+16175550999',
};

export async function seedPractice(sys: TestSystem): Promise<void> {
  const clinicians = [
    ['ana', 'Dr. Ana Ruiz', PHONES.ana, 'psychiatrist'],
    ['ben', 'Dr. Ben Cole', PHONES.ben, 'psychiatrist'],
    ['lead', 'Dr. Lee Park', PHONES.lead, 'lead'],
  ] as const;
  for (const [id, name, phone, role] of clinicians) {
    await sys.api('put', `/api/clinicians/${id}`, { name, phone, role }).expect(201);
  }
  const clients = [
    ['trusted', { name: 'Tess Trusted', phones: [PHONES.trusted], clinicianId: 'ana', agreement: { trust: 'always' } }],
    ['regular', { name: 'Rob Regular', phones: [PHONES.regular], clinicianId: 'ana' }],
    ['spanish', { name: 'Sofía Spanish', phones: [PHONES.spanish], clinicianId: 'ben', language: 'es' }],
    ['review', { name: 'Rae Review', phones: [PHONES.review], clinicianId: 'ben', agreement: { trust: 'review' } }],
  ] as const;
  for (const [id, body] of clients) await sys.api('put', `/api/clients/${id}`, body).expect(201);
  await sys.api('put', '/api/oncall', { rotation: ['ana', 'ben'], shiftDays: 7, handoff: '2026-11-23T08:00', backup: 'next', lead: 'lead' }).expect(200);
}

/** One seeded practice for a whole test file, with the Twilio API faked; handed over once it is up, torn down after the file. */
export function seededPracticeForFile(take: (sys: TestSystem, api: ReturnType<typeof fakeTwilioApi>) => void): void {
  let sys: TestSystem;
  let api: ReturnType<typeof fakeTwilioApi>;
  beforeAll(async () => {
    api = fakeTwilioApi();
    sys = await testSystem({ vars: TWILIO_VARS });
    await seedPractice(sys);
    take(sys, api);
  });
  afterAll(async () => {
    await sys.teardown();
    api.done();
  });
}

/** A seeded practice of its own for each test, on the clock given, with the Twilio API faked; handed over before each test, torn down after it. */
export function seededPracticeForEach(options: { vars?: Record<string, string>; now?: () => Date }, take: (sys: TestSystem, api: ReturnType<typeof fakeTwilioApi>) => void): void {
  let sys: TestSystem;
  let api: ReturnType<typeof fakeTwilioApi>;
  beforeEach(async () => {
    api = fakeTwilioApi();
    sys = await testSystem({ vars: { ...TWILIO_VARS, ...options.vars }, now: options.now });
    await seedPractice(sys);
    take(sys, api);
  });
  afterEach(async () => {
    await sys.teardown();
    api.done();
  });
}
