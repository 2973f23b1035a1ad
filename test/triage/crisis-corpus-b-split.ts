/**
 * Corpus B (test/triage/crisis-corpus-b.ts, written independently of the detector's author) split
 * deterministically, without touching its texts: items at an even index (0, 2, 4, …) of each array
 * are TUNING (rules may be written while reading them); items at an odd index are HELD OUT (only
 * ever scored in aggregate, never read to pick rules).
 */
import { B_BENIGN, B_CRISIS } from './crisis-corpus-b.js';

const even = (_: string, i: number) => i % 2 === 0;
const odd = (_: string, i: number) => i % 2 === 1;

export const B_TUNE_CRISIS: readonly string[] = B_CRISIS.filter(even);
export const B_TUNE_BENIGN: readonly string[] = B_BENIGN.filter(even);
export const B_HELD_CRISIS: readonly string[] = B_CRISIS.filter(odd);
export const B_HELD_BENIGN: readonly string[] = B_BENIGN.filter(odd);
