import { describe, expect, it } from 'vitest';
import type { StandinRequest } from '../../src/devtools/twilio-standin.js';
import type { Page, PageSend } from '../../src/paging/pages.js';
import type { Priority } from '../../src/triage/types.js';
import { checkLadders, type LadderShape } from './observe.js';

/** The checker itself: what it counts as lost or duplicated decides what the fault table says. */
const shape: LadderShape = {
  tiers: [
    { tier: 'primary', clinicianId: 'ana', phone: '+16175550101' },
    { tier: 'backup', clinicianId: 'ben', phone: '+16175550102' },
  ],
  rounds: 1,
  leadPhone: '+16175550103',
};

let seq = 0;
function sent(step: number, tier: string, clinicianId: string, channel: 'sms' | 'voice', phone: string): { entry: PageSend; request: StandinRequest } {
  seq += 1;
  const sid = `${channel === 'sms' ? 'SM' : 'CA'}${String(seq).padStart(32, '0')}`;
  const at = 1_000 * seq;
  return {
    entry: { step, tier, clinicianId, channel, at: new Date(at).toISOString(), delivery: 'delivered', sid, error: null },
    request: {
      seq, kind: channel === 'sms' ? 'Messages' : 'Calls', to: phone, sid, arrivedAt: at + 5,
      body: channel === 'sms' ? (step < 0 ? 'afterhours ALERT: normal page 4321 was not taken' : 'afterhours NORMAL page 4321: a client') : '',
      url: channel === 'voice' ? `https://x/twilio/page/voice?pageId=pg_1&clinicianId=${clinicianId}&step=${step}` : '',
      outcome: 'accepted', status: 201, faulted: false, senderGone: false,
    },
  };
}

function exhaustedPage(sends: { entry: PageSend }[], priority: Priority, exhaustedPriority: Priority): Page {
  return {
    id: 'pg_1', code: '4321', contactId: 'ct_1', clientId: null, priority, status: 'exhausted', why: 'test', createdAt: new Date(0).toISOString(),
    nextStep: 2, acknowledgedBy: null, acknowledgedVia: null, acknowledgedAt: null, exhaustedAt: new Date(9_000).toISOString(), exhaustedPriority,
    steps: sends.map((s) => s.entry),
  };
}

describe('the fault checker', () => {
  it('invariant 3: when a normal page ran out (texts only) and was then raised to critical, then the lead alerted again is expected and no rung call is counted lost', () => {
    const sends = [
      sent(0, 'primary', 'ana', 'sms', shape.tiers[0]!.phone),
      sent(1, 'backup', 'ben', 'sms', shape.tiers[1]!.phone),
      sent(-1, 'lead-alert', 'lee', 'sms', shape.leadPhone),
      sent(-1, 'lead-alert', 'lee', 'voice', shape.leadPhone),
      // the raise: the lead's alert text and call again, as sends of their own
      sent(-1, 'lead-alert', 'lee', 'sms', shape.leadPhone),
      sent(-1, 'lead-alert', 'lee', 'voice', shape.leadPhone),
    ];
    const report = checkLadders({
      raised: [{ id: 'pg_1', code: '4321', priority: 'normal', clientPhone: null }],
      pages: [exhaustedPage(sends, 'critical', 'normal')],
      requests: sends.map((s) => s.request),
      shape,
    });
    expect(report.problems).toEqual([]);
    expect({ lost: report.lost, duplicates: report.duplicates, received: report.received }).toEqual({ lost: 0, duplicates: 0, received: 6 });
  });

  it('invariant 3: when a critical page ran out without calling its tiers, then each missing call is counted lost', () => {
    const sends = [
      sent(0, 'primary', 'ana', 'sms', shape.tiers[0]!.phone),
      sent(1, 'backup', 'ben', 'sms', shape.tiers[1]!.phone),
      sent(-1, 'lead-alert', 'lee', 'sms', shape.leadPhone),
      sent(-1, 'lead-alert', 'lee', 'voice', shape.leadPhone),
    ];
    const report = checkLadders({
      raised: [{ id: 'pg_1', code: '4321', priority: 'critical', clientPhone: null }],
      pages: [exhaustedPage(sends, 'critical', 'critical')],
      requests: sends.map((s) => s.request),
      shape,
    });
    expect(report.lost).toBe(2);
    expect(report.problems.join('\n')).toMatch(/0:primary:voice .* never arrived[\s\S]*1:backup:voice .* never arrived/);
  });
});
