/**
 * A simulated night: time to reach a clinician. Hundreds of contacts (calls and texts, claims,
 * silences, crisis words, messages that need no page, unknown numbers) through the signed
 * webhooks of `afterhours start`, against a Twilio stand-in that fails a share of requests, with
 * clinicians' phones that take pages by texting "1 CODE" (or pressing 1 on a page call), and a
 * primary who lets some pages ring out. For each page: claim → a clinician's phone first texted or
 * rung (the stand-in accepted the request), and claim → taken; pages lost must be 0.
 *
 * The claim time is when the parent sent the webhook that made the page (the last webhook of that
 * caller sent before the page's creation); the times are all Date.now() on this one machine.
 *
 * Environment: BENCH_NIGHT_SECONDS (60: the night, compressed), BENCH_NIGHT_FAIL (0.1: share of
 * Twilio requests failed), BENCH_NIGHT_MISS (0.3: share of pages the primary lets ring out),
 * BENCH_NIGHT_ACK (2: ACK_TIMEOUT_SECONDS).
 */
import { randomBytes } from 'node:crypto';
import { startTwilioStandin, type StandinCall, type StandinMessage } from '../src/devtools/twilio-standin.js';
import type { Page } from '../src/paging/pages.js';
import { ACCOUNT_SID, AUTH_TOKEN, freePort, newCallSid, percentile, signed, spawnServer, stop } from './lib.js';

const NIGHT_SECONDS = Number(process.env.BENCH_NIGHT_SECONDS ?? 60);
const FAIL_SHARE = Number(process.env.BENCH_NIGHT_FAIL ?? 0.1);
const MISS_SHARE = Number(process.env.BENCH_NIGHT_MISS ?? 0.3);
const ACK_SECONDS = Number(process.env.BENCH_NIGHT_ACK ?? 2);
const LINE = '+16175550100';
const PAGE_TEXT = /^afterhours (?:[A-Z]+ page|ALERT: \w+ page) (\d{4})/;

/** A seeded random, so a night's mix is the same from run to run. */
function seeded(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

type Step = { path: string; params: Record<string, string>; expect: RegExp };
interface Script {
  kind: string;
  pages: boolean;
  steps: (from: string) => Step[];
}

const voice = (sid: string, from: string, attempt: number, extra: Record<string, string>): Step => ({
  path: `/twilio/voice/answer?attempt=${attempt}&lang=en`,
  params: { CallSid: sid, From: from, To: LINE, AccountSid: ACCOUNT_SID, ...extra },
  expect: /<Response>/,
});
const text = (from: string, body: string): Step => ({
  path: '/twilio/sms',
  params: { MessageSid: `SM${randomBytes(16).toString('hex')}`, From: from, To: LINE, AccountSid: ACCOUNT_SID, Body: body, NumMedia: '0' },
  expect: /<Response/,
});
const greeting = (sid: string, from: string): Step => ({ path: '/twilio/voice', params: { CallSid: sid, From: from, To: LINE, AccountSid: ACCOUNT_SID }, expect: /<Response>/ });

/** The night's mix, by share. */
const MIX: [number, Script][] = [
  [0.25, { kind: 'call, presses 1', pages: true, steps: (from) => { const sid = newCallSid(); return [greeting(sid, from), voice(sid, from, 1, { Digits: '1' })]; } }],
  [0.1, { kind: 'call, presses 2 (message)', pages: false, steps: (from) => { const sid = newCallSid(); return [greeting(sid, from), voice(sid, from, 1, { Digits: '2' })]; } }],
  [0.1, { kind: 'call, silent twice', pages: true, steps: (from) => { const sid = newCallSid(); return [greeting(sid, from), voice(sid, from, 1, {}), voice(sid, from, 2, {})]; } }],
  [0.1, { kind: 'call, crisis words', pages: true, steps: (from) => { const sid = newCallSid(); return [greeting(sid, from), voice(sid, from, 1, { SpeechResult: 'I want to kill myself tonight', Confidence: '0.9' })]; } }],
  [0.15, { kind: 'text, then YES', pages: true, steps: (from) => [text(from, 'Hi, can someone from the practice call me back?'), text(from, 'YES')] }],
  [0.1, { kind: 'text, crisis words', pages: true, steps: (from) => [text(from, 'I want to end my life')] }],
  [0.1, { kind: 'text, then NO', pages: false, steps: (from) => [text(from, 'I need to move my appointment on Thursday'), text(from, 'NO')] }],
  [0.1, { kind: 'unknown number, presses 1', pages: true, steps: (from) => { const sid = newCallSid(); return [greeting(sid, from), voice(sid, from, 1, { Digits: '1' })]; } }],
];

export interface NightResult {
  settings: { contacts: number; nightSeconds: number; failShare: number; missShare: number; ackTimeoutSeconds: number };
  table: { measure: string; p50: number; p99: number; max: number; n: number }[];
  contacts: Record<string, number>;
  expectedPages: number;
  pages: number;
  taken: number;
  takenBy: Record<string, number>;
  lost: number;
  twilioRequests: { total: number; failed: number };
  webhookFailures: number;
  notes: string[];
}

export async function runNight(o: {
  prefix: string;
  sys: { pages: { list(status?: Page['status'], limit?: number): Promise<Page[]>; get(id: string): Promise<Page | null> }; history: { getContact(id: string): Promise<{ from: string } | null> } };
  contacts: number;
  envFor: (port: number, prefix: string, extra: Record<string, string>, apiBase: string) => Record<string, string>;
  clientPhone: (i: number) => string;
  unknownPhone: (i: number) => string;
  clinicians: Record<'ana' | 'ben' | 'lee', string>;
  log: (line: string) => void;
}): Promise<NightResult> {
  const random = seeded(16);
  const standin = await startTwilioStandin({ accountSid: ACCOUNT_SID, authToken: AUTH_TOKEN, callbacks: false, failShare: FAIL_SHARE, random: seeded(4) });
  const port = await freePort();
  const server = await spawnServer(['src/cli.ts', 'start'], o.envFor(port, o.prefix, { ACK_TIMEOUT_SECONDS: String(ACK_SECONDS) }, standin.baseUrl), port);
  const post = async (path: string, params: Record<string, string>) => {
    const { body, signature } = signed(path, params);
    const res = await fetch(`http://127.0.0.1:${port}${path}`, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded', 'x-twilio-signature': signature }, body });
    return { status: res.status, text: await res.text() };
  };

  // The clinicians' phones. The primary (ana) lets a share of pages ring out; anyone else takes
  // the first text or call of a page they get, after a short human delay.
  const byPhone = Object.fromEntries(Object.entries(o.clinicians).map(([id, phone]) => [phone, id]));
  const tried = new Set<string>();
  const notes: string[] = [];
  let takeFailures = 0;
  const misses = new Map<string, boolean>();
  const willTake = (key: string, phone: string) => {
    if (byPhone[phone] !== 'ana') return true;
    if (!misses.has(key)) misses.set(key, random() >= MISS_SHARE);
    return misses.get(key)!;
  };
  const humanDelay = () => 300 + Math.floor(random() * 1_200);
  standin.events.on('message', (m: StandinMessage) => {
    const code = PAGE_TEXT.exec(m.body)?.[1];
    if (!code || !byPhone[m.to] || tried.has(`${code}|${m.to}`) || !willTake(code, m.to)) return;
    tried.add(`${code}|${m.to}`);
    setTimeout(() => {
      post('/twilio/sms', { MessageSid: `SM${randomBytes(16).toString('hex')}`, From: m.to, To: LINE, AccountSid: ACCOUNT_SID, Body: `1 ${code}` })
        .then((r) => {
          if (r.status !== 200) takeFailures += 1;
        })
        .catch(() => (takeFailures += 1));
    }, humanDelay());
  });
  standin.events.on('call', async (c: StandinCall) => {
    const url = new URL(c.url);
    const pageId = url.searchParams.get('pageId');
    const clinicianId = url.searchParams.get('clinicianId');
    if (!pageId || !clinicianId || !byPhone[c.to]) return;
    // the same miss decision as for the page's text: a primary who misses a page misses its call too
    const code = (await o.sys.pages.get(pageId))?.code ?? pageId;
    const key = `call:${pageId}|${c.to}`;
    if (tried.has(key) || !willTake(code, c.to)) return;
    tried.add(key);
    setTimeout(() => {
      post(`/twilio/page/key?pageId=${encodeURIComponent(pageId)}&clinicianId=${encodeURIComponent(clinicianId)}`, { CallSid: `CA${randomBytes(16).toString('hex')}`, Digits: '1', To: c.to, From: LINE, AccountSid: ACCOUNT_SID }).catch(() => (takeFailures += 1));
    }, humanDelay());
  });

  // The night: each contact at a random moment of it, from its own number.
  const sent = new Map<string, number[]>();
  const kinds: Record<string, number> = {};
  let expectedPages = 0;
  const expectedFrom = new Set<string>();
  let webhookFailures = 0;
  const runs: Promise<void>[] = [];
  for (let i = 0; i < o.contacts; i++) {
    let pick = random();
    const script = MIX.find(([share]) => (pick -= share) < 0)?.[1] ?? MIX[0]![1];
    const from = script.kind.startsWith('unknown') ? o.unknownPhone(i) : o.clientPhone(i);
    kinds[script.kind] = (kinds[script.kind] ?? 0) + 1;
    if (script.pages) (expectedPages += 1), expectedFrom.add(from);
    const at = random() * NIGHT_SECONDS * 1_000;
    runs.push(
      new Promise<void>((resolve) => setTimeout(resolve, at)).then(async () => {
        for (const step of script.steps(from)) {
          sent.set(from, [...(sent.get(from) ?? []), Date.now()]);
          const r = await post(step.path, step.params).catch(() => ({ status: 0, text: '' }));
          if (r.status !== 200 || !step.expect.test(r.text)) webhookFailures += 1;
          await new Promise((res) => setTimeout(res, 500 + random() * 2_000)); // the caller listens, the texter types
        }
      }),
    );
  }
  await Promise.all(runs);

  // Wait until every page is taken (or the ladder ran out), at most two minutes.
  let pages: Page[] = [];
  for (let i = 0; i < 240; i++) {
    pages = await o.sys.pages.list(undefined, 100_000);
    if (pages.length >= expectedPages && pages.every((p) => p.status !== 'open')) break;
    await new Promise((r) => setTimeout(r, 500));
  }
  await stop(server);
  await standin.close();

  const toClinician = standin.requests.filter((q) => q.outcome === 'accepted' && byPhone[q.to]);
  const reach: number[] = [];
  const take: number[] = [];
  const takenBy: Record<string, number> = {};
  const pagedFrom = new Set<string>();
  let lost = 0;
  for (const page of pages) {
    const contact = await o.sys.history.getContact(page.contactId);
    const from = contact?.from ?? '';
    pagedFrom.add(from);
    const created = Date.parse(page.createdAt);
    const claim = (sent.get(from) ?? []).filter((t) => t <= created + 1).pop();
    if (claim === undefined) {
      notes.push(`page ${page.code}: no webhook of ${from} before it`);
      continue;
    }
    const first = toClinician.filter((q) => q.body.startsWith(`afterhours `) && PAGE_TEXT.exec(q.body)?.[1] === page.code || q.url.includes(`pageId=${page.id}`)).map((q) => q.arrivedAt);
    if (first.length) reach.push(Math.min(...first) - claim);
    if (page.acknowledgedAt) {
      take.push(Date.parse(page.acknowledgedAt) - claim);
      takenBy[page.acknowledgedBy ?? '?'] = (takenBy[page.acknowledgedBy ?? '?'] ?? 0) + 1;
    } else lost += 1;
    if (!first.length) notes.push(`page ${page.code}: no clinician's phone was reached`);
  }
  const neverPaged = [...expectedFrom].filter((f) => !pagedFrom.has(f)).length;
  lost += neverPaged;
  if (neverPaged) notes.push(`${neverPaged} contacts that should have paged made no page`);
  if (takeFailures) notes.push(`${takeFailures} takes from a clinician's phone were not answered 200`);
  const stat = (measure: string, xs: number[]) => ({ measure, p50: Math.round(percentile(xs, 50)), p99: Math.round(percentile(xs, 99)), max: Math.round(Math.max(...xs)), n: xs.length });
  const result: NightResult = {
    settings: { contacts: o.contacts, nightSeconds: NIGHT_SECONDS, failShare: FAIL_SHARE, missShare: MISS_SHARE, ackTimeoutSeconds: ACK_SECONDS },
    table: [stat("claim → a clinician's phone first texted or rung (ms)", reach), stat('claim → a clinician has taken it (ms)', take)],
    contacts: kinds,
    expectedPages,
    pages: pages.length,
    taken: take.length,
    takenBy,
    lost,
    twilioRequests: { total: standin.requests.length, failed: standin.requests.filter((q) => q.outcome === 'refused').length },
    webhookFailures,
    notes,
  };
  for (const r of result.table) o.log(`  ${r.measure}: p50 ${r.p50}, p99 ${r.p99}, max ${r.max} (n ${r.n})`);
  o.log(`  pages ${result.pages} (expected ${expectedPages}), taken ${result.taken} ${JSON.stringify(takenBy)}, lost ${lost}; Twilio requests ${result.twilioRequests.total}, failed by the stand-in ${result.twilioRequests.failed}; webhook failures ${webhookFailures}`);
  return result;
}
