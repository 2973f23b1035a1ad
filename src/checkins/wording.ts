import type { Language } from '../triage/types.js';
import { SMS_SAFETY } from '../wording/index.js';

export interface CheckInReplies {
  /** 1-3: thanks, recorded, no page. */
  thanks: string;
  /** 4: the on-call psychiatrist will be told. */
  toldPsychiatrist: string;
  /** 5, crisis language or a claimed emergency: 988 and 911 first. */
  urgent: string;
  /** Anything else: kept, and the scale again. */
  kept: string;
}

/** What a client reads after answering a check-in. Every one carries 911 / 988: the detector can miss. */
export const CHECK_IN_REPLIES: Record<Language, CheckInReplies> = {
  en: {
    thanks: `Thank you for answering. Your care team will see it. ${SMS_SAFETY.en}`,
    toldPsychiatrist: `Thank you for telling us. We are letting the on-call psychiatrist know; they will contact you at this number. ${SMS_SAFETY.en}`,
    urgent: 'You can call or text 988 right now to talk with someone (Suicide & Crisis Lifeline). If you are in danger, call 911. We are paging the on-call psychiatrist now.',
    kept: `Thank you, we saved your words for your care team. You can also reply 1 (doing well) to 5 (not safe). ${SMS_SAFETY.en}`,
  },
  es: {
    thanks: `Gracias por responder. Su equipo de cuidado lo vera. ${SMS_SAFETY.es}`,
    toldPsychiatrist: `Gracias por decirnos. Avisamos al psiquiatra de guardia; le contactara a este numero. ${SMS_SAFETY.es}`,
    urgent: 'Puede llamar o enviar un texto al 988 ahora mismo (Linea de Crisis). Si esta en peligro, llame al 911. Estamos llamando al psiquiatra de guardia.',
    kept: `Gracias, guardamos su mensaje para su equipo. Tambien puede responder 1 (bien) a 5 (no estoy a salvo). ${SMS_SAFETY.es}`,
  },
};
