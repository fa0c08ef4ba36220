import { defineProblems } from './domain-error.js';

/** Problems that any route can produce, independent of a capability. */
export const CommonProblems = defineProblems('common', {
  validationFailed: { kind: 'invalid', title: 'The request is not valid' },
  malformedBody: { kind: 'invalid', title: 'The request body could not be parsed' },
  badRequest: { kind: 'invalid', title: 'Bad request' },
  unauthenticated: { kind: 'unauthenticated', title: 'Authentication required' },
  forbidden: { kind: 'forbidden', title: 'Not allowed' },
  notFound: { kind: 'not_found', title: 'Not found' },
  methodNotAllowed: { kind: 'method_not_allowed', title: 'Method not allowed' },
  conflict: { kind: 'conflict', title: 'Conflict with the current state' },
  payloadTooLarge: { kind: 'payload_too_large', title: 'The request body is too large' },
  unsupportedMediaType: { kind: 'unsupported_media_type', title: 'Unsupported content type' },
  rateLimited: { kind: 'rate_limited', title: 'Too many requests' },
  databaseUnavailable: { kind: 'unavailable', title: 'The database is unavailable' },
  shuttingDown: { kind: 'unavailable', title: 'The service is shutting down' },
  internal: { kind: 'internal', title: 'Internal error' },
});

/** One invalid field of a request, as reported in a validation problem's `errors` member. */
export interface FieldError {
  readonly field: string;
  readonly message: string;
}
