import { existsSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';

/**
 * Docker does not run where the tests run, so the container files are checked by reading them:
 * what the image copies exists and reaches the build context, it runs the start command the
 * README names as an unprivileged user with a health check, and compose builds it beside a
 * Redis that keeps its data.
 */
const read = (path: string) => readFileSync(new URL(`../${path}`, import.meta.url), 'utf8');

interface Instruction {
  op: string;
  args: string;
  stage: number;
}

function dockerfile(): Instruction[] {
  const lines = read('Dockerfile').replace(/\\\n/g, ' ').split('\n').map((l) => l.trim()).filter((l) => l && !l.startsWith('#'));
  let stage = -1;
  return lines.map((line) => {
    const [op, ...rest] = line.split(/\s+/);
    if (op!.toUpperCase() === 'FROM') stage += 1;
    return { op: op!.toUpperCase(), args: rest.join(' '), stage };
  });
}

const ignore = read('.dockerignore').split('\n').map((l) => l.trim()).filter((l) => l && !l.startsWith('#'));
/** Whether a path reaches the build context, for the allow-list form this .dockerignore keeps: `*`, then `!path` lines. */
const inContext = (path: string) => ignore.filter((l) => l.startsWith('!')).some((l) => path.replace(/\/$/, '') === l.slice(1).replace(/\/$/, ''));

describe('the production container', () => {
  const steps = dockerfile();
  const last = Math.max(...steps.map((s) => s.stage));
  const final = steps.filter((s) => s.stage === last);

  it('when the image is built, then every file it copies exists and reaches the build context, and secrets and host builds do not', () => {
    expect(ignore[0]).toBe('*');
    const sources = steps.filter((s) => s.op === 'COPY' && !s.args.startsWith('--from')).flatMap((s) => s.args.split(/\s+/).slice(0, -1));
    expect(sources).toEqual(expect.arrayContaining(['package.json', 'package-lock.json', 'tsconfig.build.json', 'src']));
    for (const source of sources) {
      expect(existsSync(new URL(`../${source}`, import.meta.url)), source).toBe(true);
      expect(inContext(source), `${source} is kept out by .dockerignore`).toBe(true);
    }
    for (const secret of ['.env', '.git', 'node_modules', 'dist', 'test', 'bench', 'data']) expect(inContext(secret), secret).toBe(false);
    // the compiler writes where the final stage copies from
    expect(JSON.parse(read('tsconfig.build.json')).compilerOptions.outDir).toBe('dist');
    expect(steps.some((s) => s.stage < last && s.op === 'RUN' && s.args === 'npm run build')).toBe(true);
  });

  it('when the image runs, then it holds compiled dist/ and production dependencies only, as user node, with a health check on /healthz', () => {
    expect(last).toBeGreaterThanOrEqual(1);
    expect(final.filter((s) => s.op === 'COPY').map((s) => s.args)).toEqual(['package.json package-lock.json ./', '--from=build /app/dist ./dist']);
    expect(final.find((s) => s.op === 'RUN' && s.args.startsWith('npm ci'))?.args).toContain('--omit=dev');
    expect(final.find((s) => s.op === 'USER')?.args).toBe('node');
    expect(final.findIndex((s) => s.op === 'USER')).toBeGreaterThan(final.findLastIndex((s) => s.op === 'RUN'));
    expect(final.find((s) => s.op === 'HEALTHCHECK')?.args).toMatch(/CMD .*\/healthz/);
    expect(final.find((s) => s.op === 'RUN' && s.args.includes('/app/data'))?.args).toContain('chown node:node /app/data');
  });

  it('when the container starts, then it runs the start command the README names', () => {
    const cmd = JSON.parse(final.find((s) => s.op === 'CMD')!.args) as string[];
    const start = JSON.parse(read('package.json')).scripts.start as string;
    expect(cmd.join(' ')).toBe(start);
    expect(read('README.md')).toContain(`\`${start}\``);
  });

  it('when compose runs the product, then it builds this image with a data volume, beside a Redis that keeps its data with AOF', () => {
    const compose = parse(read('docker-compose.yml')) as { services: Record<string, Record<string, unknown>> };
    const { app, redis } = compose.services;
    expect(app!.build).toBe('.');
    expect(app!.command).toBeUndefined();
    expect(app!.volumes).toEqual(['app-data:/app/data']);
    expect(app!.depends_on).toEqual({ redis: { condition: 'service_healthy' } });
    const args = (redis!.command as string[]).join(' ');
    expect(args).toContain('--appendonly yes');
    expect(args).toContain('--maxmemory-policy noeviction');
    expect(redis!.volumes).toEqual(['redis-data:/data']);
  });
});
