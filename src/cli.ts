#!/usr/bin/env node
import { readFile } from 'node:fs/promises';
import { ConfigError, loadConfig, loadDotEnv, type Config } from './config.js';
import { importPractice } from './import/practice.js';
import { ValidationError } from './errors.js';
import { createLogger } from './log.js';
import { createSystem, type Roles } from './main.js';

const USAGE = `usage: afterhours <command>

  start                 web and worker in one process (needs a Twilio account; see demo)
  web                   the HTTP half: Twilio webhooks, admin API, health and metrics
  worker                the paging half: page queue, escalation ladder, reconciler, digests
  import <practice.json> clinicians, clients and the on-call schedule from one file
  audit [--since ISO]   the admin audit trail as JSON lines
  demo [--interactive]  the whole flow on this machine with no Twilio account`;

function fail(message: string): never {
  process.stderr.write(`${message}\n`);
  process.exit(1);
}

function config(): Config {
  try {
    loadDotEnv();
    return loadConfig();
  } catch (error) {
    if (error instanceof ConfigError) fail(`afterhours cannot start: the environment is invalid\n${error.lines.map((l) => `  ${l}`).join('\n')}`);
    throw error;
  }
}

async function run(roles: Roles): Promise<void> {
  const cfg = config();
  if (!cfg.twilio) {
    fail('afterhours start, web and worker need a Twilio account (TWILIO_ACCOUNT_SID, TWILIO_AUTH_TOKEN, TWILIO_PHONE_NUMBER). To see the whole flow without one, run the demo: `npm run demo` (afterhours demo).');
  }
  const log = createLogger({ level: cfg.logLevel });
  const system = createSystem({ config: cfg, log, roles, defaultMetrics: true });
  if (!(await system.connect())) log.error(`Redis does not answer at the configured REDIS_URL; webhooks answer with the safety fallback until it does`);
  await system.warnAboutSetup();
  await system.start();
  if (roles.web) log.info({ port: cfg.port, publicBaseUrl: cfg.publicBaseUrl }, 'afterhours web listening');
  if (roles.worker) log.info('afterhours worker running');
  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    log.info({ signal }, 'shutting down');
    await system.close();
    process.exit(0);
  };
  process.on('SIGTERM', () => void stop('SIGTERM'));
  process.on('SIGINT', () => void stop('SIGINT'));
}

async function runImport(path: string | undefined): Promise<void> {
  if (!path) fail('usage: afterhours import <practice.json>');
  const cfg = config();
  let data: unknown;
  try {
    data = JSON.parse(await readFile(path, 'utf8'));
  } catch (error) {
    fail(`${path}: ${(error as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : `not valid JSON (${(error as Error).message})`}`);
  }
  const system = createSystem({ config: cfg, log: createLogger({ level: cfg.logLevel }), roles: { web: false, worker: false } });
  try {
    if (!(await system.connect())) fail(`Redis does not answer at ${cfg.redisUrl}`);
    const summary = await importPractice({ redis: system.redis, keys: system.keys, schemas: system.schemas, now: system.now }, data);
    await system.audit.append({ at: system.now().toISOString(), actor: 'import', action: 'IMPORT practice', recordType: 'practice', recordId: null, status: 200 });
    process.stdout.write(`imported ${summary.clinicians} clinicians, ${summary.clients} clients${summary.schedule ? ' and the on-call schedule' : ''}\n`);
  } catch (error) {
    if (error instanceof ValidationError) {
      fail(`${path}: nothing was imported\n${error.fields.map((f) => `  ${f.field}: ${f.message}`).join('\n')}`);
    }
    throw error;
  } finally {
    await system.close();
  }
}

async function runAudit(args: string[]): Promise<void> {
  const cfg = config();
  const sinceIndex = args.indexOf('--since');
  const since = sinceIndex >= 0 ? new Date(args[sinceIndex + 1] ?? '') : undefined;
  if (since && Number.isNaN(since.getTime())) fail('--since needs an ISO time');
  const system = createSystem({ config: cfg, log: createLogger({ level: cfg.logLevel }), roles: { web: false, worker: false } });
  try {
    if (!(await system.connect())) fail(`Redis does not answer at ${cfg.redisUrl}`);
    for await (const line of system.audit.exportLines(since)) process.stdout.write(`${line}\n`);
  } finally {
    await system.close();
  }
}

async function main(argv: string[]): Promise<void> {
  const [command, ...args] = argv;
  switch (command) {
    case 'start':
      return run({ web: true, worker: true });
    case 'web':
      return run({ web: true, worker: false });
    case 'worker':
      return run({ web: false, worker: true });
    case 'import':
      return runImport(args[0]);
    case 'audit':
      return runAudit(args);
    case 'demo': {
      const { runDemo } = await import('./devtools/demo.js');
      return runDemo({ config: config(), interactive: args.includes('--interactive') });
    }
    default:
      fail(USAGE);
  }
}

main(process.argv.slice(2)).catch((error: unknown) => {
  process.stderr.write(`afterhours failed: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
