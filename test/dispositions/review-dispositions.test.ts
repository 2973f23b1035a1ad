// Review of issue #14 (rev-trust): how a clinician's W / N reply is read.
import { describe, expect, it } from 'vitest';
import { readDispositionReply } from '../../src/dispositions/replies.js';

describe('review: W / N replies', () => {
  it.each([
    ['W8529', 'warranted'],
    ['N8529', 'not-warranted'],
  ] as const)('issue #14: %j (the code typed without a space) is read as %s with its code, not answered with the pager help', (body, disposition) => {
    expect(readDispositionReply(body)).toEqual({ disposition, code: '8529' });
  });
});
