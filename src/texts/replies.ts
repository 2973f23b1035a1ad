import { DateTime } from 'luxon';
import type { Language } from '../triage/types.js';
import { SMS_SAFETY } from '../wording/index.js';

/**
 * Every text the client line sends, per language: plain characters (GSM-7 where the language
 * allows) so a reply stays within two SMS segments. The danger line rides on every reply that
 * answers an emergency or a crisis.
 */
export interface TextReplies {
  question(practice: string): string;
  reask: string;
  /** The first unsure answer: one plain sentence that it is all right not to know, and the question again. */
  unsure: string;
  paged: string;
  pagedAskDetails: string;
  detailsAdded: string;
  crisis: string;
  messageKept(when: string): string;
  added: string;
  /** HELP as a first text: who we are, the danger line, and the urgency question. */
  help(practice: string): string;
  helpOnly(practice: string): string;
  /** HELP alone (or "ayuda"): read as a call for help, so it pages, and names the practice as the carrier keyword asks. */
  helpPaged(practice: string): string;
  resubscribed(practice: string): string;
  formatWhen(at: Date, timezone: string, now: Date): string;
}

const en: TextReplies = {
  question: (practice) => `${practice} after-hours line. Is this an emergency that can't wait for your next session? Reply YES or NO. ${SMS_SAFETY.en}`,
  reask: `Sorry, please reply YES if this is an emergency that can't wait for your next session, or NO to leave a message. ${SMS_SAFETY.en}`,
  unsure: `If you are not sure, that's all right: reply YES and we will page the psychiatrist, or NO to leave a message. ${SMS_SAFETY.en}`,
  paged: `We are paging the on-call psychiatrist now; they will contact you at this number. ${SMS_SAFETY.en}`,
  pagedAskDetails: `We are paging the on-call psychiatrist now; they will contact you at this number. In a few words, what is happening? ${SMS_SAFETY.en}`,
  detailsAdded: `Thank you, we added that to the page. ${SMS_SAFETY.en}`,
  crisis: 'You can call or text 988 right now to talk with someone (Suicide & Crisis Lifeline). If you are in danger, call 911. We are paging the on-call psychiatrist now.',
  messageKept: (when) =>
    `Thank you. Your message is saved and your clinician will read it ${when}. Waiting can be hard; you have gotten through hard moments before. Jot down what you want to bring to your session. If this becomes an emergency, call 911, or call or text 988.`,
  added: `Got it, we added this to your message. ${SMS_SAFETY.en}`,
  help: (practice) => `${practice} after-hours line. ${SMS_SAFETY.en} Is this an emergency that can't wait for your next session? Reply YES or NO. STOP ends texts from this line.`,
  helpOnly: (practice) => `${practice} after-hours line. ${SMS_SAFETY.en} Reply STOP to stop texts from this line.`,
  helpPaged: (practice) => `${practice} after-hours line. We are paging the on-call psychiatrist now; they will contact you at this number. ${SMS_SAFETY.en}`,
  resubscribed: (practice) => `${practice}: you will get texts from this line again. ${SMS_SAFETY.en}`,
  formatWhen: (at, timezone, now) => {
    const t = DateTime.fromJSDate(at, { zone: timezone }).setLocale('en-US');
    const today = DateTime.fromJSDate(now, { zone: timezone });
    const day = t.hasSame(today, 'day') ? 'today' : t.hasSame(today.plus({ days: 1 }), 'day') ? 'tomorrow' : t.toFormat('cccc');
    return `${day} after ${t.toFormat('h:mm a')}`;
  },
};

const es: TextReplies = {
  question: (practice) => `Linea fuera de horario de ${practice}. Es una emergencia que no puede esperar a su proxima sesion? Responda SI o NO. ${SMS_SAFETY.es}`,
  reask: `Perdon, responda SI si es una emergencia que no puede esperar a su proxima sesion, o NO para dejar un mensaje. ${SMS_SAFETY.es}`,
  unsure: `Si no esta seguro, esta bien: responda SI y avisaremos al psiquiatra, o NO para dejar un mensaje. ${SMS_SAFETY.es}`,
  paged: `Estamos avisando al psiquiatra de guardia; le contactara a este numero. ${SMS_SAFETY.es}`,
  pagedAskDetails: `Estamos avisando al psiquiatra de guardia; le contactara a este numero. En pocas palabras, que esta pasando? ${SMS_SAFETY.es}`,
  detailsAdded: `Gracias, lo agregamos al aviso. ${SMS_SAFETY.es}`,
  crisis: 'Puede llamar o enviar un texto al 988 ahora mismo para hablar con alguien (Linea de Crisis). Si esta en peligro, llame al 911. Estamos avisando al psiquiatra de guardia.',
  messageKept: (when) =>
    `Gracias. Su mensaje esta guardado y su terapeuta lo leera ${when}. Esperar puede ser dificil; usted ya ha superado momentos dificiles. Anote lo que quiere hablar en su sesion. Si se vuelve una emergencia, llame al 911, o llame o envie un texto al 988.`,
  added: `Recibido, lo agregamos a su mensaje. ${SMS_SAFETY.es}`,
  help: (practice) => `Linea fuera de horario de ${practice}. ${SMS_SAFETY.es} Es una emergencia que no puede esperar a su proxima sesion? Responda SI o NO.`,
  helpOnly: (practice) => `Linea fuera de horario de ${practice}. ${SMS_SAFETY.es} Responda STOP para no recibir mas textos de esta linea.`,
  helpPaged: (practice) => `Linea fuera de horario de ${practice}. Estamos avisando al psiquiatra de guardia; le contactara a este numero. ${SMS_SAFETY.es}`,
  resubscribed: (practice) => `${practice}: volvera a recibir textos de esta linea. ${SMS_SAFETY.es}`,
  formatWhen: (at, timezone, now) => {
    const t = DateTime.fromJSDate(at, { zone: timezone }).setLocale('es');
    const today = DateTime.fromJSDate(now, { zone: timezone });
    const day = t.hasSame(today, 'day') ? 'hoy' : t.hasSame(today.plus({ days: 1 }), 'day') ? 'manana' : `el ${t.toFormat('cccc')}`;
    return `${day} despues de las ${t.toFormat('H:mm')}`;
  },
};

export const TEXT_REPLIES: Record<Language, TextReplies> = { en, es };
