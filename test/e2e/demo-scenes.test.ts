import { spawn } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.js';
import { createDemoWorld, type DemoWorld } from '../../src/devtools/demo-world.js';
import { playScenes, type SceneOutcome } from '../../src/devtools/scenes.js';
import { REDIS_URL } from '../support/system.js';

/**
 * The demo's four scenes as assertions: real HTTP to the product, real Redis, the real worker and
 * reconciler, the twilio client talking to the local stand-in. Nothing inside the product is mocked.
 */
let world: DemoWorld;
let outcomes: SceneOutcome[];
const transcript: string[] = [];

beforeAll(async () => {
  world = await createDemoWorld({ base: loadConfig({ REDIS_URL, REDIS_PREFIX: 'e2e' }), print: (line) => transcript.push(line) });
  outcomes = await playScenes(world);
}, 120_000);

afterAll(async () => {
  await world?.close();
});

const lines = (who: string) => transcript.filter((l) => l.includes(` ${who} `));

describe('end to end: the demo scenes', () => {
  it('invariant 1: scene 1: every caller hears 911 and 988 before the question', () => {
    const tess = lines('Tess');
    const firstQuestion = tess.findIndex((l) => l.includes('press 1 or say yes'));
    expect(tess.slice(0, firstQuestion).join(' ')).toMatch(/9-1-1.*9-8-8/);
  });

  it('invariant 2: scene 1: an emergency-only client who presses 1 is paged critical with nothing more asked, and the psychiatrist takes it by keypress', async () => {
    const [scene] = outcomes;
    expect(scene!.contact).toMatchObject({ clientId: 'tess', claimedUrgency: 'emergency' });
    expect(scene!.page).toMatchObject({ priority: 'critical', status: 'acknowledged', acknowledgedBy: 'ana', acknowledgedVia: 'voice' });
    expect(lines('Tess').some((l) => l.includes('records'))).toBe(false);
    expect(transcript.some((l) => l.includes('is connected to Tess, both seeing only the practice number +16175550100'))).toBe(true);
  });

  it('scene 2: a non-urgent text is kept for the next business day, with support to wait, and pages nobody', () => {
    const [, scene] = outcomes;
    expect(scene!.page).toBeNull();
    expect(scene!.contact).toMatchObject({ clientId: 'rob', channel: 'sms', claimedUrgency: 'not-emergency', message: 'Could we talk about my new dose at my next session?' });
    expect(scene!.replies[1]).toContain('Waiting can be hard');
  });

  it('invariant 3: scene 3: crisis wording pages at once and the client gets 988', () => {
    const [, , scene] = outcomes;
    expect(scene!.replies[0]).toMatch(/988/);
    expect(scene!.page).toMatchObject({ priority: 'critical', status: 'acknowledged', acknowledgedVia: 'sms' });
    expect(lines('Sam').some((l) => l.includes('the on-call psychiatrist has your message'))).toBe(true);
  });

  it('invariant 5: scene 4: a voicemail is not a take; nobody takes the page, it climbs to the backup, who takes it, and the primary is told', async () => {
    const [, , , scene] = outcomes;
    expect(scene!.page).toMatchObject({ status: 'acknowledged', acknowledgedBy: 'ben', acknowledgedVia: 'sms' });
    const tiers = scene!.page!.steps.map((s) => `${s.tier}:${s.clinicianId}:${s.channel}`);
    expect(tiers).toEqual(expect.arrayContaining(['primary:ana:sms', 'primary:ana:voice', 'backup:ben:sms']));
    const contact = await world.system.history.requireContact(scene!.contact!.id);
    expect(contact.recordingUrl).toMatch(/\/recordings\/RE/);
    expect(lines('Dr. Ruiz').some((l) => l.includes('was taken by Dr. Ben Cole'))).toBe(true);
    expect(lines('Dr. Ruiz').some((l) => l.includes('voicemail picks up'))).toBe(true);
  });

  it('scene 5: an 8 p.m. check-in names the practice, Tess answers 4, and a normal page reaches the on-call psychiatrist, who takes it', () => {
    const [, , , , scene] = outcomes;
    expect(lines('Tess').some((l) => /gets a text: "Riverside Psychiatry check-in: .*1 \(doing well\).*911.*988.*STOP/.test(l))).toBe(true);
    expect(scene!.replies[0]).toMatch(/psychiatrist know/);
    expect(scene!.contact).toMatchObject({ clientId: 'tess', channel: 'check-in', claimedUrgency: 'unsure' });
    expect(scene!.page).toMatchObject({ priority: 'normal', status: 'acknowledged', acknowledgedBy: 'ana' });
  });

  it('scene 6: the morning after, Dr. Ruiz is asked about the 2 a.m. page, answers W, and reads Tess\'s standing', () => {
    const [first, , , , , scene] = outcomes;
    expect(lines('Dr. Ruiz').some((l) => l.includes(`page ${first!.page!.code} (client T.M.,`) && l.includes(`Reply W ${first!.page!.code}`))).toBe(true);
    expect(scene!.contact).toMatchObject({ id: first!.contact!.id, disposition: 'warranted', dispositionBy: 'ana' });
    expect(scene!.replies).toEqual([`afterhours: page ${first!.page!.code} marked warranted. T.M.: emergency-only, 4 contacts.`]);
  });

  it('invariant 6: across the scenes, no page was sent twice to anyone for the same step', () => {
    const seen = world.standin.messages.map((m) => `${m.to} ${m.body}`);
    expect(seen.filter((s, i) => seen.indexOf(s) !== i)).toEqual([]);
  });
});

describe('end to end: afterhours demo --interactive', () => {
  it('when you text crisis words as a client, then 988 comes back and the page shows in the list', async () => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'src/cli.ts', 'demo', '--interactive'], {
      env: { ...process.env, REDIS_URL, REDIS_PREFIX: 'e2e-interactive', LOG_LEVEL: 'silent' },
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    let out = '';
    child.stdout.on('data', (chunk) => (out += String(chunk)));
    const waitFor = async (text: string) => {
      for (let i = 0; i < 300 && !out.includes(text); i++) await new Promise((r) => setTimeout(r, 50));
      expect(out).toContain(text);
    };
    await waitFor('You are a client of the practice');
    // The console's address and a code for Dr. Ruiz are printed, and the code signs her in.
    const [, base] = /The practice console: (http:\/\/127\.0\.0\.1:\d+)\/console/.exec(out) ?? [];
    const [, phone, code] = /phone (\+\d+), code (\d{6})/.exec(out) ?? [];
    const signIn = await fetch(`${base}/console/sign-in/code`, { method: 'POST', body: new URLSearchParams({ phone: phone!, code: code! }), redirect: 'manual' });
    expect(signIn.status).toBe(303);
    expect(signIn.headers.get('set-cookie')).toMatch(/^afterhours_console=/);
    child.stdin.write('text sam: i want to kill myself\n');
    await waitFor('988');
    child.stdin.write('pages\n');
    await waitFor('critical open');
    child.stdin.write('quit\n');
    await new Promise((resolve) => child.once('exit', resolve));
  }, 30_000);
});
