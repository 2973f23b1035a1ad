import type { Client } from '../directory/store.js';
import { newId, type Contact, type HistoryStore, type NewContact } from '../history/store.js';
import type { Metrics } from '../metrics.js';
import type { OptOuts } from '../history/opt-outs.js';
import type { Logger } from '../log.js';
import { pageIdForContact, type Page, type PageStore } from '../paging/pages.js';
import type { PageQueue } from '../paging/queue.js';
import { decide, mergeClaim, type Decision } from '../triage/decide.js';
import type { Channel, ClaimedUrgency } from '../triage/types.js';

export interface IntakeInput {
  /** Channel-prefixed Twilio SID: one contact per call or conversation. */
  source: string;
  channel: Channel;
  /** The caller's number in E.164. */
  from: string;
  client: Client | null;
  claim: ClaimedUrgency;
  crisis: boolean;
  /** The detector's category for the crisis language read, said on the page. */
  crisisCategory?: string | null;
  message?: string | null;
  mediaUrls?: string[];
  /** When the contact was made, if not now (a contact replayed from the outage spool). */
  at?: Date;
  /** Said on the page after the reason triage gives (a contact replayed from the outage spool). */
  note?: string;
}

export interface IntakeResult {
  contact: Contact;
  decision: Decision;
  page: Page | null;
}

/**
 * Where a voice call, a text or a check-in becomes a recorded contact and, when triage says so,
 * a queued page. The contact and the page are written before anything is said back (invariant 2),
 * and both are keyed by the Twilio SID, so a replayed or concurrent duplicate webhook finds
 * what the first one made and can only raise its priority.
 */
export function createIntake(deps: { history: HistoryStore; pages: PageStore; queue: PageQueue; optOuts: OptOuts; metrics: Metrics; log: Logger; now: () => Date }) {
  const { history, pages, queue, optOuts, metrics, log, now } = deps;

  const withNote = (why: string, input: IntakeInput) => (input.note ? `${why}; ${input.note}` : why);

  function pageCreated(page: Page, contact: Contact): void {
    metrics.pages.inc({ priority: page.priority });
    log.info({ pageId: page.id, contactId: contact.id, priority: page.priority, outcome: 'created' }, 'page queued');
  }

  /** The page of a contact recorded before (a later answer, a duplicate webhook): created, raised, or as it was. */
  async function raisePage(contact: Contact, decision: Extract<Decision, { page: true }>, input: IntakeInput): Promise<Page> {
    const why = withNote(decision.why, input);
    // Creating the page makes its first step due and wakes a worker to run it, in one atomic step
    // (raise-page-6.lua): nothing more is queued on the caller's time.
    const { page, outcome } = await pages.raise({ contactId: contact.id, clientId: contact.clientId, priority: decision.priority, why, at: input.at ?? now() });
    if (outcome === 'raised' && page.nextStep > 0) {
      // A page raised from normal mid-ladder: the tier already texted also gets its call now.
      await queue.enqueueStep(page.id, page.nextStep - 1, { priority: page.priority, suffix: `raised-${page.priority}` });
    }
    if (outcome === 'created') pageCreated(page, contact);
    else if (outcome === 'raised') log.info({ pageId: page.id, contactId: contact.id, priority: page.priority, outcome }, 'page queued');
    return page;
  }

  return {
    /**
     * Records a contact whose urgency is not known yet (a first text), with the standing it
     * began with; it counts as "no answer" until `settle` says otherwise. Pages nobody.
     */
    async begin(input: Omit<IntakeInput, 'claim' | 'crisis'>): Promise<Contact> {
      const existing = await history.getContactBySource(input.source);
      if (existing) return existing;
      const standing = input.client ? await history.standingFor(input.client, now()) : null;
      const { contact, created } = await history.recordContact({
        clientId: input.client?.id ?? null,
        channel: input.channel,
        claimedUrgency: 'no-answer',
        crisis: false,
        from: input.from,
        source: input.source,
        message: input.message ?? null,
        mediaUrls: input.mediaUrls ?? [],
        standing: standing && { level: standing.level, fastTrack: standing.fastTrack, reason: standing.reason },
        at: now(),
      });
      if (created) metrics.contacts.inc({ channel: input.channel, urgency: 'pending' });
      return contact;
    },

    async settle(input: IntakeInput): Promise<IntakeResult> {
      // Both reads at once: on the webhook path every round trip to Redis is caller-facing time.
      const [existing, standing, optedOut] = await Promise.all([
        history.getContactBySource(input.source),
        input.client ? history.standingFor(input.client, now()) : Promise.resolve(null),
        optOuts.has(input.from),
      ]);
      let contact = existing;
      if (!contact) {
        const decision = decide({ channel: input.channel, claim: input.claim, crisis: input.crisis, crisisCategory: input.crisisCategory, standing, optedOut });
        const id = newId('ct');
        const at = input.at ?? now();
        const record: NewContact = {
          id,
          clientId: input.client?.id ?? null,
          channel: input.channel,
          claimedUrgency: input.claim,
          crisis: input.crisis,
          from: input.from,
          source: input.source,
          message: input.message ?? null,
          mediaUrls: input.mediaUrls ?? [],
          pageId: decision.page ? pageIdForContact(id) : null,
          standing: standing && { level: standing.level, fastTrack: standing.fastTrack, reason: standing.reason },
          at,
        };
        // The contact and its page in one atomic step: the page exists, its first step due and a
        // worker woken, the moment the contact does (invariant 2), in one round trip.
        const recorded: { contact: Contact; created: boolean; page?: Page } = decision.page
          ? await pages.withFreeCode({ contactId: id, clientId: record.clientId, priority: decision.priority, why: withNote(decision.why, input), at }, (page) => history.recordContactWithPage(record, page))
          : await history.recordContact(record);
        if (recorded.created) {
          metrics.contacts.inc({ channel: input.channel, urgency: input.claim });
          if (recorded.page) pageCreated(recorded.page, recorded.contact);
          return { contact: recorded.contact, decision, page: recorded.page ?? null };
        }
        contact = recorded.contact; // a concurrent duplicate got there first: merge into it
      }

      const claim = mergeClaim(contact.claimedUrgency, input.claim);
      const crisis = contact.crisis || input.crisis;
      const decision = decide({
        channel: contact.channel,
        claim,
        crisis,
        crisisCategory: input.crisisCategory,
        standing: contact.clientId ? contact.standing : null,
        optedOut,
      });
      const pageId = decision.page ? pageIdForContact(contact.id) : contact.pageId;
      if (claim !== contact.claimedUrgency || crisis !== contact.crisis || pageId !== contact.pageId || (input.message && !contact.message)) {
        contact = await history.updateContact(contact.id, (c) => ({
          claimedUrgency: mergeClaim(c.claimedUrgency, input.claim),
          crisis: c.crisis || input.crisis,
          pageId: c.pageId ?? pageId,
          message: c.message ?? input.message ?? null,
        }));
      }
      const page = decision.page ? await raisePage(contact, decision, input) : contact.pageId ? await pages.get(contact.pageId) : null;
      return { contact, decision, page };
    },
  };
}

export type Intake = ReturnType<typeof createIntake>;

