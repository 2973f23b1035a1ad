import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { FAULT_ROWS, renderFaultTable, type FaultRow } from './rows.js';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
/** The results the README's Reliability table is regenerated from (`npm run faults:readme`). */
export const FAULT_RESULTS_FILE = join(ROOT, 'bench', 'results', 'faults.json');

let startedAt = 0;

function git(...args: string[]): string {
  try {
    return execFileSync('git', args, { cwd: ROOT, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
  } catch {
    return '';
  }
}

/** Global setup and teardown of the fault suite: clears the rows, then prints the table and writes the results file. */
export function setup(): void {
  startedAt = Date.now();
  rmSync(FAULT_ROWS, { force: true });
  mkdirSync(dirname(FAULT_ROWS), { recursive: true });
}

export function teardown(): void {
  let rows: FaultRow[] = [];
  try {
    rows = readFileSync(FAULT_ROWS, 'utf8').trim().split('\n').filter(Boolean).map((l) => JSON.parse(l) as FaultRow);
  } catch {
    return;
  }
  const durationSeconds = Math.round((Date.now() - startedAt) / 1_000);
  // The code measured: the commit, and whether tracked files other than the results differed from it.
  const dirty = git('status', '--porcelain', '--untracked-files=no')
    .split('\n')
    .filter((l) => l && !l.endsWith('bench/results/faults.json') && !l.endsWith('README.md')).length > 0;
  const results = {
    commit: git('rev-parse', 'HEAD') || null,
    dirty,
    measuredAt: new Date().toISOString(),
    node: process.version,
    cpus: cpus().length,
    durationSeconds,
    passed: rows.every((r) => r.failures.length === 0),
    rows,
  };
  mkdirSync(dirname(FAULT_RESULTS_FILE), { recursive: true });
  writeFileSync(FAULT_RESULTS_FILE, `${JSON.stringify(results, null, 2)}\n`);
  process.stdout.write(`\n${renderFaultTable(rows, 'text')}\n\nfault suite: ${durationSeconds} s; results in bench/results/faults.json (npm run faults:readme puts them in the README)\n`);
}
