import { appendFileSync, mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { expect } from 'vitest';
import { FAULT_ROWS, type FaultRow } from './rows.js';

/**
 * Records a row, then fails the test if any of its checks failed: the table shows the figures
 * of a failing run too, so the failure can be read there.
 */
export function recordRow(row: Omit<FaultRow, 'failures'>, checks: Record<string, boolean>, problems: string[] = []): FaultRow {
  const failures = Object.entries(checks)
    .filter(([, ok]) => !ok)
    .map(([name]) => name);
  const full: FaultRow = { ...row, failures };
  mkdirSync(dirname(FAULT_ROWS), { recursive: true });
  appendFileSync(FAULT_ROWS, `${JSON.stringify(full)}\n`);
  expect(failures, `${row.suite}: ${failures.join('; ')}\n${problems.join('\n')}`).toEqual([]);
  return full;
}
