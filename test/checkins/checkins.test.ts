import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { CheckInRecord } from '../../src/checkins/store.js';
import { createLogger } from '../../src/log.js';
import { createSystem } from '../../src/main.js';
import { PHONES, seedPractice } from '../support/practice.js';
import { testSystem, type TestSystem } from '../support/system.js';
import { eventually, fakeTwilioApi, manualClock } from '../support/twilio-api.js';
import { signedPost, TWILIO_VARS } from '../support/twilio.js';

let sys: TestSystem;
let api: ReturnType<typeof fakeTwilioApi>;
let clock: ReturnType<typeof manualClock>;
let seq = 0;
const HOUR = 3_600_000;

beforeEach(async () => {
  api = fakeTwilioApi();
  clock = manualClock(new Date('2026-10-31T12:00:00Z')); // Saturday 08:00 in New York, the day before clocks fall back
  sys = await testSystem({ vars: TWILIO_VARS, now: clock.now });
  await seedPractice(sys);
});
afterEach(async () => {
  await sys.teardown();
  api.done();
});

const EVENINGS = { times: ['20:00'], from: '2026-10-31', until: '2026-11-02' };
const checkInsToTess = () => api.textsTo(PHONES.trusted).filter((m) => /1 \(doing well\)/.test(m.Body));
const records = async (): Promise<CheckInRecord[]> => (await sys.api('get', '/api/clients/trusted/checkins').expect(200)).body.checkIns;

async function text(from: string, body: string) {
  seq += 1;
  await signedPost(sys.app, '/twilio/sms', { MessageSid: `SM${String(seq).padStart(32, '0')}`, From: from, To: TWILIO_VARS.TWILIO_PHONE_NUMBER, Body: body, NumMedia: '0' }).expect(200);
}

/** Moves the clock in half-hour steps, sweeping at each as the every-minute scheduler would. */
async function runUntil(iso: string) {
  while (clock.now() < new Date(iso)) {
    clock.advance(HOUR / 2);
    await sys.checkInScheduler.sweep();
  }
}

describe('check-in plans: the API', () => {
  it('when a plan is put, read and deleted, then it answers with its next local check-in, and ends', async () => {
    const put = await sys.api('put', '/api/clients/trusted/checkins', { ...EVENINGS, wording: 'gentle' }).expect(201);
    expect(put.body).toMatchObject({ clientId: 'trusted', times: ['20:00'], days: ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'], wording: 'gentle', endedAt: null, next: '2026-11-01T00:00:00.000Z' });
    await sys.api('put', '/api/clients/trusted/checkins', EVENINGS).expect(200);
    expect((await sys.api('get', '/api/clients/trusted/checkins').expect(200)).body).toMatchObject({ wording: 'standard', next: '2026-11-01T00:00:00.000Z' });
    const deleted = await sys.api('delete', '/api/clients/trusted/checkins').expect(200);
    expect(deleted.body).toMatchObject({ endedAt: clock.now().toISOString(), next: null });
    expect((await sys.api('get', '/api/clients/trusted/checkins').expect(200)).body.endedAt).not.toBeNull();
  });

  it('when a plan body is wrong or the client unknown, then 400 names the field, 404 the client', async () => {
    const bad = await sys.api('put', '/api/clients/trusted/checkins', { ...EVENINGS, times: ['8pm'] }).expect(400);
    expect(bad.body.fields).toEqual([expect.objectContaining({ field: 'times[0]' })]);
    const past = await sys.api('put', '/api/clients/trusted/checkins', { times: ['20:00'], from: '2026-10-01', until: '2026-10-30' }).expect(400);
    expect(past.body.fields).toEqual([expect.objectContaining({ field: 'until' })]);
    const extra = await sys.api('put', '/api/clients/trusted/checkins', { ...EVENINGS, note: 'x' }).expect(400);
    expect(extra.body.fields).toEqual([expect.objectContaining({ field: 'note' })]);
    await sys.api('put', '/api/clients/nobody/checkins', EVENINGS).expect(404);
    await sys.api('get', '/api/clients/regular/checkins').expect(404);
    await sys.api('delete', '/api/clients/regular/checkins').expect(404);
  });
});

describe('check-in plans: sending', () => {
  it('when clocks fall back during a plan, then each check-in goes at 8 p.m. local, once, and none after until', async () => {
    await sys.api('put', '/api/clients/trusted/checkins', EVENINGS).expect(201);
    await runUntil('2026-11-04T12:00:00Z');
    expect(checkInsToTess()).toHaveLength(3);
    expect((await records()).map((r) => [r.slot, r.status])).toEqual([
      ['2026-11-01T00:00:00.000Z', 'sent'], // Sat 20:00 EDT
      ['2026-11-02T01:00:00.000Z', 'sent'], // Sun 20:00 EST
      ['2026-11-03T01:00:00.000Z', 'sent'], // Mon 20:00 EST, the last day
    ]);
    const body = checkInsToTess()[0]!.Body;
    expect(body).toContain('Riverside Psychiatry');
    expect(body).toMatch(/911/);
    expect(body).toMatch(/988/);
    expect(body).toMatch(/STOP/);
  });

  it('when a worker restarts, or two workers sweep at once, then a check-in is sent once', async () => {
    await sys.api('put', '/api/clients/trusted/checkins', EVENINGS).expect(201);
    clock.advance(12 * HOUR + 60_000); // 20:01
    const other = createSystem({ config: sys.config, log: createLogger({ level: 'silent' }), now: clock.now });
    try {
      await other.connect();
      await Promise.all([sys.checkInScheduler.sweep(), other.checkInScheduler.sweep(), sys.checkInScheduler.sweep()]);
      expect(checkInsToTess()).toHaveLength(1);
      await sys.redis.hdel(sys.keys.checkInCursor, 'trusted'); // a restart that lost even the cursor
      await other.checkInScheduler.sweep();
    } finally {
      await other.close();
    }
    expect(checkInsToTess()).toHaveLength(1);
  });

  it('when Twilio fails a check-in for a moment, then the next sweep sends it, once: never skipped silently', async () => {
    await sys.api('put', '/api/clients/trusted/checkins', EVENINGS).expect(201);
    clock.advance(12 * HOUR + 60_000);
    api.fail('Messages', { status: 503, code: 20503, message: 'unavailable' }, { to: PHONES.trusted });
    await expect(sys.checkInScheduler.sweep()).rejects.toThrow();
    expect(checkInsToTess()).toHaveLength(0);
    clock.advance(60_000);
    await sys.checkInScheduler.sweep();
    await sys.checkInScheduler.sweep();
    expect(checkInsToTess()).toHaveLength(1);
  });

  it('when a running plan is changed just after a check-in fell due and before a sweep reached it, then that check-in is still sent', async () => {
    await sys.api('put', '/api/clients/trusted/checkins', EVENINGS).expect(201);
    clock.advance(12 * HOUR - 60_000); // 19:59
    await sys.checkInScheduler.sweep();
    clock.advance(90_000); // 20:00:30
    await sys.api('put', '/api/clients/trusted/checkins', { ...EVENINGS, wording: 'gentle' }).expect(200);
    clock.advance(30_000);
    await sys.checkInScheduler.sweep();
    expect(checkInsToTess().map((m) => m.Body)).toEqual([expect.stringContaining('We are thinking of you')]);
  });

  it('when no worker ran for hours past a check-in, then it is recorded as missed, not sent at an odd hour', async () => {
    await sys.api('put', '/api/clients/trusted/checkins', EVENINGS).expect(201);
    clock.advance(17 * HOUR); // 01:00, five hours late
    await sys.checkInScheduler.sweep();
    expect(checkInsToTess()).toHaveLength(0);
    expect(await records()).toEqual([expect.objectContaining({ slot: '2026-11-01T00:00:00.000Z', status: 'missed' })]);
  });

  it('invariant 9: when the client texts STOP, then no check-in goes; START resumes the plan', async () => {
    await sys.api('put', '/api/clients/trusted/checkins', EVENINGS).expect(201);
    await text(PHONES.trusted, 'STOP');
    await runUntil('2026-11-01T12:00:00Z');
    expect(checkInsToTess()).toHaveLength(0);
    await text(PHONES.trusted, 'START');
    await runUntil('2026-11-02T12:00:00Z');
    expect(checkInsToTess()).toHaveLength(1);
    expect((await records()).map((r) => r.status)).toEqual(['opted-out', 'sent']);
  });

  it('when the plan is deleted, then no further check-in goes', async () => {
    await sys.api('put', '/api/clients/trusted/checkins', EVENINGS).expect(201);
    await runUntil('2026-11-01T12:00:00Z');
    expect(checkInsToTess()).toHaveLength(1);
    await sys.api('delete', '/api/clients/trusted/checkins').expect(200);
    await runUntil('2026-11-04T12:00:00Z');
    expect(checkInsToTess()).toHaveLength(1);
  });

  it('when workers start, then one every-minute job scheduler sends what is due', async () => {
    await sys.api('put', '/api/clients/trusted/checkins', EVENINGS).expect(201);
    clock.advance(12 * HOUR + 60_000);
    sys.startWorkers();
    await eventually(() => expect(checkInsToTess()).toHaveLength(1), 15_000);
    const schedulers = await sys.checkInScheduler.queue.getJobSchedulers();
    expect(schedulers).toEqual(expect.arrayContaining([expect.objectContaining({ key: 'checkins', every: 60_000 })]));
  });
});
