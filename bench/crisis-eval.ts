/**
 * `npm run crisis:eval`: the crisis detector against the corpus in test/triage/crisis-corpus.ts
 * and the independent corpus B (test/triage/crisis-corpus-b.ts, split by
 * test/triage/crisis-corpus-b-split.ts: even indices tune, odd indices are held out), beside the
 * phrase-list detector it replaced (copied below as `baseline`, unchanged) and the figures the
 * word-class detector had before corpus B was used (`beforeCorpusB`, measured at 2e4ce74). Prints
 * a table and writes bench/results/crisis.json: corpus sizes, recall and benign page rate (with
 * counts) on the original tuning part and held-out third, the FRESH set, corpus B's tuning half
 * and its held-out half, the cost per text, and, last, the misses and benign pages of the
 * held-out sets. A measurement, not a test.
 */
import { mkdirSync, writeFileSync } from 'node:fs';

// Loading the detector compiles and warms its rules: a one-off cost at start-up, measured here.
const loadStart = process.hrtime.bigint();
const { crisisMatch, normalise } = await import('../src/triage/crisis.js');
const loadMs = Number(process.hrtime.bigint() - loadStart) / 1e6;
import {
  FRESH_BENIGN,
  FRESH_CRISIS,
  FRESH_SPANISH,
  HELD_OUT_BENIGN,
  HELD_OUT_CRISIS,
  SPANISH,
  TUNING_BENIGN,
  TUNING_CRISIS,
} from '../test/triage/crisis-corpus.js';
import { B_HELD_BENIGN, B_HELD_CRISIS, B_TUNE_BENIGN, B_TUNE_CRISIS } from '../test/triage/crisis-corpus-b-split.js';

// ── baseline: the phrase-list detector as it was before this change (commit ff5d88e) ────────

const BASELINE_PHRASES: readonly string[] = [
  // intent, English
  'kill myself', 'killing myself', 'kill my self', 'kms', 'suicid*', 'want to die', 'wanna die', 'want to be dead',
  'wish i was dead', 'wish i were dead', 'better off dead', 'better off without me', 'end it all', 'ending it all', 'end it now', 'want to end it', 'going to end it',
  'end my life', 'ending my life', 'take my life', 'take my own life', 'no reason to live', 'nothing to live for',
  'not worth living', 'dont want to live', 'dont want to be here', 'dont want to wake up', 'not be here anymore',
  'cant go on', 'cant do this anymore', 'it all to end', 'want it to end', 'make it all stop', 'say goodbye',
  'goodbye forever', 'final goodbye', 'hurt myself', 'hurting myself', 'harm myself', 'self harm', 'cut myself',
  'cutting myself', 'hang myself', 'hanging myself', 'shoot myself', 'jump off', 'jump in front',
  // means and overdose, English
  'overdos*', 'od', 'pills', 'pill', 'tylenol', 'acetaminophen', 'paracetamol', 'advil', 'ibuprofen', 'sleeping pills',
  'took everything', 'took all my', 'whole bottle', 'gun', 'rope', 'noose', 'razor', 'blade', 'on the bridge', 'off the bridge', 'coffin', 'knife',
  // intent, Spanish
  'matarme', 'me voy a matar', 'suicidarme', 'quiero morir', 'quiero morirme', 'me quiero morir', 'no quiero vivir',
  'no quiero seguir', 'acabar con todo', 'terminar con todo', 'quitarme la vida', 'mejor muerto', 'mejor muerta',
  'no vale la pena vivir', 'no puedo mas', 'hacerme dano', 'lastimarme', 'cortarme', 'ahorcarme', 'despedirme',
  // means and overdose, Spanish
  'pastillas', 'pastilla', 'sobredosis', 'pistola', 'arma', 'cuerda', 'navaja', 'cuchillo', 'veneno',
];
const BASELINE_PATTERNS: readonly RegExp[] = [/(?:^| )\d{2,5} ?(?:mg|mgs|milligrams?|miligramos?)(?: |$)/];

function baselinePhrase(phrase: string): RegExp {
  const words = normalise(phrase.replace(/\*$/, '')).split(' ');
  const body = words.map((w) => w.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join(' ');
  return new RegExp(`(?:^| )${body}${phrase.endsWith('*') ? '[a-z]*' : ''}(?= |$)`);
}
const BASELINE_REGEXPS: readonly RegExp[] = [...BASELINE_PHRASES.map(baselinePhrase), ...BASELINE_PATTERNS];
const BASELINE_SPACED: readonly string[] = BASELINE_PHRASES.filter((p) => p.includes(' ') && !p.endsWith('*'))
  .map((p) => normalise(p).replace(/ /g, ''))
  .filter((p) => p.length >= 9);

function baseline(text: string | null | undefined): boolean {
  if (!text) return false;
  const normalised = normalise(text);
  if (!normalised) return false;
  const joined = normalised.replace(/ /g, '');
  return BASELINE_REGEXPS.some((p) => p.test(normalised)) || BASELINE_SPACED.some((p) => joined.includes(p));
}

const detector = (text: string) => crisisMatch(text) !== null;

// ── scoring ───────────────────────────────────────────────────────────────────────────────

const round = (x: number, places = 4) => Math.round(x * 10 ** places) / 10 ** places;

/** Recall and benign page rate of one set, with the counts behind them. */
function set(crisis: readonly string[], benign: readonly string[], detect: (t: string) => boolean) {
  const paged = crisis.filter(detect).length;
  const benignPaged = benign.filter(detect).length;
  return {
    recall: round(paged / crisis.length),
    benignPageRate: round(benignPaged / benign.length),
    crisisPaged: `${paged}/${crisis.length}`,
    benignPaged: `${benignPaged}/${benign.length}`,
  };
}

function score(detect: (t: string) => boolean) {
  return {
    tuning: set(TUNING_CRISIS, TUNING_BENIGN, detect),
    heldOut: set(HELD_OUT_CRISIS, HELD_OUT_BENIGN, detect),
    fresh: set(FRESH_CRISIS, FRESH_BENIGN, detect),
    bTuning: set(B_TUNE_CRISIS, B_TUNE_BENIGN, detect),
    bHeldOut: set(B_HELD_CRISIS, B_HELD_BENIGN, detect),
  };
}

/**
 * The word-class detector as it stood before corpus B (commit 2e4ce74), measured once then; its
 * code is not kept here, so these are recorded figures, not re-run ones.
 */
const beforeCorpusB = {
  tuning: { recall: 1, benignPageRate: 0, crisisPaged: '636/636', benignPaged: '0/389' },
  heldOut: { recall: 1, benignPageRate: 0, crisisPaged: '90/90', benignPaged: '0/41' },
  fresh: { recall: 0.6625, benignPageRate: 0.0667, crisisPaged: '53/80', benignPaged: '4/60' },
  bTuning: { recall: 0.5086, benignPageRate: 0.0976, crisisPaged: '89/175', benignPaged: '8/82' },
  bHeldOut: { recall: 0.569, benignPageRate: 0.0976, crisisPaged: '99/174', benignPaged: '8/82' },
  medianMicrosPerText: 9.6,
};

/** Median and 99th percentile microseconds per text, each text timed over many calls. */
function cost(detect: (t: string) => boolean) {
  const texts = [
    ...TUNING_CRISIS, ...HELD_OUT_CRISIS, ...TUNING_BENIGN, ...HELD_OUT_BENIGN, ...FRESH_CRISIS, ...FRESH_BENIGN,
    ...B_TUNE_CRISIS, ...B_TUNE_BENIGN, ...B_HELD_CRISIS, ...B_HELD_BENIGN,
  ];
  const calls = 200;
  for (const t of texts) for (let i = 0; i < 20; i += 1) detect(t); // warm up
  const micros = texts.map((t) => {
    const start = process.hrtime.bigint();
    for (let i = 0; i < calls; i += 1) detect(t);
    return Number(process.hrtime.bigint() - start) / 1000 / calls;
  });
  micros.sort((a, b) => a - b);
  const at = (q: number) => round(micros[Math.min(micros.length - 1, Math.floor(q * micros.length))] as number, 2);
  // the longest text Twilio delivers as one SMS (1,600 characters), made of benign texts: every rule runs to the end
  const long = [...TUNING_BENIGN].join('. ').slice(0, 1600);
  const start = process.hrtime.bigint();
  for (let i = 0; i < 20; i += 1) detect(long);
  const longMicros = Number(process.hrtime.bigint() - start) / 1000 / 20;
  return {
    medianMicrosPerText: at(0.5),
    p99MicrosPerText: at(0.99),
    maxMicrosPerText: round(micros[micros.length - 1] as number, 2),
    microsFor1600CharText: round(longMicros, 1),
  };
}

const corpusTexts = [...TUNING_CRISIS, ...HELD_OUT_CRISIS, ...TUNING_BENIGN, ...HELD_OUT_BENIGN];
const freshTexts = [...FRESH_CRISIS, ...FRESH_BENIGN];
const result = {
  generatedAt: new Date().toISOString(),
  node: process.version,
  detectorLoadMs: round(loadMs, 1),
  corpus: {
    tuning: { crisis: TUNING_CRISIS.length, benign: TUNING_BENIGN.length },
    heldOut: { crisis: HELD_OUT_CRISIS.length, benign: HELD_OUT_BENIGN.length },
    fresh: { crisis: FRESH_CRISIS.length, benign: FRESH_BENIGN.length },
    bTuning: { crisis: B_TUNE_CRISIS.length, benign: B_TUNE_BENIGN.length },
    bHeldOut: { crisis: B_HELD_CRISIS.length, benign: B_HELD_BENIGN.length },
    spanishShare: round(corpusTexts.filter((t) => SPANISH.has(t)).length / corpusTexts.length, 3),
    freshSpanishShare: round(freshTexts.filter((t) => FRESH_SPANISH.has(t)).length / freshTexts.length, 3),
  },
  detector: { ...score(detector), ...cost(detector) },
  beforeCorpusB,
  baseline: { ...score(baseline), ...cost(baseline) },
  heldOutMisses: HELD_OUT_CRISIS.filter((t) => !detector(t)),
  heldOutBenignPages: HELD_OUT_BENIGN.filter(detector),
  freshMisses: FRESH_CRISIS.filter((t) => !detector(t)),
  freshBenignPages: FRESH_BENIGN.filter(detector),
  bTuningMisses: B_TUNE_CRISIS.filter((t) => !detector(t)),
  bTuningBenignPages: B_TUNE_BENIGN.filter(detector),
  bHeldOutMisses: B_HELD_CRISIS.filter((t) => !detector(t)),
  bHeldOutBenignPages: B_HELD_BENIGN.filter(detector),
  categories: Object.fromEntries(
    [...[...TUNING_CRISIS, ...HELD_OUT_CRISIS, ...FRESH_CRISIS, ...B_TUNE_CRISIS, ...B_HELD_CRISIS].reduce((counts, t) => {
      const category = crisisMatch(t)?.category ?? '(missed)';
      return counts.set(category, (counts.get(category) ?? 0) + 1);
    }, new Map<string, number>())].sort((a, b) => b[1] - a[1]),
  ),
};

const pct = (x: number) => `${(x * 100).toFixed(1)} %`;
const log = (line: string) => process.stdout.write(`${line}\n`);
const c = result.corpus;
log(`crisis corpus: tuning ${c.tuning.crisis} crisis / ${c.tuning.benign} benign; held out ${c.heldOut.crisis} / ${c.heldOut.benign}; fresh ${c.fresh.crisis} / ${c.fresh.benign}; B tuning ${c.bTuning.crisis} / ${c.bTuning.benign}; B held out ${c.bHeldOut.crisis} / ${c.bHeldOut.benign}; Spanish ${pct(c.spanishShare)} (fresh ${pct(c.freshSpanishShare)})`);
type Scored = ReturnType<typeof score>;
const line = (d: Scored) =>
  (['tuning', 'heldOut', 'fresh', 'bTuning', 'bHeldOut'] as const)
    .map((k) => `${k} ${pct(d[k].recall)} (${d[k].crisisPaged}) / ${pct(d[k].benignPageRate)} (${d[k].benignPaged})`)
    .join('; ');
log('  recall (crisis paged) / benign page rate (benign paged):');
log(`  detector:        ${line(result.detector)}; ${result.detector.medianMicrosPerText} µs median, ${result.detector.p99MicrosPerText} µs p99 per text, ${result.detector.microsFor1600CharText} µs for 1,600 characters`);
log(`  before corpus B: ${line(beforeCorpusB)}; ${beforeCorpusB.medianMicrosPerText} µs median (recorded at 2e4ce74)`);
log(`  baseline:        ${line(result.baseline)}; ${result.baseline.medianMicrosPerText} µs median`);
log(`  detector load (compile and warm the rules, once): ${result.detectorLoadMs} ms`);
mkdirSync(new URL('./results/', import.meta.url), { recursive: true });
writeFileSync(new URL('./results/crisis.json', import.meta.url), `${JSON.stringify(result, null, 2)}\n`);
log('  written to bench/results/crisis.json');
// Last, and only once the rules are final: the texts behind the held-out figures.
log(`  original held-out misses: ${JSON.stringify(result.heldOutMisses)}; benign pages: ${JSON.stringify(result.heldOutBenignPages)}`);
log(`  fresh misses (${result.freshMisses.length}): ${JSON.stringify(result.freshMisses)}; benign pages (${result.freshBenignPages.length}): ${JSON.stringify(result.freshBenignPages)}`);
log(`  B tuning misses (${result.bTuningMisses.length}): ${JSON.stringify(result.bTuningMisses)}; benign pages (${result.bTuningBenignPages.length}): ${JSON.stringify(result.bTuningBenignPages)}`);
log(`  B held-out misses (${result.bHeldOutMisses.length}):`);
for (const t of result.bHeldOutMisses) log(`    ${JSON.stringify(t)}`);
log(`  B held-out benign pages (${result.bHeldOutBenignPages.length}):`);
for (const t of result.bHeldOutBenignPages) log(`    ${JSON.stringify(t)} <= ${crisisMatch(t)?.rule}`);
