import { Writable } from 'node:stream';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createLogger } from '../../src/log.js';
import { PHONES, seedPractice } from '../support/practice.js';
import { testSystem, type TestSystem } from '../support/system.js';
import { TWILIO_VARS } from '../support/twilio.js';

let sys: TestSystem;
let lines: string[];

beforeEach(async () => {
  lines = [];
  const destination = new Writable({ write(chunk, _enc, done) { lines.push(String(chunk)); done(); } });
  sys = await testSystem({ vars: TWILIO_VARS, log: createLogger({ level: 'info', destination }) });
  await seedPractice(sys);
});
afterEach(() => sys.teardown());

const queuedLines = () => lines.flatMap((l) => l.split('\n')).filter((l) => l.includes('"page queued"')).map((l) => JSON.parse(l) as Record<string, unknown>);
const pagesCounted = async () => (await sys.metrics.pages.get()).values.reduce((n, v) => n + v.value, 0);

describe('invariant 6: duplicate webhooks for one contact', () => {
  for (const [channel, source, from, client] of [['voice', 'voice:CAdup', PHONES.trusted, 'trusted'], ['sms', 'sms:SMdup', PHONES.unknown, null]] as const) {
    it(`invariant 6: when 8 ${channel} webhooks for one SID settle at once, then there is one contact, one page, one count and one 'page queued' line without the number`, async () => {
      const known = client ? await sys.directory.requireClient(client) : null;
      const results = await Promise.all(Array.from({ length: 8 }, () => sys.intake.settle({ source, channel, from, client: known, claim: 'emergency', crisis: channel === 'sms', message: channel === 'sms' ? 'I want to end it' : null })));
      const contactIds = new Set(results.map((r) => r.contact.id));
      const pageIds = new Set(results.map((r) => r.page?.id));
      expect(contactIds.size).toBe(1);
      expect(pageIds.size).toBe(1);
      expect(await sys.pages.list()).toHaveLength(1);
      expect(await sys.redis.zcard(sys.keys.contactsByTime)).toBe(1);
      expect(await pagesCounted()).toBe(1);
      const queued = queuedLines();
      expect(queued).toHaveLength(1);
      expect(queued[0]).toMatchObject({ pageId: [...pageIds][0], contactId: [...contactIds][0], outcome: 'created' });
      expect(lines.join('')).not.toMatch(/5550201|5550999|end it/);
      // the first step waits once for a worker: pushed once, due once
      expect(await sys.redis.llen(sys.keys.pagesToStart)).toBe(1);
      expect(await sys.redis.zcard(sys.keys.dueSteps)).toBe(1);
    });
  }

  it('invariant 2: when the four-digit codes keep being taken, then the page of a new contact gets a six-digit code after 20 tries', async () => {
    const creation = sys.pages.creation.bind(sys.pages);
    const tried: number[] = [];
    sys.pages.creation = (input, attempt) => {
      tried.push(attempt);
      return creation(input, attempt);
    };
    // take every four-digit code
    const pipe = sys.redis.pipeline();
    for (let code = 1000; code < 10000; code++) pipe.set(sys.keys.pageByCode(String(code)), 'pg_other', 'EX', 600);
    await pipe.exec();
    try {
      const client = await sys.directory.requireClient('trusted');
      const { page, contact } = await sys.intake.settle({ source: 'voice:CAsix', channel: 'voice', from: PHONES.trusted, client, claim: 'emergency', crisis: false });
      expect(page!.code).toMatch(/^\d{6}$/);
      expect(tried.slice(0, 21)).toEqual(Array.from({ length: 21 }, (_, i) => i));
      expect(await sys.redis.get(sys.keys.pageByCode(page!.code))).toBe(page!.id);
      expect(await sys.pages.require(page!.id)).toMatchObject({ code: page!.code, contactId: contact.id });
    } finally {
      sys.pages.creation = creation;
    }
  });
});
