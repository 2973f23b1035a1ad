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
