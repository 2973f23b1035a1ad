import { DateTime } from 'luxon';
import type { CheckInWording, ClientWording, TextReplies, VoicePrompts } from './types.js';

const SMS_SAFETY = 'Si esta en peligro, llame al 911. Llame o envie un texto al 988 (Linea de Crisis) en cualquier momento.';

const CHECK_IN_OPENINGS: Record<CheckInWording, (practice: string) => string> = {
  standard: (p) => `${p}: como se siente ahora mismo?`,
  gentle: (p) => `${p}: le escribimos como pidio su clinico. Pensamos en usted. Como esta ahora?`,
  brief: (p) => `${p}: control.`,
};

/** What a Spanish-speaking client reads. Clinicians' texts are English only (see en.ts). */
export const client: ClientWording = {
  smsSafety: SMS_SAFETY,
  stillTrying: (practice) => `${practice}: seguimos intentando comunicarnos con el profesional de guardia. ${SMS_SAFETY}`,
  pageTaken: (practice) => `${practice}: el psiquiatra de guardia ya tiene su mensaje y se comunicará con usted. ${SMS_SAFETY}`,
  checkIn: (practice, wording) =>
    `${CHECK_IN_OPENINGS[wording](practice)} Responda con un numero del 1 (estoy bien) al 5 (no estoy a salvo). ${SMS_SAFETY} Responda STOP para dejar de recibirlos.`,
};

/** What the voice line says, in Spanish. */
export const voice: VoicePrompts = {
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

/** What the text line replies, in Spanish. */
export const texts: TextReplies = {
  question: (practice) => `Linea fuera de horario de ${practice}. Es una emergencia que no puede esperar a su proxima sesion? Responda SI o NO. ${SMS_SAFETY}`,
  reask: `Perdon, responda SI si es una emergencia que no puede esperar a su proxima sesion, o NO para dejar un mensaje. ${SMS_SAFETY}`,
  unsure: `Si no esta seguro, esta bien: responda SI y avisaremos al psiquiatra, o NO para dejar un mensaje. ${SMS_SAFETY}`,
  paged: `Estamos avisando al psiquiatra de guardia; le contactara a este numero. ${SMS_SAFETY}`,
  pagedAskDetails: `Estamos avisando al psiquiatra de guardia; le contactara a este numero. En pocas palabras, que esta pasando? ${SMS_SAFETY}`,
  detailsAdded: `Gracias, lo agregamos al aviso. ${SMS_SAFETY}`,
  crisis: 'Puede llamar o enviar un texto al 988 ahora mismo para hablar con alguien (Linea de Crisis). Si esta en peligro, llame al 911. Estamos avisando al psiquiatra de guardia.',
  messageKept: (when) =>
    `Gracias. Su mensaje esta guardado y su terapeuta lo leera ${when}. Esperar puede ser dificil; usted ya ha superado momentos dificiles. Anote lo que quiere hablar en su sesion. Si se vuelve una emergencia, llame al 911, o llame o envie un texto al 988.`,
  added: `Recibido, lo agregamos a su mensaje. ${SMS_SAFETY}`,
  help: (practice) => `Linea fuera de horario de ${practice}. ${SMS_SAFETY} Es una emergencia que no puede esperar a su proxima sesion? Responda SI o NO.`,
  helpOnly: (practice) => `Linea fuera de horario de ${practice}. ${SMS_SAFETY} Responda STOP para no recibir mas textos de esta linea.`,
  helpPaged: (practice) => `Linea fuera de horario de ${practice}. Estamos avisando al psiquiatra de guardia; le contactara a este numero. ${SMS_SAFETY}`,
  resubscribed: (practice) => `${practice}: volvera a recibir textos de esta linea. ${SMS_SAFETY}`,
  formatWhen: (at, timezone, now) => {
    const t = DateTime.fromJSDate(at, { zone: timezone }).setLocale('es');
    const today = DateTime.fromJSDate(now, { zone: timezone });
    const day = t.hasSame(today, 'day') ? 'hoy' : t.hasSame(today.plus({ days: 1 }), 'day') ? 'manana' : `el ${t.toFormat('cccc')}`;
    return `${day} despues de las ${t.toFormat('H:mm')}`;
  },
};
