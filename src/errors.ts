/**
 * The product's named errors. Each carries an HTTP status for the one error handler and a
 * message safe to show: never a phone number, a name or a client's words.
 */
export class AppError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = new.target.name;
  }
}

export interface FieldProblem {
  /** Dotted path of the failing field, e.g. `phones.1` or `clients[2].clinicianId` in an import. */
  field: string;
  message: string;
}

export class ValidationError extends AppError {
  constructor(readonly fields: FieldProblem[]) {
    super(400, 'invalid', `invalid ${fields.map((f) => f.field).join(', ')}`);
  }
}

export class NotFoundError extends AppError {
  constructor(what: string, id: string) {
    super(404, 'not_found', `no ${what} with id ${id}`);
  }
}

export class ConflictError extends AppError {
  constructor(
    readonly field: string,
    message: string,
  ) {
    super(409, 'conflict', message);
  }
}

export class UnauthorizedError extends AppError {
  constructor() {
    super(401, 'unauthorized', 'a valid admin bearer token is required');
  }
}

/** An address that failed to authenticate too often; it may try again after `retryAfterSeconds`. */
export class TooManyRequestsError extends AppError {
  constructor(readonly retryAfterSeconds: number) {
    super(429, 'rate_limited', 'too many failed attempts from this address; try again later');
  }
}
