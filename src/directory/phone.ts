import { parsePhoneNumberFromString, type CountryCode } from 'libphonenumber-js/max';

/**
 * Normalises a phone number written in any everyday format to E.164, or null when it is not a
 * possible number. Every lookup by number goes through here, so "(617) 555-0100" and
 * "+1 617 555 0100" find the same client.
 */
export function toE164(input: string, defaultRegion: string): string | null {
  const parsed = parsePhoneNumberFromString(input.trim(), defaultRegion as CountryCode);
  if (!parsed || !parsed.isPossible()) return null;
  return parsed.number;
}
