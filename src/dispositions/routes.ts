import { Router } from 'express';
import { z } from 'zod';
import { idSchema, parseOrThrow } from '../validation.js';
import type { DispositionQuestions } from './questions.js';

const listQuery = z.strictObject({ clinicianId: idSchema.optional() });

/** `GET /api/dispositions`: the morning questions still open (asked, not yet answered W or N), oldest page first. */
export function createDispositionRoutes(deps: { questions: DispositionQuestions }): Router {
  const router = Router();
  router.get('/dispositions', async (req, res) => {
    const query = parseOrThrow(listQuery, req.query);
    const open = await deps.questions.listOpen(query.clinicianId);
    res.json(open.sort((a, b) => a.pageAt.localeCompare(b.pageAt)));
  });
  return router;
}
