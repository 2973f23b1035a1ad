import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** Where the rows of one run gather (the test files run one after another, each in its own fork). */
export const FAULT_ROWS = join(tmpdir(), 'afterhours-faults', 'rows.ndjson');

/**
 * One row of the fault table: what was done, how often it really happened, and what the phones
 * received. Every figure is counted from observations; `null` is "nothing to observe" (printed
 * as a dash), never a stand-in for zero. Adding a row is one `recordRow` call in a test file.
 */
export interface FaultRow {
  /** The fault, in a few words. */
  suite: string;
  /** What the row ran: "12 ladders", "2 contacts, 2 ladders", "300 requests" (see `count`). */
  ran: string;
  /** How many times the fault was injected. */
  faultsInjected: number;
  /** How many of those were seen to happen where they should (a kill mid-step, an error answered); null: each injection is its own observation. */
  faultsObserved: number | null;
  /** Ladder rows: expected page texts, calls and alerts that never reached a phone (not counting lostInFlight); contact rows: contacts lost. */
  lost: number | null;
  /** Sends a kill interrupted between their claim and Twilio's answer: the documented at-most-once price. */
  lostInFlight: number | null;
  /** Texts and calls a phone received more than once for one send (contact rows: contacts kept twice). */
  duplicates: number | null;
  notes: string;
  /** The checks that failed; a run with any is a failing run, and its test fails. */
  failures: string[];
  details?: Record<string, unknown>;
}

const COLUMNS = ['fault', 'ran', 'faults injected', 'faults observed', 'lost', 'lost to a kill in flight', 'duplicates', 'notes'] as const;

function cells(row: FaultRow): string[] {
  const figure = (value: number | null) => (value === null ? '—' : String(value));
  // A fault that never happened measured nothing: say so instead of printing a reassuring 0.
  const didNotOccur = row.faultsInjected > 0 && row.faultsObserved === 0;
  const outcome = (value: number | null) => (didNotOccur ? 'fault did not occur' : figure(value));
  const observed = row.faultsObserved === null ? '—' : String(row.faultsObserved);
  const notes = row.failures.length > 0 ? `FAILED: ${row.failures.join('; ')}. ${row.notes}` : row.notes;
  return [row.suite, row.ran, String(row.faultsInjected), observed, outcome(row.lost), outcome(row.lostInFlight), outcome(row.duplicates), notes];
}

/** The table as Markdown (README) or as aligned text (the end of `npm run test:faults`). */
export function renderFaultTable(rows: FaultRow[], format: 'markdown' | 'text'): string {
  const body = rows.map(cells);
  if (format === 'markdown') {
    const line = (c: readonly string[]) => `| ${c.map((x) => x.replace(/\|/g, '\\|')).join(' | ')} |`;
    return [line(COLUMNS), line(COLUMNS.map(() => '---')), ...body.map(line)].join('\n');
  }
  const widths = COLUMNS.map((c, i) => (i === COLUMNS.length - 1 ? 0 : Math.max(c.length, ...body.map((r) => r[i]!.length))));
  const line = (c: readonly string[]) => c.map((x, i) => x.padEnd(widths[i]!)).join('  ').trimEnd();
  return [line(COLUMNS), ...body.map(line)].join('\n');
}

/** "1 ladder", "12 ladders". */
export function count(n: number, noun: string): string {
  return `${n} ${noun}${n === 1 ? '' : 's'}`;
}
