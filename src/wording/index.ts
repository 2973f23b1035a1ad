import type { Language } from '../triage/types.js';
import * as en from './en.js';
import * as es from './es.js';
import type { ClientWording, ClinicianWording, TextReplies, VoicePrompts } from './types.js';

export { CHECK_IN_WORDINGS, type CheckInWording, type ClientWording, type ClinicianWording, type PageFacts, type TextReplies, type VoicePrompts } from './types.js';

/** Every word written to a client, one module per language. */
export const CLIENT_WORDING: Record<Language, ClientWording> = { en: en.client, es: es.client };

/** Every word written or spoken to a clinician. */
export const CLINICIAN_WORDING: ClinicianWording = en.clinician;

/** The SMS safety line per language, used wherever a text must carry the 911 / 988 guidance. */
export const SMS_SAFETY: Record<Language, string> = { en: en.client.smsSafety, es: es.client.smsSafety };
export { dotted } from './en.js';

/** Everything the voice line says, one table per language. */
export const VOICE_PROMPTS: Record<Language, VoicePrompts> = { en: en.voice, es: es.voice };

/** Every text the client line sends, per language. */
export const TEXT_REPLIES: Record<Language, TextReplies> = { en: en.texts, es: es.texts };

/** Offered, in Spanish, to callers whose language we do not know. */
export const SPANISH_OFFER = 'Para español, oprima 9.';
