import { describe, expect, it } from 'vitest';
import { nextSlot, normalisePlan, planInput, slotsBetween, type CheckInPlan } from '../../src/checkins/plan.js';
import { claimOfAnswer, readCheckInReply } from '../../src/checkins/reading.js';
import { CHECK_IN_REPLIES } from '../../src/checkins/wording.js';
import { CLIENT_WORDING } from '../../src/wording/index.js';

const NY = 'America/New_York';

function plan(input: Record<string, unknown>): CheckInPlan {
  return normalisePlan('tess', planInput.parse(input), new Date('2026-01-01T00:00:00Z'), null);
}

const iso = (dates: Date[]) => dates.map((d) => d.toISOString());

describe('check-in plan schedule (pure)', () => {
  it('when clocks fall back (1 Nov 2026), then an 8 p.m. check-in stays at 8 p.m. local: 00:00Z before, 01:00Z after', () => {
    const p = plan({ times: ['20:00'], from: '2026-10-30', until: '2026-11-02' });
    expect(iso(slotsBetween(p, new Date('2026-10-29T00:00:00Z'), new Date('2026-11-10T00:00:00Z'), NY))).toEqual([
      '2026-10-31T00:00:00.000Z',
      '2026-11-01T00:00:00.000Z',
      '2026-11-02T01:00:00.000Z',
      '2026-11-03T01:00:00.000Z',
    ]);
  });

  it('when clocks spring forward (8 Mar 2026), then 02:30 (which does not exist that night) moves on to 03:30 and is sent once', () => {
    const p = plan({ times: ['02:30', '20:00'], from: '2026-03-07', until: '2026-03-08' });
    expect(iso(slotsBetween(p, new Date('2026-03-06T00:00:00Z'), new Date('2026-03-10T00:00:00Z'), NY))).toEqual([
      '2026-03-07T07:30:00.000Z',
      '2026-03-08T01:00:00.000Z',
      '2026-03-08T07:30:00.000Z', // 03:30 EDT
      '2026-03-09T00:00:00.000Z', // 20:00 EDT
    ]);
  });

  it('when a plan names days, then only those days get check-ins, and until is the last day (inclusive)', () => {
    const p = plan({ times: ['09:00'], days: ['Wed', 'Mon'], from: '2026-11-23', until: '2026-12-02' });
    expect(p.days).toEqual(['Mon', 'Wed']);
    const slots = slotsBetween(p, new Date('2026-11-20T00:00:00Z'), new Date('2027-01-01T00:00:00Z'), NY);
    expect(iso(slots)).toEqual(['2026-11-23T14:00:00.000Z', '2026-11-25T14:00:00.000Z', '2026-11-30T14:00:00.000Z', '2026-12-02T14:00:00.000Z']);
    expect(nextSlot(p, new Date('2026-12-02T14:00:00Z'), NY)).toBeNull();
    expect(nextSlot(p, new Date('2026-11-24T00:00:00Z'), NY)?.toISOString()).toBe('2026-11-25T14:00:00.000Z');
  });

  it('when a plan is ended, then nothing after its end is due', () => {
    const p = { ...plan({ times: ['20:00'], from: '2026-11-01', until: '2026-11-30' }), endedAt: '2026-11-10T12:00:00.000Z' };
    const slots = slotsBetween(p, new Date('2026-11-08T00:00:00Z'), new Date('2026-11-20T00:00:00Z'), NY);
    expect(iso(slots)).toEqual(['2026-11-08T01:00:00.000Z', '2026-11-09T01:00:00.000Z', '2026-11-10T01:00:00.000Z']);
    expect(nextSlot(p, new Date('2026-11-09T00:00:00Z'), NY)).toBeNull();
  });

  it('when a plan body is wrong, then the failing field is named', () => {
    const fields = (body: unknown) => (planInput.safeParse(body).error?.issues ?? []).map((i) => i.path.join('.'));
    expect(fields({ times: ['8pm'], from: '2026-11-01', until: '2026-11-02' })).toEqual(['times.0']);
    expect(fields({ times: ['20:00'], from: '2026-11-05', until: '2026-11-02' })).toEqual(['until']);
    expect(fields({ times: ['20:00'], days: ['Someday'], from: '2026-11-01', until: '2026-11-02' })).toEqual(['days.0']);
    expect(fields({ times: ['20:00'], from: '2026-02-30', until: '2026-03-02' })).toEqual(['from']);
    expect(fields({ times: ['20:00'], from: '2026-11-01', until: '2026-11-02', wording: 'free text' })).toEqual(['wording']);
    expect(fields({ times: [], from: '2026-11-01', until: '2026-11-02' })).toEqual(['times']);
  });
});

describe('check-in wording (pure)', () => {
  it('invariant 1: when any wording is sent, then it names the practice, asks 1-5, carries 911 and 988 and says how to stop, within two segments', () => {
    for (const wording of ['standard', 'gentle', 'brief'] as const) {
      for (const language of ['en', 'es'] as const) {
        const text = CLIENT_WORDING[language].checkIn('Riverside Psychiatry', wording);
        expect(text).toContain('Riverside Psychiatry');
        expect(text).toMatch(/1 \(.*5 \(/);
        expect(text).toMatch(/911/);
        expect(text).toMatch(/988/);
        expect(text).toMatch(/STOP/);
        expect(text.length).toBeLessThanOrEqual(306);
      }
    }
    for (const replies of Object.values(CHECK_IN_REPLIES)) for (const reply of Object.values(replies)) expect(reply).toMatch(/911[\s\S]*988|988[\s\S]*911/);
  });
});

describe('check-in reply reading (pure)', () => {
  it.each([
    ['1', 'not-emergency'],
    ['3.', 'not-emergency'],
    ["I'm a 2 today", 'not-emergency'],
    ['4', 'unsure'],
    ['4/5', 'unsure'],
    ['5', 'emergency'],
    ['5!', 'emergency'],
    ['this is an emergency', 'emergency'],
    ['2 but i want to end it all', 'emergency'],
    ['ok', 'no-answer'],
    ['7', 'emergency'],
    ['had a long day at work, tired but fine, see you Tuesday at 3', 'no-answer'],
    ['3.5', 'unsure'],
    ['7/10', 'unsure'],
    ['3/10', 'not-emergency'],
    ['cuatro', 'unsure'],
    ['tres de cinco', 'not-emergency'],
    ['four out of five', 'unsure'],
    ['maybe a 2', 'not-emergency'],
    ['2 but scared', 'unsure'],
    ["I don't know", 'unsure'],
    ['no estoy bien', 'unsure'],
    ['slept 10 hours, a 2 today', 'not-emergency'],
    ['fine, see you at 10pm tomorrow for the 10:30 group', 'no-answer'],
  ])('when a client answers %j, then it is read as %s', (body, claim) => {
    expect(claimOfAnswer(readCheckInReply(body))).toBe(claim);
  });

  it('invariant 3: when a check-in reply carries crisis language, then it reads as crisis whatever number it holds', () => {
    expect(readCheckInReply('1 i want to kill myself')).toMatchObject({ kind: 'crisis' });
    expect(readCheckInReply('I took all my pills')).toMatchObject({ kind: 'crisis' });
  });
});
