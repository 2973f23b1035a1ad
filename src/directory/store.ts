import type { Redis } from 'ioredis';
import { ConflictError, NotFoundError, ValidationError } from '../errors.js';
import type { Keys } from '../store/keys.js';
import { DEFAULT_AGREEMENT, type Agreement, type Language } from '../triage/types.js';
import type { ClientInput, ClinicianInput } from './schemas.js';
import { luaScript } from '../store/scripts.js';

/** `staff` are the practice's non-clinical people: they use the console and are never on call. */
export type Role = 'psychiatrist' | 'therapist' | 'lead' | 'staff';

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

/**
 * Writes a record and its phone numbers atomically. A number already owned by another record
 * aborts the whole write (nothing changes); numbers the record no longer has are released.
 * KEYS: record, phone-owners hash, id set. ARGV: owner tag, json, id, new numbers…
 */
const PUT_RECORD = `
for i = 4, #ARGV do
  local owner = redis.call('HGET', KEYS[2], ARGV[i])
  if owner and owner ~= ARGV[1] then return {'conflict', tostring(i - 4), owner} end
end
local old = redis.call('GET', KEYS[1])
if old then
  local decoded = cjson.decode(old)
  local previous = decoded.phones or {decoded.phone}
  for _, number in ipairs(previous) do
    if redis.call('HGET', KEYS[2], number) == ARGV[1] then redis.call('HDEL', KEYS[2], number) end
  end
end
for i = 4, #ARGV do redis.call('HSET', KEYS[2], ARGV[i], ARGV[1]) end
redis.call('SET', KEYS[1], ARGV[2])
redis.call('SADD', KEYS[3], ARGV[3])
if old then return {'updated'} end
return {'created'}
`;

/**
 * The owner of a number and its record in one round trip: the owner tag ("client:<id>") is also
 * the record's key under the prefix. KEYS: phone owners. ARGV: number, key prefix.
 */
const FIND_BY_PHONE = `
local owner = redis.call('HGET', KEYS[1], ARGV[1])
if not owner then return nil end
return {owner, redis.call('GET', ARGV[2] .. ':' .. owner)}
`;

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
  const putRecordScript = luaScript(redis, 'afterhoursPutRecord', 3, PUT_RECORD);
  const findByPhoneScript = luaScript(redis, 'afterhoursFindByPhone', 1, FIND_BY_PHONE);

  async function putRecord(tag: string, key: string, idsKey: string, id: string, record: object, phones: string[], phoneField: (i: number) => string) {
    const reply = (await putRecordScript(key, keys.phoneOwners, idsKey, tag, JSON.stringify(record), id, ...phones)) as string[];
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
      const found = (await findByPhoneScript(keys.phoneOwners, e164, keys.prefix)) as [string, string | null] | null;
      if (!found || !found[1]) return null;
      const record = JSON.parse(found[1]) as Client & Clinician;
      return found[0].startsWith('client:') ? { kind: 'client', client: record } : { kind: 'clinician', clinician: record };
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
