import { pino, stdSerializers, type DestinationStream, type Logger } from 'pino';

export type { Logger };

/**
 * Keys whose values are protected health information or identify a person. They are removed at
 * any depth, whatever the case, so a Twilio webhook body or a record logged by mistake still
 * leaves nothing behind.
 */
const SECRET_KEYS = new Set(
  [
    'from', 'to', 'body', 'speechresult', 'unstablespeechresult', 'digits', 'recordingurl', 'transcriptiontext',
    'mediaurl', 'mediaurl0', 'caller', 'called', 'callername', 'forwardedfrom', 'name', 'displayname', 'initials',
    'phone', 'phones', 'message', 'text', 'note', 'authorization', 'authtoken', 'password', 'token', 'x-twilio-signature',
  ].map((k) => k.toLowerCase()),
);

/**
 * Anything that looks like a phone number (7+ digits, optionally +, spaces, dashes, dots,
 * brackets), after Twilio SIDs (two capitals and 32 hex digits: `CA…`, `SM…`, `AC…`), which are
 * matched first so that they are kept whole rather than cut where their digits run together.
 */
const PHONE_PATTERN = /\b[A-Z]{2}[0-9a-fA-F]{32}\b|\+?\d[\d\s().-]{5,}\d/g;
const SID = /^[A-Z]{2}[0-9a-fA-F]{32}$/;

function scrubString(value: string): string {
  return value.replace(PHONE_PATTERN, (match) => (!SID.test(match) && match.replace(/\D/g, '').length >= 7 ? '[number]' : match));
}

function scrub(value: unknown, depth = 0): unknown {
  if (typeof value === 'string') return scrubString(value);
  if (value === null || typeof value !== 'object') return value;
  // What is deeper than the scrubber walks is left out, never written unscrubbed.
  if (depth > 6) return '[too deep]';
  if (value instanceof Error) return scrub(stdSerializers.err(value), depth);
  if (Array.isArray(value)) return value.map((v) => scrub(v, depth + 1));
  // A serialized error keeps its name and message (scrubbed of numbers): they are what an operator needs.
  const isError = typeof (value as { stack?: unknown }).stack === 'string';
  const out: Record<string, unknown> = {};
  for (const [key, v] of Object.entries(value)) {
    const secret = SECRET_KEYS.has(key.toLowerCase()) && !(isError && (key === 'message' || key === 'name'));
    out[key] = secret ? '[redacted]' : scrub(v, depth + 1);
  }
  return out;
}

/**
 * The one logger factory. Every line is scrubbed of protected fields and phone-number shapes
 * before it is written, so a careless `log.info({ req })` cannot leak a client's number.
 */
export function createLogger(options: { level: string; destination?: DestinationStream; name?: string }): Logger {
  return pino(
    {
      level: options.level,
      name: options.name ?? 'afterhours',
      base: undefined,
      // scrub() has serialized every error already; pino's own err serializer would run again on
      // that plain object and call every error's type "Object".
      serializers: { err: (value: unknown) => value, error: (value: unknown) => value },
      formatters: { log: (object) => scrub(object) as Record<string, unknown> },
      hooks: {
        logMethod(args, method) {
          const scrubbed = args.map((a) => (typeof a === 'string' ? scrubString(a) : a)) as Parameters<typeof method>;
          method.apply(this, scrubbed);
        },
      },
    },
    options.destination,
  );
}
