import type { Redis } from 'ioredis';
import type { DirectoryStore } from '../directory/store.js';
import { ValidationError, type FieldProblem } from '../errors.js';
import type { Keys } from '../store/keys.js';
import { onCallAt, scheduleReferences, type OnCall, type Schedule } from './schedule.js';

export interface OnCallStore {
  /** Saves the schedule after checking that every clinician it names exists. */
  putSchedule(schedule: Schedule): Promise<void>;
  getSchedule(): Promise<Schedule | null>;
  /** Null when no schedule has been set: callers fall back to the configured fallback number. */
  onCallAt(at: Date): Promise<OnCall | null>;
  close(): Promise<void>;
}

/** Every clinician a schedule names that does not exist, as the field problems a 400 carries (prefixed for an import). */
export async function scheduleProblems(schedule: Schedule, exists: (id: string) => Promise<boolean>, prefix = ''): Promise<FieldProblem[]> {
  const problems: FieldProblem[] = [];
  for (const { field, id } of scheduleReferences(schedule)) {
    if (!(await exists(id))) problems.push({ field: `${prefix}${field}`, message: `no clinician with id ${id}` });
  }
  return problems;
}

export function createOnCallStore(deps: { redis: Redis; keys: Keys; directory: DirectoryStore; timezone: string }): OnCallStore {
  const { redis, keys, directory, timezone } = deps;
  const store: OnCallStore = {
    async putSchedule(schedule) {
      const problems = await scheduleProblems(schedule, async (id) => (await directory.getClinician(id)) !== null);
      if (problems.length > 0) throw new ValidationError(problems);
      await redis.set(keys.oncall, JSON.stringify(schedule));
    },
    async getSchedule() {
      const json = await redis.get(keys.oncall);
      return json ? (JSON.parse(json) as Schedule) : null;
    },
    async onCallAt(at) {
      const schedule = await store.getSchedule();
      return schedule ? onCallAt(schedule, timezone, at) : null;
    },
    async close() {},
  };
  return store;
}
