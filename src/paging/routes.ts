import { Router } from 'express';
import { z } from 'zod';
import { idSchema, parseOrThrow } from '../validation.js';
import type { DirectoryStore } from '../directory/store.js';
import { AppError, ValidationError } from '../errors.js';
import type { Acknowledger } from './acknowledge.js';
import type { Page, PageStore } from './pages.js';

const listQuery = z.strictObject({ status: z.enum(['open', 'acknowledged', 'exhausted']).optional() });
const ackBody = z.strictObject({ clinicianId: idSchema });

/** A page as the admin API shows it. */
export function pageView(page: Page) {
  return {
    id: page.id,
    code: page.code,
    contactId: page.contactId,
    clientId: page.clientId,
    priority: page.priority,
    status: page.status,
    why: page.why,
    createdAt: page.createdAt,
    steps: page.steps.map(({ tier, clinicianId, channel, at, delivery, error }) => ({ tier, clinicianId, channel, at, delivery, ...(error ? { error } : {}) })),
    acknowledgedBy: page.acknowledgedBy,
    acknowledgedVia: page.acknowledgedVia,
    acknowledgedAt: page.acknowledgedAt,
    exhaustedAt: page.exhaustedAt,
  };
}

/** `/api/pages`: what was paged, to whom, how it was delivered, and who took it. */
export function createPageRoutes(deps: { pages: PageStore; directory: DirectoryStore; acknowledger: Acknowledger }): Router {
  const { pages, directory, acknowledger } = deps;
  const router = Router();
  router.get('/pages', async (req, res) => {
    const { status } = parseOrThrow(listQuery, req.query);
    res.json((await pages.list(status)).map(pageView));
  });
  router.get('/pages/:id', async (req, res) => {
    res.json(pageView(await pages.require(parseOrThrow(idSchema, req.params.id, ['id']))));
  });
  router.post('/pages/:id/ack', async (req, res) => {
    const pageId = parseOrThrow(idSchema, req.params.id, ['id']);
    const { clinicianId } = parseOrThrow(ackBody, req.body);
    await pages.require(pageId);
    if (!(await directory.getClinician(clinicianId))) throw new ValidationError([{ field: 'clinicianId', message: `no clinician with id ${clinicianId}` }]);
    const result = await acknowledger.acknowledge(pageId, clinicianId, 'web');
    if (result.outcome === 'already' && result.page.acknowledgedBy !== clinicianId) {
      throw new AppError(409, 'already_acknowledged', `page ${result.page.code} was already taken by ${result.page.acknowledgedBy} at ${result.page.acknowledgedAt}`);
    }
    res.json(pageView(result.page));
  });
  return router;
}
