import { describe, expect, it } from 'vitest';
import { isBusinessHours, nextBusinessStart, parseBusinessHours } from '../../src/business-hours.js';

const TZ = 'America/New_York';
const hours = parseBusinessHours('Mon-Fri 09:00-17:00');

describe('oncall/business-hours', () => {
  it('when hours are written in the usual forms, then they parse; otherwise the error says what is wrong', () => {
    expect(parseBusinessHours('Mon,Wed,Fri 08:30-12:00')).toEqual({ days: [1, 3, 5], openMinute: 510, closeMinute: 720 });
    expect(parseBusinessHours('Sat-Mon 10:00-14:00').days).toEqual([1, 6, 7]);
    expect(() => parseBusinessHours('weekdays')).toThrow('must look like "Mon-Fri 09:00-17:00"');
    expect(() => parseBusinessHours('Mon-Fri 17:00-09:00')).toThrow('closing time must be after opening time');
    expect(() => parseBusinessHours('Mon-Fry 09:00-17:00')).toThrow('unknown day "Fry"');
  });

  it('when a message comes on Friday night, then it is due Monday at 09:00 local time', () => {
    const fridayNight = new Date('2026-11-28T03:30:00Z'); // Fri 22:30 EST
    expect(nextBusinessStart(fridayNight, TZ, hours).toISOString()).toBe('2026-11-30T14:00:00.000Z');
    expect(isBusinessHours(fridayNight, TZ, hours)).toBe(false);
  });

  it('when a message comes at 02:00 on a weekday, then it is due at 09:00 the same day, across a DST change', () => {
    expect(nextBusinessStart(new Date('2026-11-02T07:00:00Z'), TZ, hours).toISOString()).toBe('2026-11-02T14:00:00.000Z');
    expect(nextBusinessStart(new Date('2026-10-30T06:00:00Z'), TZ, hours).toISOString()).toBe('2026-10-30T13:00:00.000Z');
    expect(isBusinessHours(new Date('2026-11-02T15:00:00Z'), TZ, hours)).toBe(true);
  });
});
