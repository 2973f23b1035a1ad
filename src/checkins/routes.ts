import { Router } from 'express';
import { DateTime } from 'luxon';
import { NotFoundError, ValidationError } from '../errors.js';
import { idSchema, parseOrThrow } from '../validation.js';
import type { DirectoryStore } from '../directory/store.js';
import { nextSlot, planInput, type CheckInPlan } from './plan.js';
import type { CheckInStore } from './store.js';

/** `/api/clients/:id/checkins`: a client's check-in plan, set by a clinician or staff. */
export function createCheckInRoutes(deps: { store: CheckInStore; directory: DirectoryStore; timezone: string; now: () => Date }): Router {
  const { store, directory, timezone, now } = deps;
  const router = Router();

  async function view(plan: CheckInPlan) {
    const next = nextSlot(plan, now(), timezone);
    return { ...plan, timezone, next: next?.toISOString() ?? null, checkIns: await store.records(plan.clientId) };
  }

  async function clientId(value: unknown): Promise<string> {
    const id = parseOrThrow(idSchema, value, ['id']);
    await directory.requireClient(id);
    return id;
  }

  router.put('/clients/:id/checkins', async (req, res) => {
    const id = await clientId(req.params.id);
    const input = parseOrThrow(planInput, req.body);
    const today = DateTime.fromJSDate(now(), { zone: timezone }).toISODate()!;
    if (input.until < today) throw new ValidationError([{ field: 'until', message: `must not be before today (${today} in ${timezone})` }]);
    const earlier = await store.get(id);
    const plan = await store.set(id, input, now());
    res.status(earlier && !earlier.endedAt ? 200 : 201).json(await view(plan));
  });
  router.get('/clients/:id/checkins', async (req, res) => {
    const id = await clientId(req.params.id);
    const plan = await store.get(id);
    if (!plan) throw new NotFoundError('check-in plan', id);
    res.json(await view(plan));
  });
  router.delete('/clients/:id/checkins', async (req, res) => {
    const id = await clientId(req.params.id);
    const plan = await store.end(id, now());
    if (!plan) throw new NotFoundError('check-in plan', id);
    res.json(await view(plan));
  });
  return router;
}
