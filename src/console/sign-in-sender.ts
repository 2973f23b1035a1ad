import { randomBytes } from 'node:crypto';
import type { Logger } from '../log.js';
import type { Outbox } from '../outbox/index.js';

/** How a sign-in code reaches a person's phone. */
export interface SignInSender {
  sendSignInCode(personId: string, phone: string, code: string, minutes: number): Promise<void>;
}

/**
 * Through the outbox, like every other text: its record keeps the delivery, never the words, so
 * the code is neither stored nor logged. Each request is a send of its own; a failure is logged
 * by person and kind only.
 */
export function createOutboxSignInSender(deps: { outbox: Outbox; log: Logger }): SignInSender {
  return {
    async sendSignInCode(personId, phone, code, minutes) {
      try {
        const outcome = await deps.outbox.sendOnce({ scope: 'sign-in', id: personId, field: randomBytes(8).toString('hex') }, { kind: 'sign-in-code', to: phone, code, minutes });
        if (outcome.status === 'failed') deps.log.warn({ personId, kind: outcome.kind }, 'sign-in code could not be sent');
      } catch (err) {
        deps.log.warn({ personId, err: err instanceof Error ? err.name : 'error' }, 'sign-in code could not be sent');
      }
    },
  };
}
