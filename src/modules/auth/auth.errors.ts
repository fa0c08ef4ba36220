import { defineProblems } from '#src/common/errors/domain-error.js';

export const AuthProblems = defineProblems('auth', {
  missingCredential: { kind: 'unauthenticated', title: 'Authentication required' },
  invalidCredential: { kind: 'unauthenticated', title: 'The credential is not valid' },
  invalidLogin: { kind: 'unauthenticated', title: 'E-mail or password is wrong' },
  tenantRequired: { kind: 'invalid', title: 'Name the organisation to sign in to' },
  roleNotAllowed: { kind: 'forbidden', title: 'Your role may not do this' },
  noAccessPolicy: { kind: 'forbidden', title: 'This route declares no access policy' },
  sessionRequired: { kind: 'unauthenticated', title: 'Sign in to see this page' },
  csrfFailed: { kind: 'forbidden', title: 'The form is out of date' },
  operatorDisabled: { kind: 'not_found', title: 'Not found' },
  apiKeyNotFound: { kind: 'not_found', title: 'API key not found' },
});
