import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PHONES } from '../support/practice.js';
import { recordFaultResult } from './ledger.js';
import { startRig, type Rig } from './rig.js';

let rig: Rig;
beforeAll(async () => {
  rig = await startRig({ vars: { TWILIO_TIMEOUT_MS: '400' } });
  rig.sys.startWorkers();
});
afterAll(() => rig.close());

describe('fault: the Twilio API misbehaves', () => {
  it('invariant 6: when Twilio answers 500s, times out and rejects numbers, then retries, the voice fallback and the next tier keep every page going, and nothing is sent twice', async () => {
    const { standin } = rig;
    let faults = 0;
    const inject = (fault: Parameters<typeof standin.fail>[0]) => {
      standin.fail(fault);
      faults += fault.times ?? 1;
    };
    inject({ kind: 'Messages', to: PHONES.ana, status: 500, code: 20500, times: 6 });
    inject({ kind: 'Calls', to: PHONES.ana, status: 503, code: 20503, times: 3 });
    inject({ kind: 'Messages', to: PHONES.ben, delayMs: 900, times: 4 }); // accepted, but after the client gave up
    inject({ kind: 'Calls', to: PHONES.ben, status: 400, code: 21211, times: 2 }); // "not a valid phone number"
    inject({ kind: 'Messages', to: PHONES.lead, status: 429, code: 20429, times: 3 });
    await rig.raise(10);
    const { lost, duplicates } = await rig.settle(60_000);
    recordFaultResult({ suite: 'Twilio 5xx, 4xx, timeouts', ladders: 10, faults, pagesLost: lost, duplicates });
    expect(lost).toBe(0);
    expect(duplicates).toBe(0);

    // a text that timed out was not resent: the clinician got a call for that step instead
    const pages = await Promise.all(rig.pages.map((p) => rig.sys.pages.require(p.id)));
    const timedOut = pages.flatMap((p) => p.steps).filter((s) => s.delivery === 'unknown' && s.channel === 'sms');
    expect(timedOut.length).toBeGreaterThan(0);
    for (const step of timedOut) {
      const page = pages.find((p) => p.steps.includes(step))!;
      expect(page.steps.some((s) => s.step === step.step && s.channel === 'voice' && s.clinicianId === step.clinicianId)).toBe(true);
    }
  });
});
