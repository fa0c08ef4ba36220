/** Who may read a recognition: everyone in the organisation, or the people it concerns. */
export const RECOGNITION_VISIBILITIES = ['public', 'private'] as const;
export type RecognitionVisibility = (typeof RECOGNITION_VISIBILITIES)[number];

/** An author may change their words this long after posting. */
export const EDIT_WINDOW_MS = 15 * 60_000;

/** Most colleagues one recognition names. */
export const MAX_RECIPIENTS = 20;

/** The people a recognition concerns, as visibility needs them. */
export interface RecognitionAudience {
  readonly visibility: RecognitionVisibility;
  readonly authorUserId: string | null;
  readonly recipientIds: readonly string[];
  /** The current managers of the recipients. */
  readonly recipientManagerIds: readonly (string | null)[];
}

export interface Viewer {
  readonly isHr: boolean;
  readonly userId: string | null;
  /** The employee the viewer is, when their user is linked to one. */
  readonly employeeId: string | null;
}

/**
 * A public recognition is in its units' feeds for everyone; a private one is read by its
 * recipients, their managers, its author and HR only.
 */
export function canSee(recognition: RecognitionAudience, viewer: Viewer): boolean {
  if (recognition.visibility === 'public' || viewer.isHr) return true;
  if (viewer.userId !== null && recognition.authorUserId === viewer.userId) return true;
  if (viewer.employeeId === null) return false;
  return recognition.recipientIds.includes(viewer.employeeId) || recognition.recipientManagerIds.includes(viewer.employeeId);
}

/** Whether the author may still edit, `now` being the time of the request. */
export function isEditable(createdAt: Date, now: Date): boolean {
  return now.getTime() - createdAt.getTime() <= EDIT_WINDOW_MS;
}
