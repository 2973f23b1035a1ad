import { parsePhoneNumberFromString, type CountryCode } from 'libphonenumber-js/max';

/**
 * Normalises a phone number written in any everyday format to E.164, or null when it is not a
 * possible number. Every lookup by number goes through here, so "(617) 555-0100" and
 * "+1 617 555 0100" find the same client.
 */
export function toE164(input: string, defaultRegion: string): string | null {
  const key = `${defaultRegion}|${input}`;
  const known = recent.get(key);
  if (known !== undefined) return known;
  const parsed = parsePhoneNumberFromString(input.trim(), defaultRegion as CountryCode);
  const e164 = parsed && parsed.isPossible() ? parsed.number : null;
  // Every webhook parses its caller's number; the same few thousand numbers call again and again.
  if (recent.size >= RECENT_LIMIT) recent.delete(recent.keys().next().value!);
  recent.set(key, e164);
  return e164;
}

const RECENT_LIMIT = 10_000;
const recent = new Map<string, string | null>();
