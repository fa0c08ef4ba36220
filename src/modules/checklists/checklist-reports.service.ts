import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { Principal } from '#src/common/auth/principal.js';
import { DEFAULT_PAGE_SIZE, decodeCursor, toPage, type Page } from '#src/common/pagination/pagination.js';
import { tenantCalendar } from '#src/modules/tenancy/tenant-calendar.js';
import { subtreeSql } from '#src/modules/units/unit-tree.js';
import type { AssigneeRule } from './domain/templates.js';
import type { ListNotificationsQueryDto, NotificationDto } from './dto/checklist.dto.js';
import type { OnboardingReportDto, OnboardingReportQueryDto } from './dto/report.dto.js';
import { ChecklistNotificationEntity } from './entities/checklist-notification.entity.js';

/**
 * How checklists go: per unit and template, runs, completion time, late and overdue tasks; and per
 * assignee rule, so HR sees which role holds things up. Cancelled checklists are left out.
 */
@Injectable()
export class ChecklistReportsService {
  constructor(private readonly dataSource: DataSource) {}

  /** The reminder e-mail outbox, newest day first: what went out, what waits, and why. */
  async notifications(principal: Principal, query: ListNotificationsQueryDto): Promise<Page<NotificationDto>> {
    const limit = query.limit ?? DEFAULT_PAGE_SIZE;
    const q = this.dataSource.manager
      .createQueryBuilder(ChecklistNotificationEntity, 'n')
      .where('n.tenant_id = :tenantId', { tenantId: principal.tenantId });
    if (query.status) q.andWhere('n.status = :status', { status: query.status });
    if (query.cursor) {
      const position = decodeCursor(query.cursor);
      q.andWhere('(n.day, n.id) < (:cursorValue, :cursorId)', { cursorValue: position.value, cursorId: position.id });
    }
    const rows = await q.orderBy('n.day', 'DESC').addOrderBy('n.id', 'DESC').limit(limit + 1).getMany();
    const page = toPage(rows, limit, (row) => ({ value: row.day, id: row.id }));
    return {
      items: page.items.map((n) => ({
        id: n.id,
        userId: n.userId,
        day: n.day,
        recipient: n.recipient,
        subject: n.subject,
        taskIds: n.taskIds,
        status: n.status,
        attempts: n.attempts,
        nextAttemptAt: n.nextAttemptAt.toISOString(),
        lastError: n.lastError,
        sentAt: n.sentAt?.toISOString() ?? null,
      })),
      nextCursor: page.nextCursor,
    };
  }

  async onboarding(principal: Principal, query: OnboardingReportQueryDto): Promise<OnboardingReportDto> {
    const tenantId = principal.tenantId;
    const { timezone, today } = await tenantCalendar(this.dataSource, tenantId);
    // The checklists in scope, with the employee's unit now; $1 tenant, $2 template, $3 unit, $4 from, $5 to, $6 time zone.
    const scope = `
      ${subtreeSql('$1', '$3')}, c AS (
        SELECT c.id, c.template_id, e.unit_id, c.status, c.created_at, c.completed_at
        FROM checklists c JOIN employees e ON e.tenant_id = c.tenant_id AND e.id = c.employee_id
        WHERE c.tenant_id = $1 AND c.status <> 'cancelled'
          AND ($2::uuid IS NULL OR c.template_id = $2)
          AND ($3::uuid IS NULL OR e.unit_id IN (SELECT id FROM subtree))
          AND ($4::date IS NULL OR (c.created_at AT TIME ZONE $6)::date >= $4)
          AND ($5::date IS NULL OR (c.created_at AT TIME ZONE $6)::date <= $5)
      )`;
    const params = [tenantId, query.templateId ?? null, query.unitId ?? null, query.from ?? null, query.to ?? null, timezone];
    const late = `t.status = 'done' AND (t.completed_at AT TIME ZONE $6)::date > t.due_on`;
    const overdue = `t.status = 'open' AND t.due_on < $7::date`;
    const [runs, tasks, rules] = await Promise.all([
      this.dataSource.query(
        `${scope}
         SELECT c.unit_id, u.name AS unit_name, c.template_id, tp.name AS template_name,
                count(*) FILTER (WHERE c.status = 'running')::int AS running,
                count(*) FILTER (WHERE c.status = 'completed')::int AS completed,
                percentile_cont(0.5) WITHIN GROUP (ORDER BY extract(epoch FROM c.completed_at - c.created_at) / 86400)
                  FILTER (WHERE c.status = 'completed') AS median_days
         FROM c
         JOIN checklist_templates tp ON tp.tenant_id = $1 AND tp.id = c.template_id
         LEFT JOIN units u ON u.tenant_id = $1 AND u.id = c.unit_id
         GROUP BY c.unit_id, u.name, c.template_id, tp.name
         ORDER BY u.name NULLS LAST, tp.name`,
        params,
      ) as Promise<{ unit_id: string | null; unit_name: string | null; template_id: string; template_name: string; running: number; completed: number; median_days: number | null }[]>,
      this.dataSource.query(
        `${scope}
         SELECT c.unit_id, c.template_id,
                count(*) FILTER (WHERE t.status = 'done')::int AS done,
                count(*) FILTER (WHERE ${late})::int AS late,
                count(*) FILTER (WHERE ${overdue})::int AS overdue
         FROM c JOIN checklist_tasks t ON t.tenant_id = $1 AND t.checklist_id = c.id
         GROUP BY c.unit_id, c.template_id`,
        [...params, today],
      ) as Promise<{ unit_id: string | null; template_id: string; done: number; late: number; overdue: number }[]>,
      this.dataSource.query(
        `${scope}
         SELECT t.assignee_rule AS rule, count(*)::int AS tasks,
                count(*) FILTER (WHERE t.status = 'done')::int AS done,
                count(*) FILTER (WHERE ${late})::int AS late,
                count(*) FILTER (WHERE ${overdue})::int AS overdue
         FROM c JOIN checklist_tasks t ON t.tenant_id = $1 AND t.checklist_id = c.id
         GROUP BY t.assignee_rule ORDER BY t.assignee_rule`,
        [...params, today],
      ) as Promise<{ rule: AssigneeRule; tasks: number; done: number; late: number; overdue: number }[]>,
    ]);
    const share = (part: number, whole: number) => (whole === 0 ? null : Math.round((part / whole) * 1000) / 1000);
    return {
      today,
      rows: runs.map((run) => {
        const t = tasks.find((x) => x.unit_id === run.unit_id && x.template_id === run.template_id) ?? { done: 0, late: 0, overdue: 0 };
        return {
          unitId: run.unit_id,
          unitName: run.unit_name,
          templateId: run.template_id,
          templateName: run.template_name,
          running: run.running,
          completed: run.completed,
          medianDaysToComplete: run.median_days === null ? null : Math.round(Number(run.median_days) * 10) / 10,
          tasksDone: t.done,
          doneLateShare: share(t.late, t.done),
          overdueNow: t.overdue,
        };
      }),
      byAssigneeRule: rules.map((r) => ({ rule: r.rule, tasks: r.tasks, done: r.done, doneLate: r.late, doneLateShare: share(r.late, r.done), overdueNow: r.overdue })),
    };
  }
}
