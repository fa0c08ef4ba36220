import { describe, expect, it } from '@jest/globals';
import { canSee, EDIT_WINDOW_MS, isEditable, type RecognitionAudience } from './recognition.js';

const privateOne: RecognitionAudience = { visibility: 'private', authorUserId: 'author', recipientIds: ['ana', 'ben'], recipientManagerIds: ['lead', null] };
const viewer = (over: Partial<{ isHr: boolean; userId: string | null; employeeId: string | null }>) => ({ isHr: false, userId: null, employeeId: null, ...over });

describe('recognition visibility', () => {
  it('shows a public recognition to everyone', () => {
    expect(canSee({ ...privateOne, visibility: 'public' }, viewer({}))).toBe(true);
  });

  it('shows a private one to its recipients, their managers, its author and HR only', () => {
    expect(canSee(privateOne, viewer({ employeeId: 'ana' }))).toBe(true);
    expect(canSee(privateOne, viewer({ employeeId: 'lead' }))).toBe(true);
    expect(canSee(privateOne, viewer({ userId: 'author' }))).toBe(true);
    expect(canSee(privateOne, viewer({ isHr: true }))).toBe(true);
    expect(canSee(privateOne, viewer({ employeeId: 'colleague', userId: 'someone' }))).toBe(false);
    expect(canSee(privateOne, viewer({}))).toBe(false);
  });

  it('lets the author edit for fifteen minutes', () => {
    const posted = new Date('2026-11-25T10:00:00Z');
    expect(isEditable(posted, new Date(posted.getTime() + EDIT_WINDOW_MS))).toBe(true);
    expect(isEditable(posted, new Date(posted.getTime() + EDIT_WINDOW_MS + 1))).toBe(false);
  });
});
