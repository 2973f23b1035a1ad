import { DateTime } from 'luxon';
import { describe, expect, it } from 'vitest';
import { primaries } from '../../src/console/screens/schedule.js';
import { scheduleSchema } from '../../src/oncall/schedule.js';

const zone = 'America/New_York';

describe('console schedule: who is primary from when', () => {
  it('hands over at the same local time on both sides of a daylight-saving change (8 March and 1 November 2026)', () => {
    const schedule = scheduleSchema.parse({ rotation: ['ana', 'ben'], shiftDays: 7, handoff: '2026-03-02T08:00', backup: 'next', lead: 'lee' });
    for (const month of ['2026-03-01', '2026-10-25']) {
      const from = DateTime.fromISO(month, { zone });
      const spans = primaries(schedule, zone, from.toJSDate(), from.plus({ weeks: 4 }).toJSDate());
      const handoffs = spans.slice(1).map((s) => DateTime.fromJSDate(s.from).setZone(zone).toFormat('ccc HH:mm'));
      expect(handoffs).toEqual(['Mon 08:00', 'Mon 08:00', 'Mon 08:00', 'Mon 08:00']);
      expect(new Set(spans.map((s) => s.primary))).toEqual(new Set(['ana', 'ben']));
    }
  });

  it('an override shows as its own span, and the rotation comes back after it', () => {
    const schedule = scheduleSchema.parse({
      rotation: ['ana'], shiftDays: 7, handoff: '2026-11-23T08:00', backup: 'next', lead: 'lee',
      overrides: [{ clinicianId: 'ben', from: '2026-11-28T22:00:00-05:00', to: '2026-11-29T06:00:00-05:00' }],
    });
    const from = DateTime.fromISO('2026-11-28', { zone });
    const spans = primaries(schedule, zone, from.toJSDate(), from.plus({ days: 2 }).toJSDate());
    expect(spans.map((s) => [DateTime.fromJSDate(s.from).setZone(zone).toFormat('dd HH:mm'), s.primary])).toEqual([
      ['28 00:00', 'ana'],
      ['28 22:00', 'ben'],
      ['29 06:00', 'ana'],
    ]);
  });
});
