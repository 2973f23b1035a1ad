import type { Redis } from 'ioredis';
import { z } from 'zod';
import { ValidationError, type FieldProblem } from '../errors.js';
import { scheduleSchema } from '../oncall/schedule.js';
import { scheduleProblems } from '../oncall/store.js';
import type { Keys } from '../store/keys.js';
import { defineScript } from '../store/scripts.js';
import { fieldProblems, idSchema } from '../validation.js';
import type { DirectorySchemas } from '../directory/schemas.js';
import { buildClient, type Clinician } from '../directory/store.js';

export interface ImportSummary {
  clinicians: number;
  clients: number;
  schedule: boolean;
}

/**
 * `afterhours import practice.json`: clinicians, clients and the on-call schedule from one
 * file, with the admin API's schemas. Every problem is reported with where it is, and a file
 * with any problem changes nothing.
 */
export async function importPractice(deps: { redis: Redis; keys: Keys; schemas: DirectorySchemas; now: () => Date }, data: unknown): Promise<ImportSummary> {
  const { redis, keys, schemas } = deps;
  const fileSchema = z.strictObject({
    clinicians: z.array(schemas.clinician.extend({ id: idSchema })).default([]),
    clients: z.array(schemas.client.extend({ id: idSchema })).default([]),
    oncall: scheduleSchema.optional(),
  });
  const parsed = fileSchema.safeParse(data);
  if (!parsed.success) throw new ValidationError(fieldProblems(parsed.error));
  const file = parsed.data;
  const problems: FieldProblem[] = [];

  const phoneOwners = new Map<string, string>();
  const claim = (phone: string, owner: string, field: string) => {
    const previous = phoneOwners.get(phone);
    if (previous && previous !== owner) problems.push({ field, message: `number also given to ${previous} in this file` });
    phoneOwners.set(phone, owner);
  };
  const seen = new Set<string>();
  file.clinicians.forEach((c, i) => {
    if (seen.has(`clinician:${c.id}`)) problems.push({ field: `clinicians[${i}].id`, message: `duplicate id ${c.id}` });
    seen.add(`clinician:${c.id}`);
    claim(c.phone, `clinician ${c.id}`, `clinicians[${i}].phone`);
  });
  file.clients.forEach((c, i) => {
    if (seen.has(`client:${c.id}`)) problems.push({ field: `clients[${i}].id`, message: `duplicate id ${c.id}` });
    seen.add(`client:${c.id}`);
    c.phones.forEach((p, j) => claim(p, `client ${c.id}`, `clients[${i}].phones[${j}]`));
  });

  const clinicianIds = new Set(file.clinicians.map((c) => c.id));
  const clinicianExists = async (id: string) => clinicianIds.has(id) || (await redis.sismember(keys.clinicianIds, id)) === 1;
  for (const [i, c] of file.clients.entries()) {
    if (!(await clinicianExists(c.clinicianId))) problems.push({ field: `clients[${i}].clinicianId`, message: `no clinician with id ${c.clinicianId}` });
  }
  if (file.oncall) problems.push(...(await scheduleProblems(file.oncall, clinicianExists, 'oncall.')));
  if (problems.length > 0) throw new ValidationError(problems);

  const updatedAt = deps.now().toISOString();
  const args: string[] = [file.oncall ? JSON.stringify(file.oncall) : ''];
  const fieldOf = new Map<string, string>();
  for (const [i, { id, ...input }] of file.clinicians.entries()) {
    const record: Clinician = { id, ...input, updatedAt };
    args.push(`clinician:${id}`, keys.clinician(id), id, 'clinician', JSON.stringify(record), '1', input.phone);
    fieldOf.set(`clinician:${id}`, `clinicians[${i}].phone`);
  }
  for (const [i, { id, ...input }] of file.clients.entries()) {
    const record = buildClient(id, input, deps.now());
    args.push(`client:${id}`, keys.client(id), id, 'client', JSON.stringify(record), String(record.phones.length), ...record.phones);
    fieldOf.set(`client:${id}`, `clients[${i}].phones`);
  }
  const importAll = defineScript<'ok' | 'conflict'>(redis, 'import-practice-4.lua');
  const reply = await importAll([keys.phoneOwners, keys.clinicianIds, keys.clientIds, keys.oncall], args);
  if (reply[0] === 'conflict') {
    const [, tag, index, owner] = reply;
    const base = fieldOf.get(tag!)!;
    const field = base.endsWith('.phones') ? `${base}[${index}]` : base;
    throw new ValidationError([{ field, message: `number already belongs to ${owner!.replace(':', ' ')}, which this file does not change` }]);
  }
  return { clinicians: file.clinicians.length, clients: file.clients.length, schedule: Boolean(file.oncall) };
}
