import type { ClientWording } from './types.js';

const SMS_SAFETY = 'Si esta en peligro, llame al 911. Llame o envie un texto al 988 (Linea de Crisis) en cualquier momento.';

/** What a Spanish-speaking client reads. Clinicians' texts are English only (see en.ts). */
export const client: ClientWording = {
  smsSafety: SMS_SAFETY,
  stillTrying: (practice) => `${practice}: seguimos intentando comunicarnos con el profesional de guardia. ${SMS_SAFETY}`,
  pageTaken: (practice) => `${practice}: el psiquiatra de guardia ya tiene su mensaje y se comunicará con usted. ${SMS_SAFETY}`,
  checkIn: (practice) => `${practice}: le escribimos como acordamos. Como esta? Responda a este texto. ${SMS_SAFETY}`,
};
