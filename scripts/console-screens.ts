/**
 * Regenerates docs/screens/*.png, the README's pictures of the console: the demo's night (its four
 * scenes, then one page left waiting) seen by the practice lead in Debian's Chromium at phone size.
 * Run: npm run console:screens (needs Redis and /usr/bin/chromium).
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { loadConfig } from '../src/config.js';
import { DEMO_PEOPLE } from '../src/devtools/demo-practice.js';
import { createDemoWorld } from '../src/devtools/demo-world.js';
import { playScenes } from '../src/devtools/scenes.js';
import { launchChromium, signIn } from '../test/support/browser.js';

const OUT = join(import.meta.dirname, '..', 'docs', 'screens');

async function main(): Promise<void> {
  mkdirSync(OUT, { recursive: true });
  const world = await createDemoWorld({ base: loadConfig({ REDIS_URL: process.env.REDIS_URL ?? 'redis://127.0.0.1:6379', REDIS_PREFIX: 'screens' }), print: () => {} });
  const browser = await launchChromium();
  try {
    await playScenes(world);
    const context = await browser.newContext({ viewport: { width: 412, height: 900 }, deviceScaleFactor: 1 });
    const signInPage = await context.newPage();
    await signInPage.goto(`${world.productBaseUrl}/console/sign-in`);
    await signInPage.screenshot({ path: join(OUT, 'sign-in.png') });
    await signInPage.close();
    const page = await signIn(context, world, DEMO_PEOPLE.lee.phone);
    const shot = async (path: string, name: string) => {
      await page.goto(`${world.productBaseUrl}/console/${path}`);
      await page.screenshot({ path: join(OUT, `${name}.png`), fullPage: true });
      process.stdout.write(`docs/screens/${name}.png\n`);
    };
    // One page left waiting, so Tonight shows a ladder in progress.
    world.resetPhones();
    await world.text('sofia', 'no quiero vivir, tengo las pastillas aquí');
    await page.locator('#pages article .badge.open').first().waitFor({ timeout: 15_000 }).catch(() => {});
    await shot('tonight', 'tonight');
    await shot('contacts', 'contacts');
    // A disposition from the console, so the audit shows the person beside the change.
    await page.locator('article.awaiting').filter({ hasText: 'Tess Morgan' }).getByRole('button', { name: 'Warranted', exact: true }).click();
    await page.waitForURL(/done=disposition/);
    await shot('clients', 'clients');
    await shot('clients/tess', 'client');
    await shot('schedule', 'schedule');
    await shot('people', 'people');
    await shot('audit', 'audit');
    // And at a desk.
    await page.setViewportSize({ width: 1200, height: 900 });
    await shot('schedule', 'schedule-desk');
    await shot('tonight', 'tonight-desk');
  } finally {
    await browser.close();
    await world.close();
  }
}

await main();
