import { spawn, type ChildProcess } from 'node:child_process';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { redisAnswers } from '../../src/store/redis.js';
import { PHONES, seedPractice } from '../support/practice.js';
import { testSystem, type TestSystem } from '../support/system.js';
import { fakeTwilioApi } from '../support/twilio-api.js';
import { signedPost, TWILIO_VARS, verbsOf } from '../support/twilio.js';

const PORT = 6440 + Math.floor(Math.random() * 50);
let server: ChildProcess;
let sys: TestSystem;
let api: ReturnType<typeof fakeTwilioApi>;

/** A Redis of this file's own, so pausing it stalls nobody else's tests. */
beforeAll(async () => {
  server = spawn('redis-server', ['--port', String(PORT), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'], { stdio: 'ignore' });
  for (let i = 0; i < 100 && !(await redisAnswers(`redis://127.0.0.1:${PORT}`)); i++) await new Promise((r) => setTimeout(r, 50));
  api = fakeTwilioApi();
  sys = await testSystem({ vars: { ...TWILIO_VARS, REDIS_URL: `redis://127.0.0.1:${PORT}` } });
  await seedPractice(sys);
});
afterAll(async () => {
  await sys.teardown();
  api.done();
  server.kill('SIGKILL');
});

async function text(sid: string, body: string): Promise<string> {
  const res = await signedPost(sys.app, '/twilio/sms', { MessageSid: sid, From: PHONES.regular, To: TWILIO_VARS.TWILIO_PHONE_NUMBER, Body: body, NumMedia: '0' });
  return verbsOf(res).map((v) => v.text).join('');
}

describe('invariant 8: a text while Redis stalls', () => {
  it('invariant 8: when Redis stalls, then the text is answered during the stall, relayed and spooled, its MessageSid is not left in progress, and it ends as one contact', async () => {
    const admin = new Redis({ port: PORT });
    // Twilio waits 15 s for a messaging webhook; the stall is shorter, so the order of the answer and
    // the stall's end says whether the text was answered without Redis (no clock is asserted).
    await admin.call('CLIENT', 'PAUSE', '8000', 'ALL');
    let stallEnded = false;
    const stall = admin.ping().then(() => {
      stallEnded = true;
    });
    const sid = `SM${'5'.repeat(32)}`;
    const reply = await text(sid, 'hello, is anyone there');
    expect(stallEnded).toBe(false);
    expect(reply).toContain('passed to the on-call clinician');
    expect(api.textsTo(TWILIO_VARS.FALLBACK_ONCALL_PHONE)).toHaveLength(1);
    await stall;

    // Redis is back: the marker of the failed attempt is gone, so Twilio's redelivery is answered afresh
    const marker = await admin.get(`${sys.keys.prefix}:text-reply:${sid}`);
    expect(marker === null || !marker.startsWith('\u0000in-progress')).toBe(true);
    expect(await text(sid, 'hello, is anyone there')).not.toBe('');
    await sys.replayer.runOnce();
    expect(await sys.history.listContacts({ clientId: 'regular' })).toHaveLength(1);
    admin.disconnect();
  });
});
