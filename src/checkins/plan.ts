import { DateTime } from 'luxon';
import { z } from 'zod';
import { CHECK_IN_WORDINGS, type CheckInWording } from '../wording/index.js';

export const DAYS = ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'] as const;
export type Day = (typeof DAYS)[number];

/** The reviewed check-in wordings a plan may choose from (their words are in wording/); `standard` when none is chosen. */
export const WORDINGS = CHECK_IN_WORDINGS;
export type Wording = CheckInWording;

/** How many check-ins a day a plan may hold: caring contact, not surveillance. */
const MAX_TIMES = 4;
/** A plan ends by itself; a year at most, so none is forgotten running. */
const MAX_PLAN_DAYS = 366;

const localDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'must be a date, YYYY-MM-DD')
  .refine((value) => DateTime.fromISO(value).isValid, 'must be a real date');

/** The body of `PUT /api/clients/:id/checkins`: local times and dates in the practice's zone. */
export const planInput = z
  .strictObject({
    times: z
      .array(z.string().regex(/^([01][0-9]|2[0-3]):[0-5][0-9]$/, 'must be a time of day, HH:mm'))
      .min(1, 'must name at least one time')
      .max(MAX_TIMES, `must name at most ${MAX_TIMES} times`)
      .refine((times) => new Set(times).size === times.length, 'must not repeat a time'),
    days: z.array(z.enum(DAYS)).min(1, 'must name at least one day').optional(),
    from: localDate,
    until: localDate,
    wording: z.enum(WORDINGS).optional(),
  })
  .superRefine((plan, ctx) => {
    if (plan.until < plan.from) ctx.addIssue({ code: 'custom', path: ['until'], message: 'must be on or after from' });
    else if (DateTime.fromISO(plan.until).diff(DateTime.fromISO(plan.from), 'days').days >= MAX_PLAN_DAYS) {
      ctx.addIssue({ code: 'custom', path: ['until'], message: `must be less than ${MAX_PLAN_DAYS} days after from` });
    }
  });

export type PlanInput = z.output<typeof planInput>;

/** A client's check-in plan as stored and shown. `endedAt` is set by DELETE; a plan also ends after `until`. */
export interface CheckInPlan {
  clientId: string;
  times: string[];
  days: Day[];
  from: string;
  until: string;
  wording: Wording;
  createdAt: string;
  updatedAt: string;
  endedAt: string | null;
}

/** The plan's input filled with its defaults, sorted so two equal plans look the same. */
export function normalisePlan(clientId: string, input: PlanInput, at: Date, earlier: CheckInPlan | null): CheckInPlan {
  return {
    clientId,
    times: [...input.times].sort(),
    days: input.days ? DAYS.filter((d) => input.days!.includes(d)) : [...DAYS],
    from: input.from,
    until: input.until,
    wording: input.wording ?? 'standard',
    createdAt: earlier && !earlier.endedAt ? earlier.createdAt : at.toISOString(),
    updatedAt: at.toISOString(),
    endedAt: null,
  };
}

/**
 * The check-in times of a plan that fall in (after, upTo], oldest first. Each is a wall-clock
 * time on a local calendar day, so 20:00 stays 20:00 across a daylight-saving change; a time that
 * does not exist that night (02:30 when clocks spring forward) moves on by the skipped hour
 * (03:30), and one that happens twice (01:30 when they fall back) is sent once, the first time.
 */
export function slotsBetween(plan: CheckInPlan, after: Date, upTo: Date, timezone: string): Date[] {
  if (plan.endedAt && Date.parse(plan.endedAt) <= after.getTime()) return [];
  const end = plan.endedAt ? Math.min(upTo.getTime(), Date.parse(plan.endedAt)) : upTo.getTime();
  const first = DateTime.max(DateTime.fromISO(plan.from, { zone: timezone }), DateTime.fromJSDate(after, { zone: timezone }).startOf('day'));
  const last = DateTime.min(DateTime.fromISO(plan.until, { zone: timezone }), DateTime.fromMillis(end, { zone: timezone }).startOf('day'));
  const slots: Date[] = [];
  for (let day = first; day <= last; day = day.plus({ days: 1 })) {
    if (!plan.days.includes(DAYS[day.weekday - 1]!)) continue;
    for (const time of plan.times) {
      const [hour, minute] = time.split(':').map(Number) as [number, number];
      const at = day.set({ hour, minute, second: 0, millisecond: 0 }).toMillis();
      if (at > after.getTime() && at <= end) slots.push(new Date(at));
    }
  }
  return slots;
}

/** The next check-in after `at`, or null when the plan has none left. */
export function nextSlot(plan: CheckInPlan, at: Date, timezone: string): Date | null {
  if (plan.endedAt) return null;
  const until = DateTime.fromISO(plan.until, { zone: timezone }).endOf('day').toJSDate();
  if (until <= at) return null;
  return slotsBetween(plan, at, until, timezone)[0] ?? null;
}

/** Whether the plan can send anything more after `at`. */
export function planActive(plan: CheckInPlan, at: Date, timezone: string): boolean {
  return !plan.endedAt && DateTime.fromISO(plan.until, { zone: timezone }).endOf('day').toJSDate() > at;
}

