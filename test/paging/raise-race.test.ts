import { describe, expect, it } from 'vitest';
import { defineScript } from '../../src/store/scripts.js';
import { PHONES, seededPracticeForEach } from '../support/practice.js';
import type { TestSystem } from '../support/system.js';
import { eventually, fakeTwilioApi, manualClock } from '../support/twilio-api.js';

/** A raise that lands while a step is being run: between the ladder's read of the page and its claim of the step. */
let sys: TestSystem;
let api: ReturnType<typeof fakeTwilioApi>;
const clock = manualClock(new Date('2026-11-27T07:00:00Z'));

seededPracticeForEach({ vars: { ACK_TIMEOUT_SECONDS: '300' }, now: clock.now }, (practice, fakeApi) => {
  sys = practice;
  api = fakeApi;
});

/** Holds the ladder's next read of a page until `open()`; `reached` resolves when the read is done. */
function holdNextPageRead() {
  const get = sys.pages.get.bind(sys.pages);
  let reachedResolve!: () => void;
  let open!: () => void;
  const reached = new Promise<void>((resolve) => (reachedResolve = resolve));
  const gate = new Promise<void>((resolve) => (open = resolve));
  let held = false;
  sys.pages.get = async (id) => {
    const page = await get(id);
    if (held) return page;
    held = true;
    reachedResolve();
    await gate;
    return page;
  };
  return { reached, open };
}

describe('invariant 3: a raise while a step is being run', () => {
  it('invariant 3: when crisis words in a later text raise a normal text-line page to critical while the queued step 0 has read the page but not claimed it, then the primary is still called at step 0', async () => {
    sys.startWorkers();
    const pageRead = holdNextPageRead();
    const client = await sys.directory.requireClient('regular');
    // Unsure by text: a normal page, text only; its step 0 is queued.
    const { page } = await sys.intake.settle({ source: 'sms:SMrace0', channel: 'sms', from: PHONES.regular, client, claim: 'unsure', crisis: false });
    expect(page!.priority).toBe('normal');
    await pageRead.reached; // the worker's run of step 0 has read the page (normal); it has not claimed step 0 yet

    // The client's next text has crisis words: the same contact, raised to critical.
    await sys.intake.settle({ source: 'sms:SMrace0', channel: 'sms', from: PHONES.regular, client, claim: 'emergency', crisis: true, crisisCategory: 'suicide' });
    expect((await sys.pages.require(page!.id)).priority).toBe('critical');
    pageRead.open();

    await eventually(() => expect(api.callsTo(PHONES.ana)).toHaveLength(1));
    await eventually(async () => expect(await sys.redis.zscore(sys.keys.dueSteps, `${page!.id}|0`)).toBeNull());
    expect(api.textsTo(PHONES.ana).filter((m) => /CRITICAL/.test(m.Body))).toHaveLength(1);
    expect(api.textsTo(PHONES.ben)).toHaveLength(0);
    expect(api.callsTo(PHONES.ben)).toHaveLength(0);
  });

  it('invariant 3: when crisis words raise a page after its exhaustion step was claimed but before the exhaustion was recorded, then the exhaustion records the priority its alerts went at, so the raise alerts the lead again', async () => {
    const client = await sys.directory.requireClient('regular');
    const { page } = await sys.intake.settle({ source: 'sms:SMrace1', channel: 'sms', from: PHONES.regular, client, claim: 'unsure', crisis: false });
    // the run claimed the exhaustion step at normal; the crisis text raised the page before its exhaust script ran
    await sys.intake.settle({ source: 'sms:SMrace1', channel: 'sms', from: PHONES.regular, client, claim: 'emergency', crisis: true, crisisCategory: 'suicide' });
    const exhaust = defineScript<'exhausted' | 'already' | 'not-open'>(sys.redis, 'exhaust-1.lua');
    expect(await exhaust([sys.keys.page(page!.id)], [new Date().toISOString(), 'normal'])).toEqual(['exhausted']);
    expect(await sys.pages.require(page!.id)).toMatchObject({ priority: 'critical', status: 'exhausted', exhaustedPriority: 'normal' });
  });
});
