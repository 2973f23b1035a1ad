import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { loadLua } from '../../src/store/scripts.js';

const dir = new URL('../../src/store/lua/', import.meta.url);
const scripts = readdirSync(dir).filter((f) => f.endsWith('.lua'));

describe('Lua scripts: one file each, one convention', () => {
  it.each(scripts)('when %s is read, then its name gives its key count, its header lists exactly those KEYS and its replies, and every return is an outcome table', (file) => {
    const text = readFileSync(new URL(file, dir), 'utf8');
    const keys = Number(/-(\d+)\.lua$/.exec(file)?.[1]);
    const header = /^--\[\[([\s\S]*?)\]\]/.exec(text)?.[1] ?? '';
    expect(header).toMatch(/Returns /);
    for (let i = 1; i <= keys; i++) expect(header).toContain(`KEYS[${i}]`);
    const { lua, numberOfKeys } = loadLua(file);
    expect(numberOfKeys).toBe(keys);
    expect(lua).not.toContain(`KEYS[${keys + 1}]`);
    expect(lua).not.toMatch(/@include/);
    const body = lua.slice(lua.indexOf(']]') + 2);
    const returns = [...body.matchAll(/\breturn\b(.*)$/gm)].map((m) => m[1]!.trim());
    // includes return from local functions (`return pageId .. …`, `return true`): only the script's own replies are tables
    // and a script that is an included body run on its keys (`return putContact(KEYS, ARGV)`): that body's returns are read here, expanded
    const own = returns.filter((r) => r.startsWith('{') || !/^(pageId|true|false)\b|^\w+\(KEYS, ARGV\)$/.test(r));
    expect(own.length).toBeGreaterThan(0);
    for (const r of own) expect(r.startsWith('{') || r === 'totals', `${file}: return ${r}`).toBe(true);
  });

  it('when the product is built, then the scripts are copied beside the compiled code (the image runs dist/)', () => {
    const pkg = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { scripts: Record<string, string> };
    expect(pkg.scripts.build).toContain("cpSync('src/store/lua', 'dist/store/lua'");
  });
});
