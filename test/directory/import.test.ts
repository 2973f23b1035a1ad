import { execFile } from 'node:child_process';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { importPractice } from '../../src/import/practice.js';
import { ValidationError } from '../../src/errors.js';
import { ADMIN_TOKEN, REDIS_URL, testSystem, type TestSystem } from '../support/system.js';

let sys: TestSystem;
beforeEach(async () => {
  sys = await testSystem();
});
afterEach(() => sys.teardown());

const practice = {
  clinicians: [
    { id: 'ana', name: 'Dr. Ana Ruiz', phone: '617-555-0101', role: 'psychiatrist' },
    { id: 'ben', name: 'Dr. Ben Cole', phone: '+1 617 555 0102', role: 'psychiatrist' },
    { id: 'lee', name: 'Dr. Lee Park', phone: '(617) 555-0103', role: 'lead' },
  ],
  clients: [
    { id: 'c1', name: 'Jamie Doe', phones: ['617 555 0188'], clinicianId: 'ana', agreement: { trust: 'always' } },
    { id: 'c2', name: 'Rosa Diaz', phones: ['+18575550199'], clinicianId: 'ben', language: 'es' },
  ],
  oncall: { rotation: ['ana', 'ben'], shiftDays: 7, handoff: '2026-10-26T08:00', backup: 'next', lead: 'lee' },
};

const run = (data: unknown) => importPractice({ redis: sys.redis, keys: sys.keys, schemas: sys.schemas, now: sys.now }, data);

async function problems(data: unknown) {
  const error = await run(data).catch((e: unknown) => e);
  expect(error).toBeInstanceOf(ValidationError);
  return (error as ValidationError).fields;
}

async function snapshot() {
  const keys = (await sys.redis.keys(`${sys.keys.prefix}:*`)).filter((k) => !k.endsWith(':audit')).sort();
  return Promise.all(keys.map(async (k) => [k, await sys.redis.dump(k)]));
}

describe('import practice.json', () => {
  it('when the file is valid, then clinicians, clients and the schedule are stored and findable by number', async () => {
    expect(await run(practice)).toEqual({ clinicians: 3, clients: 2, schedule: true });
    expect(await sys.directory.findByPhone('+16175550188')).toMatchObject({ client: { id: 'c1', initials: 'JD', agreement: { trust: 'always' } } });
    expect(await sys.directory.findByPhone('+16175550103')).toMatchObject({ clinician: { id: 'lee', role: 'lead' } });
    expect((await sys.oncall.getSchedule())?.lead).toBe('lee');
  });

  it('when the file is imported again with a number moved between two of its records, then it applies cleanly', async () => {
    await run(practice);
    const swapped = structuredClone(practice);
    swapped.clients[0]!.phones = ['+18575550199'];
    swapped.clients[1]!.phones = ['617 555 0188'];
    await run(swapped);
    expect(await sys.directory.findByPhone('+18575550199')).toMatchObject({ client: { id: 'c1' } });
    expect(await sys.directory.findByPhone('+16175550188')).toMatchObject({ client: { id: 'c2' } });
  });

  it('when the file has problems anywhere, then each is reported by where it is and nothing changes', async () => {
    await run({ clinicians: [practice.clinicians[0]] });
    const before = await snapshot();
    const bad = structuredClone(practice) as Record<string, any>;
    bad.clinicians[1].phone = 'call me';
    bad.clients[0].clinicianId = 'nobody';
    bad.clients[1].phones = ['617-555-0101'];
    bad.oncall.lead = 'ghost';
    const fields = await problems(bad);
    expect(fields).toEqual([{ field: 'clinicians[1].phone', message: 'is not a phone number' }]);
    delete bad.clinicians[1].phone;
    bad.clinicians[1].phone = '+16175550102';
    expect(await problems(bad)).toEqual([
      { field: 'clients[1].phones[0]', message: 'number also given to clinician ana in this file' },
      { field: 'clients[0].clinicianId', message: 'no clinician with id nobody' },
      { field: 'oncall.lead', message: 'no clinician with id ghost' },
    ]);
    expect(await snapshot()).toEqual(before);
  });

  it('when a number belongs to a record outside the file, then nothing is imported', async () => {
    await sys.api('put', '/api/clinicians/zed', { name: 'Z', phone: '+16175550188', role: 'therapist' }).expect(201);
    const before = await snapshot();
    expect(await problems(practice)).toEqual([{ field: 'clients[0].phones[0]', message: 'number already belongs to clinician zed, which this file does not change' }]);
    expect(await snapshot()).toEqual(before);
  });

  it('when the command line imports a file, then it reports the counts; a bad file exits non-zero saying where', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'afterhours-import-'));
    const good = join(dir, 'practice.json');
    const bad = join(dir, 'bad.json');
    await writeFile(good, JSON.stringify(practice));
    await writeFile(bad, JSON.stringify({ clients: [{ id: 'c1', name: 'X', phones: [], clinicianId: 'ana' }] }));
    const env = { ...process.env, REDIS_URL, REDIS_PREFIX: sys.keys.prefix, ADMIN_TOKEN, LOG_LEVEL: 'silent' };
    const exec = promisify(execFile);
    const cli = ['--import', 'tsx', 'src/cli.ts', 'import'];
    const ok = await exec(process.execPath, [...cli, good], { env });
    expect(ok.stdout).toBe('imported 3 clinicians, 2 clients and the on-call schedule\n');
    const failed = await exec(process.execPath, [...cli, bad], { env }).catch((e: { code: number; stderr: string }) => e);
    expect(failed).toMatchObject({ code: 1 });
    expect((failed as { stderr: string }).stderr).toContain('clients[0].phones: needs at least one number');
    expect((failed as { stderr: string }).stderr).toContain('nothing was imported');
  });
});
