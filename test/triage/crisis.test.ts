import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { hasCrisisLanguage, normalise } from '../../src/triage/crisis.js';
import { CRISIS_PHRASES } from '../../src/triage/crisis-terms.js';
import { NEGATIVE, POSITIVE } from './crisis-corpus.js';

describe('triage/crisis (invariant 3: crisis language in any text pages)', () => {
  it.each(POSITIVE)('invariant 3: when a text says %j, then it is crisis language', (text) => {
    expect(hasCrisisLanguage(text)).toBe(true);
  });

  it.each(NEGATIVE)('when a text says %j, then it is not crisis language', (text) => {
    expect(hasCrisisLanguage(text)).toBe(false);
  });

  it('when text is normalised, then case, accents, punctuation, repeats and spelled-out letters are folded', () => {
    expect(normalise('  Tomé   MUCHAS pastillas!!! ')).toBe('tome muchas pastilas');
    expect(normalise('I can’t')).toBe('i cant');
    expect(normalise('k i l l me')).toBe('kil me');
    expect(normalise('💊')).toBe('pils');
  });

  it('invariant 3: property: every reviewed phrase is found whatever case, punctuation, spacing or repeated letters surround it', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...CRISIS_PHRASES.map((p) => p.replace(/\*$/, 'e'))),
        fc.constantFrom('', 'ok so ', 'honestly... ', '¿'),
        fc.constantFrom('', '!!!', ' tonight', '...', ' 😢'),
        fc.boolean(),
        fc.boolean(),
        (phrase, before, after, upper, stretch) => {
          let text = phrase.replace(/ /g, '  ');
          if (stretch) text = text.replace(/([aeiou])/, '$1$1$1');
          if (upper) text = text.toUpperCase();
          expect(hasCrisisLanguage(`${before}${text}${after}`)).toBe(true);
        },
      ),
    );
  });

  it('when there is no text, then there is no crisis', () => {
    expect(hasCrisisLanguage('')).toBe(false);
    expect(hasCrisisLanguage(null)).toBe(false);
    expect(hasCrisisLanguage('   ...  ')).toBe(false);
  });
});
