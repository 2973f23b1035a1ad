import type { StandinRequest } from '../../src/devtools/twilio-standin.js';
import type { Page, PageSend } from '../../src/paging/pages.js';

/** Who the ladder pages, in order, and how many rounds: what every ladder is checked against. */
export interface LadderShape {
  tiers: { tier: string; clinicianId: string; phone: string }[];
  rounds: number;
  leadPhone: string;
}

/** A page as it was raised, kept by the test: the record itself may not survive a fault. */
export interface RaisedPage {
  id: string;
  code: string;
  priority: Page['priority'];
  /** The number the client reached us from: where the 911 / 988 text of an exhausted ladder goes. */
  clientPhone: string | null;
}

/**
 * What the phones received, page by page, against what the ladder should have sent. Counted
 * from the Twilio stand-in's requests; the page records are read only to tell which step a text
 * belongs to (page texts do not say) and, for a send that never arrived, whether it was claimed.
 */
export interface LadderReport {
  ladders: number;
  taken: number;
  exhausted: number;
  /** Pages still open (or gone from Redis) when the run ended. */
  unfinished: number;
  /** Texts and calls the ladders should have sent. */
  expected: number;
  received: number;
  /** Expected sends that never arrived and were not claimed (or whose claim is gone): pages lost. */
  lost: number;
  /** Expected sends claimed (`sending`) and never answered: a kill landed between the claim and Twilio's answer. */
  lostInFlight: number;
  /** Of those, how many requests the stand-in saw and dropped (the rest never left the worker). */
  lostInFlightAtTwilio: number;
  /** Expected sends Twilio refused or did not answer (recorded `failed` / `unknown`): an injected fault's doing. */
  refused: number;
  /** Texts and calls beyond one per expected send: the same page to the same phone twice. */
  duplicates: number;
  /** Tier pages for a step after the one at which the page was taken. */
  afterTake: number;
  /** Sends that arrived after a send of a later step of the same ladder. */
  outOfOrder: number;
  /** Those sends, with when they arrived: a test may explain them (a job re-run after a kill). */
  late: { pageId: string; what: string; at: number; phone: string; channel: string }[];
  /** Of those, how many follow a refused request to the same phone for the same page: a retry, late by design. */
  lateRetries: number;
  /**
   * Sends never claimed on a page that was taken: a kill cut the step between its claim and its
   * sends' claims, and the page was taken before the step ran again (BullMQ re-runs a killed
   * worker's job when its 30 s lock expires). Not lost pages, not hidden either.
   */
  mootAfterTake: number;
  /** Milliseconds from a send's claim (its record's time) to its request reaching Twilio: p50, p99, max. */
  claimToRequestMs: { p50: number; p99: number; max: number } | null;
  /** The first few findings, one line each, for the failure message. */
  problems: string[];
  /** For each page with a finding: what the stand-in got for it and what its record says. */
  traces: Record<string, string[]>;
}

interface Slot {
  /** Sent or not, both are right (a client who texted STOP may or may not have been sent it first). */
  optional?: boolean;
  pageId: string;
  step: number;
  channel: 'sms' | 'voice';
  phone: string;
  field: string;
  arrivals: number[];
}

const CALL_URL = /\/twilio\/page\/voice\?pageId=([^&]+)&clinicianId=[^&]*&step=(-?\d+)/;
const PAGE_TEXT = /^afterhours [A-Z]+ page (\d{4}):/;
const ALERT_TEXT = /^afterhours ALERT: \w+ page (\d{4}) was not taken/;
const TAKEN_TEXT = /^afterhours page (\d{4}) was taken by/;
const CLIENT_SAFETY = /still trying to reach the on-call clinician|seguimos intentando comunicarnos/;

/**
 * Checks every ladder from what the stand-in received: each tier paged exactly once per round
 * (a text, and a call for high and critical pages), in order, until the take; nothing for a
 * later step after the take; on exhaustion one alert text and call to the lead and one 911 / 988
 * text to the client.
 */
export function checkLadders(input: { raised: RaisedPage[]; pages: Page[]; requests: StandinRequest[]; shape: LadderShape; optedOut?: Set<string> }): LadderReport {
  const { raised, shape } = input;
  const total = shape.tiers.length * shape.rounds;
  const finals = new Map(input.pages.map((p) => [p.id, p]));
  const report: LadderReport = { ladders: raised.length, taken: 0, exhausted: 0, unfinished: 0, expected: 0, received: 0, lost: 0, lostInFlight: 0, lostInFlightAtTwilio: 0, refused: 0, duplicates: 0, afterTake: 0, outOfOrder: 0, late: [], lateRetries: 0, mootAfterTake: 0, claimToRequestMs: null, problems: [], traces: {} };
  const problem = (line: string) => {
    if (report.problems.length < 30) report.problems.push(line);
  };

  // What each ladder should have sent, by slot.
  const slots = new Map<string, Slot>();
  const key = (pageId: string, step: number, channel: string, phone: string) => `${pageId}|${step}|${channel}|${phone}`;
  const entriesOf = (pageId: string): PageSend[] => finals.get(pageId)?.steps ?? [];
  const tierAt = (step: number) => shape.tiers[step % shape.tiers.length]!;
  const lastStep = new Map<string, number>();
  for (const r of raised) {
    const page = finals.get(r.id);
    if (!page || page.status === 'open') report.unfinished += 1;
    else if (page.status === 'acknowledged') report.taken += 1;
    if (page?.exhaustedAt) report.exhausted += 1;
    // Until the take (the step the take froze), or the whole ladder and its alerts.
    const reachedEnd = !page || page.status !== 'acknowledged' || page.exhaustedAt !== null;
    const steps = reachedEnd ? total : page.nextStep;
    lastStep.set(r.id, reachedEnd ? total : steps - 1);
    // The rungs ran at the priority the page had when its ladder ran out: a page raised after that
    // (crisis words after a normal page nobody took) alerts the lead again, it does not re-run the rungs.
    const priority = page?.exhaustedPriority ?? page?.priority ?? r.priority;
    const add = (step: number, channel: 'sms' | 'voice', phone: string, tier: string, optional = false) =>
      slots.set(key(r.id, step, channel, phone), { pageId: r.id, step, channel, phone, field: `${step}:${tier}:${channel}`, arrivals: [], optional });
    for (let step = 0; step < steps; step++) {
      const t = tierAt(step);
      add(step, 'sms', t.phone, t.tier);
      // A call for high and critical pages; for a normal one only when its text could not go (call instead).
      const text = entriesOf(r.id).find((e) => e.step === step && e.channel === 'sms');
      if (priority !== 'normal' || (text && (text.delivery === 'unknown' || text.error?.includes('opted-out')))) add(step, 'voice', t.phone, t.tier);
    }
    if (reachedEnd) {
      add(-1, 'sms', shape.leadPhone, 'lead-alert');
      add(-1, 'voice', shape.leadPhone, 'lead-alert');
      // "We are still trying to reach the on-call clinician": moot once someone took the page. It is
      // claimed in the same run as the lead's alert, so it can only be unclaimed at a take when a
      // kill interrupted that run and the take came before the run was re-driven.
      if (r.clientPhone) add(-1, 'sms', r.clientPhone, 'client', input.optedOut?.has(r.clientPhone) ?? false);
    }
  }
  report.expected = [...slots.values()].filter((slot) => !slot.optional).length;

  // Which slot each thing the phones received belongs to.
  const bySid = new Map<string, { pageId: string; entry: PageSend }>();
  for (const page of input.pages) for (const entry of page.steps) if (entry.sid) bySid.set(entry.sid, { pageId: page.id, entry });
  const byCode = new Map(raised.map((r) => [r.code, r]));
  const orphanTaken = new Set<string>(); // open claims already matched to a text
  const notices = new Map<string, number>();
  const extras = new Map<string, number[]>(); // pageId → steps of sends that fit no slot
  const arrivalsByPage = new Map<string, { at: number; step: number; what: string; phone: string; channel: string }[]>();
  const arrive = (slot: Slot, at: number) => {
    slot.arrivals.push(at);
    const list = arrivalsByPage.get(slot.pageId) ?? [];
    list.push({ at, step: slot.step < 0 ? total : slot.step, what: `${slot.field}`, phone: slot.phone, channel: slot.channel });
    arrivalsByPage.set(slot.pageId, list);
  };
  const raisedById = new Map(raised.map((r) => [r.id, r]));
  /** The phone a recorded send went to. */
  const phoneOf = (pageId: string, e: PageSend): string | null =>
    e.tier === 'client' ? (raisedById.get(pageId)?.clientPhone ?? null) : e.tier === 'lead-alert' ? shape.leadPhone : (shape.tiers.find((t) => t.clinicianId === e.clinicianId)?.phone ?? null);
  /** A text whose answer never came back: the open claim (`sending`, or `unknown` after a timeout) to that phone made last before it arrived. */
  const claimFor = (pageIds: string[], phone: string, arrivedAt: number): { pageId: string; step: number } | null => {
    const open = pageIds
      .flatMap((pageId) => entriesOf(pageId).map((e) => ({ pageId, e })))
      .filter(({ pageId, e }) => e.channel === 'sms' && !e.sid && (e.delivery === 'sending' || e.delivery === 'unknown') && phoneOf(pageId, e) === phone)
      .filter(({ pageId, e }) => !orphanTaken.has(`${pageId}|${e.step}|${e.tier}`) && Date.parse(e.at) <= arrivedAt + 1_000)
      .sort((a, b) => Date.parse(b.e.at) - Date.parse(a.e.at))[0];
    if (!open) return null;
    orphanTaken.add(`${open.pageId}|${open.e.step}|${open.e.tier}`);
    return { pageId: open.pageId, step: open.e.step };
  };
  /** A text with no record at all (its claim lost with Redis): the earliest expected text to that phone still empty. */
  const emptySlotFor = (pageIds: string[], phone: string, alert: boolean): { pageId: string; step: number } | null => {
    for (const pageId of pageIds) {
      const slot = [...slots.values()]
        .filter((s) => s.pageId === pageId && s.channel === 'sms' && s.phone === phone && s.arrivals.length === 0 && (alert ? s.step < 0 : true))
        .sort((a, b) => (a.step < 0 ? total : a.step) - (b.step < 0 ? total : b.step))[0];
      if (slot) return { pageId, step: slot.step };
    }
    return null;
  };

  const latencies: number[] = [];
  for (const request of input.requests) {
    if (request.outcome !== 'accepted') continue;
    let pageId: string | null = null;
    let step: number | null = null;
    const channel = request.kind === 'Calls' ? 'voice' : 'sms';
    if (request.kind === 'Calls') {
      const m = CALL_URL.exec(request.url);
      if (!m) continue; // a bridge call after CALL: not a page
      pageId = m[1]!;
      step = Number(m[2]);
    } else {
      const taken = TAKEN_TEXT.exec(request.body);
      if (taken) {
        const noticeKey = `${taken[1]}|${request.to}`;
        notices.set(noticeKey, (notices.get(noticeKey) ?? 0) + 1);
        continue;
      }
      const recorded = request.sid ? bySid.get(request.sid) : undefined;
      const code = (PAGE_TEXT.exec(request.body) ?? ALERT_TEXT.exec(request.body))?.[1];
      const isClientText = CLIENT_SAFETY.test(request.body);
      if (!recorded && !code && !isClientText) continue; // not a page (a reply, a relay)
      if (recorded) {
        pageId = recorded.pageId;
        step = recorded.entry.step;
      } else {
        const candidates = code ? [byCode.get(code)?.id].filter((id): id is string => Boolean(id)) : raised.filter((r) => r.clientPhone === request.to).map((r) => r.id);
        const found = claimFor(candidates, request.to, request.arrivedAt) ?? emptySlotFor(candidates, request.to, ALERT_TEXT.test(request.body) || isClientText);
        pageId = found?.pageId ?? candidates[0] ?? null;
        step = found?.step ?? null;
      }
    }
    if (!pageId || !raised.some((r) => r.id === pageId)) continue;
    const slot = step === null ? undefined : slots.get(key(pageId, step, channel, request.to));
    report.received += 1;
    if (slot) {
      arrive(slot, request.arrivedAt);
      const entry = entriesOf(pageId).find((e) => `${e.step}:${e.tier}:${e.channel}` === slot.field);
      if (entry) latencies.push(request.arrivedAt - Date.parse(entry.at));
      continue;
    }
    const list = extras.get(pageId) ?? [];
    list.push(step ?? Number.NaN);
    extras.set(pageId, list);
    if (step !== null && step > (lastStep.get(pageId) ?? total) && step < total && step >= 0) {
      report.afterTake += 1;
      problem(`${pageId}: step ${step} ${channel} to ${request.to} after the page was taken`);
    } else {
      report.duplicates += 1;
      problem(`${pageId}: ${channel} to ${request.to} (step ${step ?? '?'}) beyond one per send`);
    }
  }

  // Every expected send: once, never, or more than once.
  const inFlightPages = new Set<string>();
  for (const slot of slots.values()) {
    // A page raised to critical texts its tier again under a send of its own (a second recorded entry): that text is expected, not a duplicate.
    const sends = Math.max(1, entriesOf(slot.pageId).filter((e) => `${e.step}:${e.tier}:${e.channel}` === slot.field).length);
    if (slot.arrivals.length > sends) {
      report.duplicates += slot.arrivals.length - sends;
      problem(`${slot.pageId}: ${slot.field} to ${slot.phone} arrived ${slot.arrivals.length} times`);
    }
    if (slot.arrivals.length > 0 || slot.optional) continue;
    const entry = entriesOf(slot.pageId).find((e) => `${e.step}:${e.tier}:${e.channel}` === slot.field);
    if (entry?.delivery === 'sending') {
      report.lostInFlight += 1;
      inFlightPages.add(slot.pageId);
      const code = raisedById.get(slot.pageId)?.code ?? '';
      const dropped = input.requests.some(
        (q) => q.outcome === 'dropped' && q.to === slot.phone && (slot.channel === 'voice' ? q.url.includes(`pageId=${slot.pageId}&`) && q.url.endsWith(`step=${slot.step}`) : q.kind === 'Messages' && (q.body.includes(` ${code}`) || CLIENT_SAFETY.test(q.body))),
      );
      if (dropped) report.lostInFlightAtTwilio += 1;
    } else if (entry && (entry.delivery === 'failed' || entry.delivery === 'unknown')) {
      report.refused += 1;
    } else if (!entry && finals.get(slot.pageId)?.status === 'acknowledged' && (slot.step < 0 || slot.step < finals.get(slot.pageId)!.nextStep)) {
      report.mootAfterTake += 1;
    } else {
      report.lost += 1;
      problem(`${slot.pageId}: ${slot.field} to ${slot.phone} never arrived (${entry ? `recorded ${entry.delivery}` : 'never claimed'})`);
    }
  }

  for (const [noticeKey, count] of notices) {
    if (count > 1) {
      report.duplicates += count - 1;
      problem(`taken notice ${noticeKey} arrived ${count} times`);
    }
  }

  // In order: nothing of a step arrives after something of a later step of the same ladder.
  for (const [pageId, list] of arrivalsByPage) {
    let highest = -1;
    let highestWhat = '';
    for (const a of list.sort((x, y) => x.at - y.at)) {
      if (a.step < highest) {
        report.outOfOrder += 1;
        report.late.push({ pageId, what: a.what, at: a.at, phone: a.phone, channel: a.channel });
        const code = raisedById.get(pageId)?.code ?? '';
        const retried = input.requests.some(
          (q) => q.outcome === 'refused' && q.to === a.phone && q.arrivedAt < a.at && (a.channel === 'voice' ? q.url.includes(`pageId=${pageId}&`) : q.body.includes(` ${code}`) || CLIENT_SAFETY.test(q.body)),
        );
        if (retried) report.lateRetries += 1;
        problem(`${pageId}: ${a.what} arrived after ${highestWhat}`);
      } else {
        highest = a.step;
        highestWhat = a.what;
      }
    }
  }
  const troubled = new Set([...report.problems.map((p) => p.split(':')[0]!), ...inFlightPages]);
  for (const pageId of troubled) {
    const r = raisedById.get(pageId);
    if (!r) continue;
    const mine = input.requests.filter((q) => q.body.includes(` ${r.code}`) || q.url.includes(`pageId=${pageId}&`));
    report.traces[pageId] = [
      ...mine.map((q) => `req #${q.seq} ${q.arrivedAt} ${q.kind} ${q.to} ${q.outcome}${q.senderGone ? ' (sender gone)' : ''} ${q.kind === 'Calls' ? (/step=-?\d+/.exec(q.url)?.[0] ?? '') : q.body.slice(0, 24)}`),
      ...entriesOf(pageId).map((e) => `rec ${e.step}:${e.tier}:${e.channel} ${Date.parse(e.at)} ${e.delivery} ${e.error ?? ''}`),
    ];
  }
  if (latencies.length > 0) {
    const sorted = latencies.sort((a, b) => a - b);
    const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]!;
    report.claimToRequestMs = { p50: at(0.5), p99: at(0.99), max: sorted.at(-1)! };
  }
  return report;
}
