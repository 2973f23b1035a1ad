import type { Redis } from 'ioredis';
import { ConflictError, NotFoundError, ValidationError } from '../errors.js';
import type { Keys } from '../store/keys.js';
import { DEFAULT_AGREEMENT, type Agreement, type Language } from '../triage/types.js';
import type { ClientInput, ClinicianInput } from './schemas.js';
import { defineScript } from '../store/scripts.js';

export type Role = 'psychiatrist' | 'therapist' | 'lead';

export interface Clinician {
  id: string;
  name: string;
  phone: string;
  role: Role;
  updatedAt: string;
}

export interface Client {
  id: string;
  name: string;
  initials: string;
  phones: string[];
  clinicianId: string;
  language: Language;
  agreement: Agreement;
  updatedAt: string;
}

export type PhoneOwner = { kind: 'client'; client: Client } | { kind: 'clinician'; clinician: Clinician };

/** The initials a page shows instead of a name: "Maria José Lopez" → "MJL". */
export function initialsOf(name: string): string {
  const letters = name
    .split(/[\s-]+/)
    .map((part) => part.match(/\p{L}/u)?.[0] ?? '')
    .join('')
    .toUpperCase();
  return letters.slice(0, 4) || '?';
}

export interface DirectoryStore {
  putClinician(id: string, input: ClinicianInput): Promise<{ clinician: Clinician; created: boolean }>;
  getClinician(id: string): Promise<Clinician | null>;
  requireClinician(id: string): Promise<Clinician>;
  listClinicians(): Promise<Clinician[]>;
  putClient(id: string, input: ClientInput): Promise<{ client: Client; created: boolean }>;
  getClient(id: string): Promise<Client | null>;
  requireClient(id: string): Promise<Client>;
  listClients(): Promise<Client[]>;
  /** O(1): one hash lookup and one record read, whatever the size of the practice. */
  findByPhone(e164: string): Promise<PhoneOwner | null>;
  close(): Promise<void>;
}

export function createDirectoryStore(deps: { redis: Redis; keys: Keys; now?: () => Date }): DirectoryStore {
  const { redis, keys } = deps;
  const now = deps.now ?? (() => new Date());
  const putRecordScript = defineScript<'created' | 'updated' | 'conflict'>(redis, 'put-record-3.lua');
  const findByPhoneScript = defineScript<'found' | 'none'>(redis, 'find-by-phone-1.lua');

  async function putRecord(tag: string, key: string, idsKey: string, id: string, record: object, phones: string[], phoneField: (i: number) => string) {
    const reply = await putRecordScript([key, keys.phoneOwners, idsKey], [tag, JSON.stringify(record), id, ...phones]);
    if (reply[0] === 'conflict') {
      const [kind, ownerId] = reply[2]!.split(':');
      throw new ConflictError(phoneField(Number(reply[1])), `this phone number already belongs to ${kind} ${ownerId}`);
    }
    return reply[0] === 'created';
  }

  async function read<T>(key: string): Promise<T | null> {
    const json = await redis.get(key);
    return json ? (JSON.parse(json) as T) : null;
  }

  async function list<T>(idsKey: string, keyOf: (id: string) => string): Promise<T[]> {
    const ids = (await redis.smembers(idsKey)).sort();
    if (ids.length === 0) return [];
    const values = await redis.mget(ids.map(keyOf));
    return values.filter((v): v is string => v !== null).map((v) => JSON.parse(v) as T);
  }

  const store: DirectoryStore = {
    async putClinician(id, input) {
      const clinician: Clinician = { id, ...input, updatedAt: now().toISOString() };
      const created = await putRecord(`clinician:${id}`, keys.clinician(id), keys.clinicianIds, id, clinician, [input.phone], () => 'phone');
      return { clinician, created };
    },
    getClinician: (id) => read<Clinician>(keys.clinician(id)),
    async requireClinician(id) {
      const clinician = await store.getClinician(id);
      if (!clinician) throw new NotFoundError('clinician', id);
      return clinician;
    },
    listClinicians: () => list<Clinician>(keys.clinicianIds, keys.clinician),

    async putClient(id, input) {
      if (!(await store.getClinician(input.clinicianId))) {
        throw new ValidationError([{ field: 'clinicianId', message: `no clinician with id ${input.clinicianId}` }]);
      }
      const client = buildClient(id, input, now());
      const phones = client.phones;
      const created = await putRecord(`client:${id}`, keys.client(id), keys.clientIds, id, client, phones, (i) => `phones[${input.phones.indexOf(phones[i]!)}]`);
      return { client, created };
    },
    getClient: (id) => read<Client>(keys.client(id)),
    async requireClient(id) {
      const client = await store.getClient(id);
      if (!client) throw new NotFoundError('client', id);
      return client;
    },
    listClients: () => list<Client>(keys.clientIds, keys.client),

    async findByPhone(e164) {
      const [found, owner, json] = await findByPhoneScript([keys.phoneOwners], [e164, keys.prefix]);
      if (found === 'none' || !owner || !json) return null;
      const record = JSON.parse(json) as Client & Clinician;
      return owner.startsWith('client:') ? { kind: 'client', client: record } : { kind: 'clinician', clinician: record };
    },
    async close() {},
  };
  return store;
}

/** The stored client for a validated input: initials derived, duplicate numbers folded, agreement defaults filled. */
export function buildClient(id: string, input: ClientInput, at: Date): Client {
  const agreement = Object.fromEntries(Object.entries(input.agreement ?? {}).filter(([, v]) => v !== undefined));
  return {
    id,
    name: input.name,
    initials: input.initials ?? initialsOf(input.name),
    phones: [...new Set(input.phones)],
    clinicianId: input.clinicianId,
    language: input.language,
    agreement: { ...DEFAULT_AGREEMENT, ...agreement },
    updatedAt: at.toISOString(),
  };
}
