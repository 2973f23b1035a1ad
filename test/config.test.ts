import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../src/config.js';

function problems(env: Record<string, string>): string[] {
  try {
    loadConfig(env);
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    return (error as ConfigError).lines;
  }
  throw new Error('expected the configuration to be refused');
}

describe('config', () => {
  it('when TRUST_PROXY is unset, a hop count or addresses and subnets, then it is read as such; anything else is refused by name', () => {
    expect(loadConfig({}).trustProxy).toBe(false);
    expect(loadConfig({ TRUST_PROXY: '1' }).trustProxy).toBe(1);
    expect(loadConfig({ TRUST_PROXY: 'loopback, 10.0.0.0/8,::1' }).trustProxy).toEqual(['loopback', '10.0.0.0/8', '::1']);
    for (const bad of ['yes', '10.0.0.0/33', '10.0.0/8', 'loopback,example.org', '1/2/3']) {
      expect(problems({ TRUST_PROXY: bad })).toEqual([expect.stringMatching(/^TRUST_PROXY: must be a number of proxy hops/)]);
    }
  });

  it('when the environment is empty, then the documented defaults apply and no Twilio account is configured', () => {
    const config = loadConfig({});
    expect(config).toMatchObject({
      port: 3000,
      publicBaseUrl: 'http://localhost:3000',
      redisUrl: 'redis://127.0.0.1:6379',
      redisPrefix: 'afterhours',
      twilio: null,
      adminToken: null,
      metricsToken: null,
      auditRetentionDays: 2555,
      timezone: 'America/New_York',
      ackTimeoutSeconds: 300,
      escalationRounds: 2,
      fallbackOncallPhone: null,
      logLevel: 'info',
    });
    expect(config.businessHours).toEqual({ days: [1, 2, 3, 4, 5], openMinute: 540, closeMinute: 1020 });
    expect(Object.isFrozen(config)).toBe(true);
  });

  it('when a Twilio account is given, then the number is normalised and the API base is kept without a trailing slash', () => {
    const config = loadConfig({
      TWILIO_ACCOUNT_SID: `AC${'a'.repeat(32)}`,
      TWILIO_AUTH_TOKEN: 'secret',
      TWILIO_PHONE_NUMBER: '(617) 555-0100',
      TWILIO_API_BASE_URL: 'http://127.0.0.1:4010/',
      PUBLIC_BASE_URL: 'https://line.example.org/',
      FALLBACK_ONCALL_PHONE: '617-555-0199',
    });
    expect(config.twilio).toEqual({
      accountSid: `AC${'a'.repeat(32)}`,
      authToken: 'secret',
      phoneNumber: '+16175550100',
      apiBaseUrl: 'http://127.0.0.1:4010',
    });
    expect(config.publicBaseUrl).toBe('https://line.example.org');
    expect(config.fallbackOncallPhone).toBe('+16175550199');
  });

  it('when several variables are wrong, then each gets its own clear line', () => {
    const lines = problems({
      PORT: 'eighty',
      ACK_TIMEOUT_SECONDS: '0',
      ESCALATION_ROUNDS: '-1',
      PRACTICE_TIMEZONE: 'Mars/Olympus',
      BUSINESS_HOURS: 'weekdays',
      FALLBACK_ONCALL_PHONE: '12',
      REDIS_URL: 'http://nope',
      LOG_LEVEL: 'loud',
    });
    for (const name of ['PORT', 'ACK_TIMEOUT_SECONDS', 'ESCALATION_ROUNDS', 'PRACTICE_TIMEZONE', 'BUSINESS_HOURS', 'FALLBACK_ONCALL_PHONE', 'REDIS_URL', 'LOG_LEVEL']) {
      expect(lines.filter((l) => l.startsWith(`${name}:`))).toHaveLength(1);
    }
  });

  it('when only half of the Twilio credentials are set, then the start is refused naming the missing one', () => {
    expect(problems({ TWILIO_ACCOUNT_SID: `AC${'b'.repeat(32)}` })).toEqual(['TWILIO_AUTH_TOKEN: must be set together with the other Twilio credential']);
    expect(problems({ TWILIO_ACCOUNT_SID: `AC${'b'.repeat(32)}`, TWILIO_AUTH_TOKEN: 'x' })).toEqual(['TWILIO_PHONE_NUMBER: is required with a Twilio account']);
  });

  it('when the admin or metrics token is short, then it is refused rather than guessed easily', () => {
    expect(problems({ ADMIN_TOKEN: 'short' })).toEqual(['ADMIN_TOKEN: must be at least 16 characters']);
    expect(problems({ METRICS_TOKEN: 'short' })).toEqual(['METRICS_TOKEN: must be at least 16 characters']);
    expect(loadConfig({ METRICS_TOKEN: 'scraper-token-0123456789' }).metricsToken).toBe('scraper-token-0123456789');
  });

  it('when the audit retention is given, then it must be a positive whole number of days', () => {
    expect(loadConfig({ AUDIT_RETENTION_DAYS: '30' }).auditRetentionDays).toBe(30);
    for (const bad of ['0', '-1', 'forever', '1.5']) expect(problems({ AUDIT_RETENTION_DAYS: bad })).toEqual(['AUDIT_RETENTION_DAYS: must be a positive whole number']);
  });

  it('when any positive integer is given as the acknowledgement timeout, then it is accepted', () => {
    expect(loadConfig({ ACK_TIMEOUT_SECONDS: '1' }).ackTimeoutSeconds).toBe(1);
    expect(loadConfig({ ACK_TIMEOUT_SECONDS: '86400' }).ackTimeoutSeconds).toBe(86400);
  });
});
