import { createServer, type Server, type Socket } from 'node:net';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spokenText } from '../../src/devtools/twiml-reader.js';
import { createLogger } from '../../src/log.js';
import { createSystem, type System } from '../../src/main.js';
import { testConfig } from '../support/system.js';
import { find, signedPost, TWILIO_VARS, verbsOf } from '../support/twilio.js';

const call = { CallSid: `CA${'9'.repeat(32)}`, From: '+16175550202', To: TWILIO_VARS.TWILIO_PHONE_NUMBER, AccountSid: TWILIO_VARS.TWILIO_ACCOUNT_SID, CallStatus: 'ringing' };

/** A "Redis" that accepts connections and never answers: the hardest kind of down. */
let blackhole: Server;
const sockets: Socket[] = [];
let down: System;
let hanging: System;

beforeAll(async () => {
  blackhole = createServer((socket) => sockets.push(socket));
  await new Promise<void>((resolve) => blackhole.listen(0, '127.0.0.1', resolve));
  const hangingPort = (blackhole.address() as AddressInfo).port;
  const log = createLogger({ level: 'silent' });
  // port 1: nothing listens, connections are refused at once
  down = createSystem({ config: testConfig({ ...TWILIO_VARS, REDIS_URL: 'redis://127.0.0.1:1' }), log });
  hanging = createSystem({ config: testConfig({ ...TWILIO_VARS, REDIS_URL: `redis://127.0.0.1:${hangingPort}` }), log });
});

afterAll(async () => {
  await Promise.all([down.close(), hanging.close()]);
  for (const s of sockets) s.destroy();
  blackhole.close();
});

function expectSafetyDial(text: string) {
  const verbs = verbsOf({ status: 200, type: 'text/xml', text });
  const words = spokenText(verbs).replace(/-/g, '');
  expect(words).toMatch(/911/);
  expect(words).toMatch(/988/);
  const dial = find(verbs, 'Dial')!;
  expect(dial.text).toBe(TWILIO_VARS.FALLBACK_ONCALL_PHONE);
  // the safety words come before the dial
  expect(verbs.findIndex((v) => v.name === 'Say')).toBeLessThan(verbs.findIndex((v) => v.name === 'Dial'));
}

describe('invariant 7: Redis unreachable', () => {
  for (const [label, system] of [['refuses connections', () => down], ['accepts but never answers', () => hanging]] as const) {
    it(`invariant 7: when Redis ${label}, then the voice webhook answers within 2 s with the safety message and a dial to the fallback number`, async () => {
      for (const path of ['/twilio/voice', '/twilio/voice/answer?attempt=1&lang=en']) {
        const started = Date.now();
        const res = await signedPost(system().app, path, { ...call, Digits: '1' });
        expect(Date.now() - started).toBeLessThan(2_000);
        expectSafetyDial(res.text);
      }
    });
  }

  it('invariant 7: when Twilio calls the fallback URL, then the same safety TwiML is served with no Redis at all', async () => {
    const res = await signedPost(down.app, '/twilio/fallback', call).expect(200);
    expectSafetyDial(res.text);
  });

  it('invariant 7: when the fallback URL is hit for a text, then it answers with the 911 / 988 text and no dial', async () => {
    const res = await signedPost(down.app, '/twilio/fallback', { MessageSid: `SM${'1'.repeat(32)}`, From: '+16175550202', Body: 'help' }).expect(200);
    const verbs = verbsOf(res);
    expect(verbs.map((v) => v.name)).toEqual(['Message']);
    expect(verbs[0]!.text).toMatch(/911.*988/);
  });

  it('when the fallback URL is not signed, then it is refused like every webhook', async () => {
    await signedPost(down.app, '/twilio/fallback', call, { token: 'forged' }).expect(403);
  });

  it('when no fallback number is configured, then the safety message still plays, without a dial', async () => {
    const none = createSystem({ config: testConfig({ ...TWILIO_VARS, FALLBACK_ONCALL_PHONE: '', REDIS_URL: 'redis://127.0.0.1:1' }), log: createLogger({ level: 'silent' }) });
    try {
      const verbs = verbsOf(await signedPost(none.app, '/twilio/voice', call));
      expect(find(verbs, 'Dial')).toBeUndefined();
      expect(spokenText(verbs).replace(/-/g, '')).toMatch(/911.*988/);
    } finally {
      await none.close();
    }
  });
});
