import { readFileSync } from 'node:fs';
import type { Redis } from 'ioredis';

/**
 * The Lua scripts live one per file in `store/lua/`, named with their key count
 * (`claim-step-2.lua`: two KEYS), each opening with a header of its KEYS, ARGV and replies.
 * Every script answers with one convention: a table whose first element is the outcome word,
 * then its values (`{'conflict', '0', 'client:c1'}`). A line `--- @include "name"` pulls in
 * `lua/includes/name.lua` (the phone index, the due-member encoding, standing's aging), once.
 * The build copies the folder beside the compiled code (package.json `build`).
 */
const LUA_DIR = new URL('./lua/', import.meta.url);

/** A script's reply: the outcome word, then its values. */
export type ScriptReply<Outcome extends string> = [Outcome, ...(string | null)[]];

export type Script<Outcome extends string> = (keys: string[], args?: (string | number)[]) => Promise<ScriptReply<Outcome>>;

/** One write a script makes, prepared by the store that owns its keys so another store's script can make it too: its keys, its arguments, and what it makes. */
export interface ScriptWrite<Made> {
  keys: string[];
  args: (string | number)[];
  made: Made;
}

const sources = new Map<string, { lua: string; numberOfKeys: number }>();

/** The text of a script with its includes in place, and its key count from its name. */
export function loadLua(file: string): { lua: string; numberOfKeys: number } {
  const cached = sources.get(file);
  if (cached) return cached;
  const keyCount = /-(\d+)\.lua$/.exec(file);
  if (!keyCount) throw new Error(`Lua script ${file} is not named <name>-<key count>.lua`);
  const included = new Set<string>();
  const lua = readFileSync(new URL(file, LUA_DIR), 'utf8').replace(/^--- @include "([a-z-]+)"$/gm, (_, name: string) => {
    if (included.has(name)) return '';
    included.add(name);
    return readFileSync(new URL(`includes/${name}.lua`, LUA_DIR), 'utf8');
  });
  const source = { lua, numberOfKeys: Number(keyCount[1]) };
  sources.set(file, source);
  return source;
}

/**
 * A script run by its SHA (EVALSHA, loaded on first use), so Redis neither receives nor hashes
 * the script text on every call: on the webhook path that is most of a script's cost.
 */
export function defineScript<Outcome extends string>(redis: Redis, file: string): Script<Outcome> {
  const { lua, numberOfKeys } = loadLua(file);
  const name = `afterhours_${file.replace(/\.lua$/, '').replace(/-/g, '_')}`;
  const commands = redis as unknown as Record<string, (...args: (string | number)[]) => Promise<ScriptReply<Outcome>>>;
  if (!commands[name]) redis.defineCommand(name, { numberOfKeys, lua });
  return (keys, args = []) => {
    if (keys.length !== numberOfKeys) throw new Error(`${file} takes ${numberOfKeys} keys, not ${keys.length}`);
    return commands[name]!(...keys, ...args);
  };
}
