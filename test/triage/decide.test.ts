import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decide, higherPriority, mergeClaim, OPTED_OUT_NOTE, type Decision } from '../../src/triage/decide.js';
import { EMPTY_COUNTS, standingOf } from '../../src/triage/standing.js';
import { DEFAULT_AGREEMENT, type Channel, type ClaimedUrgency, type Standing } from '../../src/triage/types.js';

const NOW = new Date('2026-11-27T07:00:00Z');
const emergencyOnly = standingOf({ ...EMPTY_COUNTS, contacts: 3, urgent: 3, warranted: 3 }, DEFAULT_AGREEMENT, NOW);
const mixed = standingOf({ ...EMPTY_COUNTS, contacts: 2, urgent: 1, notEmergency: 1 }, DEFAULT_AGREEMENT, NOW);
const overContact = standingOf({ ...EMPTY_COUNTS, contacts: 2, urgent: 2, notWarranted: 2 }, DEFAULT_AGREEMENT, NOW);
const noHistory = standingOf(EMPTY_COUNTS, DEFAULT_AGREEMENT, NOW);
const review = standingOf({ ...EMPTY_COUNTS, contacts: 3, urgent: 3 }, { ...DEFAULT_AGREEMENT, trust: 'review' }, NOW);

describe('triage/decide', () => {
  it.each([
    ['emergency-only', emergencyOnly, { page: true, priority: 'critical', askFollowUp: false }],
    ['mixed', mixed, { page: true, priority: 'high', askFollowUp: true }],
    ['over-contact', overContact, { page: true, priority: 'high', askFollowUp: true }],
    ['no-history', noHistory, { page: true, priority: 'high', askFollowUp: true }],
    ['review agreement', review, { page: true, priority: 'high', askFollowUp: true }],
    ['unknown caller', null, { page: true, priority: 'high', askFollowUp: true }],
  ] as const)('invariant 2: when a %s client claims an emergency, then a page is raised', (_label, standing, expected) => {
    expect(decide({ channel: 'voice', claim: 'emergency', crisis: false, standing })).toMatchObject(expected);
  });

  it('when an over-contact client claims an emergency, then the page says so for the clinician to judge', () => {
    const d = decide({ channel: 'sms', claim: 'emergency', crisis: false, standing: overContact });
    expect(d).toMatchObject({ page: true, why: 'claimed emergency; 2 not-warranted in 12 months' });
  });

  it('invariant 4: when a known client stays silent on a call, then a high page is raised; an unknown caller is taken to a message', () => {
    expect(decide({ channel: 'voice', claim: 'no-answer', crisis: false, standing: mixed })).toMatchObject({ page: true, priority: 'high', why: expect.stringContaining('did not answer') });
    expect(decide({ channel: 'sms', claim: 'no-answer', crisis: false, standing: mixed })).toMatchObject({ page: true, priority: 'normal' });
    expect(decide({ channel: 'voice', claim: 'no-answer', crisis: false, standing: null })).toMatchObject({ page: false });
  });

  it('when a client says it is not an emergency, then no page is raised', () => {
    expect(decide({ channel: 'voice', claim: 'not-emergency', crisis: false, standing: emergencyOnly })).toMatchObject({ page: false });
  });

  it('invariant 3: property: crisis language pages at critical priority whatever the answer, channel or history', () => {
    const standings: (Standing | null)[] = [emergencyOnly, mixed, overContact, noHistory, review, null];
    fc.assert(
      fc.property(
        fc.constantFrom<ClaimedUrgency>('emergency', 'not-emergency', 'unsure', 'no-answer'),
        fc.constantFrom<Channel>('voice', 'sms', 'check-in'),
        fc.constantFrom(...standings),
        (claim, channel, standing) => {
          expect(decide({ channel, claim, crisis: true, standing })).toMatchObject({ page: true, priority: 'critical' });
        },
      ),
    );
  });

  it('invariant 2: property: a claimed emergency always pages, never below high, whatever the history', () => {
    const standings: (Standing | null)[] = [emergencyOnly, mixed, overContact, noHistory, review, null];
    fc.assert(
      fc.property(fc.constantFrom<Channel>('voice', 'sms', 'check-in'), fc.constantFrom(...standings), fc.boolean(), (channel, standing, crisis) => {
        const d = decide({ channel, claim: 'emergency', crisis, standing });
        expect(d.page).toBe(true);
        if (d.page) expect(['high', 'critical']).toContain(d.priority);
      }),
    );
  });

  it('invariant 2: when anyone, known or not, is unsure twice, then a page goes out: high on a call, normal by text, saying they were unsure', () => {
    for (const standing of [mixed, null]) {
      expect(decide({ channel: 'voice', claim: 'unsure', crisis: false, standing })).toMatchObject({ page: true, priority: 'high', askFollowUp: false, why: expect.stringContaining('unsure') });
      expect(decide({ channel: 'sms', claim: 'unsure', crisis: false, standing })).toMatchObject({ page: true, priority: 'normal' });
    }
  });

  it('invariant 9: when the number opted out of texts, then the page tells the clinician to call, and nothing else changes', () => {
    const d = decide({ channel: 'sms', claim: 'emergency', crisis: false, standing: mixed, optedOut: true });
    expect(d).toMatchObject({ page: true, priority: 'high', why: `claimed emergency; ${mixed.reason}; ${OPTED_OUT_NOTE}` });
    expect(decide({ channel: 'sms', claim: 'not-emergency', crisis: false, standing: mixed, optedOut: true })).toMatchObject({ page: false });
  });

  const rank = (d: Decision) => (d.page ? { normal: 1, high: 2, critical: 3 }[d.priority] : 0);
  const claimsInOrder: ClaimedUrgency[] = ['not-emergency', 'no-answer', 'unsure', 'emergency'];
  const anyStanding = fc.constantFrom<Standing | null>(emergencyOnly, mixed, overContact, noHistory, review, null);
  const anyChannel = fc.constantFrom<Channel>('voice', 'sms', 'check-in');
  const anyClaim = fc.constantFrom(...claimsInOrder);

  it('invariant 2: property: a stronger answer, crisis words or an opt-out can only ever raise a decision, never lower it', () => {
    fc.assert(
      fc.property(anyClaim, anyClaim, anyChannel, anyStanding, fc.boolean(), fc.boolean(), (a, b, channel, standing, crisis, optedOut) => {
        const base = { channel, crisis, standing };
        const [weaker, stronger] = claimsInOrder.indexOf(a) <= claimsInOrder.indexOf(b) ? [a, b] : [b, a];
        expect(rank(decide({ ...base, claim: stronger }))).toBeGreaterThanOrEqual(rank(decide({ ...base, claim: weaker })));
        expect(rank(decide({ ...base, claim: a, crisis: true }))).toBeGreaterThanOrEqual(rank(decide({ ...base, claim: a })));
        expect(rank(decide({ ...base, claim: a, optedOut }))).toBe(rank(decide({ ...base, claim: a })));
      }),
    );
  });

  it('invariant 2: property: once a contact has a real answer, a later answer merged into it never lowers its decision', () => {
    fc.assert(
      fc.property(fc.constantFrom<ClaimedUrgency>('not-emergency', 'unsure', 'emergency'), anyClaim, anyChannel, anyStanding, (earlier, later, channel, standing) => {
        const before = decide({ channel, crisis: false, standing, claim: earlier });
        const after = decide({ channel, crisis: false, standing, claim: mergeClaim(earlier, later) });
        expect(rank(after)).toBeGreaterThanOrEqual(rank(before));
      }),
    );
  });

  it('invariant 3: when a check-in is answered, then 5 or a claim pages critical whatever the history, 4 pages normal, anything else pages nobody', () => {
    for (const standing of [emergencyOnly, mixed, overContact, review]) {
      expect(decide({ channel: 'check-in', claim: 'emergency', crisis: false, standing })).toMatchObject({ page: true, priority: 'critical', askFollowUp: false });
      expect(decide({ channel: 'check-in', claim: 'unsure', crisis: false, standing })).toMatchObject({ page: true, priority: 'normal', why: expect.stringContaining('4 of 5') });
      expect(decide({ channel: 'check-in', claim: 'not-emergency', crisis: false, standing })).toMatchObject({ page: false });
      expect(decide({ channel: 'check-in', claim: 'no-answer', crisis: false, standing })).toMatchObject({ page: false });
      expect(decide({ channel: 'check-in', claim: 'no-answer', crisis: true, standing })).toMatchObject({ page: true, priority: 'critical' });
    }
  });

  it('when priorities are combined, then the higher one wins', () => {
    expect(higherPriority('normal', 'critical')).toBe('critical');
    expect(higherPriority('high', 'normal')).toBe('high');
    expect(higherPriority('high', 'high')).toBe('high');
  });
});
