import type { FormQuestionDto, SurveyFormDto } from '#src/modules/surveys/dto/response.dto.js';
import { field } from '../domain/survey-form.js';
import { html, type Html } from './html.js';
import { layout } from './layout.js';
import type { SurveyMessages } from './messages.js';

/** What the survey form shows: the questions in screens, the answers so far, the problems found. */
export interface SurveyView {
  readonly token: string;
  readonly form: SurveyFormDto;
  readonly groups: readonly (readonly FormQuestionDto[])[];
  readonly step: number;
  readonly submissionId: string;
  /** The locale the questions are shown in, carried through the steps. */
  readonly locale: string;
  readonly answers: ReadonlyMap<string, { value?: number; choices?: number[]; text?: string }>;
  /** Problems by question id (`answers` for the form as a whole). */
  readonly problems: ReadonlyMap<string, string>;
  readonly lang: string;
  readonly m: SurveyMessages;
}

export function surveyPage(view: SurveyView): Html {
  const { form, groups, m } = view;
  const closes = new Intl.DateTimeFormat(view.lang, { dateStyle: 'long', timeZone: 'UTC' }).format(new Date(form.closesAt));
  const problems = [...view.problems];
  const body = html`<h1>${form.surveyName}</h1>
<p class="promise">${m.anonymity(form.anonymityThreshold)}</p>
<p class="muted">${m.closes(closes)} ${m.optional}</p>
${
  problems.length > 0
    ? html`<div class="errors" role="alert"><p>${m.fixErrors}</p><ul>${problems.map(([id, message]) => {
        const question = form.questions.find((q) => q.id === id);
        return html`<li>${question ? html`<a href="#q-${id}">${question.text}</a>: ` : null}${message}</li>`;
      })}</ul></div>`
    : null
}
<form method="post" action="/s/${view.token}" class="survey" data-survey novalidate>
<input type="hidden" name="submissionId" value="${view.submissionId}">
<input type="hidden" name="locale" value="${view.locale}">
${groups.map((questions, i) => group(view, questions, i))}
</form>`;
  return layout({ title: form.surveyName, lang: view.lang, body, skip: m.skip, scripts: ['survey.js'] });
}

function group(view: SurveyView, questions: readonly FormQuestionDto[], i: number): Html {
  const { m, groups } = view;
  const last = i === groups.length - 1;
  return html`<section class="group" data-group="${i}" aria-labelledby="g-${i}"${i === view.step ? null : html` hidden`}>
<h2 id="g-${i}" tabindex="-1">${m.part(i + 1, groups.length)}</h2>
<progress max="${groups.length}" value="${i + 1}" aria-labelledby="g-${i}"></progress>
${questions.map((question) => questionBlock(view, question))}
<div class="nav">
${i > 0 ? html`<button type="submit" name="go" value="${i - 1}" class="secondary" data-nav>${m.back}</button>` : null}
${
  last
    ? html`<button type="submit" name="go" value="send" class="primary" data-send>${m.send}</button>`
    : html`<button type="submit" name="go" value="${i + 1}" class="primary" data-nav>${m.next}</button>`
}
</div>
</section>`;
}

function questionBlock(view: SurveyView, question: FormQuestionDto): Html {
  const answer = view.answers.get(question.id);
  const problem = view.problems.get(question.id);
  const errorId = `e-${question.id}`;
  const error = problem ? html`<p class="error" id="${errorId}">${problem}</p>` : null;
  const invalid = problem ? html` aria-invalid="true" aria-describedby="${errorId}"` : null;
  const described = problem ? html` aria-describedby="${errorId}"` : null;
  if (question.type === 'text') {
    return html`<div class="question" id="q-${question.id}">
<label for="t-${question.id}">${question.text}</label>
${error}
<textarea id="t-${question.id}" name="${field.text(question.id)}" rows="4" maxlength="4000"${invalid}>${answer?.text ?? ''}</textarea>
</div>`;
  }
  if (question.type === 'likert5' || question.type === 'enps') {
    const { min, max } = question.scale!;
    const [low, high] = question.type === 'enps' ? [view.m.enpsLow, view.m.enpsHigh] : [view.m.likertLow, view.m.likertHigh];
    const values = Array.from({ length: max - min + 1 }, (_, k) => min + k);
    return html`<fieldset class="question scale ${question.type}" id="q-${question.id}"${described}>
<legend>${question.text}</legend>
${error}
<div class="choices">${values.map(
      (value) => html`<label class="pick"><input type="radio" name="${field.value(question.id)}" value="${value}"${answer?.value === value ? html` checked` : null}><span>${value}</span>${
        value === min ? html`<span class="sr-only"> (${low})</span>` : value === max ? html`<span class="sr-only"> (${high})</span>` : null
      }</label>`,
    )}</div>
<p class="ends" aria-hidden="true"><span>${low}</span><span>${high}</span></p>
</fieldset>`;
  }
  const multi = question.type === 'multi_choice';
  const name = multi ? field.choices(question.id) : field.value(question.id);
  const chosen = new Set(multi ? (answer?.choices ?? []) : answer?.value !== undefined ? [answer.value] : []);
  return html`<fieldset class="question options" id="q-${question.id}"${described}>
<legend>${question.text}</legend>
${multi ? html`<p class="hint">${view.m.chooseAny}</p>` : null}
${error}
${(question.options ?? []).map(
    (option, index) =>
      html`<label class="option"><input type="${multi ? 'checkbox' : 'radio'}" name="${name}" value="${index}"${chosen.has(index) ? html` checked` : null}> <span>${option}</span></label>`,
  )}
</fieldset>`;
}

export function thanksPage(options: { lang: string; m: SurveyMessages; replyKey: string | null }): Html {
  const { m } = options;
  return layout({
    title: m.thanksTitle,
    lang: options.lang,
    skip: m.skip,
    body: html`<h1>${m.thanksTitle}</h1>
<p>${m.thanksBody}</p>
${options.replyKey ? html`<p>${m.replyKey}</p><p class="key"><code>${options.replyKey}</code></p>` : null}`,
  });
}
