/** An event about to be recorded, in the transaction of the change it describes. */
export interface DomainEventDraft {
  readonly type: string;
  readonly subjectId: string;
  readonly payload: Record<string, unknown>;
  readonly occurredAt: Date;
}
