import type { Express } from 'express';
import request from 'supertest';
import twilio from 'twilio';
import { readTwiml, type Verb } from '../../src/devtools/twiml-reader.js';

export const TWILIO_VARS = {
  TWILIO_ACCOUNT_SID: `AC${'1'.repeat(32)}`,
  TWILIO_AUTH_TOKEN: 'test-twilio-auth-token',
  TWILIO_PHONE_NUMBER: '+16175550000',
  FALLBACK_ONCALL_PHONE: '+16175550911',
};

/** Posts a webhook exactly as Twilio would: form-encoded and signed with the twilio package's own function. */
export function signedPost(app: Express, url: string, params: Record<string, string>, options: { base?: string; token?: string } = {}) {
  const base = options.base ?? 'https://afterhours.test';
  const full = url.startsWith('http') ? url : `${base}${url}`;
  const signature = twilio.getExpectedTwilioSignature(options.token ?? TWILIO_VARS.TWILIO_AUTH_TOKEN, full, params);
  return request(app).post(full.slice(base.length)).type('form').set('X-Twilio-Signature', signature).send(params);
}

/** The voice verbs of a TwiML answer, after checking it is XML Twilio can read. */
export function verbsOf(res: { status: number; type: string; text: string }): Verb[] {
  if (res.status !== 200 || !/xml/.test(res.type)) throw new Error(`expected TwiML, got ${res.status} ${res.type}: ${res.text}`);
  return readTwiml(res.text);
}

export function find(verbs: Verb[], name: string): Verb | undefined {
  for (const v of verbs) {
    if (v.name === name) return v;
    const inner = find(v.children, name);
    if (inner) return inner;
  }
  return undefined;
}
