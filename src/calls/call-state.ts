import type { Redis } from 'ioredis';
import type { Keys } from '../store/keys.js';
import type { Language } from '../triage/types.js';

const CALL_STATE_TTL_SECONDS = 4 * 3_600;
/** The call state once the caller said they were unsure (otherwise it holds the language). */
const UNSURE_MARK = 'unsure';

/**
 * How far a call got, by CallSid: its language once the greeting was heard, "unsure" once the
 * caller said so. Read when the call ends unanswered (invariant 4: silence from a known client
 * still pages, and an unsure caller is paged as unsure). Kept four hours.
 */
export function createCallState(deps: { redis: Redis; keys: Keys }) {
  const { redis, keys } = deps;
  const put = (callSid: string, value: string) => redis.set(keys.callState(callSid), value, 'EX', CALL_STATE_TTL_SECONDS);
  return {
    async heard(callSid: string, language: Language): Promise<void> {
      await put(callSid, language);
    },
    async unsure(callSid: string): Promise<void> {
      await put(callSid, UNSURE_MARK);
    },
    /** Where an ended call got to: nothing heard, the greeting heard, or an unsure answer. */
    async reached(callSid: string): Promise<'nothing' | 'greeting' | 'unsure'> {
      const state = await redis.get(keys.callState(callSid));
      return state === null ? 'nothing' : state === UNSURE_MARK ? 'unsure' : 'greeting';
    },
  };
}

export type CallState = ReturnType<typeof createCallState>;
