import { DateTime } from 'luxon';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.js';
import { scripted } from '../../src/devtools/call-driver.js';
import { DEMO_PEOPLE } from '../../src/devtools/demo-practice.js';
import { createDemoWorld, type DemoWorld } from '../../src/devtools/demo-world.js';
import { codeSentTo, hasChromium, launchChromium, seeText, seriousViolations, signIn, waitUntil } from '../support/browser.js';
import { REDIS_URL } from '../support/system.js';

/**
 * The console in Debian's Chromium against the real product (the demo's world: real HTTP, Redis,
 * worker and the Twilio stand-in), one practice night: Dr. Ruiz (psychiatrist, primary tonight)
 * and Sue (staff) each sign in with the code their phone was texted.
 */
const STAFF = { id: 'sue', name: 'Sue Staff', phone: '+16175550120' };
let world: DemoWorld;
let browser: Browser;
let anaContext: BrowserContext;
let ana: Page;

beforeAll(async () => {
  if (!hasChromium) throw new Error('Chromium is not installed at /usr/bin/chromium: apt-get install -y chromium (.ci/run does it)');
  // A long acknowledgement timeout: the page waits for the take, it does not climb while the test works.
  world = await createDemoWorld({ base: loadConfig({ REDIS_URL, REDIS_PREFIX: 'console-e2e' }), print: () => {}, ackTimeoutSeconds: 900 });
  await world.system.directory.putClinician(STAFF.id, { name: STAFF.name, phone: STAFF.phone, role: 'staff' });
  browser = await launchChromium();
  anaContext = await browser.newContext();
}, 60_000);

afterAll(async () => {
  await browser?.close();
  await world?.close();
});

const accessible = async (page: Page) => expect(await seriousViolations(page)).toEqual([]);

describe('the console in a real browser', { timeout: 60_000 }, () => {
  it('sign-in: the code texted to the phone on file signs the person in; the cookie is httpOnly and SameSite=Strict', async () => {
    const page = await anaContext.newPage();
    await page.goto(`${world.productBaseUrl}/console/sign-in`);
    await accessible(page);
    await page.getByLabel('Your phone number').fill('617 555 0101');
    await page.getByRole('button', { name: 'Text me a code' }).click();
    await page.getByLabel('Code').waitFor();
    await accessible(page);
    await waitUntil(() => codeSentTo(world, DEMO_PEOPLE.ana.phone) !== null);
    await page.getByLabel('Code').fill('000000' === codeSentTo(world, DEMO_PEOPLE.ana.phone) ? '111111' : '000000');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await seeText(page.locator('#f-code-error'), 'is not right');
    await page.getByLabel('Code').fill(codeSentTo(world, DEMO_PEOPLE.ana.phone)!);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.waitForURL(/\/console\/tonight/);
    const [cookie] = await anaContext.cookies();
    expect(cookie).toMatchObject({ name: 'afterhours_console', httpOnly: true, sameSite: 'Strict', path: '/console' });
    ana = page;
    await seeText(ana.locator('.oncall'), 'Dr. Ana Ruiz');
    await accessible(ana);
  });

  it('Tonight: a page arrives live after a signed emergency call, with its ladder, without reloading', async () => {
    await ana.evaluate(() => ((globalThis as unknown as { notReloaded: boolean }).notReloaded = true));
    await world.call('tess', scripted({ digits: '1' }));
    const card = ana.locator('#pages article').filter({ hasText: 'open' }).first();
    await card.waitFor({ timeout: 15_000 });
    await seeText(card, 'critical');
    await seeText(card, 'Tess Morgan');
    await card.locator('table').getByText('Dr. Ana Ruiz').first().waitFor();
    expect(await ana.evaluate(() => (globalThis as unknown as { notReloaded?: boolean }).notReloaded)).toBe(true);
    await accessible(ana);
  });

  it('Tonight: taking the page from the console acknowledges it by web, and the audit names the person', async () => {
    await ana.getByRole('button', { name: /^Take page \d+/ }).click();
    await ana.waitForURL(/done=taken/);
    await seeText(ana.getByRole('status'), 'You took the page');
    const [page] = await world.system.pages.list('acknowledged');
    expect(page).toMatchObject({ acknowledgedBy: 'ana', acknowledgedVia: 'web' });
    const audit = await world.system.audit.recent({ limit: 10 });
    expect(audit).toEqual(expect.arrayContaining([expect.objectContaining({ actor: 'ana', via: 'console', action: 'POST /console/pages/:id/take', recordId: page!.id })]));
  });

  it('Contacts: the call awaits a disposition on top, with its standing at the time; warranted is recorded by the person', async () => {
    await ana.getByRole('link', { name: 'Contacts' }).click();
    const card = ana.locator('article.awaiting').filter({ hasText: 'Tess Morgan' }).first();
    await seeText(card, 'said it is an emergency');
    await seeText(card, 'Standing at the time: emergency-only');
    await accessible(ana);
    await card.getByLabel('Note (optional)').fill('Real crisis; seen next morning.');
    await card.getByRole('button', { name: 'Warranted', exact: true }).click();
    await ana.waitForURL(/done=disposition/);
    await seeText(ana.locator('article').filter({ hasText: 'Tess Morgan' }).first(), 'Warranted, by Dr. Ana Ruiz');
    const [contact] = await world.system.history.listContacts({ clientId: 'tess', limit: 1 });
    expect(contact).toMatchObject({ disposition: 'warranted', dispositionBy: 'ana', dispositionNote: 'Real crisis; seen next morning.' });
  });

  it('Clients: a bad agreement shows the error beside the field and keeps what was typed; a good one changes the standing', async () => {
    await ana.getByRole('link', { name: 'Clients' }).click();
    await accessible(ana);
    await ana.getByRole('link', { name: 'Rob Alvarez' }).click();
    await seeText(ana.locator('#standing'), 'No history');
    await accessible(ana);
    await ana.getByLabel('Trust').selectOption('always');
    await ana.getByLabel('Non-urgent contacts allowed in 30 days').fill('lots');
    await ana.getByRole('button', { name: 'Save agreement' }).click();
    await seeText(ana.locator('#f-maxNonUrgentPer30Days-error'), 'must be a whole number');
    expect(await ana.getByLabel('Non-urgent contacts allowed in 30 days').inputValue()).toBe('lots');
    expect(await ana.getByLabel('Trust').inputValue()).toBe('always');
    await ana.getByLabel('Non-urgent contacts allowed in 30 days').fill('4');
    await ana.getByRole('button', { name: 'Save agreement' }).click();
    await ana.waitForURL(/done=agreement/);
    await seeText(ana.locator('#standing'), 'Emergency-only');
    await seeText(ana.locator('#standing'), 'trusted by agreement');
    expect((await world.system.directory.getClient('rob'))!.agreement).toMatchObject({ trust: 'always', maxNonUrgentPer30Days: 4 });
  });

  it('a clinician is refused what the role does not allow: another clinician’s client, the audit, the directory, the schedule', async () => {
    expect((await ana.goto(`${world.productBaseUrl}/console/clients/sofia`))!.status()).toBe(404);
    expect((await ana.goto(`${world.productBaseUrl}/console/audit`))!.status()).toBe(403);
    await ana.goto(`${world.productBaseUrl}/console/schedule`);
    expect(await ana.getByRole('button', { name: 'Add override' }).count()).toBe(0);
    await ana.goto(`${world.productBaseUrl}/console/people`);
    expect(await ana.getByRole('button', { name: 'Save' }).count()).toBe(0);
    await accessible(ana);
    // A hand-made form with the session's own token is still refused by role.
    const token = await ana.locator('input[name=_csrf]').first().inputValue();
    const status = await ana.evaluate(async (token) => {
      const body = new URLSearchParams({ _csrf: token, id: 'mallory', name: 'Mallory', phone: '+16175550177', role: 'lead' });
      return (await fetch('/console/people', { method: 'POST', body })).status;
    }, token);
    expect(status).toBe(403);
    expect(await world.system.directory.getClinician('mallory')).toBeNull();
  });

  it('staff: adding an override changes who Tonight shows on call; a bad one keeps the form with the error beside it', async () => {
    const context = await browser.newContext();
    const sue = await signIn(context, world, STAFF.phone);
    await seeText(sue.locator('.oncall'), 'Dr. Ana Ruiz');
    expect(await sue.getByRole('button', { name: /^Take page/ }).count()).toBe(0);
    await sue.getByRole('link', { name: 'Schedule' }).click();
    await accessible(sue);
    const local = (minutes: number) => DateTime.fromJSDate(world.now()).setZone(world.config.timezone).plus({ minutes }).toFormat("yyyy-MM-dd'T'HH:mm");
    await sue.getByLabel('Who').selectOption('ben');
    await sue.getByLabel('From').fill(local(-60));
    await sue.getByLabel('To').fill(local(-120));
    await sue.getByRole('button', { name: 'Add override' }).click();
    await seeText(sue.locator('#f-to-error'), 'must end after it starts');
    expect(await sue.getByLabel('Who').inputValue()).toBe('ben');
    await sue.getByLabel('To').fill(local(180));
    await sue.getByRole('button', { name: 'Add override' }).click();
    await sue.waitForURL(/done=override/);
    await sue.getByRole('link', { name: 'Tonight' }).click();
    await seeText(sue.locator('.oncall div').first(), 'Dr. Ben Cole');
    for (const screen of ['people', 'audit', 'contacts', 'clients']) {
      await sue.goto(`${world.productBaseUrl}/console/${screen}`);
      await accessible(sue);
    }
    await sue.goto(`${world.productBaseUrl}/console/audit?person=sue`);
    await seeText(sue.locator('table'), 'added an override');
    await context.close();
  });

  it('sign-out ends the session: the screens ask for sign-in again and the old cookie opens nothing', async () => {
    const [cookie] = await anaContext.cookies();
    await ana.goto(`${world.productBaseUrl}/console/tonight`);
    await ana.getByRole('button', { name: 'Sign out' }).click();
    await ana.waitForURL(/\/console\/sign-in/);
    const replay = await fetch(`${world.productBaseUrl}/console/tonight`, { headers: { cookie: `${cookie!.name}=${cookie!.value}` }, redirect: 'manual' });
    expect(replay.status).toBe(303);
    expect(replay.headers.get('location')).toBe('/console/sign-in');
  });
});
