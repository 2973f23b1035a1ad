import { Router } from 'express';
import { parseOrThrow } from '../validation.js';
import { NotFoundError } from '../errors.js';
import { scheduleSchema } from './schedule.js';
import type { OnCallStore } from './store.js';

/** `/api/oncall`: the rotation, and who answers right now. */
export function createOnCallRoutes(deps: { oncall: OnCallStore; now: () => Date }): Router {
  const { oncall, now } = deps;
  const router = Router();
  router.put('/oncall', async (req, res) => {
    const schedule = parseOrThrow(scheduleSchema, req.body);
    await oncall.putSchedule(schedule);
    res.json(schedule);
  });
  router.get('/oncall', async (_req, res) => {
    const schedule = await oncall.getSchedule();
    if (!schedule) throw new NotFoundError('schedule', 'oncall');
    res.json(schedule);
  });
  router.get('/oncall/now', async (_req, res) => {
    const onCall = await oncall.onCallAt(now());
    if (!onCall) throw new NotFoundError('schedule', 'oncall');
    res.json(onCall);
  });
  return router;
}
