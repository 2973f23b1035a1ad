import type { Redis } from 'ioredis';

export type LuaScript = (...args: (string | number)[]) => Promise<unknown>;

/**
 * A Lua script run by its SHA (EVALSHA, loaded on first use), so Redis neither receives nor
 * hashes the script text on every call: on the webhook path that is most of a script's cost.
 */
export function luaScript(redis: Redis, name: string, numberOfKeys: number, lua: string): LuaScript {
  const commands = redis as unknown as Record<string, LuaScript>;
  if (!commands[name]) redis.defineCommand(name, { numberOfKeys, lua });
  return (...args) => commands[name]!(...args);
}
