import type { Redis } from 'ioredis';
import type { DirectoryStore } from '../directory/store.js';
import { ValidationError, type FieldProblem } from '../errors.js';
import type { Keys } from '../store/keys.js';
import { onCallAt, scheduleReferences, type OnCall, type Schedule, type ShiftStarts } from './schedule.js';

export interface OnCallStore {
  /** Saves the schedule after checking that every clinician it names exists. */
  putSchedule(schedule: Schedule): Promise<void>;
  getSchedule(): Promise<Schedule | null>;
  /** Null when no schedule has been set: callers fall back to the configured fallback number. */
  onCallAt(at: Date): Promise<OnCall | null>;
  close(): Promise<void>;
}

/**
 * Every id a schedule names that is not a clinician of the directory, or is one of the staff (never
 * on call), as the field problems a 400 carries (prefixed for an import). `roleOf` answers null
 * for no such record.
 */
export async function scheduleProblems(schedule: Schedule, roleOf: (id: string) => Promise<string | null>, prefix = ''): Promise<FieldProblem[]> {
  const problems: FieldProblem[] = [];
  for (const { field, id } of scheduleReferences(schedule)) {
    const role = await roleOf(id);
    if (!role) problems.push({ field: `${prefix}${field}`, message: `no clinician with id ${id}` });
    else if (role === 'staff') problems.push({ field: `${prefix}${field}`, message: `${id} is staff, who are never on call` });
  }
  return problems;
}

export function createOnCallStore(deps: { redis: Redis; keys: Keys; directory: DirectoryStore; timezone: string }): OnCallStore {
  const { redis, keys, directory, timezone } = deps;
  // Every escalation step asks who is on call: the shift starts are worked out once.
  const known: ShiftStarts = new Map();
  const store: OnCallStore = {
    async putSchedule(schedule) {
      const problems = await scheduleProblems(schedule, async (id) => (await directory.getClinician(id))?.role ?? null);
      if (problems.length > 0) throw new ValidationError(problems);
      await redis.set(keys.oncall, JSON.stringify(schedule));
    },
    async getSchedule() {
      const json = await redis.get(keys.oncall);
      return json ? (JSON.parse(json) as Schedule) : null;
    },
    async onCallAt(at) {
      const schedule = await store.getSchedule();
      return schedule ? onCallAt(schedule, timezone, at, known) : null;
    },
    async close() {},
  };
  return store;
}
