import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { counterTags, countsFromTotals, EMPTY_COUNTS, historyLevel, standingOf } from '../../src/triage/standing.js';
import { DEFAULT_AGREEMENT, type ContactFacts, type StandingCounts } from '../../src/triage/types.js';

const NOW = new Date('2026-11-27T07:00:00Z');
const counts = (over: Partial<StandingCounts>): StandingCounts => ({ ...EMPTY_COUNTS, ...over });

/** Builds counts the way the store does: from the tags of each contact. */
function countsOf(facts: ContactFacts[], recentNonUrgent = true): StandingCounts {
  const c = { ...EMPTY_COUNTS };
  for (const f of facts) for (const tag of counterTags(f)) c[tag] += 1;
  c.nonUrgentLast30Days = recentNonUrgent ? c.notEmergency : 0;
  return c;
}

describe('triage/standing: counter tags', () => {
  it.each([
    [{ claimedUrgency: 'emergency', crisis: false, disposition: null }, ['contacts', 'urgent']],
    [{ claimedUrgency: 'not-emergency', crisis: true, disposition: null }, ['contacts', 'urgent']],
    [{ claimedUrgency: 'not-emergency', crisis: false, disposition: null }, ['contacts', 'notEmergency']],
    [{ claimedUrgency: 'no-answer', crisis: false, disposition: null }, ['contacts', 'noAnswer']],
    [{ claimedUrgency: 'emergency', crisis: false, disposition: 'not-warranted' }, ['contacts', 'urgent', 'notWarranted']],
    [{ claimedUrgency: 'no-answer', crisis: false, disposition: 'warranted' }, ['contacts', 'noAnswer', 'warranted', 'confirmedOther']],
  ] as const)('when a contact is %j, then it counts toward %j', (facts, tags) => {
    expect(counterTags(facts)).toEqual(tags);
  });
});

describe('triage/standing: history level', () => {
  const E = { claimedUrgency: 'emergency', crisis: false, disposition: null } as const;
  const EW = { ...E, disposition: 'warranted' } as const;
  const ENW = { ...E, disposition: 'not-warranted' } as const;
  const N = { claimedUrgency: 'not-emergency', crisis: false, disposition: null } as const;
  const S = { claimedUrgency: 'no-answer', crisis: false, disposition: null } as const;
  const C = { claimedUrgency: 'not-emergency', crisis: true, disposition: null } as const;
  it.each([
    ['no earlier contact', [], 'no-history'],
    ['one emergency', [E], 'emergency-only'],
    ['emergencies, all warranted', [EW, EW, EW], 'emergency-only'],
    ['crisis language counts as urgent', [E, C], 'emergency-only'],
    ['a silence confirmed warranted', [E, { ...S, disposition: 'warranted' }], 'emergency-only'],
    ['one emergency dispositioned not-warranted', [EW, ENW], 'mixed'],
    ['one non-urgent contact among emergencies', [E, E, N], 'mixed'],
    ['a silence never confirmed', [E, S], 'mixed'],
    ['two not-warranted', [ENW, ENW], 'over-contact'],
    ['nine non-urgent in 30 days', Array(9).fill(N), 'over-contact'],
    ['eight non-urgent in 30 days', Array(8).fill(N), 'mixed'],
  ] as const)('when the history is %s, then the level is %s', (_label, facts, level) => {
    expect(historyLevel(countsOf([...facts]), 8)).toBe(level);
  });

  it('when the agreement allows fewer non-urgent contacts, then fewer make over-contact', () => {
    expect(historyLevel(counts({ contacts: 3, notEmergency: 3, nonUrgentLast30Days: 3 }), 2)).toBe('over-contact');
  });

  it('when a crisis fortnight brings daily emergencies, then it is not treated as abuse', () => {
    const crisisWeeks = Array(14).fill({ claimedUrgency: 'emergency', crisis: false, disposition: 'warranted' });
    expect(historyLevel(countsOf(crisisWeeks), 8)).toBe('emergency-only');
  });
});

describe('triage/standing: totals', () => {
  it('when totals are read, then each counter maps over, the 30-day count from its own field, and bad values count as zero', () => {
    expect(countsFromTotals({ contacts: '4', urgent: 1, notEmergency: '3', recentNotEmergency: '2', warranted: 'x', notWarranted: '-1', other: 9 })).toEqual(
      counts({ contacts: 4, urgent: 1, notEmergency: 3, nonUrgentLast30Days: 2 }),
    );
    expect(countsFromTotals({})).toEqual(EMPTY_COUNTS);
  });
});

describe('triage/standing: agreement overrides', () => {
  const mixed = counts({ contacts: 2, urgent: 1, notEmergency: 1, nonUrgentLast30Days: 1 });
  const emergencyOnly = counts({ contacts: 3, urgent: 3, warranted: 3 });

  it('when the emergency-only history holds, then the claim is fast-tracked and the reason says so', () => {
    const s = standingOf(emergencyOnly, DEFAULT_AGREEMENT, NOW);
    expect(s).toMatchObject({ level: 'emergency-only', historyLevel: 'emergency-only', fastTrack: true });
    expect(s.reason).toBe('emergency-only history: 3 contacts, all warranted');
  });

  it('when trust is "always", then a mixed history is treated as emergency-only', () => {
    expect(standingOf(mixed, { ...DEFAULT_AGREEMENT, trust: 'always' }, NOW)).toMatchObject({ level: 'emergency-only', historyLevel: 'mixed', fastTrack: true });
  });

  it('when a page-through date is ahead, then the client is fast-tracked; once it has passed, not', () => {
    const ahead = { ...DEFAULT_AGREEMENT, pageThroughUntil: '2026-12-01T04:59:59.999Z' };
    expect(standingOf(mixed, ahead, NOW)).toMatchObject({ level: 'emergency-only', fastTrack: true });
    expect(standingOf(mixed, ahead, new Date('2026-12-02T00:00:00Z'))).toMatchObject({ level: 'mixed', fastTrack: false });
  });

  it('when trust is "review", then even an emergency-only history is never fast-tracked', () => {
    const review = { ...DEFAULT_AGREEMENT, trust: 'review' as const, pageThroughUntil: '2027-01-01T00:00:00Z' };
    expect(standingOf(emergencyOnly, review, NOW)).toMatchObject({ level: 'emergency-only', fastTrack: false });
  });

  it('property: history can fast-track but the agreement "review" always wins, and "always" always fast-tracks', () => {
    const countsArb = fc.record({
      contacts: fc.nat(50),
      urgent: fc.nat(50),
      notEmergency: fc.nat(50),
      noAnswer: fc.nat(50),
      warranted: fc.nat(50),
      notWarranted: fc.nat(50),
      confirmedOther: fc.nat(50),
      nonUrgentLast30Days: fc.nat(50),
    });
    const agreementArb = fc.record({
      trust: fc.constantFrom('auto', 'always', 'review'),
      pageThroughUntil: fc.option(fc.date({ min: new Date('2025-01-01'), max: new Date('2028-01-01'), noInvalidDate: true }).map((d) => d.toISOString())),
      maxNonUrgentPer30Days: fc.nat(20),
    });
    fc.assert(
      fc.property(countsArb, agreementArb, (c, a) => {
        const s = standingOf(c, a, NOW);
        if (a.trust === 'review') expect(s.fastTrack).toBe(false);
        if (a.trust === 'always') expect(s.fastTrack).toBe(true);
        if (a.trust === 'auto') expect(s.fastTrack).toBe(s.level === 'emergency-only');
        expect(s.fastTrack ? s.level : 'emergency-only').toBe('emergency-only');
        if (c.contacts === 0) expect(s.historyLevel).toBe('no-history');
        if (c.notWarranted > 0) expect(s.historyLevel).not.toBe('emergency-only');
      }),
    );
  });

  it('property: a not-warranted disposition can never make a standing better, a warranted one never worse', () => {
    const rank = { 'over-contact': 0, mixed: 1, 'no-history': 2, 'emergency-only': 3 } as const;
    const fact = fc.record({
      claimedUrgency: fc.constantFrom('emergency', 'not-emergency', 'no-answer'),
      crisis: fc.boolean(),
      disposition: fc.constantFrom(null, 'warranted', 'not-warranted'),
    }) as fc.Arbitrary<ContactFacts>;
    fc.assert(
      fc.property(fc.array(fact, { minLength: 1, maxLength: 30 }), fc.nat(29), (facts, i) => {
        const index = i % facts.length;
        const withDisposition = (d: ContactFacts['disposition']) => facts.map((f, j) => (j === index ? { ...f, disposition: d } : f));
        const none = rank[historyLevel(countsOf(withDisposition(null)), 8)];
        expect(rank[historyLevel(countsOf(withDisposition('not-warranted')), 8)]).toBeLessThanOrEqual(none);
        expect(rank[historyLevel(countsOf(withDisposition('warranted')), 8)]).toBeGreaterThanOrEqual(none);
      }),
    );
  });
});
