import { mkdirSync, readFileSync, rmSync } from 'node:fs';
import { dirname } from 'node:path';
import { FAULT_RESULTS } from './ledger.js';

/** Global setup and teardown of the fault suite: clears the ledger, then prints the closing table. */
export function setup(): void {
  rmSync(FAULT_RESULTS, { force: true });
  mkdirSync(dirname(FAULT_RESULTS), { recursive: true });
}

export function teardown(): void {
  let rows: { suite: string; ladders: number; faults: number; pagesLost: number; duplicates: number }[] = [];
  try {
    rows = readFileSync(FAULT_RESULTS, 'utf8').trim().split('\n').filter(Boolean).map((l) => JSON.parse(l));
  } catch {
    return;
  }
  const total = rows.reduce((t, r) => ({ suite: 'total', ladders: t.ladders + r.ladders, faults: t.faults + r.faults, pagesLost: t.pagesLost + r.pagesLost, duplicates: t.duplicates + r.duplicates }), { suite: 'total', ladders: 0, faults: 0, pagesLost: 0, duplicates: 0 });
  const line = (r: typeof total) => `${r.suite.padEnd(26)} ${String(r.ladders).padStart(8)} ${String(r.faults).padStart(8)} ${String(r.pagesLost).padStart(11)} ${String(r.duplicates).padStart(16)}`;
  process.stdout.write(`\n${'fault suite'.padEnd(26)} ${'ladders'.padStart(8)} ${'faults'.padStart(8)} ${'pages lost'.padStart(11)} ${'duplicates sent'.padStart(16)}\n`);
  for (const r of [...rows, total]) process.stdout.write(`${line(r)}\n`);
}
