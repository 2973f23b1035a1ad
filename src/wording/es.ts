import type { CheckInWording, ClientWording } from './types.js';

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
