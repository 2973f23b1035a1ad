import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { chromium, type Browser, type BrowserContext, type Locator, type Page } from 'playwright-core';
import type { DemoWorld } from '../../src/devtools/demo-world.js';

export const CHROMIUM = '/usr/bin/chromium';
export const hasChromium = existsSync(CHROMIUM);

/** Debian's Chromium, headless, in a fresh empty profile (Playwright makes a new one per launch), talking to nothing but loopback. */
export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
}

const AXE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

export interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  nodes: { target: string[] }[];
}

/** axe-core's serious and critical findings on the page as it is now. */
export async function seriousViolations(page: Page): Promise<string[]> {
  // Evaluated by the driver, so the console's own Content-Security-Policy (no inline script) stays on.
  await page.evaluate(AXE);
  const violations = (await page.evaluate(async () => {
    const axe = (globalThis as unknown as { axe: { run(): Promise<{ violations: AxeViolation[] }> } }).axe;
    return (await axe.run()).violations;
  })) as AxeViolation[];
  return violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).join('; ')})`);
}

/** The last sign-in code the Twilio stand-in was asked to text to a number. */
export function codeSentTo(world: DemoWorld, phone: string): string | null {
  const text = world.standin.messages.filter((m) => m.to === phone && /sign-in code/.test(m.body)).at(-1);
  return text ? /(\d{6})/.exec(text.body)![1]! : null;
}

/** Signs a person in through the screens, with the code the stand-in received. */
export async function signIn(context: BrowserContext, world: DemoWorld, phone: string): Promise<Page> {
  const page = await context.newPage();
  await page.goto(`${world.productBaseUrl}/console/tonight`);
  await page.getByLabel('Your phone number').fill(phone);
  const before = world.standin.messages.length;
  await page.getByRole('button', { name: 'Text me a code' }).click();
  await page.getByLabel('Code').waitFor();
  await waitUntil(() => world.standin.messages.slice(before).some((m) => m.to === phone));
  await page.getByLabel('Code').fill(codeSentTo(world, phone)!);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.waitForURL(/\/console\/tonight/);
  return page;
}

/** Waits until the (first) element's text contains `text`; throws with what it said instead. */
export async function seeText(locator: Locator, text: string): Promise<void> {
  let last = '';
  await waitUntil(async () => (last = (await locator.first().innerText({ timeout: 1_000 }).catch(() => '')) ?? '').includes(text), 10_000, () => `expected "${text}" in: ${last.slice(0, 600)}`);
}

export async function waitUntil(check: () => boolean | Promise<boolean>, timeoutMs = 15_000, describe = () => 'timed out waiting'): Promise<void> {
  const started = Date.now();
  while (!(await check())) {
    if (Date.now() - started > timeoutMs) throw new Error(describe());
    await new Promise((r) => setTimeout(r, 25));
  }
}
