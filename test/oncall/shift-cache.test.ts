import fc from 'fast-check';
import { DateTime } from 'luxon';
import { describe, expect, it } from 'vitest';
import { onCallAt, type Schedule } from '../../src/oncall/schedule.js';

/** onCallAt as it was before shift starts were kept (73fe07b^): worked out in the zone on every look. */
function reference(schedule: Schedule, timezone: string, at: Date) {
  const start = (i: number) => DateTime.fromISO(schedule.handoff, { zone: timezone }).plus({ days: i * schedule.shiftDays }).toMillis();
  const t = at.getTime();
  let index = Math.floor((t - start(0)) / (schedule.shiftDays * 86_400_000));
  while (start(index + 1) <= t) index++;
  while (start(index) > t) index--;
  const size = schedule.rotation.length;
  return { primary: schedule.rotation[((index % size) + size) % size], until: new Date(start(index + 1)).toISOString() };
}

const ZONES = ['America/New_York', 'Europe/London', 'Australia/Lord_Howe', 'Pacific/Chatham', 'UTC', 'America/Sao_Paulo', 'Asia/Kolkata'];

describe('who is on call: kept shift starts answer as if worked out each time', () => {
  const known = new Map<string, number>();
  it('when schedules of different zones, hand-offs and lengths are asked about in any order in one process (DST days, fake clocks years apart, more than the 1,000 kept), then every answer is the one worked out afresh', () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.record({
            zone: fc.constantFrom(...ZONES),
            handoff: fc.constantFrom('2020-01-06T08:00', '2024-03-10T02:30', '2024-11-03T01:30', '2025-10-26T01:00', '2019-12-31T23:59'),
            shiftDays: fc.integer({ min: 1, max: 14 }),
            at: fc.date({ min: new Date('2000-01-01T00:00:00Z'), max: new Date('2100-01-01T00:00:00Z'), noInvalidDate: true }),
          }),
          { minLength: 1, maxLength: 40 },
        ),
        (looks) => {
          for (const { zone, handoff, shiftDays, at } of looks) {
            const schedule: Schedule = { rotation: ['a', 'b', 'c'], shiftDays, handoff, backup: 'next', lead: 'lee', overrides: [] };
            const got = onCallAt(schedule, zone, at, known);
            const want = reference(schedule, zone, at);
            expect({ primary: got.primary, until: got.until }).toEqual(want);
          }
        },
      ),
      { numRuns: 300 },
    );
  });
});
