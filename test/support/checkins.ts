import { afterEach, beforeEach } from 'vitest';
import { seedPractice } from './practice.js';
import { testSystem, type TestSystem } from './system.js';
import { fakeTwilioApi, manualClock } from './twilio-api.js';
import { TWILIO_VARS } from './twilio.js';

export interface EveningCheckIn {
  sys: TestSystem;
  api: ReturnType<typeof fakeTwilioApi>;
  clock: ReturnType<typeof manualClock>;
}

/**
 * Before each test: a seeded practice on a clock set to Friday 08:00 in New York, where Rob
 * (client `regular`) has a plan of one check-in every evening at 20:00; torn down after it.
 */
export function eveningCheckInForEach(take: (practice: EveningCheckIn) => void): void {
  let practice: EveningCheckIn;
  beforeEach(async () => {
    const api = fakeTwilioApi();
    const clock = manualClock(new Date('2026-11-27T13:00:00Z')); // Friday 08:00 in New York
    const sys = await testSystem({ vars: TWILIO_VARS, now: clock.now });
    practice = { sys, api, clock };
    await seedPractice(sys);
    await sys.api('put', '/api/clients/regular/checkins', { times: ['20:00'], from: '2026-11-27', until: '2026-12-10' }).expect(201);
    take(practice);
  });
  afterEach(async () => {
    await practice.sys.teardown();
    practice.api.done();
  });
}
