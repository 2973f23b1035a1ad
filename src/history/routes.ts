import { Router } from 'express';
import { z } from 'zod';
import { idSchema, isoTime, parseOrThrow } from '../validation.js';
import { contactView, type Contact, type HistoryStore } from './store.js';

/** Strict: an unknown parameter (`clientId[]`), a repeated one (an array) or a bad date is a 400, never ignored. */
const listQuery = z.strictObject({
  clientId: idSchema.optional(),
  since: isoTime.optional(),
  limit: z.string().regex(/^\d{1,4}$/, 'must be a whole number from 1 to 1000').transform(Number).pipe(z.number().min(1, 'must be at least 1').max(1000, 'must be at most 1000')).optional(),
});

export const dispositionBody = z.strictObject({
  disposition: z.enum(['warranted', 'not-warranted']),
  note: z.string().max(2000).optional(),
});

/** `/api/contacts`: review of out-of-session contacts and the clinician's disposition of each. */
export function createHistoryRoutes(deps: { history: HistoryStore; now: () => Date; onDisposition?: (contact: Contact) => Promise<void> }): Router {
  const { history, now } = deps;
  const router = Router();

  router.get('/contacts', async (req, res) => {
    const query = parseOrThrow(listQuery, req.query);
    const contacts = await history.listContacts({
      clientId: query.clientId,
      since: query.since,
      limit: query.limit,
    });
    res.json(contacts.map(contactView));
  });
  router.get('/contacts/:id', async (req, res) => {
    res.json(contactView(await history.requireContact(parseOrThrow(idSchema, req.params.id, ['id']))));
  });
  router.post('/contacts/:id/disposition', async (req, res) => {
    const contactId = parseOrThrow(idSchema, req.params.id, ['id']);
    const body = parseOrThrow(dispositionBody, req.body);
    const contact = await history.setDisposition(contactId, { ...body, by: String(res.locals.actor ?? 'api'), at: now() });
    await deps.onDisposition?.(contact);
    res.json(contactView(contact));
  });
  return router;
}
