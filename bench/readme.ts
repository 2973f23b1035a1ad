/**
 * `npm run bench:readme`: rewrites the README's Performance tables from bench/results/latest.json
 * (written by `npm run bench`) and bench/results/profile.json, between their markers, with the
 * commit they measured. Nothing in the README's tables is typed by hand.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Row } from './run.js';
import type { NightResult } from './night.js';

const root = fileURLToPath(new URL('../', import.meta.url));
const marker = (name: string) => [`<!-- ${name}:begin (npm run bench:readme writes this part) -->`, `<!-- ${name}:end -->`] as const;

interface Latest {
  commit: string | null;
  dirty: boolean;
  measuredAt: string;
  durationSeconds: number;
  machine: { cpus: number; node: string; loadBefore: { loadavg: number[] }; loadAfter: { loadavg: number[] } };
  settings: { rounds: number; seconds: number; connections: number; directory: number; growth: number; nightContacts: number };
  rows: Row[];
  redisBytesPerClient: number;
  night: NightResult | null;
  notes: string[];
}
interface Profile {
  measuredAt: string;
  seconds: number;
  connections: number;
  requests: number;
  failed: number;
  rps: number;
  busyMs: number;
  idleMs: number;
  functions: { name: string; percentOfBusy: number }[];
  modules: { module: string; percentOfBusy: number }[];
  byCaller: { module: string; percentOfBusy: number }[];
}

const latest = JSON.parse(readFileSync(`${root}bench/results/latest.json`, 'utf8')) as Latest;
const num = (n: number) => (Math.abs(n) >= 100 ? Math.round(n).toLocaleString('en-US') : String(Math.round(n * 100) / 100));
const load = (l: number[]) => l.map((x) => x.toFixed(2)).join(', ');
const commit = latest.commit ? `\`${latest.commit.slice(0, 10)}\`${latest.dirty ? ' with uncommitted changes' : ''}` : 'an unknown commit';
const s = latest.settings;
const checks = (r: Row) => {
  const a = r.checks.afterhours;
  const b = r.checks.baseline;
  if (!a.checked) return '—';
  return `${a.failed} of ${a.checked.toLocaleString('en-US')}${b ? ` (baseline ${b.failed} of ${b.checked.toLocaleString('en-US')})` : ''}`;
};
const verdict = (r: Row) => (r.met === null ? 'informational' : `${r.goal}: ${r.met ? 'met' : '**not met**'}`);

const perf = [
  `Measured at commit ${commit} on ${latest.measuredAt.slice(0, 10)}: ${latest.machine.cpus} cores shared with other work (load average ${load(latest.machine.loadBefore.loadavg)} before the run, ${load(latest.machine.loadAfter.loadavg)} after), Node ${latest.machine.node.replace(/^v/, '')}; the run took ${latest.durationSeconds} s. ` +
    `Throughput: ${s.rounds} interleaved rounds of ${s.seconds} s per side at ${s.connections} connections, callers drawn from ${s.directory.toLocaleString('en-US')} clients of the directory with 1 in 10 unknown numbers. ` +
    'Every answer is checked (status 200, the TwiML that says a page was queued, not the safety fallback answer, and that the page exists in Redis); the last column counts the failures.',
  '',
  '| measure | afterhours | baseline | ratio | goal | failed checks |',
  '|---|---|---|---|---|---|',
  ...latest.rows.map((r) => `| ${r.measure} | ${num(r.afterhours)} ${r.unit} | ${r.baselineLabel}: ${num(r.baseline)} ${r.unit} | ${r.ratio} | ${verdict(r)} | ${checks(r)} |`),
  '',
  `Redis holds about ${latest.redisBytesPerClient} bytes per client.${latest.notes.length ? ` Notes: ${latest.notes.join('; ')}.` : ''}`,
];

const night = latest.night;
const nightLines = night
  ? [
      `From the same run (commit ${commit}): ${night.settings.contacts} contacts over a night compressed to ${night.settings.nightSeconds} s, through the signed webhooks of \`afterhours start\` (` +
        Object.entries(night.contacts).sort((a, b) => b[1] - a[1]).map(([k, v]) => `${k}: ${v}`).join('; ') +
        `); the Twilio stand-in fails ${Math.round(night.settings.failShare * 100)}% of requests with a 500, the primary lets ${Math.round(night.settings.missShare * 100)}% of pages ring out, clinicians take by texting "1 CODE" (or pressing 1 on a page call) after 0.3–1.5 s, \`ACK_TIMEOUT_SECONDS=${night.settings.ackTimeoutSeconds}\`. ` +
        'The clock starts when the webhook that made the claim is sent.',
      '',
      '| from the claim until | p50 | p99 | max | pages |',
      '|---|---|---|---|---|',
      ...night.table.map((r) => `| ${r.measure.replace(/^claim → /, '').replace(/ \(ms\)$/, '')} | ${num(r.p50)} ms | ${num(r.p99)} ms | ${num(r.max)} ms | ${r.n} |`),
      '',
      `Pages: ${night.pages} raised (${night.expectedPages} expected from the mix), ${night.taken} taken (` +
        Object.entries(night.takenBy).map(([k, v]) => `${v} by ${k}`).join(', ') +
        `), **${night.lost} lost**. Twilio requests: ${night.twilioRequests.total}, of which the stand-in failed ${night.twilioRequests.failed}; webhooks answered other than expected: ${night.webhookFailures}.` +
        (night.notes.length ? ` Notes: ${night.notes.slice(0, 5).join('; ')}.` : ''),
    ]
  : ['(The last run skipped the night.)'];

const profileLines: string[] = [];
if (existsSync(`${root}bench/results/profile.json`)) {
  const p = JSON.parse(readFileSync(`${root}bench/results/profile.json`, 'utf8')) as Profile;
  const label = (m: string) => (m === '(root)' ? "Node's event loop (socket reads, timers; no JS caller)" : m.startsWith('src/') ? `afterhours \`${m}\`` : m.startsWith('(') ? m : `\`${m}\``);
  profileLines.push(
    `\`node --cpu-prof\` on \`afterhours web\` under the throughput load (${p.connections} connections, ${p.seconds} s, ${p.requests.toLocaleString('en-US')} answers, ${p.failed} failed, ${p.rps} req/s while profiled; ${p.measuredAt.slice(0, 10)}), start-up excluded. Self time as a share of the busy time (${Math.round(p.busyMs)} ms busy, ${Math.round(p.idleMs)} ms idle), Node's internals and native calls charged to the package or file that called them:`,
    '',
    '| where the time goes | share of busy CPU |',
    '|---|---|',
    ...p.byCaller.slice(0, 10).map((m) => `| ${label(m.module)} | ${m.percentOfBusy}% |`),
    '',
    'Top functions by self time: ' + p.functions.slice(0, 8).map((f) => `${f.name.replace(/ \(native, called from \(.*\)\)$/, '')} ${f.percentOfBusy}%`).join('; ') + '.',
  );
}

// How well crisis language is read, from bench/results/crisis.json (`npm run crisis:eval`).
interface CrisisSet { recall: number; benignPageRate: number; crisisPaged: string; benignPaged: string }
const crisis = JSON.parse(readFileSync(`${root}bench/results/crisis.json`, 'utf8')) as {
  generatedAt: string;
  corpus: { spanishShare: number };
  detector: Record<string, CrisisSet> & { medianMicrosPerText: number; p99MicrosPerText: number };
  baseline: Record<string, CrisisSet>;
};
const pct = (x: number) => `${(x * 100).toFixed(1)} %`;
const CRISIS_SETS: [string, string][] = [
  ['bHeldOut', '**held out, independent author** (corpus B, odd items: never tuned on)'],
  ['heldOut', "held out, the rules' author (a third of the first corpus)"],
  ['bTuning', 'tuning, independent author (corpus B, even items)'],
  ['fresh', "the rules' author's later probe set (tuned on in round 2)"],
  ['tuning', "tuning, the rules' author"],
];
const crisisLines = [
  `From \`bench/results/crisis.json\` (\`npm run crisis:eval\`, ${crisis.generatedAt.slice(0, 10)}); corpora in \`test/triage/crisis-corpus*.ts\`, about ${Math.round(crisis.corpus.spanishShare * 100)} % Spanish. The first line is the honest measure of how the detector reads text it was not built from.`,
  '',
  '| set | crisis texts paged (recall) | benign texts paged | the old phrase list |',
  '|---|---|---|---|',
  ...CRISIS_SETS.map(([key, label]) => {
    const d = crisis.detector[key]!;
    const b = crisis.baseline[key]!;
    return `| ${label} | ${d.crisisPaged} (${pct(d.recall)}) | ${d.benignPaged} (${pct(d.benignPageRate)}) | ${pct(b.recall)} / ${pct(b.benignPageRate)} |`;
  }),
  '',
  `Cost: ${crisis.detector.medianMicrosPerText} µs median, ${crisis.detector.p99MicrosPerText} µs p99 per text.`,
];

let readme = readFileSync(`${root}README.md`, 'utf8');
for (const [name, lines] of [['bench-table', perf], ['night-table', nightLines], ['profile-table', profileLines], ['crisis-table', crisisLines]] as const) {
  const [begin, end] = marker(name);
  const a = readme.indexOf(begin);
  const b = readme.indexOf(end);
  if (a < 0 || b < a) {
    console.error(`README.md has no ${name} markers (${begin} … ${end}) in its Performance section.`);
    process.exit(1);
  }
  readme = readme.slice(0, a) + [begin, '', ...lines, '', end].join('\n') + readme.slice(b + end.length);
}
writeFileSync(`${root}README.md`, readme);
console.log(`README.md: Performance tables from bench/results/latest.json (${latest.rows.length} rows, commit ${latest.commit?.slice(0, 10) ?? '?'}) and profile.json.`);
