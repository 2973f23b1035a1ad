import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, normalize, relative } from 'node:path';
import { describe, expect, it } from 'vitest';

/**
 * Folders from the lowest to the highest: a module imports its own layer and lower ones only,
 * and nothing imports in a circle. The root's base files (configuration, logging, errors,
 * metrics, validation, phone numbers, business hours) are the lowest; the composition root, the
 * demo and the command line the highest. README "Architecture" draws this.
 */
const LAYERS: string[][] = [
  ['config.ts', 'log.ts', 'errors.ts', 'metrics.ts', 'validation.ts', 'phone.ts', 'business-hours.ts'],
  ['store'],
  ['triage'],
  ['wording'],
  ['http'],
  ['twilio'],
  ['history'],
  ['directory'],
  ['oncall'],
  ['import'],
  ['outbox'],
  ['paging'],
  ['intake'],
  ['outage'],
  ['checkins'],
  ['dispositions'],
  ['texts'],
  ['calls'],
  ['console'],
  ['system'],
  ['main.ts'],
  ['devtools'],
  ['cli.ts'],
];

const SRC = join(import.meta.dirname, '..', 'src');

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    return entry.isDirectory() ? sourceFiles(path) : entry.name.endsWith('.ts') ? [relative(SRC, path)] : [];
  });
}

/** Every relative import of a file (static, re-exported or dynamic), as a path under src/. */
function importsOf(file: string): string[] {
  const text = readFileSync(join(SRC, file), 'utf8');
  const specifiers = [...text.matchAll(/(?:from|import\()\s*'(\.{1,2}\/[^']+)'/g)].map((m) => m[1]!);
  return specifiers.map((s) => normalize(join(dirname(file), s)).replace(/\.js$/, '.ts'));
}

const unitOf = (file: string) => (file.includes('/') ? file.split('/')[0]! : file);
const layerOf = (file: string) => LAYERS.findIndex((layer) => layer.includes(unitOf(file)));

/** Imports from a lower layer to a higher one, as `from -> to`. */
function upwardImports(graph: Map<string, string[]>): string[] {
  return [...graph].flatMap(([file, imports]) => imports.filter((target) => layerOf(target) > layerOf(file)).map((target) => `${file} -> ${target}`));
}

/** Every circle of imports, as the path around it. */
function cycles(graph: Map<string, string[]>): string[] {
  const found: string[] = [];
  const state = new Map<string, 'open' | 'done'>();
  const visit = (file: string, path: string[]) => {
    if (state.get(file) === 'done') return;
    if (state.get(file) === 'open') {
      found.push([...path.slice(path.indexOf(file)), file].join(' -> '));
      return;
    }
    state.set(file, 'open');
    for (const target of graph.get(file) ?? []) visit(target, [...path, file]);
    state.set(file, 'done');
  };
  for (const file of graph.keys()) visit(file, []);
  return found;
}

const files = sourceFiles(SRC);
const graph = new Map(files.map((file) => [file, importsOf(file)]));

describe('architecture: imports run downward only', () => {
  it('when a folder or root file is added, then it is placed in a layer', () => {
    expect(files.filter((file) => layerOf(file) === -1)).toEqual([]);
  });

  it('when a module imports another folder, then that folder is lower than its own', () => {
    expect(upwardImports(graph)).toEqual([]);
  });

  it('when modules import each other, then no import runs in a circle', () => {
    expect(cycles(graph)).toEqual([]);
  });

  it('when an import runs upward or in a circle, then the checks name it', () => {
    expect(importsOf('main.ts')).toContain('system/services.ts');
    const bad = new Map([
      ['twilio/twiml.ts', ['calls/prompts.ts']],
      ['paging/worker.ts', ['texts/digest.ts']],
      ['texts/digest.ts', ['paging/worker.ts']],
    ]);
    expect(upwardImports(bad)).toEqual(['twilio/twiml.ts -> calls/prompts.ts', 'paging/worker.ts -> texts/digest.ts']);
    expect(cycles(bad)).toEqual(['paging/worker.ts -> texts/digest.ts -> paging/worker.ts']);
  });
});
