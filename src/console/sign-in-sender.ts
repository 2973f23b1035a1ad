import type { Logger } from '../log.js';
import type { Messenger } from '../twilio/client.js';

/** How a sign-in code reaches a person's phone: the port the outbox will implement. */
export interface SignInSender {
  sendSignInCode(personId: string, phone: string, code: string): Promise<void>;
}

export function signInText(practiceName: string, code: string): string {
  return `${practiceName} console sign-in code: ${code}. It works for 5 minutes. If you did not ask for it, ignore this text.`;
}

/** Sends the code as a text through the Twilio client; a failure is logged by person, never with the number or code. */
export function createMessengerSignInSender(deps: { messenger: Messenger; practiceName: string; log: Logger }): SignInSender {
  return {
    async sendSignInCode(personId, phone, code) {
      try {
        await deps.messenger.sendSms(phone, signInText(deps.practiceName, code));
      } catch (err) {
        deps.log.warn({ personId, err: err instanceof Error ? err.name : 'error' }, 'sign-in code could not be sent');
      }
    },
  };
}
