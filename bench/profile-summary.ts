/**
 * Summarises a V8 .cpuprofile (node --cpu-prof): self time by function and by module, the idle
 * and garbage-collector shares, for bench/results/profile.json and the README.
 */
import { readFileSync } from 'node:fs';

interface CpuNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  hitCount?: number;
  children?: number[];
}
interface CpuProfile {
  nodes: CpuNode[];
  samples: number[];
  timeDeltas: number[];
  startTime: number;
  endTime: number;
}

/** Where a function lives: a package, a file of afterhours, Node's own internals, or V8's pseudo-frames. */
export function moduleOf(url: string, name: string): string {
  if (!url) return name.startsWith('(') ? name : '(native)';
  const pkg = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(url)?.[1];
  if (pkg) return pkg;
  if (url.startsWith('node:')) return `node:${url.slice(5).split('/')[0] === 'internal' ? `internal/${url.split('/')[1]}` : url.slice(5)}`;
  const src = /\/(src\/.*)$/.exec(url)?.[1];
  return src ?? url.replace(/^file:\/\//, '');
}

/**
 * `window`: only samples taken between these two monotonic times (µs, process.hrtime, the clock
 * V8's profile uses), so start-up (loading and compiling modules) is left out.
 */
export function summarise(path: string, top = 15, window?: { fromUs: number; toUs: number }) {
  const profile = JSON.parse(readFileSync(path, 'utf8')) as CpuProfile;
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const parent = new Map<number, number>();
  for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  /** A native frame (no script) is charged to the nearest caller that has one: writeBuffer under ioredis is ioredis's. */
  const ownerOf = (id: number): string => {
    const { url, functionName } = byId.get(id)!.callFrame;
    if (url || functionName.startsWith('(')) return moduleOf(url, functionName);
    const up = parent.get(id);
    return up === undefined ? '(native)' : ownerOf(up);
  };
  /** Node's internals and natives charged to the nearest package or afterhours file that called them. */
  const callerOf = (id: number): string => {
    const { url, functionName } = byId.get(id)!.callFrame;
    if (!url && functionName.startsWith('(')) return functionName;
    if (url && !url.startsWith('node:')) return moduleOf(url, functionName);
    const up = parent.get(id);
    return up === undefined ? '(node, no caller)' : callerOf(up);
  };
  const self = new Map<number, number>();
  let t = profile.startTime;
  profile.samples.forEach((id, i) => {
    t += profile.timeDeltas[i] ?? 0;
    if (window && (t < window.fromUs || t > window.toUs)) return;
    self.set(id, (self.get(id) ?? 0) + (profile.timeDeltas[i] ?? 0) / 1_000);
  });
  const totalMs = [...self.values()].reduce((a, b) => a + b, 0);
  const fns = new Map<string, { ms: number; module: string }>();
  const mods = new Map<string, number>();
  const callers = new Map<string, number>();
  for (const [id, ms] of self) {
    const { functionName, url, lineNumber } = byId.get(id)!.callFrame;
    const module = ownerOf(id);
    const fn = `${functionName || '(anonymous)'} ${url ? `${module}:${lineNumber + 1}` : `(native, called from ${module})`}`.trim();
    fns.set(fn, { ms: (fns.get(fn)?.ms ?? 0) + ms, module });
    mods.set(module, (mods.get(module) ?? 0) + ms);
    const caller = callerOf(id);
    callers.set(caller, (callers.get(caller) ?? 0) + ms);
  }
  const idleMs = mods.get('(idle)') ?? 0;
  const busyMs = totalMs - (mods.get('(idle)') ?? 0);
  const pct = (ms: number) => Math.round((ms / busyMs) * 1000) / 10;
  const rank = <T extends { ms: number }>(xs: T[]) => xs.sort((a, b) => b.ms - a.ms).slice(0, top).map((x) => ({ ...x, ms: Math.round(x.ms), percentOfBusy: pct(x.ms) }));
  return {
    totalMs: Math.round(totalMs),
    idleMs: Math.round(idleMs),
    busyMs: Math.round(busyMs),
    functions: rank([...fns].filter(([name]) => !name.startsWith('(idle)')).map(([name, v]) => ({ name, module: v.module, ms: v.ms }))),
    modules: rank([...mods].filter(([m]) => m !== '(idle)').map(([module, ms]) => ({ module, ms }))),
    byCaller: rank([...callers].filter(([m]) => m !== '(idle)').map(([module, ms]) => ({ module, ms }))),
  };
}
