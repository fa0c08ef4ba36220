import { Injectable } from '@nestjs/common';
import type { Principal } from '#src/common/auth/principal.js';
import { ChecklistsService } from '#src/modules/checklists/checklists.service.js';
import type { Page } from './page-response.js';
import type { BoardQueryDto, NoticeQueryDto, TasksQueryDto } from './pages.dto.js';
import { PagesRepository } from './pages.repository.js';
import { boardPage, checklistPage, tasksPage } from './views/board.view.js';
import type { Viewer } from './views/layout.js';

const BOARD_PAGE_SIZE = 50;
const TASKS_PAGE_SIZE = 200;
const NOTICES: Readonly<Record<string, string>> = { completed: 'Task completed.' };

/** A signed-in user of the pages: who, and the CSRF token their forms carry. */
export interface PageUser {
  readonly principal: Principal;
  readonly csrfToken: string;
}

/**
 * HR's checklist board and everyone's tasks, over `ChecklistsService` (the service behind
 * `/api/v1/checklists` and `/api/v1/tasks`), with names in place of ids.
 */
@Injectable()
export class BoardService {
  constructor(
    private readonly checklists: ChecklistsService,
    private readonly names: PagesRepository,
  ) {}

  async board(user: PageUser, query: BoardQueryDto): Promise<Page> {
    const { principal } = user;
    const status = query.status ?? 'running';
    const [page, units, templates, viewer] = await Promise.all([
      this.checklists.list(principal, { unitId: query.unitId, templateId: query.templateId, status, cursor: query.cursor, limit: BOARD_PAGE_SIZE }),
      this.names.findUnitOptions(principal.tenantId),
      this.names.findTemplateOptions(principal.tenantId),
      this.viewer(user),
    ]);
    const employees = await this.names.findEmployeesByIds(principal.tenantId, page.items.map((c) => c.employeeId));
    const rows = page.items.map((checklist) => {
      const employee = employees.find((e) => e.id === checklist.employeeId);
      return {
        checklist,
        employee: employee?.name ?? 'An employee',
        unit: units.find((u) => u.id === employee?.unit_id)?.name ?? '',
        template: templates.find((t) => t.id === checklist.templateId)?.name ?? '',
      };
    });
    const more = page.nextCursor
      ? `/app/checklists?${new URLSearchParams({ ...(query.unitId ? { unitId: query.unitId } : {}), ...(query.templateId ? { templateId: query.templateId } : {}), status, cursor: page.nextCursor })}`
      : null;
    return { status: 200, body: boardPage({ viewer, rows, units, templates, filters: { unitId: query.unitId, templateId: query.templateId, status }, moreHref: more }) };
  }

  async checklist(user: PageUser, id: string, query: NoticeQueryDto): Promise<Page> {
    const { principal } = user;
    const checklist = await this.checklists.get(principal, id);
    const [subjects, assignees, viewer] = await Promise.all([
      this.names.findChecklistSubjects(principal.tenantId, [checklist.id]),
      this.names.findUserNamesByIds(principal.tenantId, checklist.tasks.flatMap((t) => (t.assigneeUserId ? [t.assigneeUserId] : []))),
      this.viewer(user),
    ]);
    const subject = subjects[0];
    return {
      status: 200,
      body: checklistPage({
        viewer,
        checklist,
        employee: subject?.employee ?? 'An employee',
        template: subject?.template ?? 'Checklist',
        assignees: new Map(assignees.map((a) => [a.id, a.name])),
        notice: query.notice ? NOTICES[query.notice]! : null,
      }),
    };
  }

  async tasks(user: PageUser, query: TasksQueryDto): Promise<Page> {
    const { principal } = user;
    const status = query.status ?? 'open';
    const [page, viewer] = await Promise.all([this.checklists.listTasks(principal, { assignee: 'me', status, limit: TASKS_PAGE_SIZE }), this.viewer(user)]);
    const subjects = await this.names.findChecklistSubjects(principal.tenantId, page.items.map((t) => t.checklistId));
    return {
      status: 200,
      body: tasksPage({
        viewer,
        tasks: page.items,
        subjects: new Map(subjects.map((s) => [s.id, s])),
        status,
        notice: query.notice ? NOTICES[query.notice]! : null,
      }),
    };
  }

  /** Completes a task as the API does (same permissions and dependency rule); returns where to go back to. */
  async complete(user: PageUser, taskId: string, back: unknown): Promise<string> {
    await this.checklists.act(user.principal, taskId, 'complete', undefined);
    const target = typeof back === 'string' && /^\/app\/(tasks|checklists\/[0-9a-f-]{36})(\?status=done)?$/.test(back) ? back : '/app/tasks';
    return `${target}${target.includes('?') ? '&' : '?'}notice=completed`;
  }

  /** Who is signed in, for the header of every staff page. */
  async viewer(user: PageUser): Promise<Viewer> {
    const { principal } = user;
    const [row] = await this.names.findUserNamesByIds(principal.tenantId, principal.userId ? [principal.userId] : []);
    return { name: row?.name ?? 'Signed in', role: principal.role, csrfToken: user.csrfToken };
  }
}
