import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PHONES } from '../support/practice.js';
import { recordRow } from './recorder.js';
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
    let injected = 0;
    const inject = (fault: Parameters<typeof standin.fail>[0]) => {
      standin.fail(fault);
      injected += fault.times ?? 1;
    };
    inject({ kind: 'Messages', to: PHONES.ana, status: 500, code: 20500, times: 6 });
    inject({ kind: 'Calls', to: PHONES.ana, status: 503, code: 20503, times: 3 });
    inject({ kind: 'Messages', to: PHONES.ben, delayMs: 900, times: 4 }); // accepted, but after the client gave up
    inject({ kind: 'Calls', to: PHONES.ben, status: 400, code: 21211, times: 2 }); // "not a valid phone number"
    inject({ kind: 'Messages', to: PHONES.lead, status: 429, code: 20429, times: 3 });
    await rig.raise(10);
    const settled = await rig.waitSettled(60_000);
    const report = await rig.check();
    // what Twilio really answered with: an error, or a text accepted after the sender gave up
    const observed = standin.requests.filter((q) => q.faulted).length;

    // a text that timed out was not resent: the clinician got a call for that step instead
    const pages = await Promise.all(rig.raised.map((p) => rig.sys.pages.require(p.id)));
    const timedOut = pages.flatMap((p) => p.steps.map((s) => ({ page: p, step: s }))).filter(({ step }) => step.delivery === 'unknown' && step.channel === 'sms');
    const calledInstead = timedOut.filter(({ page, step }) => page.steps.some((s) => s.step === step.step && s.channel === 'voice' && s.clinicianId === step.clinicianId)).length;
    recordRow(
      {
        suite: 'Twilio 5xx, 429, 4xx invalid number, timeouts',
        ran: `${report.ladders} ladders`,
        faultsInjected: injected,
        faultsObserved: observed,
        lost: report.lost,
        lostInFlight: report.lostInFlight,
        duplicates: report.duplicates + report.afterTake,
        notes:
          `${report.refused} sends refused or unanswered as injected (the ladder moved on, or called instead); ${timedOut.length} timed-out texts not resent, ${calledInstead} followed by a call; ` +
          `${report.outOfOrder} sends late, ${report.lateRetries} of them retries of a refused request`,
        details: { report },
      },
      {
        'every injected fault was answered': observed === injected,
        'every ladder ended': settled && report.unfinished === 0,
        'no page lost': report.lost === 0 && report.mootAfterTake === 0 && report.lostInFlight === 0,
        'nothing sent twice': report.duplicates === 0,
        'the take stops the ladder': report.afterTake === 0,
        'in order, but for retries': report.lateRetries === report.outOfOrder,
        'a timed-out text is followed by a call, never resent': timedOut.length > 0 && calledInstead === timedOut.length,
      },
      report.problems,
    );
    expect(report.refused).toBeGreaterThan(0);
  });
});
