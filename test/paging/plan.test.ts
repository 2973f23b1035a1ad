import { describe, expect, it } from 'vitest';
import { afterFailure, FAILURE_POLICY, planStep, recordOf, type LadderConfig, type PlannedSend, type Target } from '../../src/paging/plan.js';

// The ladder's decisions, with no Redis, no HTTP and no clock: each row is one rung of one page.
const primary: Target = { tier: 'primary', clinicianId: 'ames', phone: '+16175550101' };
const backup: Target = { tier: 'backup', clinicianId: 'bell', phone: '+16175550102' };
const lead: Target = { tier: 'lead', clinicianId: 'cho', phone: '+16175550103' };
const fallback: Target = { tier: 'fallback', clinicianId: 'fallback', phone: '+16175550911' };
const ON_CALL = [primary, backup, lead];
const NOW = 1_000_000;
const config: LadderConfig = { escalationRounds: 2, ackTimeoutMs: 300_000, fallback: null };

const summary = (plan: ReturnType<typeof planStep>) =>
  plan.kind === 'rung'
    ? { rung: plan.rung, to: plan.target.clinicianId, channels: plan.sends.map((s) => s.channel), next: plan.next }
    : { exhausted: plan.alerts.map((s) => `${s.purpose}:${s.channel}:${s.target?.clinicianId ?? 'client'}`) };

describe('ladder plan: one rung at a time', () => {
  it.each([
    ['high', 0, { rung: 0, to: 'ames', channels: ['sms', 'voice'], next: { rung: 1, dueAt: NOW + 300_000 } }],
    ['high', 1, { rung: 1, to: 'bell', channels: ['sms', 'voice'], next: { rung: 2, dueAt: NOW + 300_000 } }],
    ['high', 2, { rung: 2, to: 'cho', channels: ['sms', 'voice'], next: { rung: 3, dueAt: NOW + 300_000 } }],
    ['critical', 3, { rung: 3, to: 'ames', channels: ['sms', 'voice'], next: { rung: 4, dueAt: NOW + 300_000 } }],
    ['normal', 5, { rung: 5, to: 'cho', channels: ['sms'], next: { rung: 6, dueAt: NOW + 300_000 } }],
  ] as const)('when a %s page reaches rung %i of a three-tier ladder, then its tier is paged and the next rung is due after the ack timeout', (priority, rung, expected) => {
    expect(summary(planStep({ priority }, ON_CALL, rung, config, NOW))).toEqual(expected);
  });

  it('when a normal page is planned, then its tier is texted only; high and critical are texted and called', () => {
    expect(summary(planStep({ priority: 'normal' }, ON_CALL, 0, config, NOW))).toMatchObject({ channels: ['sms'] });
    expect(summary(planStep({ priority: 'critical' }, ON_CALL, 0, config, NOW))).toMatchObject({ channels: ['sms', 'voice'] });
  });

  it('when no schedule is set, then the fallback phone is the whole ladder, round after round', () => {
    const withFallback = { ...config, fallback };
    expect(summary(planStep({ priority: 'high' }, null, 0, withFallback, NOW))).toMatchObject({ to: 'fallback' });
    expect(summary(planStep({ priority: 'high' }, null, 1, withFallback, NOW))).toMatchObject({ to: 'fallback' });
    expect(summary(planStep({ priority: 'high' }, null, 2, withFallback, NOW))).toEqual({ exhausted: ['alert:sms:fallback', 'alert:voice:fallback', 'client-safety:sms:client'] });
  });
});

describe('ladder plan: the end of the ladder (invariant 5)', () => {
  it('invariant 5: when every rung of every round has passed, then the ladder is exhausted: the lead is texted and called and the client re-sent 911 / 988', () => {
    expect(summary(planStep({ priority: 'high' }, ON_CALL, 6, config, NOW))).toEqual({ exhausted: ['alert:sms:cho', 'alert:voice:cho', 'client-safety:sms:client'] });
    expect(summary(planStep({ priority: 'normal' }, ON_CALL, 9, config, NOW))).toMatchObject({ exhausted: expect.any(Array) });
  });

  it('invariant 5: when the schedule has no lead of its own, then the last tier is alerted; with no ladder at all, the fallback phone', () => {
    expect(summary(planStep({ priority: 'high' }, [primary, backup], 4, config, NOW))).toMatchObject({ exhausted: ['alert:sms:bell', 'alert:voice:bell', 'client-safety:sms:client'] });
    expect(summary(planStep({ priority: 'high' }, [], 0, { ...config, fallback }, NOW))).toMatchObject({ exhausted: ['alert:sms:fallback', 'alert:voice:fallback', 'client-safety:sms:client'] });
  });

  it('invariant 5: when nobody at all can be paged (no schedule, no fallback), then the ladder ends at once and the client still gets 911 / 988', () => {
    expect(summary(planStep({ priority: 'critical' }, null, 0, config, NOW))).toEqual({ exhausted: ['client-safety:sms:client'] });
  });
});

describe('ladder plan: what follows a failed send', () => {
  const page = (channel: 'sms' | 'voice'): PlannedSend => ({ purpose: 'page', channel, target: primary });
  it.each([
    ['sms', 'unknown', 'call-instead'],
    ['sms', 'opted-out', 'call-instead'],
    ['sms', 'invalid-number', 'next-tier'],
    ['sms', 'rejected', 'next-tier'],
    ['sms', 'no-phone', 'record-only'],
    ['voice', 'unknown', 'record-only'],
    ['voice', 'opted-out', 'record-only'],
    ['voice', 'invalid-number', 'next-tier'],
    ['voice', 'rejected', 'next-tier'],
    ['voice', 'no-phone', 'record-only'],
  ] as const)('when a page %s fails as %s, then the ladder does: %s', (channel, kind, expected) => {
    expect(afterFailure(page(channel), kind)).toBe(expected);
    expect(FAILURE_POLICY[channel][kind]).toBe(expected);
  });

  it('when an alert fails for good, then there is no next tier to move to; a text that may not have gone is still followed by a call', () => {
    expect(afterFailure({ purpose: 'alert', channel: 'sms' }, 'invalid-number')).toBe('record-only');
    expect(afterFailure({ purpose: 'alert', channel: 'sms' }, 'unknown')).toBe('call-instead');
  });

  it('invariant 9: when the client\'s 911 / 988 text fails (their STOP at Twilio included), then it is recorded only: a client is never called instead', () => {
    for (const kind of ['opted-out', 'unknown', 'invalid-number', 'rejected'] as const) expect(afterFailure({ purpose: 'client-safety', channel: 'sms' }, kind)).toBe('record-only');
  });
});

describe('ladder plan: where each send is recorded (the API shows these)', () => {
  it.each([
    [{ purpose: 'page', channel: 'sms', target: primary }, 0, 'high', { step: 0, tier: 'primary', field: '0:primary:sms' }],
    [{ purpose: 'page', channel: 'sms', target: backup }, 4, 'critical', { step: 4, tier: 'backup', field: '4:backup:sms:critical' }],
    [{ purpose: 'page', channel: 'voice', target: lead }, 2, 'critical', { step: 2, tier: 'lead', field: '2:lead:voice' }],
    [{ purpose: 'alert', channel: 'sms', target: lead }, 'after-ladder', 'critical', { step: -1, tier: 'lead-alert', field: '-1:lead-alert:sms' }],
    [{ purpose: 'client-safety', channel: 'sms', target: null }, 'after-ladder', 'high', { step: -1, tier: 'client', field: '-1:client:sms' }],
  ] as const)('when %j is recorded at %s of a %s page, then its record is %j', (send, place, priority, expected) => {
    expect(recordOf(send, place, priority)).toEqual(expected);
  });

  it.each([
    [{ purpose: 'alert', channel: 'sms', target: lead }, 'critical', 'normal', '-1:lead-alert:sms:critical'],
    [{ purpose: 'alert', channel: 'voice', target: lead }, 'high', 'normal', '-1:lead-alert:voice:high'],
    [{ purpose: 'alert', channel: 'sms', target: lead }, 'critical', 'critical', '-1:lead-alert:sms'],
    [{ purpose: 'client-safety', channel: 'sms', target: null }, 'critical', 'normal', '-1:client:sms'],
  ] as const)('invariant 3: when %j goes for a %s page that ran out at %s, then it is recorded as %s (a raise after the ladder alerts the lead again, the client once)', (send, priority, exhaustedPriority, field) => {
    expect(recordOf(send, 'after-ladder', priority, exhaustedPriority).field).toBe(field);
  });
});
