import { DateTime } from 'luxon';
import type { Language } from '../triage/types.js';

/**
 * Everything the voice line says, one table per language. Numbers are written "9-1-1" and
 * "9-8-8" so text-to-speech reads them digit by digit. No prompt names or hints at a client:
 * whoever holds the phone hears the same words.
 */
export interface VoicePrompts {
  voice: string;
  sayLanguage: string;
  gatherLanguage: string;
  greeting(practice: string): string;
  danger: string;
  question: string;
  /** After the first unsure answer, in place of the question: it is all right not to know. */
  unsure: string;
  notHeard: string;
  paged: string;
  followUp: string;
  followUpThanks: string;
  messageWhen(when: string): string;
  messageThanks(when: string): string;
  noAnswerPaged: string;
  noAnswerMessage: string;
  goodbye: string;
  fallbackConnecting: string;
  fallbackNoNumber: string;
  formatWhen(at: Date, timezone: string, now: Date): string;
}

const en: VoicePrompts = {
  voice: 'Polly.Joanna',
  sayLanguage: 'en-US',
  gatherLanguage: 'en-US',
  greeting: (practice) =>
    `You have reached the after-hours line of ${practice}. If you are in danger or this is a medical emergency, hang up and dial 9-1-1. You can call or text 9-8-8, the suicide and crisis lifeline, at any time.`,
  danger: 'If you are in danger, hang up and dial 9-1-1. You can call or text 9-8-8 at any time.',
  question:
    'If this is an emergency that cannot wait until the next business day, press 1 or say yes. To leave a message instead, press 2 or say no.',
  unsure:
    'If you are not sure, that is all right: press 1 or say yes, and we will page the psychiatrist now. Press 2 or say no to leave a message.',
  notHeard: "Sorry, I didn't catch that.",
  paged:
    'We are paging the on-call psychiatrist now. They will call you back at this number, so please keep your phone free.',
  followUp:
    'While the page goes out, please tell us in a few words what is happening, after the tone. Press any key when you are done. If you hang up, the page still goes out.',
  followUpThanks: 'Thank you. The psychiatrist will hear what you said.',
  messageWhen: (when) => `Your message will be heard ${when}. Please leave it after the tone, and press any key when you are done.`,
  messageThanks: (when) =>
    `Thank you. Your clinician will hear your message ${when}. Waiting for your next session can be hard, and you have made it through hard moments before. It can help to write down what you want to talk about, so it is ready for your session. If this becomes an emergency, hang up and dial 9-1-1, or call or text 9-8-8.`,
  noAnswerPaged:
    'We did not hear an answer, so we are paging the on-call psychiatrist to call you back at this number.',
  noAnswerMessage: 'We did not hear an answer.',
  goodbye: 'Goodbye.',
  fallbackConnecting: 'We are connecting you to the on-call clinician now. Please stay on the line.',
  fallbackNoNumber:
    'We cannot reach the on-call clinician through this line right now. Please call back in a few minutes.',
  formatWhen: (at, timezone, now) => {
    const t = DateTime.fromJSDate(at, { zone: timezone }).setLocale('en-US');
    const today = DateTime.fromJSDate(now, { zone: timezone });
    const day = t.hasSame(today, 'day') ? 'today' : t.hasSame(today.plus({ days: 1 }), 'day') ? 'tomorrow' : `on ${t.toFormat('cccc')}`;
    return `${day} after ${t.toFormat('h:mm a')}`;
  },
};

const es: VoicePrompts = {
  voice: 'Polly.Lupe',
  sayLanguage: 'es-US',
  gatherLanguage: 'es-US',
  greeting: (practice) =>
    `Se ha comunicado con la línea fuera de horario de ${practice}. Si está en peligro o tiene una emergencia médica, cuelgue y marque 9-1-1. Puede llamar o enviar un mensaje de texto al 9-8-8, la línea de prevención del suicidio y crisis, en cualquier momento.`,
  danger: 'Si está en peligro, cuelgue y marque 9-1-1. Puede llamar o enviar un texto al 9-8-8 en cualquier momento.',
  question:
    'Si es una emergencia que no puede esperar hasta el próximo día hábil, oprima 1 o diga sí. Para dejar un mensaje, oprima 2 o diga no.',
  unsure:
    'Si no está seguro, está bien: oprima 1 o diga sí, y avisaremos ahora al psiquiatra. Oprima 2 o diga no para dejar un mensaje.',
  notHeard: 'Perdón, no le entendí.',
  paged:
    'Estamos avisando ahora al psiquiatra de guardia. Le devolverá la llamada a este número; por favor mantenga su teléfono libre.',
  followUp:
    'Mientras enviamos el aviso, díganos en pocas palabras qué está pasando, después del tono. Oprima cualquier tecla al terminar. Si cuelga, el aviso se envía de todos modos.',
  followUpThanks: 'Gracias. El psiquiatra escuchará lo que nos dijo.',
  messageWhen: (when) => `Su mensaje será escuchado ${when}. Déjelo después del tono y oprima cualquier tecla al terminar.`,
  messageThanks: (when) =>
    `Gracias. Su terapeuta escuchará su mensaje ${when}. Esperar hasta la próxima sesión puede ser difícil, y usted ya ha superado momentos difíciles. Puede ayudar anotar lo que quiere hablar, para tenerlo listo en su sesión. Si se convierte en una emergencia, cuelgue y marque 9-1-1, o llame o envíe un texto al 9-8-8.`,
  noAnswerPaged:
    'No escuchamos una respuesta, así que estamos avisando al psiquiatra de guardia para que le devuelva la llamada a este número.',
  noAnswerMessage: 'No escuchamos una respuesta.',
  goodbye: 'Adiós.',
  fallbackConnecting: 'Le estamos comunicando con el profesional de guardia. Por favor no cuelgue.',
  fallbackNoNumber: 'No podemos comunicarle con el profesional de guardia en este momento. Por favor llame de nuevo en unos minutos.',
  formatWhen: (at, timezone, now) => {
    const t = DateTime.fromJSDate(at, { zone: timezone }).setLocale('es');
    const today = DateTime.fromJSDate(now, { zone: timezone });
    const day = t.hasSame(today, 'day') ? 'hoy' : t.hasSame(today.plus({ days: 1 }), 'day') ? 'mañana' : `el ${t.toFormat('cccc')}`;
    return `${day} después de las ${t.toFormat('H:mm')}`;
  },
};

export const VOICE_PROMPTS: Record<Language, VoicePrompts> = { en, es };

/** Offered, in Spanish, to callers whose language we do not know. */
export const SPANISH_OFFER = 'Para español, oprima 9.';
