import { describe, expect, it } from 'vitest';
import { readUrgencyDigits, readUrgencyReply, readUrgencyWords } from '../../src/triage/answers.js';

describe('triage/answers', () => {
  it.each([
    ['yes', 'emergency'],
    ['Yes.', 'emergency'],
    ["it's an emergency", 'emergency'],
    ['yeah I need help', 'emergency'],
    ['YES!!!', 'emergency'],
    ['sí', 'emergency'],
    ['es una emergencia', 'emergency'],
    ['no, it is an emergency', 'emergency'],
    ['no', 'not-emergency'],
    ['No.', 'not-emergency'],
    ['not really', 'not-emergency'],
    ["it's not an emergency", 'not-emergency'],
    ['nope', 'not-emergency'],
    ['no es urgente', 'not-emergency'],
    ['no es una emergencia', 'not-emergency'],
    ['yes but it is not urgent', 'not-emergency'],
    ['I wanted to ask about my refill', null],
    ['', null],
    [null, null],
  ] as const)('when the caller says %j, then it reads as %s', (words, answer) => {
    expect(readUrgencyWords(words)).toBe(answer);
  });

  it.each([
    ['1', 'emergency'],
    ['2', 'not-emergency'],
    ['9', 'spanish'],
    ['5', null],
    ['', null],
    ['12', 'emergency'],
  ] as const)('when the caller presses %j, then it reads as %s', (digits, answer) => {
    expect(readUrgencyDigits(digits)).toBe(answer);
  });

  it.each([
    ['YES', 'emergency'],
    ['y', 'emergency'],
    ['Yeah', 'emergency'],
    ['emergency', 'emergency'],
    ['1', 'emergency'],
    ['si', 'emergency'],
    ['NO', 'not-emergency'],
    ['n', 'not-emergency'],
    ['nope', 'not-emergency'],
    ['2', 'not-emergency'],
    ['maybe', 'unsure'],
  ] as const)('when a text reply is %j, then it reads as %s', (text, answer) => {
    expect(readUrgencyReply(text)).toBe(answer);
  });
});
