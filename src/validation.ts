import { DateTime } from 'luxon';
import { z } from 'zod';
import { ValidationError, type FieldProblem } from './errors.js';

/** What every API body, query and import is checked with: ids, times, and the 400 that names the field. */
export const idSchema = z
  .string()
  .regex(/^[A-Za-z0-9][A-Za-z0-9_-]{0,63}$/, 'must be 1-64 letters, digits, dashes or underscores');

/** An ISO 8601 time with an offset that names a real instant (no 31 February), as a Date. */
export const isoTime = z
  .string()
  .refine((value) => /[zZ]|[+-]\d{2}:?\d{2}$/.test(value) && DateTime.fromISO(value, { setZone: true }).isValid, 'must be an ISO time with an offset, e.g. 2026-11-30T08:00:00Z')
  .transform((value) => new Date(value));

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
