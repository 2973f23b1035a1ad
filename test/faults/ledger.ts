import { appendFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { StandinCall, StandinMessage } from '../../src/devtools/twilio-standin.js';
import type { Page } from '../../src/paging/pages.js';

export const FAULT_RESULTS = join(tmpdir(), 'afterhours-faults', 'results.ndjson');

/**
 * What a fault run did to its pages. A page is lost unless it was taken, or its ladder ran out
 * and reached the lead. A duplicate is a text or call the Twilio stand-in received beyond one per
 * claimed send: every send is claimed in its page's step record before it is made, so each
 * recorded SID must have arrived once, and sends whose SID was never written down (the worker
 * died, or the request timed out) can be at most one per such record.
 */
export function ledger(pages: Page[], sent: { messages: StandinMessage[]; calls: StandinCall[] }, leadPhone: string) {
  const entries = pages.flatMap((p) => p.steps);
  const received = [...sent.messages, ...sent.calls].map((s) => s.sid);
  const recordedTwice = entries.filter((e) => e.sid && received.filter((sid) => sid === e.sid).length !== 1).length;
  const orphans = received.filter((sid) => !entries.some((e) => e.sid === sid)).length;
  const unrecorded = entries.filter((e) => e.delivery === 'sending' || e.delivery === 'unknown').length;
  const duplicates = recordedTwice + Math.max(0, orphans - unrecorded);
  const lost = pages.filter((p) => {
    if (p.status === 'acknowledged') return false;
    if (p.status !== 'exhausted') return true;
    return !(sent.messages.some((m) => m.to === leadPhone && m.body.includes(p.code)) || sent.calls.some((c) => c.to === leadPhone && c.url.includes(p.id)));
  }).length;
  return { lost, duplicates };
}

export function recordFaultResult(row: { suite: string; ladders: number; faults: number; pagesLost: number; duplicates: number }): void {
  mkdirSync(join(tmpdir(), 'afterhours-faults'), { recursive: true });
  appendFileSync(FAULT_RESULTS, `${JSON.stringify(row)}\n`);
}
