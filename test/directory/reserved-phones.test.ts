import { execFile } from 'node:child_process';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { importPractice } from '../../src/import/practice.js';
import { ValidationError } from '../../src/errors.js';
import { ADMIN_TOKEN, REDIS_URL, testSystem, type TestSystem } from '../support/system.js';
import { TWILIO_VARS } from '../support/twilio.js';

let sys: TestSystem;
beforeEach(async () => {
  sys = await testSystem({ vars: TWILIO_VARS });
});
afterEach(() => sys.teardown());

// The practice number is +16175550000 and the fallback phone +16175550911, written here as a person might.
const PRACTICE = '(617) 555-0000';
const FALLBACK = '617.555.0911';
const lead = { name: 'Dr. Lee Park', phone: '+16175550103', role: 'lead' };

describe("the practice's own numbers are nobody's phone", () => {
  it('when a clinician is given the practice number or the fallback phone, then 400 names the field and nothing is stored', async () => {
    const practice = await sys.api('put', '/api/clinicians/lee', { ...lead, phone: PRACTICE }).expect(400);
    expect(practice.body.fields).toEqual([{ field: 'phone', message: expect.stringContaining('TWILIO_PHONE_NUMBER') }]);
    const fallback = await sys.api('put', '/api/clinicians/lee', { ...lead, phone: FALLBACK }).expect(400);
    expect(fallback.body.fields).toEqual([{ field: 'phone', message: expect.stringContaining('FALLBACK_ONCALL_PHONE') }]);
    expect(await sys.directory.getClinician('lee')).toBeNull();
    expect(await sys.directory.findByPhone(TWILIO_VARS.TWILIO_PHONE_NUMBER)).toBeNull();
  });

  it('when a client is given either number among others, then 400 names that entry and nothing is stored', async () => {
    await sys.api('put', '/api/clinicians/lee', lead).expect(201);
    const res = await sys.api('put', '/api/clients/c1', { name: 'Jamie Doe', phones: ['+16175550188', FALLBACK, PRACTICE], clinicianId: 'lee' }).expect(400);
    expect(res.body.fields.map((f: { field: string }) => f.field)).toEqual(['phones[1]', 'phones[2]']);
    expect(await sys.directory.getClient('c1')).toBeNull();
    await sys.api('put', '/api/clients/c1', { name: 'Jamie Doe', phones: ['+16175550188'], clinicianId: 'lee' }).expect(201);
  });

  it('when a practice file gives either number to anyone, then the import names each place and imports nothing', async () => {
    const file = {
      clinicians: [{ id: 'lee', ...lead, phone: FALLBACK }],
      clients: [{ id: 'c1', name: 'Jamie Doe', phones: ['+16175550188', PRACTICE], clinicianId: 'lee' }],
    };
    const error = await importPractice({ redis: sys.redis, keys: sys.keys, schemas: sys.schemas, now: sys.now }, file).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ValidationError);
    expect((error as ValidationError).fields.map((f) => f.field)).toEqual(['clinicians[0].phone', 'clients[0].phones[1]']);
    expect(await sys.directory.listClinicians()).toEqual([]);

    // and the command itself, configured with the same numbers
    const dir = await mkdtemp(join(tmpdir(), 'afterhours-reserved-'));
    const path = join(dir, 'practice.json');
    await writeFile(path, JSON.stringify(file));
    const env = { ...process.env, ...TWILIO_VARS, REDIS_URL, REDIS_PREFIX: sys.keys.prefix, ADMIN_TOKEN, LOG_LEVEL: 'silent' };
    const failed = await promisify(execFile)(process.execPath, ['--import', 'tsx', 'src/cli.ts', 'import', path], { env }).catch((e: { code: number; stderr: string }) => e);
    expect(failed).toMatchObject({ code: 1 });
    expect((failed as { stderr: string }).stderr).toContain("clinicians[0].phone: is the practice's FALLBACK_ONCALL_PHONE");
    expect((failed as { stderr: string }).stderr).toContain("clients[0].phones[1]: is the practice's TWILIO_PHONE_NUMBER");
  });
});
