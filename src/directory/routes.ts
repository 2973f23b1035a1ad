import { Router } from 'express';
import { z } from 'zod';
import type { HistoryStore } from '../history/store.js';
import { idSchema, parseOrThrow } from '../validation.js';
import type { DirectorySchemas } from './schemas.js';
import type { DirectoryStore } from './store.js';

/** `/api/clinicians` and `/api/clients`: the practice's directory, with each client's standing. */
export function createDirectoryRoutes(deps: {
  directory: DirectoryStore;
  history: HistoryStore;
  schemas: DirectorySchemas;
  now: () => Date;
}): Router {
  const { directory, history, schemas, now } = deps;
  const router = Router();
  const id = (value: unknown) => parseOrThrow(idSchema, value, ['id']);
  /** The lists take no parameters: any given is a 400, never silently ignored. */
  const noQuery = z.strictObject({});

  router.put('/clinicians/:id', async (req, res) => {
    const input = parseOrThrow(schemas.clinician, req.body);
    const { clinician, created } = await directory.putClinician(id(req.params.id), input);
    res.status(created ? 201 : 200).json(clinician);
  });
  router.get('/clinicians', async (req, res) => {
    parseOrThrow(noQuery, req.query);
    res.json(await directory.listClinicians());
  });
  router.get('/clinicians/:id', async (req, res) => {
    res.json(await directory.requireClinician(id(req.params.id)));
  });

  router.put('/clients/:id', async (req, res) => {
    const input = parseOrThrow(schemas.client, req.body);
    const { client, created } = await directory.putClient(id(req.params.id), input);
    res.status(created ? 201 : 200).json(client);
  });
  router.get('/clients', async (req, res) => {
    parseOrThrow(noQuery, req.query);
    res.json(await directory.listClients());
  });
  router.get('/clients/:id', async (req, res) => {
    const client = await directory.requireClient(id(req.params.id));
    res.json({ ...client, standing: await history.standingFor(client, now()) });
  });
  return router;
}
