import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';

/** What an action gets when a playbook run comes due. */
export interface PlaybookActionContext {
  readonly manager: EntityManager;
  readonly tenantId: string;
  readonly employeeId: string;
  readonly playbookId: string;
  readonly runId: string;
  readonly params: Readonly<Record<string, unknown>>;
}

/** An action a playbook can run; capabilities register theirs (start a checklist, invite to a survey…). */
export interface PlaybookAction {
  readonly key: string;
  readonly description: string;
  /** Checks a playbook's params when it is saved; returns problems, empty when fine. */
  validate(params: Record<string, unknown>): string[];
  /** Runs inside the run's transaction; returns a result kept on the run. */
  run(context: PlaybookActionContext): Promise<Record<string, unknown>>;
}

/** The actions playbooks can name. Modules register theirs when they start. */
@Injectable()
export class PlaybookActions {
  private readonly actions = new Map<string, PlaybookAction>();

  register(action: PlaybookAction): void {
    if (this.actions.has(action.key)) throw new Error(`Playbook action ${action.key} is registered twice`);
    this.actions.set(action.key, action);
  }

  get(key: string): PlaybookAction | undefined {
    return this.actions.get(key);
  }

  list(): PlaybookAction[] {
    return [...this.actions.values()].sort((a, b) => a.key.localeCompare(b.key));
  }
}
