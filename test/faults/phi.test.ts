import { Writable } from 'node:stream';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTwilioStandin, type TwilioStandin } from '../../src/devtools/twilio-standin.js';
import { createLogger } from '../../src/log.js';
import { createSystem, type System } from '../../src/main.js';
import { PHONES, seedPractice } from '../support/practice.js';
import { ADMIN_TOKEN, dropPrefix, testConfig, type TestSystem } from '../support/system.js';
import { eventually } from '../support/twilio-api.js';
import { signedPost, TWILIO_VARS } from '../support/twilio.js';
import { recordRow } from './recorder.js';
import { asRaised, checkSystem } from './rig.js';

const SENTINEL_NAME = 'Zelda Sentinelle';
const SENTINEL_WORD = 'xylophonequartz';
const SENTINEL_PHONE = '+16175550777';
const SENTINEL_UNKNOWN = '+16175550888';
const SENTINEL_MEDIA = 'https://api.twilio.com/media/ME-sentinel-media';

const lines: string[] = [];
const errors: string[] = [];
let standin: TwilioStandin;
let sys: System;

/** Does a text carry any sentinel: the name, the word, a media address, or either number in any format? */
function leaks(text: string): string[] {
  const found = [SENTINEL_NAME, 'Zelda', 'Sentinelle', SENTINEL_WORD, 'sentinel-media'].filter((s) => text.includes(s));
  const digits = text.replace(/[\s().-]/g, '');
  for (const phone of [SENTINEL_PHONE, SENTINEL_UNKNOWN]) if (digits.includes(phone.slice(2))) found.push(phone);
  return found;
}

beforeAll(async () => {
  standin = await startTwilioStandin({ accountSid: TWILIO_VARS.TWILIO_ACCOUNT_SID, authToken: TWILIO_VARS.TWILIO_AUTH_TOKEN, callbacks: false });
  standin.fail({ kind: 'Messages', to: SENTINEL_PHONE, status: 400, code: 21610, times: 10 });
  const destination = new Writable({
    write(chunk, _enc, done) {
      lines.push(String(chunk));
      done();
    },
  });
  const config = testConfig({ ...TWILIO_VARS, TWILIO_API_BASE_URL: standin.baseUrl, ACK_TIMEOUT_SECONDS: '1', ESCALATION_ROUNDS: '1', RECONCILE_INTERVAL_MS: '300', LOG_LEVEL: 'trace' });
  sys = createSystem({ config, log: createLogger({ level: 'trace', destination }) });
  await sys.connect();
  const api = (method: 'get' | 'put' | 'post', path: string, body?: unknown) => request(sys.app)[method](path).set('Authorization', `Bearer ${ADMIN_TOKEN}`).send(body as object);
  await seedPractice(Object.assign(sys, { api }) as unknown as TestSystem);
  sys.startWorkers();
});

afterAll(async () => {
  await sys.close();
  await standin.close();
  await dropPrefix(sys.config.redisPrefix);
});

describe('fault: protected health information stays out of logs, job data and error messages', () => {
  it('when sentinel names, numbers and words go through calls, texts, pages and admin errors, then none appears in a log line, a job or an error', async () => {
    const api = (method: 'put' | 'post', path: string, body: unknown) => request(sys.app)[method](path).set('Authorization', `Bearer ${ADMIN_TOKEN}`).send(body as object);
    let inputs = 0; // sentinel-bearing requests, each answered as expected (the test stops at the first that is not)
    const counted = <T>(answer: T): T => {
      inputs += 1;
      return answer;
    };
    counted(await api('put', '/api/clients/zelda', { name: SENTINEL_NAME, phones: [SENTINEL_PHONE], clinicianId: 'ana' }).expect(201));
    errors.push(JSON.stringify(counted(await api('put', '/api/clients/copy', { name: SENTINEL_NAME, phones: [SENTINEL_PHONE], clinicianId: 'ana' }).expect(409)).body));
    errors.push(JSON.stringify(counted(await api('put', '/api/clients/bad', { name: SENTINEL_NAME, phones: [`${SENTINEL_WORD} 555`], clinicianId: SENTINEL_WORD }).expect(400)).body));
    errors.push(JSON.stringify(counted(await api('put', '/api/clinicians/bad', { name: SENTINEL_NAME, phone: SENTINEL_PHONE.slice(0, 5), role: SENTINEL_WORD }).expect(400)).body));

    const call = { CallSid: `CA${'7'.repeat(32)}`, From: SENTINEL_PHONE, To: TWILIO_VARS.TWILIO_PHONE_NUMBER, CallerName: SENTINEL_NAME };
    counted(await signedPost(sys.app, '/twilio/voice', call).expect(200));
    counted(await signedPost(sys.app, '/twilio/voice/answer?attempt=1&lang=en', { ...call, SpeechResult: `yes ${SENTINEL_WORD} emergency` }).expect(200));
    counted(await signedPost(sys.app, '/twilio/voice/recording', { ...call, RecordingUrl: `https://api.twilio.com/rec/${SENTINEL_WORD}`, RecordingStatus: 'completed' }).expect(204));
    counted(await signedPost(sys.app, '/twilio/voice/transcript', { ...call, TranscriptionText: `${SENTINEL_WORD} i took all my pills` }).expect(204));
    counted(await signedPost(sys.app, '/twilio/sms', { MessageSid: `SM${'7'.repeat(32)}`, From: SENTINEL_UNKNOWN, Body: `${SENTINEL_WORD} want to die`, NumMedia: '1', MediaUrl0: SENTINEL_MEDIA }).expect(200));
    counted(await signedPost(sys.app, '/twilio/sms', { MessageSid: `SM${'8'.repeat(32)}`, From: SENTINEL_PHONE, Body: `hello ${SENTINEL_WORD}` }).expect(200));
    counted(await signedPost(sys.app, '/twilio/sms', { MessageSid: `SM${'9'.repeat(32)}`, From: PHONES.ana, Body: `${SENTINEL_WORD} 1` }).expect(200));
    // the ladders run out, the client's 911 / 988 text is refused (21610, an error that quotes nothing) and is logged
    await eventually(async () => {
      const pages = await sys.pages.list();
      expect(pages.length).toBeGreaterThanOrEqual(2);
      for (const page of pages) expect(page.status).toBe('exhausted');
    }, 20_000);

    const jobs: string[] = [];
    for (const key of await sys.redis.keys(`${sys.keys.bull}:*`)) {
      if ((await sys.redis.type(key)) === 'hash') jobs.push(JSON.stringify(await sys.redis.hgetall(key)));
    }
    expect(jobs.length).toBeGreaterThan(0);
    expect(lines.length).toBeGreaterThan(5);
    expect(leaks(lines.join('\n'))).toEqual([]);
    expect(leaks(jobs.join('\n'))).toEqual([]);
    expect(leaks(errors.join('\n'))).toEqual([]);
    // and the page texts themselves carry initials, never the name or the words
    for (const message of standin.messages.filter((m) => m.to !== SENTINEL_PHONE && m.to !== SENTINEL_UNKNOWN)) expect(leaks(message.body)).toEqual([]);
    const raised = await asRaised(sys, (await sys.pages.list()).map((p) => p.id));
    await eventually(async () => expect((await sys.queue.queue.getJobCounts('active', 'waiting', 'prioritized')).active).toBe(0), 10_000);
    const report = await checkSystem(sys, standin, raised);
    recordRow(
      {
        suite: 'sentinel names, numbers and words through calls, texts, pages, errors',
        ran: `${report.ladders} ladders`,
        faultsInjected: inputs,
        faultsObserved: inputs,
        lost: report.lost,
        lostInFlight: report.lostInFlight,
        duplicates: report.duplicates + report.afterTake,
        notes:
          `no sentinel in ${lines.join('').split('\n').filter(Boolean).length} log lines, ${jobs.length} job records, ${errors.length} error answers or ${standin.messages.length} texts sent; ` +
          `${standin.requests.filter((q) => q.faulted).length} text to the sentinel client refused by Twilio (21610, as after STOP)`,
        details: { report },
      },
      {
        'every ladder ended': report.unfinished === 0,
        'no page lost': report.lost === 0 && report.lostInFlight === 0 && report.mootAfterTake === 0,
        'nothing sent twice': report.duplicates === 0 && report.afterTake === 0,
        'in order': report.outOfOrder === 0,
      },
      report.problems,
    );
  });
});
