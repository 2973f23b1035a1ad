import { DateTime } from 'luxon';
import { z } from 'zod';
import { idSchema } from '../validation.js';
import { toE164 } from '../phone.js';

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
    role: z.enum(['psychiatrist', 'therapist', 'lead']),
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
