import type { ChecklistDto, TaskDto } from '#src/modules/checklists/dto/checklist.dto.js';
import type { NamedRow } from '../pages.repository.js';
import { html, type Html } from './html.js';
import { layout, type Viewer } from './layout.js';

export interface BoardRow {
  readonly checklist: ChecklistDto;
  readonly employee: string;
  readonly unit: string;
  readonly template: string;
}

export interface BoardView {
  readonly viewer: Viewer;
  readonly rows: readonly BoardRow[];
  readonly units: readonly NamedRow[];
  readonly templates: readonly NamedRow[];
  readonly filters: { readonly unitId?: string; readonly templateId?: string; readonly status: string };
  readonly moreHref: string | null;
}

const STATUS_LABELS: Readonly<Record<string, string>> = { running: 'Running', completed: 'Completed', cancelled: 'Cancelled' };

/** A labelled `<select>` of a filter form; `all` is the first option's text, meaning no filter (none: no such option). */
export function select(name: string, label: string, options: readonly NamedRow[], selected: string | undefined, all: string | null): Html {
  return html`<div class="field"><label for="f-${name}">${label}</label>
<select id="f-${name}" name="${name}">
${all === null ? null : html`<option value="">${all}</option>`}
${options.map((o) => html`<option value="${o.id}"${o.id === selected ? html` selected` : null}>${o.name}</option>`)}
</select></div>`;
}

function progress(checklist: ChecklistDto): Html {
  const { done, total, overdue } = checklist.progress;
  return html`<span class="progress-cell"><progress max="${total}" value="${done}" aria-label="${done} of ${total} tasks done"></progress> ${done}/${total}</span>${
    overdue > 0 ? html` <span class="badge overdue">${overdue} overdue</span>` : null
  }`;
}

export function boardPage(view: BoardView): Html {
  const { filters } = view;
  const statuses = Object.entries(STATUS_LABELS).map(([id, name]) => ({ id, name }));
  const body = html`<h1>Checklists</h1>
<form method="get" action="/app/checklists" class="filters" role="search" aria-label="Filter checklists">
${select('unitId', 'Unit', view.units, filters.unitId, 'All units')}
${select('templateId', 'Template', view.templates, filters.templateId, 'All templates')}
${select('status', 'Status', statuses, filters.status, null)}
<button type="submit" class="secondary">Filter</button>
</form>
${
  view.rows.length === 0
    ? html`<p class="empty">No checklist matches these filters.</p>`
    : html`<div class="table-wrap"><table class="board">
<caption class="sr-only">Checklists, with their progress and overdue tasks</caption>
<thead><tr><th scope="col">Employee</th><th scope="col">Unit</th><th scope="col">Template</th><th scope="col">Progress</th><th scope="col">Anchor date</th></tr></thead>
<tbody>
${view.rows.map(
  (row) => html`<tr${row.checklist.progress.overdue > 0 ? html` class="late"` : null}>
<th scope="row"><a href="/app/checklists/${row.checklist.id}">${row.employee}</a></th>
<td>${row.unit}</td><td>${row.template}</td><td>${progress(row.checklist)}</td><td>${row.checklist.anchorDate}</td>
</tr>`,
)}
</tbody></table></div>`
}
${view.moreHref ? html`<p><a href="${view.moreHref}">More checklists</a></p>` : null}`;
  return layout({ title: 'Checklists', lang: 'en', viewer: view.viewer, body });
}

/** A task row's action: a form that completes it while it is open (the pages list only tasks the viewer may work). */
function completeButton(task: TaskDto, viewer: Viewer, back: string): Html | null {
  if (task.status !== 'open') return null;
  return html`<form method="post" action="/app/tasks/${task.id}/complete" class="inline">
<input type="hidden" name="_csrf" value="${viewer.csrfToken}"><input type="hidden" name="back" value="${back}">
<button type="submit" class="primary small">Complete<span class="sr-only">: ${task.title}</span></button>
</form>`;
}

function statusText(task: TaskDto): Html {
  if (task.overdue) return html`<span class="badge overdue">Overdue</span>`;
  return html`<span class="badge ${task.status}">${task.status === 'open' ? 'Open' : task.status === 'done' ? 'Done' : 'Skipped'}</span>`;
}

export interface ChecklistView {
  readonly viewer: Viewer;
  readonly checklist: ChecklistDto;
  readonly employee: string;
  readonly template: string;
  readonly assignees: ReadonlyMap<string, string>;
  readonly notice: string | null;
}

export function checklistPage(view: ChecklistView): Html {
  const { checklist, viewer } = view;
  const back = `/app/checklists/${checklist.id}`;
  const { done, total, requiredDone, requiredTotal, overdue } = checklist.progress;
  const body = html`<p class="crumbs"><a href="/app/checklists">Checklists</a></p>
<h1>${view.employee}: ${view.template}</h1>
${view.notice ? html`<p class="notice" role="status">${view.notice}</p>` : null}
<p>${STATUS_LABELS[checklist.status]} · anchor date ${checklist.anchorDate} · ${done} of ${total} tasks done (${requiredDone} of ${requiredTotal} required)${
    overdue > 0 ? html` · <strong>${overdue} overdue</strong>` : null
  }</p>
<progress max="${total}" value="${done}" aria-label="${done} of ${total} tasks done"></progress>
<div class="table-wrap"><table>
<caption class="sr-only">Tasks</caption>
<thead><tr><th scope="col">Task</th><th scope="col">Due</th><th scope="col">Assignee</th><th scope="col">Status</th><th scope="col"><span class="sr-only">Action</span></th></tr></thead>
<tbody>
${checklist.tasks.map(
  (task) => html`<tr>
<th scope="row">${task.title}${task.required ? null : html` <span class="muted">(optional)</span>`}${task.description ? html`<br><span class="muted">${task.description}</span>` : null}</th>
<td>${task.dueOn}</td>
<td>${task.assigneeUserId ? (view.assignees.get(task.assigneeUserId) ?? 'A user') : html`<span class="muted">${task.assigneeRule === 'hr' ? 'HR' : `HR (no ${task.assigneeRule} found)`}</span>`}</td>
<td>${statusText(task)}</td>
<td>${completeButton(task, viewer, back)}</td>
</tr>`,
)}
</tbody></table></div>`;
  return layout({ title: `${view.employee}: ${view.template}`, lang: 'en', viewer, body });
}

export interface TasksView {
  readonly viewer: Viewer;
  readonly tasks: readonly TaskDto[];
  readonly subjects: ReadonlyMap<string, { employee: string; template: string }>;
  readonly status: 'open' | 'done';
  readonly notice: string | null;
}

export function tasksPage(view: TasksView): Html {
  const { viewer } = view;
  const back = `/app/tasks${view.status === 'done' ? '?status=done' : ''}`;
  const body = html`<h1>My tasks</h1>
${view.notice ? html`<p class="notice" role="status">${view.notice}</p>` : null}
<p>${view.status === 'open' ? html`Open tasks, soonest due first. <a href="/app/tasks?status=done">Show done tasks</a>` : html`Done tasks. <a href="/app/tasks">Show open tasks</a>`}</p>
${
  view.tasks.length === 0
    ? html`<p class="empty">${view.status === 'open' ? 'Nothing to do: no open task is yours.' : 'No done task yet.'}</p>`
    : html`<div class="table-wrap"><table>
<caption class="sr-only">My tasks</caption>
<thead><tr><th scope="col">Task</th><th scope="col">For</th><th scope="col">Due</th><th scope="col">Status</th><th scope="col"><span class="sr-only">Action</span></th></tr></thead>
<tbody>
${view.tasks.map((task) => {
  const subject = view.subjects.get(task.checklistId);
  return html`<tr>
<th scope="row">${task.title}</th>
<td>${subject ? `${subject.employee} (${subject.template})` : ''}</td>
<td>${task.dueOn}</td>
<td>${statusText(task)}</td>
<td>${completeButton(task, viewer, back)}</td>
</tr>`;
})}
</tbody></table></div>`
}`;
  return layout({ title: 'My tasks', lang: 'en', viewer, body });
}
