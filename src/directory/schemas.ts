import { DateTime } from 'luxon';
import { z } from 'zod';
import { ValidationError, type FieldProblem } from '../errors.js';
import { toE164 } from './phone.js';

export const idSchema = z
  .string()
  .regex(/^[A-Za-z0-9][A-Za-z0-9_-]{0,63}$/, 'must be 1-64 letters, digits, dashes or underscores');

/** An ISO 8601 time with an offset that names a real instant (no 31 February), as a Date. */
export const isoTime = z
  .string()
  .refine((value) => /[zZ]|[+-]\d{2}:?\d{2}$/.test(value) && DateTime.fromISO(value, { setZone: true }).isValid, 'must be an ISO time with an offset, e.g. 2026-11-30T08:00:00Z')
  .transform((value) => new Date(value));

export interface SchemaContext {
  phoneRegion: string;
  timezone: string;
  /**
   * Numbers no clinician or client may have, by the variable that sets them: the practice's own
   * number (its texts would page itself) and the fallback on-call phone (its replies are pager replies).
   */
  reservedPhones?: Record<string, string | null | undefined>;
}

/**
 * The admin API's and the importer's schemas, built once per configuration because phone
 * numbers without a country code and bare dates depend on where the practice is.
 */
export function createDirectorySchemas({ phoneRegion, timezone, reservedPhones = {} }: SchemaContext) {
  const reserved = new Map(Object.entries(reservedPhones).flatMap(([name, number]) => (number ? [[number, name] as const] : [])));
  const phone = z.string().transform((value, ctx) => {
    const e164 = toE164(value, phoneRegion);
    if (!e164) {
      ctx.addIssue({ code: 'custom', message: 'is not a phone number' });
      return z.NEVER;
    }
    if (reserved.has(e164)) {
      ctx.addIssue({ code: 'custom', message: `is the practice's ${reserved.get(e164)}, which no clinician or client may have` });
      return z.NEVER;
    }
    return e164;
  });

  const name = z.string().trim().min(1, 'is required').max(120, 'must be at most 120 characters');

  /** A bare date means "through the end of that day" in the practice's time zone. */
  const untilTime = z.string().transform((value, ctx) => {
    const bareDate = /^\d{4}-\d{2}-\d{2}$/.test(value);
    const parsed = bareDate
      ? DateTime.fromISO(value, { zone: timezone }).endOf('day')
      : DateTime.fromISO(value, { setZone: true });
    if (!parsed.isValid || (!bareDate && !/[zZ]|[+-]\d{2}:?\d{2}$/.test(value))) {
      ctx.addIssue({ code: 'custom', message: 'must be a date (YYYY-MM-DD) or an ISO time with offset' });
      return z.NEVER;
    }
    return parsed.toUTC().toISO()!;
  });

  const clinician = z.strictObject({
    name,
    phone,
    role: z.enum(['psychiatrist', 'therapist', 'lead', 'staff']),
  });

  const agreement = z.strictObject({
    pageThroughUntil: untilTime.nullable().optional(),
    trust: z.enum(['auto', 'always', 'review']).optional(),
    maxNonUrgentPer30Days: z.number().int().min(0).max(1000).optional(),
  });

  const client = z.strictObject({
    name,
    initials: z
      .string()
      .regex(/^[A-Za-z]{1,4}$/, 'must be 1-4 letters')
      .transform((s) => s.toUpperCase())
      .optional(),
    phones: z.array(phone).min(1, 'needs at least one number').max(6, 'at most 6 numbers'),
    clinicianId: idSchema,
    language: z.enum(['en', 'es']).default('en'),
    agreement: agreement.optional(),
  });

  return { phone, clinician, client, agreement, untilTime };
}

export type DirectorySchemas = ReturnType<typeof createDirectorySchemas>;
export type ClinicianInput = z.output<DirectorySchemas['clinician']>;
export type ClientInput = z.output<DirectorySchemas['client']>;

/** Turns zod issues into the field list every 400 carries, with an optional path prefix (for an import). */
export function fieldProblems(error: z.ZodError, prefix: (string | number)[] = []): FieldProblem[] {
  return error.issues.flatMap((issue) =>
    // An unknown key is named as the field itself, so `?clientId[]=x` says which parameter is wrong.
    issue.code === 'unrecognized_keys'
      ? issue.keys.map((key) => ({ field: formatPath([...prefix, ...issue.path, key]), message: 'is not a known field' }))
      : [{ field: formatPath([...prefix, ...issue.path]), message: issue.message }],
  );
}

export function formatPath(path: readonly PropertyKey[]): string {
  let out = '';
  for (const part of path) {
    if (typeof part === 'number') out += `[${part}]`;
    else out += out ? `.${String(part)}` : String(part);
  }
  return out || '(body)';
}

/** Parses or throws the ValidationError the error handler turns into a 400. */
export function parseOrThrow<S extends z.ZodType>(schema: S, value: unknown, prefix: (string | number)[] = []): z.output<S> {
  const result = schema.safeParse(value);
  if (!result.success) throw new ValidationError(fieldProblems(result.error, prefix));
  return result.data;
}
