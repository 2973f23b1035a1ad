/** Carrier and Twilio opt-out words: the whole message, any case, nothing else in it. */
const OPT_OUT = new Set(['stop', 'stopall', 'unsubscribe', 'cancel', 'end', 'quit', 'revoke', 'optout']);
const OPT_IN = new Set(['start', 'unstop', 'yes start']);
const HELP = new Set(['help', 'info', 'ayuda']);

export type Keyword = 'opt-out' | 'opt-in' | 'help';

/**
 * Reads a compliance keyword. Run after the crisis check, so "stop" opts out but "I want it all
 * to end" pages; only a message that is the keyword alone counts.
 */
export function readKeyword(body: string): Keyword | null {
  const word = body.trim().toLowerCase().replace(/[.!\s]+$/, '');
  if (OPT_OUT.has(word)) return 'opt-out';
  if (OPT_IN.has(word)) return 'opt-in';
  if (HELP.has(word)) return 'help';
  return null;
}
