import { describe, expect, it } from '@jest/globals';
import { actorColumns, auditDiff, REDACTED, SYSTEM_ACTOR } from './audit.js';

describe('auditDiff', () => {
  it('keeps only the fields that changed, on both sides', () => {
    expect(auditDiff({ stage: 'engage', unitId: 'u1', location: 'Lyon' }, { stage: 'perform', unitId: 'u1', location: 'Lyon' })).toEqual({
      before: { stage: 'engage' },
      after: { stage: 'perform' },
    });
  });

  it('answers null when nothing changed', () => {
    expect(auditDiff({ stage: 'engage', startDate: '2020-01-01' }, { stage: 'engage', startDate: '2020-01-01' })).toBeNull();
  });

  it('treats a creation as every non-null field of the new record, with no before', () => {
    expect(auditDiff(null, { stage: 'hire', unitId: null, location: 'Lyon' })).toEqual({ before: null, after: { stage: 'hire', location: 'Lyon' } });
  });

  it('records that a personal field changed without its values', () => {
    expect(auditDiff({ firstName: 'Ada', workEmail: null }, { firstName: 'Grace', workEmail: 'g@example.com' }, { personal: ['firstName', 'workEmail'] })).toEqual({
      before: { firstName: REDACTED, workEmail: null },
      after: { firstName: REDACTED, workEmail: REDACTED },
    });
  });

  it('never records a secret field, changed or not', () => {
    expect(auditDiff({ role: 'manager', passwordHash: 'a' }, { role: 'hr_admin', passwordHash: 'b' }, { secret: ['passwordHash'] })).toEqual({
      before: { role: 'manager' },
      after: { role: 'hr_admin' },
    });
    expect(auditDiff({ passwordHash: 'a' }, { passwordHash: 'b' }, { secret: ['passwordHash'] })).toBeNull();
  });

  it('compares dates by instant and records them as ISO strings', () => {
    const at = '2026-03-01T09:00:00.000Z';
    expect(auditDiff({ revokedAt: new Date(at) }, { revokedAt: new Date(at) })).toBeNull();
    expect(auditDiff({ revokedAt: null }, { revokedAt: new Date(at) })).toEqual({ before: { revokedAt: null }, after: { revokedAt: at } });
  });

  it('compares arrays and objects by value', () => {
    expect(auditDiff({ secondaryReasons: ['culture'] }, { secondaryReasons: ['culture'] })).toBeNull();
    expect(auditDiff({ secondaryReasons: ['culture'] }, { secondaryReasons: ['culture', 'manager'] })).toEqual({
      before: { secondaryReasons: ['culture'] },
      after: { secondaryReasons: ['culture', 'manager'] },
    });
  });
});

describe('actorColumns', () => {
  it('attributes a request to its user, or else to its API key', () => {
    expect(actorColumns({ userId: 'u', apiKeyId: null, requestId: 'r1' })).toEqual({ actorType: 'user', actorId: 'u', source: 'api', requestId: 'r1' });
    expect(actorColumns({ userId: null, apiKeyId: 'k', source: 'hris_import' })).toEqual({ actorType: 'api_key', actorId: 'k', source: 'hris_import', requestId: null });
  });

  it('attributes work without a caller to the system', () => {
    expect(actorColumns(SYSTEM_ACTOR)).toEqual({ actorType: 'system', actorId: null, source: 'system', requestId: null });
    expect(actorColumns({ userId: null, apiKeyId: null })).toEqual({ actorType: 'system', actorId: null, source: 'system', requestId: null });
  });
});
