/** The domain vocabulary shared by triage, history, paging and the admin API. */

export type Channel = 'voice' | 'sms' | 'check-in';
/** What a contact claimed: `unsure` is distress or doubt said twice, never read as "no". */
export type ClaimedUrgency = 'emergency' | 'not-emergency' | 'unsure' | 'no-answer';
export type Disposition = 'warranted' | 'not-warranted';
export type Trust = 'auto' | 'always' | 'review';
export type StandingLevel = 'no-history' | 'emergency-only' | 'mixed' | 'over-contact';
export type Priority = 'critical' | 'high' | 'normal';

/** How urgent a priority is, lowest first: the one ranking (the page store's Lua is given it, the queue derives its own). */
export const PRIORITY_RANK: Record<Priority, number> = { normal: 0, high: 1, critical: 2 };
export type Language = 'en' | 'es';

export interface Agreement {
  /** ISO time until which the psychiatrist asked to be paged straight through (e.g. after a discharge). */
  pageThroughUntil: string | null;
  trust: Trust;
  /** Non-urgent contacts in 30 days above which the client's standing is over-contact. */
  maxNonUrgentPer30Days: number;
}

export const DEFAULT_AGREEMENT: Agreement = { pageThroughUntil: null, trust: 'auto', maxNonUrgentPer30Days: 8 };

/** What a contact contributes to its client's standing counters. */
export interface ContactFacts {
  claimedUrgency: ClaimedUrgency;
  crisis: boolean;
  disposition: Disposition | null;
}

/** The counters behind a standing, summed over the window; what a clinician sees to judge it. */
export interface StandingCounts {
  /** Contacts in the last 365 days. */
  contacts: number;
  /** Claimed emergencies or crisis language. */
  urgent: number;
  notEmergency: number;
  noAnswer: number;
  warranted: number;
  notWarranted: number;
  /** Contacts that were not claimed urgent but a clinician dispositioned warranted. */
  confirmedOther: number;
  /** Not-emergency contacts in the last 30 days. */
  nonUrgentLast30Days: number;
}

export interface Standing extends StandingCounts {
  /** The level that triage acts on: history, raised by the agreement. */
  level: StandingLevel;
  /** The level the contact history alone gives. */
  historyLevel: StandingLevel;
  /** Whether a claimed emergency goes straight to a critical page with nothing more asked. */
  fastTrack: boolean;
  /** Why, in words a clinician reads on the page. */
  reason: string;
}
