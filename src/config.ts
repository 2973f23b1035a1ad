import { existsSync } from 'node:fs';
import { IANAZone } from 'luxon';
import { z } from 'zod';
import { parseBusinessHours, type BusinessHours } from './business-hours.js';
import { toE164 } from './phone.js';

/** The validated, frozen configuration every module receives; nothing else reads the environment. */
export interface Config {
  readonly port: number;
  readonly publicBaseUrl: string;
  readonly redisUrl: string;
  readonly redisPrefix: string;
  /** Null when no Twilio account is configured: only the demo (with its local stand-in) runs then. */
  readonly twilio: TwilioConfig | null;
  readonly adminToken: string | null;
  /** Bearer token for `/metrics` and the details of `/readyz`; null: `/metrics` answers 404. */
  readonly metricsToken: string | null;
  /** Audit entries older than this are trimmed when the next one is written. */
  readonly auditRetentionDays: number;
  readonly practiceName: string;
  readonly timezone: string;
  readonly businessHours: BusinessHours;
  readonly ackTimeoutSeconds: number;
  readonly escalationRounds: number;
  readonly fallbackOncallPhone: string | null;
  /** Default region for phone numbers written without a country code. */
  readonly phoneRegion: string;
  readonly logLevel: 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';
  /** How often the reconciler looks for overdue escalation steps. */
  readonly reconcileIntervalMs: number;
  /** How long one Twilio REST request may take before it counts as timed out. */
  readonly twilioTimeoutMs: number;
  /** Where contacts taken while Redis is unreachable wait, on local disk, to be replayed. */
  readonly spoolDir: string;
}

export interface TwilioConfig {
  readonly accountSid: string;
  readonly authToken: string;
  readonly phoneNumber: string;
  readonly apiBaseUrl: string;
}

/** Raised when the environment cannot start the product; `lines` has one entry per bad variable. */
export class ConfigError extends Error {
  constructor(readonly lines: string[]) {
    super(`invalid configuration:\n${lines.map((l) => `  ${l}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

const optionalText = z
  .string()
  .trim()
  .transform((v) => (v === '' ? undefined : v))
  .optional();

const positiveInt = (fallback: number) =>
  z
    .string()
    .trim()
    .default(String(fallback))
    .pipe(z.string().regex(/^[1-9][0-9]*$/, 'must be a positive whole number'))
    .transform(Number);

const url = z.string().trim().url('must be a URL such as https://example.org').transform((v) => v.replace(/\/+$/, ''));

const schema = z
  .object({
    PORT: z
      .string()
      .trim()
      .default('3000')
      .pipe(z.string().regex(/^[0-9]+$/, 'must be a port number'))
      .transform(Number)
      .refine((n) => n >= 0 && n <= 65535, 'must be between 0 and 65535'),
    PUBLIC_BASE_URL: optionalText.pipe(url.optional()),
    REDIS_URL: z
      .string()
      .trim()
      .default('redis://127.0.0.1:6379')
      .refine((v) => /^rediss?:\/\//.test(v), 'must start with redis:// or rediss://'),
    REDIS_PREFIX: z
      .string()
      .trim()
      .default('afterhours')
      .pipe(z.string().regex(/^[A-Za-z0-9_.-]+$/, 'letters, digits, dot, dash and underscore only')),
    TWILIO_ACCOUNT_SID: optionalText.pipe(
      z.string().regex(/^AC[0-9a-fA-F]{32}$/, 'must be an account SID: AC followed by 32 hex digits').optional(),
    ),
    TWILIO_AUTH_TOKEN: optionalText,
    TWILIO_PHONE_NUMBER: optionalText,
    TWILIO_API_BASE_URL: z.string().trim().default('https://api.twilio.com').pipe(url),
    ADMIN_TOKEN: optionalText.pipe(z.string().min(16, 'must be at least 16 characters').optional()),
    METRICS_TOKEN: optionalText.pipe(z.string().min(16, 'must be at least 16 characters').optional()),
    AUDIT_RETENTION_DAYS: positiveInt(2555),
    PRACTICE_NAME: optionalText,
    PRACTICE_TIMEZONE: z
      .string()
      .trim()
      .default('America/New_York')
      .refine((v) => IANAZone.isValidZone(v), 'must be an IANA time zone such as America/New_York'),
    BUSINESS_HOURS: z
      .string()
      .trim()
      .default('Mon-Fri 09:00-17:00')
      .superRefine((value, ctx) => {
        try {
          parseBusinessHours(value);
        } catch (error) {
          ctx.addIssue({ code: 'custom', message: (error as Error).message });
        }
      }),
    ACK_TIMEOUT_SECONDS: positiveInt(300),
    ESCALATION_ROUNDS: positiveInt(2),
    FALLBACK_ONCALL_PHONE: optionalText,
    PHONE_REGION: z
      .string()
      .trim()
      .default('US')
      .pipe(z.string().regex(/^[A-Z]{2}$/, 'must be a two-letter country code such as US')),
    LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
    RECONCILE_INTERVAL_MS: positiveInt(15_000),
    TWILIO_TIMEOUT_MS: positiveInt(10_000),
    SPOOL_DIR: z.string().trim().min(1, 'must be a directory path').default('./data/spool'),
  });

/** Checks that span variables or depend on another one; run on the raw values so every problem is reported at once. */
function crossChecks(env: Record<string, string | undefined>): string[] {
  const lines: string[] = [];
  const set = (name: string) => Boolean(env[name]?.trim());
  if (set('TWILIO_ACCOUNT_SID') !== set('TWILIO_AUTH_TOKEN')) {
    const missing = set('TWILIO_ACCOUNT_SID') ? 'TWILIO_AUTH_TOKEN' : 'TWILIO_ACCOUNT_SID';
    lines.push(`${missing}: must be set together with the other Twilio credential`);
  } else if (set('TWILIO_ACCOUNT_SID') && !set('TWILIO_PHONE_NUMBER')) {
    lines.push('TWILIO_PHONE_NUMBER: is required with a Twilio account');
  }
  const region = /^[A-Z]{2}$/.test(env.PHONE_REGION?.trim() ?? '') ? env.PHONE_REGION!.trim() : 'US';
  for (const name of ['TWILIO_PHONE_NUMBER', 'FALLBACK_ONCALL_PHONE']) {
    if (set(name) && !toE164(env[name]!, region)) lines.push(`${name}: must be a phone number, e.g. +16175550100`);
  }
  return lines;
}

/**
 * Reads and validates the environment once, at start, so a misconfigured deployment stops
 * before it answers a single call rather than failing on the first emergency.
 */
export function loadConfig(env: Record<string, string | undefined> = process.env): Config {
  const parsed = schema.safeParse(env);
  const lines = [
    ...(parsed.success ? [] : parsed.error.issues.map((issue) => `${issue.path.join('.') || 'environment'}: ${issue.message}`)),
    ...crossChecks(env),
  ];
  if (!parsed.success || lines.length > 0) throw new ConfigError([...new Set(lines)]);
  const e = parsed.data;
  const twilio: TwilioConfig | null =
    e.TWILIO_ACCOUNT_SID && e.TWILIO_AUTH_TOKEN && e.TWILIO_PHONE_NUMBER
      ? {
          accountSid: e.TWILIO_ACCOUNT_SID,
          authToken: e.TWILIO_AUTH_TOKEN,
          phoneNumber: toE164(e.TWILIO_PHONE_NUMBER, e.PHONE_REGION)!,
          apiBaseUrl: e.TWILIO_API_BASE_URL,
        }
      : null;
  return Object.freeze({
    port: e.PORT,
    publicBaseUrl: e.PUBLIC_BASE_URL ?? `http://localhost:${e.PORT}`,
    redisUrl: e.REDIS_URL,
    redisPrefix: e.REDIS_PREFIX,
    twilio: twilio && Object.freeze(twilio),
    adminToken: e.ADMIN_TOKEN ?? null,
    metricsToken: e.METRICS_TOKEN ?? null,
    auditRetentionDays: e.AUDIT_RETENTION_DAYS,
    practiceName: e.PRACTICE_NAME ?? 'our practice',
    timezone: e.PRACTICE_TIMEZONE,
    businessHours: parseBusinessHours(e.BUSINESS_HOURS),
    ackTimeoutSeconds: e.ACK_TIMEOUT_SECONDS,
    escalationRounds: e.ESCALATION_ROUNDS,
    fallbackOncallPhone: e.FALLBACK_ONCALL_PHONE ? toE164(e.FALLBACK_ONCALL_PHONE, e.PHONE_REGION) : null,
    phoneRegion: e.PHONE_REGION,
    logLevel: e.LOG_LEVEL,
    reconcileIntervalMs: e.RECONCILE_INTERVAL_MS,
    twilioTimeoutMs: e.TWILIO_TIMEOUT_MS,
    spoolDir: e.SPOOL_DIR,
  });
}


/**
 * Loads `.env` from the working directory into the environment when there is one, without
 * overriding variables already set (so a deployment's own environment wins).
 */
export function loadDotEnv(path = '.env'): void {
  if (existsSync(path)) process.loadEnvFile(path);
}
