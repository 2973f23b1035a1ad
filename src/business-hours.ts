import { DateTime } from 'luxon';

/** Weekdays (ISO: 1 = Monday … 7 = Sunday) and the local opening and closing minute of the day. */
export interface BusinessHours {
  readonly days: readonly number[];
  readonly openMinute: number;
  readonly closeMinute: number;
}

const DAY_NAMES = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'];

function dayNumber(name: string): number {
  const index = DAY_NAMES.indexOf(name.slice(0, 3).toLowerCase());
  if (index < 0) throw new Error(`unknown day "${name}"; use Mon, Tue, Wed, Thu, Fri, Sat, Sun`);
  return index + 1;
}

function minuteOfDay(hhmm: string): number {
  const match = /^([01]?[0-9]|2[0-3]):([0-5][0-9])$/.exec(hhmm);
  if (!match) throw new Error(`"${hhmm}" is not a time of day (HH:mm)`);
  return Number(match[1]) * 60 + Number(match[2]);
}

/** Parses `Mon-Fri 09:00-17:00` (or `Mon,Wed,Fri 08:30-12:00`); throws with a message that says what is wrong. */
export function parseBusinessHours(text: string): BusinessHours {
  const match = /^\s*([A-Za-z,\s-]+?)\s+(\d{1,2}:\d{2})\s*-\s*(\d{1,2}:\d{2})\s*$/.exec(text);
  if (!match) throw new Error('must look like "Mon-Fri 09:00-17:00"');
  const days = new Set<number>();
  for (const part of match[1]!.split(',')) {
    const [from, to] = part.split('-').map((s) => s.trim());
    const start = dayNumber(from!);
    const end = to ? dayNumber(to) : start;
    for (let d = start; ; d = (d % 7) + 1) {
      days.add(d);
      if (d === end) break;
    }
  }
  const openMinute = minuteOfDay(match[2]!);
  const closeMinute = minuteOfDay(match[3]!);
  if (closeMinute <= openMinute) throw new Error('closing time must be after opening time');
  return { days: [...days].sort(), openMinute, closeMinute };
}

function minuteOf(t: DateTime): number {
  return t.hour * 60 + t.minute;
}

/** Whether the practice is open at `at`, in its own time zone. */
export function isBusinessHours(at: Date, timezone: string, hours: BusinessHours): boolean {
  const local = DateTime.fromJSDate(at, { zone: timezone });
  const minute = minuteOf(local);
  return hours.days.includes(local.weekday) && minute >= hours.openMinute && minute < hours.closeMinute;
}

/**
 * The next moment business hours begin after `at`: when a non-urgent message will be read and
 * when the morning digest goes out. Computed on local calendar days so daylight-saving changes
 * keep the opening at the same wall-clock time.
 */
export function nextBusinessStart(at: Date, timezone: string, hours: BusinessHours): Date {
  const local = DateTime.fromJSDate(at, { zone: timezone });
  for (let offset = 0; offset <= 7; offset++) {
    const day = local.plus({ days: offset }).startOf('day');
    const opening = day.set({ hour: Math.floor(hours.openMinute / 60), minute: hours.openMinute % 60 });
    if (hours.days.includes(day.weekday) && opening > local) return opening.toJSDate();
  }
  throw new Error('business hours have no open day');
}
