import type { ErrorRequestHandler } from 'express';
import { AppError, ConflictError, TooManyRequestsError, ValidationError } from '../errors.js';
import type { Logger } from '../log.js';

/**
 * The one JSON error handler. Named errors become their status with a safe message; anything
 * else is logged (scrubbed) and answered with a bare 500 that leaks nothing.
 */
export function jsonErrorHandler(log: Logger): ErrorRequestHandler {
  return (error, req, res, _next) => {
    if (error instanceof ValidationError) {
      res.status(400).json({ error: 'invalid', message: error.message, fields: error.fields });
      return;
    }
    if (error instanceof ConflictError) {
      res.status(409).json({ error: error.code, message: error.message, field: error.field });
      return;
    }
    if (error instanceof TooManyRequestsError) res.setHeader('Retry-After', String(error.retryAfterSeconds));
    if (error instanceof AppError) {
      res.status(error.status).json({ error: error.code, message: error.message });
      return;
    }
    const status = (error as { status?: number; type?: string }).status;
    if (status === 400 || status === 413 || status === 415) {
      // body-parser: malformed JSON, too large, wrong content type
      const message = status === 413 ? 'is too large' : status === 415 ? 'must be application/json' : 'is not valid JSON';
      res.status(status).json({ error: 'invalid', message: `the request body ${message}`, fields: [{ field: '(body)', message }] });
      return;
    }
    log.error({ err: error, route: req.route?.path }, 'request failed');
    res.status(500).json({ error: 'internal', message: 'something went wrong; it has been logged' });
  };
}
