/**
 * Every Redis key the product uses, built in one place so that all of them live under the
 * configured prefix and several instances (or test files) can share one Redis.
 */
export function createKeys(prefix: string) {
  const k = (...parts: string[]) => [prefix, ...parts].join(':');
  return {
    prefix,
    /** BullMQ's own prefix: its queues live under ours. */
    bull: k('bull'),
    clinician: (id: string) => k('clinician', id),
    clinicianIds: k('clinicians'),
    client: (id: string) => k('client', id),
    clientIds: k('clients'),
    /** Hash: E.164 number → "clinician:<id>" | "client:<id>"; the O(1) lookup and the uniqueness guard. */
    phoneOwners: k('phone-owners'),
    contact: (id: string) => k('contact', id),
    /** Maps a Twilio CallSid / MessageSid to the contact it made, so a replayed webhook finds it. */
    contactBySource: (source: string) => k('contact-source', source),
    contactsByTime: k('contacts'),
    clientContacts: (clientId: string) => k('client-contacts', clientId),
    /** Hash of the running totals behind a client's standing (the last 365 and 30 days). */
    standing: (clientId: string) => k('standing', clientId),
    /** Zset of when each of a client's contacts leaves the 365-day and 30-day totals. */
    standingAging: (clientId: string) => k('standing-aging', clientId),
    page: (id: string) => k('page', id),
    pagesByTime: k('pages'),
    openPages: k('pages-open'),
    /** Hash of the messages and calls a page's ladder sent, one field per step and channel. */
    pageSteps: (pageId: string) => k('page-steps', pageId),
    /** The outbox's records of one scope and id (a page's sends, its taken notices, a day's digest): one field per send. */
    sends: (scope: string, id: string) => k(scope, id),
    /** Maps a Twilio message or call SID to the outbox record it delivers, for status callbacks. */
    sendBySid: (sid: string) => k('send', sid),
    /** A status callback that came before its send's SID was indexed, waiting for the send (minutes). */
    earlyDelivery: (sid: string) => k('send-early', sid),
    pageByCode: (code: string) => k('page-code', code),
    /** Zset of escalation steps by due time: what the reconciler re-drives. */
    dueSteps: k('due-steps'),
    /** List of new pages' first steps (due members), pushed as each page is created: a worker blocks on it to start the ladder at once. */
    pagesToStart: k('pages-to-start'),
    oncall: k('oncall'),
    audit: k('audit'),
    /** Prefix of the per-address counters of failed authentications of one kind (each a small key with a TTL). */
    authFailures: (kind: string) => k('auth-failures', kind),
    conversation: (phone: string) => k('conversation', phone),
    /** Zset of text contacts waiting for a YES / NO, by when silence is acted on. */
    answerDue: k('answer-due'),
    /** The reply already given to a MessageSid, so a replayed webhook changes nothing. */
    textReply: (messageSid: string) => k('text-reply', messageSid),
    digestState: k('digest-state'),
    optOut: k('opt-out'),
    /** A client's check-in plan (JSON), and the set of clients that have one. */
    checkInPlan: (clientId: string) => k('checkin-plan', clientId),
    checkInPlans: k('checkin-plans'),
    /** Hash: client id → the time (ms) up to which its plan's check-ins have been handled. */
    checkInCursor: k('checkin-cursor'),
    /** Hash: a client's check-ins by slot (ISO) → what became of each (sent, answered, missed). */
    checkInLog: (clientId: string) => k('checkin-log', clientId),
    /** The check-in now waiting for its answer (hash), expiring at the next check-in or after 12 hours. */
    checkInWaiting: (clientId: string) => k('checkin-waiting', clientId),
    /** Hash: a clinician's open disposition questions, page code → JSON. */
    dispositionQuestions: (clinicianId: string) => k('disposition-questions', clinicianId),
    /** Set of clinicians with open questions. */
    dispositionAskees: k('disposition-askees'),
    /** A page's disposition question, claimed once: nobody is asked twice. */
    dispositionAsked: (pageId: string) => k('disposition-asked', pageId),
    callState: (callSid: string) => k('call', callSid),
    lock: (name: string) => k('lock', name),
    /** A console session, by the digest of its cookie value (the value itself is never stored). */
    consoleSession: (digest: string) => k('console-session', digest),
    /** The one-time sign-in code waiting for a phone, by the digest of the number. */
    signInCode: (phoneDigest: string) => k('sign-in-code', phoneDigest),
    /** Prefix of the sign-in rate limiters (per phone, per address). */
    signInLimits: (kind: string) => k('sign-in-limit', kind),
  };
}

export type Keys = ReturnType<typeof createKeys>;

/** A page's escalation step in the due-steps set (Lua: includes/due-member.lua). */
export function dueMember(pageId: string, step: number | string): string {
  return `${pageId}|${step}`;
}

/** The page and step a due member names. */
export function parseDueMember(member: string): { pageId: string; step: number } {
  const at = member.lastIndexOf('|');
  return { pageId: member.slice(0, at), step: Number(member.slice(at + 1)) };
}
