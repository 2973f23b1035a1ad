import { DateTime } from 'luxon';
import { z } from 'zod';
import { idSchema } from '../validation.js';

const isoTime = z
  .string()
  .refine((v) => /[zZ]|[+-]\d{2}:?\d{2}$/.test(v) && DateTime.fromISO(v).isValid, 'must be an ISO time with offset')
  .transform((v) => DateTime.fromISO(v).toUTC().toISO()!);

export const scheduleSchema = z
  .strictObject({
    rotation: z.array(idSchema).min(1, 'needs at least one clinician'),
    shiftDays: z.number().int().min(1).max(366),
    handoff: z
      .string()
      .regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/, 'must be a local date and time, YYYY-MM-DDTHH:mm')
      .refine((v) => DateTime.fromISO(v).isValid, 'is not a real date and time'),
    backup: z.union([z.literal('next'), idSchema]),
    lead: idSchema,
    overrides: z
      .array(
        z
          .strictObject({ clinicianId: idSchema, from: isoTime, to: isoTime })
          .refine((o) => Date.parse(o.to) > Date.parse(o.from), { message: 'must end after it starts', path: ['to'] }),
      )
      .default([]),
  });

export type Schedule = z.output<typeof scheduleSchema>;

/** Who answers for the practice at one moment, and until when that holds. */
export interface OnCall {
  primary: string;
  backup: string;
  lead: string;
  until: string;
}

/** Every clinician id a schedule names, with the field that names it, for reference checks. */
export function scheduleReferences(schedule: Schedule): { field: string; id: string }[] {
  return [
    ...schedule.rotation.map((id, i) => ({ field: `rotation[${i}]`, id })),
    ...(schedule.backup === 'next' ? [] : [{ field: 'backup', id: schedule.backup }]),
    { field: 'lead', id: schedule.lead },
    ...schedule.overrides.map((o, i) => ({ field: `overrides[${i}].clinicianId`, id: o.clinicianId })),
  ];
}

/** Shift starts already worked out, by hand-off, zone, length and index (ms since the epoch); the on-call store keeps one. */
export type ShiftStarts = Map<string, number>;

function shiftStart(schedule: Schedule, timezone: string, index: number, shiftStarts: ShiftStarts): number {
  const key = `${schedule.handoff}|${timezone}|${schedule.shiftDays}|${index}`;
  let start = shiftStarts.get(key);
  if (start === undefined) {
    // Adding calendar days in the practice's zone keeps the hand-off at the same wall-clock time
    // on both sides of a daylight-saving change. Worked out in the zone, that is a quarter of a
    // millisecond; every escalation step asks, so the answers are kept (a few per schedule).
    start = DateTime.fromISO(schedule.handoff, { zone: timezone }).plus({ days: index * schedule.shiftDays }).toMillis();
    if (shiftStarts.size >= 1_000) shiftStarts.clear();
    shiftStarts.set(key, start);
  }
  return start;
}

/**
 * Resolves who is on call at `at`: the rotation's shift, replaced by an override that covers the
 * moment. Pure, so DST hand-offs and overrides are tested without a clock or a Redis.
 */
export function onCallAt(schedule: Schedule, timezone: string, at: Date, known: ShiftStarts = new Map()): OnCall {
  const t = at.getTime();
  const shiftMs = schedule.shiftDays * 86_400_000;
  let index = Math.floor((t - shiftStart(schedule, timezone, 0, known)) / shiftMs);
  while (shiftStart(schedule, timezone, index + 1, known) <= t) index++;
  while (shiftStart(schedule, timezone, index, known) > t) index--;

  const size = schedule.rotation.length;
  const slot = ((index % size) + size) % size;
  const rotationPrimary = schedule.rotation[slot]!;
  let until = shiftStart(schedule, timezone, index + 1, known);

  const ms = at.getTime();
  const active = schedule.overrides.filter((o) => Date.parse(o.from) <= ms && ms < Date.parse(o.to)).at(-1);
  for (const o of schedule.overrides) {
    const from = Date.parse(o.from);
    const to = Date.parse(o.to);
    if (from > ms) until = Math.min(until, from);
    if (o === active) until = Math.min(until, to);
  }
  const primary = active?.clinicianId ?? rotationPrimary;
  let backup = schedule.backup === 'next' ? schedule.rotation[(slot + 1) % size]! : schedule.backup;
  if (backup === primary) backup = primary === rotationPrimary ? schedule.lead : rotationPrimary;
  return { primary, backup, lead: schedule.lead, until: new Date(until).toISOString() };
}

export type Tier = 'primary' | 'backup' | 'lead';

/** The escalation ladder: primary, backup, lead, without paging one person twice in a row. */
export function ladderOf(onCall: OnCall): { tier: Tier; clinicianId: string }[] {
  const ladder: { tier: Tier; clinicianId: string }[] = [];
  for (const tier of ['primary', 'backup', 'lead'] as const) {
    if (!ladder.some((step) => step.clinicianId === onCall[tier])) ladder.push({ tier, clinicianId: onCall[tier] });
  }
  return ladder;
}
