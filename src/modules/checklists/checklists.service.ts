import { Injectable } from '@nestjs/common';
import { DataSource, In, type EntityManager } from 'typeorm';
import type { Principal } from '#src/common/auth/principal.js';
import { DomainError } from '#src/common/errors/domain-error.js';
import { isUniqueViolation } from '#src/common/errors/postgres-errors.js';
import { validationFailed } from '#src/common/http/validation.js';
import { DEFAULT_PAGE_SIZE, decodeCursor, toPage, type Page } from '#src/common/pagination/pagination.js';
import { AuditLogRepository } from '#src/modules/audit/audit-log.repository.js';
import { auditDiff, type AuditActor } from '#src/modules/audit/domain/audit.js';
import { tenantCalendar } from '#src/modules/tenancy/tenant-calendar.js';
import { readUnitTree, subtreeSql } from '#src/modules/units/unit-tree.js';
import { ChecklistsProblems } from './checklists.errors.js';
import { addBusinessDays, addDays, applicableTasks } from './domain/start.js';
import type { AssigneeRule, ChecklistKind, TemplateTask } from './domain/templates.js';
import type { ChecklistDto, ListChecklistsQueryDto, ListTasksQueryDto, ProgressDto, ReassignTaskDto, StartChecklistDto, TaskDto, TaskEventDto } from './dto/checklist.dto.js';
import { ChecklistEntity, ChecklistTaskEntity, ChecklistTaskEventEntity, type TaskStatus } from './entities/checklist.entity.js';
import { ChecklistTemplateVersionEntity } from './entities/checklist-template.entity.js';
import { TemplatesService } from './templates.service.js';

interface Subject {
  id: string;
  unit_id: string | null;
  manager_id: string | null;
  location: string | null;
  employment_type: string | null;
  start_date: string | null;
  end_date: string | null;
}

/** What each task action does: the statuses it starts from and the one it leaves. */
const ACTIONS = {
  complete: { from: ['open'], to: 'done', audit: 'checklist_task.completed' },
  reopen: { from: ['done', 'skipped'], to: 'open', audit: 'checklist_task.reopened' },
  skip: { from: ['open'], to: 'skipped', audit: 'checklist_task.skipped' },
} as const satisfies Record<string, { from: readonly TaskStatus[]; to: TaskStatus; audit: string }>;
export type TaskAction = keyof typeof ACTIONS;

/** Running checklists: starting them with resolved assignees and due dates, and working their tasks. */
@Injectable()
export class ChecklistsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly templates: TemplatesService,
    private readonly audit: AuditLogRepository,
  ) {}

  async start(principal: Principal, dto: StartChecklistDto): Promise<ChecklistDto> {
    const id = await this.dataSource.transaction((manager) => this.startIn(manager, principal.tenantId, dto.employeeId, dto.templateId, principal));
    return this.get(principal, id);
  }

  /**
   * Starts a template's current version for an employee, inside the caller's transaction (a
   * playbook run's, or the route's). Tasks that do not apply to the employee are left out.
   */
  async startIn(manager: EntityManager, tenantId: string, employeeId: string, templateId: string, actor: AuditActor): Promise<string> {
    const template = await this.templates.require(manager, tenantId, templateId);
    if (template.archivedAt) throw new DomainError(ChecklistsProblems.templateArchived, 'An archived template starts no checklist; restore it first.');
    const version = await this.templates.currentVersion(manager, template);
    const subjects: Subject[] = await manager.query(
      `SELECT id, unit_id, manager_id, location, employment_type, to_char(start_date, 'YYYY-MM-DD') AS start_date, to_char(end_date, 'YYYY-MM-DD') AS end_date
       FROM employees WHERE tenant_id = $1 AND id = $2`,
      [tenantId, employeeId],
    );
    const subject = subjects[0];
    if (!subject) throw validationFailed([{ field: 'employeeId', message: 'does not match an employee' }]);
    const anchor = await anchorDate(manager, tenantId, template.kind, subject);
    const [{ checklist_business_days: businessDays }] = (await manager.query(`SELECT checklist_business_days FROM tenants WHERE id = $1`, [tenantId])) as [
      { checklist_business_days: boolean },
    ];
    const dueOn = (offset: number) => (businessDays ? addBusinessDays(anchor, offset) : addDays(anchor, offset));
    const { parents } = await readUnitTree(manager, tenantId);
    const tasks = applicableTasks(version.tasks, { unitId: subject.unit_id, location: subject.location, employmentType: subject.employment_type }, parents);
    const assignees = await this.assignees(manager, tenantId, subject, tasks);

    let checklistId: string;
    try {
      const inserted = await manager.insert(ChecklistEntity, {
        tenantId,
        employeeId,
        templateId,
        templateVersionId: version.id,
        anchorDate: anchor,
        status: tasks.some((task) => task.required) ? 'running' : 'completed',
        completedAt: tasks.some((task) => task.required) ? null : new Date(),
      });
      checklistId = (inserted.identifiers[0] as { id: string }).id;
    } catch (error) {
      if (isUniqueViolation(error, 'uq_checklists_running')) {
        throw new DomainError(ChecklistsProblems.alreadyRunning, 'This template already runs for this employee; finish or cancel it first.');
      }
      throw error;
    }
    if (tasks.length > 0) {
      await manager.insert(
        ChecklistTaskEntity,
        tasks.map((task) => ({
          tenantId,
          checklistId,
          key: task.key,
          title: task.title,
          description: task.description,
          required: task.required,
          dependsOn: task.dependsOn,
          assigneeRule: task.assignee.rule,
          assigneeUserId: assignees.get(task.key) ?? null,
          dueOn: dueOn(task.offsetDays),
          status: 'open' as const,
          completedAt: null,
        })),
      );
      const created = await manager.findBy(ChecklistTaskEntity, { tenantId, checklistId });
      await manager.insert(
        ChecklistTaskEventEntity,
        created.map((task) => ({ tenantId, taskId: task.id, action: 'create', fromStatus: null, toStatus: 'open' as const, comment: null, actorUserId: actor.userId, actorApiKeyId: actor.apiKeyId })),
      );
    }
    await this.audit.record(manager, tenantId, actor, [
      {
        action: 'checklist.started',
        entityType: 'checklist',
        entityId: checklistId,
        before: null,
        after: { employeeId, templateId, templateVersion: version.number, status: tasks.some((task) => task.required) ? 'running' : 'completed', tasks: tasks.length },
      },
    ]);
    return checklistId;
  }

  async list(principal: Principal, query: ListChecklistsQueryDto): Promise<Page<ChecklistDto>> {
    const tenantId = principal.tenantId;
    const limit = query.limit ?? DEFAULT_PAGE_SIZE;
    const q = this.dataSource.manager.createQueryBuilder(ChecklistEntity, 'c').where('c.tenant_id = :tenantId', { tenantId });
    if (query.employeeId) q.andWhere('c.employee_id = :employeeId', { employeeId: query.employeeId });
    if (query.templateId) q.andWhere('c.template_id = :templateId', { templateId: query.templateId });
    if (query.status) q.andWhere('c.status = :status', { status: query.status });
    if (query.unitId) {
      q.andWhere(
        `c.employee_id IN (SELECT e.id FROM employees e WHERE e.tenant_id = :tenantId AND e.unit_id IN (
           ${subtreeSql(':tenantId', ':unitId')} SELECT id FROM subtree))`,
        { unitId: query.unitId },
      );
    }
    if (query.cursor) {
      const position = decodeCursor(query.cursor);
      q.andWhere('(c.created_at, c.id) > (:cursorValue, :cursorId)', { cursorValue: position.value, cursorId: position.id });
    }
    const rows = await q.orderBy('c.created_at', 'ASC').addOrderBy('c.id', 'ASC').limit(limit + 1).getMany();
    const page = toPage(rows, limit, (row) => ({ value: row.createdAt.toISOString(), id: row.id }));
    return { items: await this.toDtos(tenantId, page.items), nextCursor: page.nextCursor };
  }

  async get(principal: Principal, id: string): Promise<ChecklistDto> {
    const checklist = await this.dataSource.manager.findOneBy(ChecklistEntity, { tenantId: principal.tenantId, id });
    if (!checklist) throw new DomainError(ChecklistsProblems.notFound, `No checklist ${id}.`);
    return (await this.toDtos(principal.tenantId, [checklist]))[0]!;
  }

  /** Everyone's own tasks; HR also anyone's, with filters. */
  async listTasks(principal: Principal, query: ListTasksQueryDto): Promise<Page<TaskDto>> {
    const tenantId = principal.tenantId;
    const isHr = principal.role === 'hr_admin';
    const assignee = query.assignee === 'me' || !isHr ? principal.userId : query.assignee;
    if ((query.assignee === 'me' || !isHr) && !principal.userId) {
      throw validationFailed([{ field: 'assignee', message: 'me needs a signed-in user (an API key is nobody’s)' }]);
    }
    if (assignee && !/^[0-9a-f-]{36}$/i.test(assignee)) throw validationFailed([{ field: 'assignee', message: 'must be me or a user id' }]);
    const today = await this.today(tenantId);
    const limit = query.limit ?? DEFAULT_PAGE_SIZE;
    const q = this.dataSource.manager
      .createQueryBuilder(ChecklistTaskEntity, 't')
      .innerJoin(ChecklistEntity, 'c', 'c.tenant_id = t.tenant_id AND c.id = t.checklist_id')
      .where('t.tenant_id = :tenantId', { tenantId });
    if (assignee) q.andWhere('t.assignee_user_id = :assignee', { assignee });
    if (query.status) q.andWhere('t.status = :status', { status: query.status });
    if (query.due === 'overdue') q.andWhere(`t.status = 'open' AND t.due_on < :today`, { today });
    if (query.due === 'week') q.andWhere(`t.status = 'open' AND t.due_on BETWEEN :today AND :weekEnd`, { today, weekEnd: addDays(today, 7) });
    if (isHr && query.templateId) q.andWhere('c.template_id = :templateId', { templateId: query.templateId });
    if (isHr && query.assigneeRule) q.andWhere('t.assignee_rule = :rule', { rule: query.assigneeRule });
    if (isHr && query.unitId) {
      q.andWhere(
        `c.employee_id IN (SELECT e.id FROM employees e WHERE e.tenant_id = :tenantId AND e.unit_id IN (
           ${subtreeSql(':tenantId', ':unitId')} SELECT id FROM subtree))`,
        { unitId: query.unitId },
      );
    }
    if (query.cursor) {
      const position = decodeCursor(query.cursor);
      q.andWhere('(t.due_on, t.id) > (:cursorValue, :cursorId)', { cursorValue: position.value, cursorId: position.id });
    }
    const rows = await q.orderBy('t.due_on', 'ASC').addOrderBy('t.id', 'ASC').limit(limit + 1).getMany();
    const page = toPage(rows, limit, (row) => ({ value: row.dueOn, id: row.id }));
    return { items: page.items.map((task) => toTaskDto(task, today)), nextCursor: page.nextCursor };
  }

  /**
   * Completes, reopens or skips a task, recording who did it. Only HR or the task's assignee may.
   * A task cannot be completed while a task it depends on is open, and a required one cannot be
   * skipped. The checklist completes when every required task is done or skipped, and runs
   * again when one is reopened.
   */
  async act(principal: Principal, taskId: string, action: TaskAction, comment: string | undefined, version?: number): Promise<TaskDto> {
    const tenantId = principal.tenantId;
    await this.dataSource.transaction(async (manager) => {
      const task = await lockTask(manager, principal, taskId, version);
      const rule = ACTIONS[action];
      if (!(rule.from as readonly TaskStatus[]).includes(task.status)) {
        throw new DomainError(ChecklistsProblems.taskState, `A task that is ${task.status} cannot be asked to ${action}.`, { status: task.status });
      }
      if (action === 'skip' && task.required) throw new DomainError(ChecklistsProblems.requiredTask, 'Only optional tasks can be skipped.');
      if (action === 'complete' && task.dependsOn.length > 0) {
        const open = await manager.findBy(ChecklistTaskEntity, { tenantId, checklistId: task.checklistId, key: In(task.dependsOn), status: 'open' });
        if (open.length > 0) {
          throw new DomainError(ChecklistsProblems.dependencyOpen, `First finish: ${open.map((t) => `${t.title} (${t.key})`).join(', ')}.`, {
            openDependencies: open.map((t) => ({ id: t.id, key: t.key, title: t.title })),
          });
        }
      }
      await manager.update(ChecklistTaskEntity, { tenantId, id: taskId }, { status: rule.to, completedAt: rule.to === 'open' ? null : new Date() });
      await this.audit.record(manager, tenantId, principal, [
        { action: rule.audit, entityType: 'checklist_task', entityId: taskId, before: { status: task.status }, after: { status: rule.to } },
      ]);
      await manager.insert(ChecklistTaskEventEntity, {
        tenantId,
        taskId,
        action,
        fromStatus: task.status,
        toStatus: rule.to,
        comment: comment ?? null,
        actorUserId: principal.userId,
        actorApiKeyId: principal.apiKeyId,
      });
      await this.settle(manager, tenantId, task.checklistId);
    });
    const task = await this.dataSource.manager.findOneByOrFail(ChecklistTaskEntity, { tenantId, id: taskId });
    return toTaskDto(task, await this.today(tenantId));
  }

  /**
   * Hands a task to someone else (a buddy, a colleague), or back to HR with null. HR or the current
   * assignee may; the change is kept in the task's history with the previous assignee.
   */
  async reassign(principal: Principal, taskId: string, dto: ReassignTaskDto): Promise<TaskDto> {
    const tenantId = principal.tenantId;
    await this.dataSource.transaction(async (manager) => {
      const task = await lockTask(manager, principal, taskId, dto.version);
      if (dto.assigneeUserId) {
        const users: unknown[] = await manager.query(`SELECT 1 FROM users WHERE tenant_id = $1 AND id = $2 AND deactivated_at IS NULL`, [tenantId, dto.assigneeUserId]);
        if (users.length === 0) throw validationFailed([{ field: 'assigneeUserId', message: 'does not match an active user' }]);
      }
      await manager.update(ChecklistTaskEntity, { tenantId, id: taskId }, { assigneeUserId: dto.assigneeUserId });
      const diff = auditDiff({ assigneeUserId: task.assigneeUserId }, { assigneeUserId: dto.assigneeUserId });
      if (diff) await this.audit.record(manager, tenantId, principal, [{ action: 'checklist_task.reassigned', entityType: 'checklist_task', entityId: taskId, ...diff }]);
      await manager.insert(ChecklistTaskEventEntity, {
        tenantId,
        taskId,
        action: 'reassign',
        fromStatus: task.status,
        toStatus: task.status,
        comment: [`from ${task.assigneeUserId ?? 'HR'} to ${dto.assigneeUserId ?? 'HR'}`, dto.comment].filter(Boolean).join(': '),
        actorUserId: principal.userId,
        actorApiKeyId: principal.apiKeyId,
      });
    });
    const task = await this.dataSource.manager.findOneByOrFail(ChecklistTaskEntity, { tenantId, id: taskId });
    return toTaskDto(task, await this.today(tenantId));
  }

  /** Stops a running checklist (e.g. a hire who did not join); its tasks stay as they were, for the record. */
  async cancel(principal: Principal, id: string): Promise<ChecklistDto> {
    await this.dataSource.transaction(async (manager) => {
      const checklist = await manager.findOne(ChecklistEntity, { where: { tenantId: principal.tenantId, id }, lock: { mode: 'pessimistic_write' } });
      if (!checklist) throw new DomainError(ChecklistsProblems.notFound, `No checklist ${id}.`);
      if (checklist.status === 'cancelled') return;
      await manager.update(ChecklistEntity, { tenantId: principal.tenantId, id }, { status: 'cancelled' });
      await this.audit.record(manager, principal.tenantId, principal, [
        { action: 'checklist.cancelled', entityType: 'checklist', entityId: id, before: { status: checklist.status }, after: { status: 'cancelled' } },
      ]);
    });
    return this.get(principal, id);
  }

  /** Cancels a checklist if it still runs, inside the caller's transaction (a withdrawn separation's); true when it did. */
  async cancelIn(manager: EntityManager, tenantId: string, id: string, actor: AuditActor): Promise<boolean> {
    const result = await manager.update(ChecklistEntity, { tenantId, id, status: 'running' }, { status: 'cancelled' });
    if (!result.affected) return false;
    await this.audit.record(manager, tenantId, actor, [
      { action: 'checklist.cancelled', entityType: 'checklist', entityId: id, before: { status: 'running' }, after: { status: 'cancelled' } },
    ]);
    return true;
  }

  /** The template a kind starts by default: the organisation's oldest active one of that kind. */
  async defaultTemplateIn(manager: EntityManager, tenantId: string, kind: ChecklistKind): Promise<string | null> {
    const rows: { id: string }[] = await manager.query(
      `SELECT id FROM checklist_templates WHERE tenant_id = $1 AND kind = $2 AND archived_at IS NULL ORDER BY created_at, id LIMIT 1`,
      [tenantId, kind],
    );
    return rows[0]?.id ?? null;
  }

  /** The running checklist of a template for an employee, if any: a start that finds one keeps it. */
  async runningIn(manager: EntityManager, tenantId: string, employeeId: string, templateId: string): Promise<string | null> {
    const found = await manager.findOneBy(ChecklistEntity, { tenantId, employeeId, templateId, status: 'running' });
    return found?.id ?? null;
  }

  async history(principal: Principal, taskId: string): Promise<TaskEventDto[]> {
    const task = await this.dataSource.manager.findOneBy(ChecklistTaskEntity, { tenantId: principal.tenantId, id: taskId });
    if (!task || !mayWork(principal, task)) throw taskNotFound(taskId);
    const events = await this.dataSource.manager.find(ChecklistTaskEventEntity, {
      where: { tenantId: principal.tenantId, taskId },
      order: { createdAt: 'ASC', id: 'ASC' },
    });
    return events.map((e) => ({ id: e.id, action: e.action, fromStatus: e.fromStatus, toStatus: e.toStatus, comment: e.comment, actorUserId: e.actorUserId, createdAt: e.createdAt.toISOString() }));
  }

  /** Completes the checklist when no required task is open; runs it again when one is. */
  private async settle(manager: EntityManager, tenantId: string, checklistId: string): Promise<void> {
    const open: { n: number }[] = await manager.query(
      `SELECT count(*)::int AS n FROM checklist_tasks WHERE tenant_id = $1 AND checklist_id = $2 AND required AND status = 'open'`,
      [tenantId, checklistId],
    );
    const done = open[0]!.n === 0;
    try {
      await manager.query(
        `UPDATE checklists SET status = $3, completed_at = CASE WHEN $3 = 'completed' THEN coalesce(completed_at, now()) END
         WHERE tenant_id = $1 AND id = $2 AND status <> 'cancelled' AND status <> $3`,
        [tenantId, checklistId, done ? 'completed' : 'running'],
      );
    } catch (error) {
      if (isUniqueViolation(error, 'uq_checklists_running')) {
        throw new DomainError(ChecklistsProblems.alreadyRunning, 'A newer run of this template is going for this employee; reopen tasks there.');
      }
      throw error;
    }
  }

  /** Resolves each task's assignee to a user when the rule names one; null leaves it to HR. */
  private async assignees(manager: EntityManager, tenantId: string, subject: Subject, tasks: readonly TemplateTask[]): Promise<Map<string, string | null>> {
    const unitIds = [...new Set(tasks.flatMap((task) => (task.assignee.rule === 'unit' && task.assignee.unitId ? [task.assignee.unitId] : [])))];
    const userIds = [...new Set(tasks.flatMap((task) => (task.assignee.rule === 'user' && task.assignee.userId ? [task.assignee.userId] : [])))];
    const employeeUsers: { employee_id: string; id: string }[] = await manager.query(
      `SELECT employee_id, id FROM users WHERE tenant_id = $1 AND deactivated_at IS NULL AND employee_id = ANY($2::uuid[])`,
      [tenantId, [subject.id, subject.manager_id].filter(Boolean)],
    );
    const unitManagers: { unit_id: string; id: string }[] = await manager.query(
      `SELECT u.id AS unit_id, us.id FROM units u JOIN users us ON us.tenant_id = u.tenant_id AND us.employee_id = u.manager_id AND us.deactivated_at IS NULL
       WHERE u.tenant_id = $1 AND u.id = ANY($2::uuid[])`,
      [tenantId, unitIds],
    );
    const activeUsers: { id: string }[] = await manager.query(
      `SELECT id FROM users WHERE tenant_id = $1 AND deactivated_at IS NULL AND id = ANY($2::uuid[])`,
      [tenantId, userIds],
    );
    const userOf = (employeeId: string | null) => employeeUsers.find((u) => u.employee_id === employeeId)?.id ?? null;
    const resolve: Record<AssigneeRule, (task: TemplateTask) => string | null> = {
      hr: () => null,
      buddy: () => null,
      manager: () => userOf(subject.manager_id),
      employee: () => userOf(subject.id),
      user: (task) => (activeUsers.some((u) => u.id === task.assignee.userId) ? task.assignee.userId! : null),
      unit: (task) => unitManagers.find((u) => u.unit_id === task.assignee.unitId)?.id ?? null,
    };
    return new Map(tasks.map((task) => [task.key, resolve[task.assignee.rule](task)]));
  }

  private async toDtos(tenantId: string, checklists: readonly ChecklistEntity[]): Promise<ChecklistDto[]> {
    if (checklists.length === 0) return [];
    const today = await this.today(tenantId);
    const ids = checklists.map((c) => c.id);
    const [tasks, versions] = await Promise.all([
      this.dataSource.manager.find(ChecklistTaskEntity, { where: { tenantId, checklistId: In(ids) }, order: { dueOn: 'ASC', key: 'ASC' } }),
      this.dataSource.manager.findBy(ChecklistTemplateVersionEntity, { tenantId, id: In(checklists.map((c) => c.templateVersionId)) }),
    ]);
    return checklists.map((checklist) => {
      const own = tasks.filter((task) => task.checklistId === checklist.id).map((task) => toTaskDto(task, today));
      return {
        id: checklist.id,
        employeeId: checklist.employeeId,
        templateId: checklist.templateId,
        templateVersion: versions.find((v) => v.id === checklist.templateVersionId)!.number,
        anchorDate: checklist.anchorDate,
        status: checklist.status,
        progress: progressOf(own),
        tasks: own,
        createdAt: checklist.createdAt.toISOString(),
        completedAt: checklist.completedAt?.toISOString() ?? null,
      };
    });
  }

  private async today(tenantId: string): Promise<string> {
    return (await tenantCalendar(this.dataSource, tenantId)).today;
  }
}

/**
 * The task, row-locked for the transaction, when the caller may work it; 404 otherwise. A stale
 * `version` (when given) is refused once the lock is held.
 */
async function lockTask(manager: EntityManager, principal: Principal, taskId: string, version?: number): Promise<ChecklistTaskEntity> {
  const task = await manager
    .createQueryBuilder(ChecklistTaskEntity, 't')
    .setLock('pessimistic_write')
    .where('t.tenant_id = :tenantId AND t.id = :taskId', { tenantId: principal.tenantId, taskId })
    .getOne();
  if (!task || !mayWork(principal, task)) throw taskNotFound(taskId);
  if (version !== undefined && task.version !== version) {
    throw new DomainError(ChecklistsProblems.taskStale, `The task is at version ${task.version}, not ${version}; read it again.`, { version: task.version });
  }
  return task;
}

/** HR works every task; anyone else only the tasks assigned to them. */
function mayWork(principal: Principal, task: ChecklistTaskEntity): boolean {
  return principal.role === 'hr_admin' || (principal.userId !== null && task.assigneeUserId === principal.userId);
}

/** Start date for onboarding, last day for offboarding, the tenant's today for a custom checklist. */
async function anchorDate(manager: EntityManager, tenantId: string, kind: string, subject: Subject): Promise<string> {
  if (kind === 'onboarding' && subject.start_date) return subject.start_date;
  if (kind === 'offboarding' && subject.end_date) return subject.end_date;
  if (kind === 'custom') return (await tenantCalendar(manager, tenantId)).today;
  throw new DomainError(
    ChecklistsProblems.noAnchor,
    kind === 'onboarding' ? 'The employee has no start date: set it, then start the onboarding checklist.' : 'The employee has no last day (end date): set it first.',
  );
}


function taskNotFound(id: string): DomainError {
  return new DomainError(ChecklistsProblems.taskNotFound, `No task ${id} of yours.`);
}

function toTaskDto(task: ChecklistTaskEntity, today: string): TaskDto {
  return {
    id: task.id,
    checklistId: task.checklistId,
    key: task.key,
    title: task.title,
    description: task.description,
    required: task.required,
    dependsOn: task.dependsOn,
    assigneeRule: task.assigneeRule,
    assigneeUserId: task.assigneeUserId,
    dueOn: task.dueOn,
    status: task.status,
    overdue: task.status === 'open' && task.dueOn < today,
    completedAt: task.completedAt?.toISOString() ?? null,
    version: task.version,
  };
}

function progressOf(tasks: readonly TaskDto[]): ProgressDto {
  const finished = (t: TaskDto) => t.status !== 'open';
  return {
    done: tasks.filter(finished).length,
    total: tasks.length,
    requiredDone: tasks.filter((t) => t.required && finished(t)).length,
    requiredTotal: tasks.filter((t) => t.required).length,
    overdue: tasks.filter((t) => t.overdue).length,
  };
}
