import { Router } from 'express';
import { z } from 'zod';
import { idSchema, parseOrThrow } from '../directory/schemas.js';
import { contactView, type HistoryStore } from './store.js';

const listQuery = z.object({
  clientId: idSchema.optional(),
  since: z.iso.datetime({ offset: true, message: 'must be an ISO time' }).optional(),
  limit: z.coerce.number().int().min(1).max(1000).optional(),
});

const dispositionBody = z.strictObject({
  disposition: z.enum(['warranted', 'not-warranted']),
  note: z.string().max(2000).optional(),
});

/** `/api/contacts`: review of out-of-session contacts and the clinician's disposition of each. */
export function createHistoryRoutes(deps: { history: HistoryStore; now: () => Date }): Router {
  const { history, now } = deps;
  const router = Router();

  router.get('/contacts', async (req, res) => {
    const query = parseOrThrow(listQuery, req.query);
    const contacts = await history.listContacts({
      clientId: query.clientId,
      since: query.since ? new Date(query.since) : undefined,
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
    const contact = await history.setDisposition(contactId, { ...body, by: String(res.locals.actor ?? 'admin'), at: now() });
    res.json(contactView(contact));
  });
  return router;
}
