import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { createLogger } from '../src/log.js';

function capture() {
  const lines: string[] = [];
  const destination = new Writable({
    write(chunk, _enc, done) {
      lines.push(String(chunk));
      done();
    },
  });
  return { log: createLogger({ level: 'info', destination }), lines };
}

describe('log', () => {
  it('when a webhook body or a record is logged, then no number, name or message text reaches the line', () => {
    const { log, lines } = capture();
    log.info({ body: { From: '+16175550123', Body: 'I want to talk', SpeechResult: 'yes' }, client: { name: 'Ada Sentinel', phones: ['+16175550123'] }, callSid: 'CA123' }, 'webhook');
    log.info('caller +1 (617) 555-0123 said hello');
    log.error({ err: new Error("The 'To' number +16175550123 is not valid") }, 'send failed');
    const text = lines.join('');
    expect(text).not.toMatch(/5550123|Ada Sentinel|I want to talk/);
    expect(text).toContain('CA123');
    expect(text).toContain("The 'To' number [number] is not valid");
  });
});

describe('log: what is kept', () => {
  it('when Twilio SIDs are logged, then each is kept whole while a number beside it is still removed', () => {
    const { log, lines } = capture();
    const sids = ['CAe117f4910c8a1234567b5dd012345678', 'SM1234567890abcdef1234567890abcdef', `AC${'1'.repeat(32)}`, 'RE0000000f00000000000000000000000a', 'MM9876543210fedcba9876543210fedcba', 'PN5555555555abcdef5555555555abcdef'];
    log.info({ callSid: sids[0], messageSid: sids[1], sids: sids.slice(2) }, `call ${sids[0]} from +1 617 555 0123`);
    const text = lines.join('');
    for (const sid of sids) expect(text).toContain(sid);
    expect(text).not.toMatch(/5550123/);
  });

  it("when an error is logged, then its name stays (its message scrubbed of numbers), while a record's name is removed", () => {
    const { log, lines } = capture();
    class TwilioSendError extends Error {
      override name = 'TwilioSendError';
    }
    log.error({ err: new TwilioSendError('To +16175550123 is unreachable'), client: { name: 'Ada Sentinel' } }, 'send failed');
    const line = JSON.parse(lines[0]!);
    expect(line.err).toMatchObject({ type: 'TwilioSendError', message: 'To [number] is unreachable' });
    expect(line.err.name).toBe('TwilioSendError');
    expect(line.client.name).toBe('[redacted]');
  });
});

describe('log: depth', () => {
  it('when a number or a protected field sits deeper than the scrubber walks, then it still never reaches the line', () => {
    const { log, lines } = capture();
    let nested: Record<string, unknown> = { phone: '+16175550123', note: 'caller +1 617 555 0124', sid: `CA${'e'.repeat(32)}` };
    for (let i = 0; i < 10; i++) nested = { level: nested };
    log.error({ err: Object.assign(new Error('send failed'), { response: nested }), detail: nested }, 'deep');
    const text = lines.join('');
    expect(text).not.toMatch(/5550123|5550124/);
    expect(text).toContain('deep');
  });
});
