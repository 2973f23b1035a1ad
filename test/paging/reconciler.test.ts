import { describe, expect, it } from 'vitest';
import { PHONES, seededPracticeForEach } from '../support/practice.js';
import type { TestSystem } from '../support/system.js';
import { fakeTwilioApi, manualClock } from '../support/twilio-api.js';

let sys: TestSystem;
let api: ReturnType<typeof fakeTwilioApi>;
const clock = manualClock(new Date('2026-11-27T07:00:00Z'));

seededPracticeForEach({ vars: { ACK_TIMEOUT_SECONDS: '300' }, now: clock.now }, (practice, fakeApi) => {
  sys = practice;
  api = fakeApi;
});

describe('invariant 6: the reconciler does not trust delayed jobs', () => {
  it('invariant 6: when every queued job is lost, then the reconciler still runs each overdue step, once', async () => {
    const client = await sys.directory.requireClient('regular');
    const { page } = await sys.intake.settle({ source: 'voice:CAlost', channel: 'voice', from: PHONES.regular, client, claim: 'emergency', crisis: false });
    // the queue is wiped (a Redis restart without AOF would do this): no job will ever fire
    await sys.queue.queue.obliterate({ force: true });

    expect(await sys.reconciler.runOnce()).toBe(0); // step 0 is due now, within the grace the job normally needs
    clock.advance(3_000);
    await sys.reconciler.runOnce();
    expect(api.textsTo(PHONES.ana)).toHaveLength(1);
    expect(api.callsTo(PHONES.ana)).toHaveLength(1);

    await sys.queue.queue.obliterate({ force: true });
    clock.advance(299_000);
    await sys.reconciler.runOnce();
    expect(api.textsTo(PHONES.ben)).toHaveLength(0); // not yet overdue
    clock.advance(3_000);
    await Promise.all([sys.reconciler.runOnce(), sys.reconciler.runOnce()]);
    expect(api.textsTo(PHONES.ben)).toHaveLength(1);
    expect(api.textsTo(PHONES.ana)).toHaveLength(1);
    expect((await sys.pages.require(page!.id)).nextStep).toBe(2);
  });
});

describe('invariant 6: crash-safe order', () => {
  it('invariant 6: when a run dies after claiming a step and before its sends, then the step stays due and the reconciler finishes it, once', async () => {
    const client = await sys.directory.requireClient('regular');
    const { page } = await sys.intake.settle({ source: 'voice:CAdied', channel: 'voice', from: PHONES.regular, client, claim: 'emergency', crisis: false });
    await sys.queue.queue.obliterate({ force: true });
    // the run dies between the claim of step 0 and its first send (its read of the contact fails)
    const getContact = sys.history.getContact;
    sys.history.getContact = () => Promise.reject(new Error('worker died'));
    await expect(sys.ladder.processStep(page!.id, 0)).rejects.toThrow('worker died');
    sys.history.getContact = getContact;
    expect(api.messages).toEqual([]);
    expect(await sys.redis.zscore(sys.keys.dueSteps, `${page!.id}|0`)).not.toBeNull();

    clock.advance(62_000);
    await Promise.all([sys.reconciler.runOnce(), sys.reconciler.runOnce()]);
    expect(api.textsTo(PHONES.ana)).toHaveLength(1);
    expect(api.callsTo(PHONES.ana)).toHaveLength(1);
    expect(await sys.redis.zscore(sys.keys.dueSteps, `${page!.id}|0`)).toBeNull();
    expect(await sys.redis.zscore(sys.keys.dueSteps, `${page!.id}|1`)).not.toBeNull();
  });
});

describe('invariant 2: a page is never refused for want of a code', () => {
  it('invariant 2: when every four-digit page code is taken, then the page is still raised, with a six-digit code a pager reply can name', async () => {
    const pipeline = sys.redis.pipeline();
    for (let code = 1000; code < 10000; code++) pipeline.set(sys.keys.pageByCode(String(code)), 'pg_taken', 'EX', 60);
    await pipeline.exec();
    const client = await sys.directory.requireClient('regular');
    const { page } = await sys.intake.settle({ source: 'voice:CAnocode', channel: 'voice', from: PHONES.regular, client, claim: 'emergency', crisis: false });
    expect(page!.code).toMatch(/^\d{6}$/);
    const { readPagerReply } = await import('../../src/paging/pager-replies.js');
    expect(readPagerReply(`1 ${page!.code}`)).toEqual({ word: 'take', code: page!.code });
  });
});
