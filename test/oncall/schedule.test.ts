import { describe, expect, it } from 'vitest';
import { ladderOf, onCallAt, scheduleSchema, type Schedule } from '../../src/oncall/schedule.js';

const TZ = 'America/New_York';
const base: Schedule = scheduleSchema.parse({
  rotation: ['ana', 'ben', 'cy'],
  shiftDays: 7,
  handoff: '2026-10-26T08:00',
  backup: 'next',
  lead: 'lead',
});

describe('oncall/schedule: who is on call', () => {
  it('when a moment falls inside a shift, then that shift holds, with the next in rotation as backup', () => {
    expect(onCallAt(base, TZ, new Date('2026-10-27T03:00:00Z'))).toEqual({ primary: 'ana', backup: 'ben', lead: 'lead', until: '2026-11-02T13:00:00.000Z' });
  });

  it('when the hand-off crosses the end of daylight saving, then it stays at 08:00 local time', () => {
    // DST ends 2026-11-01: 08:00 EDT is 12:00Z before, 08:00 EST is 13:00Z after
    expect(onCallAt(base, TZ, new Date('2026-11-02T12:59:59Z')).primary).toBe('ana');
    expect(onCallAt(base, TZ, new Date('2026-11-02T13:00:00Z')).primary).toBe('ben');
    expect(onCallAt(base, TZ, new Date('2026-11-09T13:00:00Z'))).toMatchObject({ primary: 'cy', backup: 'ana' });
  });

  it('when the hand-off crosses the start of daylight saving, then it stays at 08:00 local time', () => {
    const spring = scheduleSchema.parse({ ...base, handoff: '2027-03-08T08:00', shiftDays: 1 });
    // 2027-03-14 is the spring change: 08:00 EDT is 12:00Z
    const sunday = onCallAt(spring, TZ, new Date('2027-03-14T12:30:00Z'));
    const before = onCallAt(spring, TZ, new Date('2027-03-14T11:59:00Z'));
    expect(sunday.primary).not.toBe(before.primary);
    expect(before.until).toBe('2027-03-14T12:00:00.000Z');
  });

  it('when a moment is before the first hand-off, then the rotation runs backwards consistently', () => {
    expect(onCallAt(base, TZ, new Date('2026-10-20T12:00:00Z')).primary).toBe('cy');
  });

  it('when an override covers the moment, then its clinician is primary until it ends', () => {
    const withOverride = scheduleSchema.parse({ ...base, overrides: [{ clinicianId: 'cy', from: '2026-10-27T00:00:00Z', to: '2026-10-28T00:00:00Z' }] });
    expect(onCallAt(withOverride, TZ, new Date('2026-10-27T03:00:00Z'))).toEqual({ primary: 'cy', backup: 'ben', lead: 'lead', until: '2026-10-28T00:00:00.000Z' });
    expect(onCallAt(withOverride, TZ, new Date('2026-10-26T23:00:00Z')).until).toBe('2026-10-27T00:00:00.000Z');
    expect(onCallAt(withOverride, TZ, new Date('2026-10-28T00:00:00Z')).primary).toBe('ana');
  });

  it('when an override puts the backup on call, then the rotation primary becomes the backup', () => {
    const s = scheduleSchema.parse({ ...base, overrides: [{ clinicianId: 'ben', from: '2026-10-27T00:00:00Z', to: '2026-10-28T00:00:00Z' }] });
    expect(onCallAt(s, TZ, new Date('2026-10-27T03:00:00Z'))).toMatchObject({ primary: 'ben', backup: 'ana' });
  });

  it('when the rotation has one clinician and backup "next", then the lead backs them up', () => {
    const solo = scheduleSchema.parse({ ...base, rotation: ['ana'] });
    expect(onCallAt(solo, TZ, new Date('2026-10-27T03:00:00Z'))).toMatchObject({ primary: 'ana', backup: 'lead' });
  });

  it('when the ladder is built, then nobody is paged twice in a row of tiers', () => {
    expect(ladderOf({ primary: 'a', backup: 'b', lead: 'c', until: '' }).map((s) => s.tier)).toEqual(['primary', 'backup', 'lead']);
    expect(ladderOf({ primary: 'a', backup: 'c', lead: 'c', until: '' })).toEqual([
      { tier: 'primary', clinicianId: 'a' },
      { tier: 'backup', clinicianId: 'c' },
    ]);
  });

  it('when a schedule is malformed, then each problem names its field', () => {
    const r = scheduleSchema.safeParse({ rotation: [], shiftDays: 0, handoff: '2026-13-01 8am', backup: '', lead: 'x', overrides: [{ clinicianId: 'a', from: '2026-10-02T00:00:00Z', to: '2026-10-01T00:00:00Z' }] });
    expect(r.success).toBe(false);
    const paths = r.error!.issues.map((i) => i.path.join('.'));
    expect(paths).toEqual(expect.arrayContaining(['rotation', 'shiftDays', 'handoff', 'backup', 'overrides.0.to']));
  });
});
