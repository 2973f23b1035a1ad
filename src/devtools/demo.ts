import type { Config } from '../config.js';

/** Placeholder until the local Twilio stand-in lands (issue 6): says so instead of pretending. */
export async function runDemo(_options: { config: Config; interactive: boolean }): Promise<void> {
  throw new Error('the demo is not built yet: configure a Twilio account to run afterhours (see README)');
}
