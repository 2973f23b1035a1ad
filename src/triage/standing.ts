import type { Agreement, ContactFacts, Standing, StandingCounts, StandingLevel } from './types.js';

/** Counter names a contact can add to: the running totals of its client's standing. */
export type CounterTag = 'contacts' | 'urgent' | 'notEmergency' | 'noAnswer' | 'warranted' | 'notWarranted' | 'confirmedOther';

/**
 * What one contact counts toward. Crisis language makes any contact urgent whatever the caller
 * answered; a clinician's "warranted" on a non-urgent contact confirms it was real after all.
 */
export function counterTags(facts: ContactFacts): CounterTag[] {
  const urgent = facts.claimedUrgency === 'emergency' || facts.crisis;
  const tags: CounterTag[] = ['contacts'];
  if (urgent) tags.push('urgent');
  else tags.push(facts.claimedUrgency === 'not-emergency' ? 'notEmergency' : 'noAnswer');
  if (facts.disposition === 'warranted') tags.push('warranted');
  if (facts.disposition === 'not-warranted') tags.push('notWarranted');
  if (!urgent && facts.disposition === 'warranted') tags.push('confirmedOther');
  return tags;
}

export const EMPTY_COUNTS: StandingCounts = Object.freeze({
  contacts: 0,
  urgent: 0,
  notEmergency: 0,
  noAnswer: 0,
  warranted: 0,
  notWarranted: 0,
  confirmedOther: 0,
  nonUrgentLast30Days: 0,
});

/**
 * The counts behind a standing from the stored totals (the last 365 days, and the not-emergency
 * contacts of the last 30 as `recentNotEmergency`). Missing or malformed fields count as zero.
 */
export function countsFromTotals(totals: Record<string, string | number>): StandingCounts {
  const counts: StandingCounts = { ...EMPTY_COUNTS };
  for (const tag of Object.keys(counts) as (keyof StandingCounts)[]) {
    const field = tag === 'nonUrgentLast30Days' ? 'recentNotEmergency' : tag;
    const value = Number(totals[field] ?? 0);
    counts[tag] = Number.isFinite(value) && value > 0 ? value : 0;
  }
  return counts;
}

/** The level the contact history alone supports. */
export function historyLevel(counts: StandingCounts, maxNonUrgentPer30Days: number): StandingLevel {
  if (counts.contacts <= 0) return 'no-history';
  if (counts.notWarranted === 0 && counts.urgent + counts.confirmedOther >= counts.contacts) return 'emergency-only';
  if (counts.notWarranted >= 2 || counts.nonUrgentLast30Days > maxNonUrgentPer30Days) return 'over-contact';
  return 'mixed';
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

function historyReason(level: StandingLevel, c: StandingCounts): string {
  switch (level) {
    case 'no-history':
      return 'no earlier contact';
    case 'emergency-only':
      return `emergency-only history: ${plural(c.contacts, 'contact')}, ${c.warranted === c.contacts ? 'all warranted' : c.warranted > 0 ? `${c.warranted} warranted` : 'all emergencies'}`;
    case 'over-contact':
      return c.notWarranted >= 2
        ? `${c.notWarranted} not-warranted in 12 months`
        : `${c.nonUrgentLast30Days} non-urgent contacts in 30 days`;
    case 'mixed':
      return `mixed history: ${plural(c.contacts, 'contact')}, ${c.urgent} urgent, ${c.notWarranted} not-warranted`;
  }
}

/**
 * The standing triage acts on. History can fast-track a page but never suppress one; the
 * agreement can raise it (trust "always", a page-through date still ahead) and "review" turns
 * the fast track off so the clinician always hears the follow-up.
 */
export function standingOf(counts: StandingCounts, agreement: Agreement, now: Date): Standing {
  const fromHistory = historyLevel(counts, agreement.maxNonUrgentPer30Days);
  const pageThrough = agreement.pageThroughUntil !== null && Date.parse(agreement.pageThroughUntil) > now.getTime();
  let level = fromHistory;
  let reason = historyReason(fromHistory, counts);
  if (agreement.trust === 'review') {
    reason = `review agreement; ${reason}`;
  } else if (agreement.trust === 'always') {
    level = 'emergency-only';
    reason = `trusted by agreement; ${reason}`;
  } else if (pageThrough) {
    level = 'emergency-only';
    reason = `page-through until ${agreement.pageThroughUntil}; ${reason}`;
  }
  const fastTrack = agreement.trust !== 'review' && level === 'emergency-only';
  return { ...counts, level, historyLevel: fromHistory, fastTrack, reason };
}
