/**
 * `npm run faults:readme`: rewrites the README's Reliability table from bench/results/faults.json
 * (written by `npm run test:faults`), between the fault-table markers, with the commit it measured.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { renderFaultTable, type FaultRow } from '../test/faults/rows.js';

const root = fileURLToPath(new URL('../', import.meta.url));
const BEGIN = '<!-- fault-table:begin (npm run faults:readme writes this part) -->';
const END = '<!-- fault-table:end -->';

interface Results {
  commit: string | null;
  dirty: boolean;
  measuredAt: string;
  node: string;
  cpus: number;
  durationSeconds: number;
  passed: boolean;
  rows: FaultRow[];
}

const results = JSON.parse(readFileSync(`${root}bench/results/faults.json`, 'utf8')) as Results;
if (!results.passed && !process.argv.includes('--failing')) {
  console.error('bench/results/faults.json is from a failing run; fix it and run npm run test:faults again (or pass --failing to publish it anyway).');
  process.exit(1);
}
const kill = results.rows.find((r) => r.suite.startsWith('kill -9'));
const kills = (kill?.details?.kills ?? []) as { inFlight: number }[];
const commit = results.commit ? `\`${results.commit.slice(0, 10)}\`${results.dirty ? ' with uncommitted changes' : ''}` : 'an unknown commit';
const lines = [
  BEGIN,
  '',
  `Measured at commit ${commit} on ${results.measuredAt.slice(0, 10)} (${results.cpus} cores shared, Node ${results.node.replace(/^v/, '')}); the suite took ${results.durationSeconds} s.` +
    (kill ? ` ${kills.filter((k) => k.inFlight > 0).length} of the ${kills.length} worker kills interrupted a send in flight.` : ''),
  '',
  renderFaultTable(results.rows, 'markdown'),
  '',
  END,
];
const readme = readFileSync(`${root}README.md`, 'utf8');
const start = readme.indexOf(BEGIN);
const end = readme.indexOf(END);
if (start < 0 || end < start) {
  console.error(`README.md has no fault table markers (${BEGIN} … ${END}) in its Reliability section.`);
  process.exit(1);
}
writeFileSync(`${root}README.md`, readme.slice(0, start) + lines.join('\n') + readme.slice(end + END.length));
console.log(`README.md: Reliability table from bench/results/faults.json (${results.rows.length} rows, commit ${results.commit?.slice(0, 10) ?? '?'}).`);
