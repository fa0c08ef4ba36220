import type { ExCxReportDto } from '#src/modules/cx/dto/ex-cx.dto.js';
import type { TouchpointReportDto } from '#src/modules/journey-map/dto/analysis.dto.js';
import type { AttritionReportDto, RetentionRiskReportDto } from '#src/modules/separations/dto/attrition.dto.js';
import type { EngagementDto, EnpsDto, ResultsDto, SuppressedDto, TrendDto } from '#src/modules/surveys/dto/results.dto.js';
import type { DriverRanking } from '../domain/driver-ranking.js';
import type { NamedRow } from '../pages.repository.js';
import { Html, html, type HtmlPart } from './html.js';
import { select } from './board.view.js';
import { layout, type Viewer } from './layout.js';

/** One part of the dashboard: the service's answer, or why it gave none (in its own words). */
export type Section<T> = { readonly value: T } | { readonly unavailable: string };

export interface InsightsView {
  readonly viewer: Viewer;
  readonly filters: {
    readonly unitId?: string;
    readonly surveyId?: string;
    readonly from: string;
    readonly to: string;
    readonly cxMetric?: string;
    readonly exMeasure: 'enps' | 'engagement';
    readonly lag: number;
  };
  readonly options: { readonly units: readonly NamedRow[]; readonly allUnits: boolean; readonly surveys: readonly NamedRow[]; readonly metrics: readonly NamedRow[] };
  /** The unit the figures are about, in words. */
  readonly scope: string;
  readonly roundsInPeriod: number;
  /** Null: no survey, or no round of it in the period. */
  readonly trend: Section<TrendDto> | null;
  readonly results: Section<ResultsDto> | null;
  readonly drivers: DriverRanking | null;
  /** Null: the organisation has no CX metric. */
  readonly exCx: Section<ExCxReportDto> | null;
  readonly touchpoints: Section<TouchpointReportDto> | 'hr_only';
  readonly attrition: Section<AttritionReportDto>;
  readonly risk: Section<RetentionRiskReportDto>;
}

/** What `public/insights.js` draws: plain numbers, read from the page's JSON block. */
export interface InsightsChartData {
  trend?: { labels: string[]; enps: (number | null)[]; engagement: (number | null)[] };
  scatter?: { xLabel: string; yLabel: string; points: { x: number; y: number; label: string }[]; line: { x: number; y: number }[] | null };
  lagScan?: { labels: string[]; r: (number | null)[]; rho: (number | null)[] };
  drivers?: { label: string; labels: string[]; values: number[] };
}

const EX_LABELS: Readonly<Record<string, string>> = { enps: 'eNPS', engagement: 'Engagement (0–100)' };
const REASONS: Readonly<Record<SuppressedDto['reason'], string>> = {
  below_threshold: 'fewer than k people answered',
  differencing: 'it would expose a smaller group by difference',
};
const NO_STATISTICS: Readonly<Record<string, string>> = {
  too_few_pairs: 'fewer than three pairs',
  constant_ex: 'EX does not vary',
  constant_cx: 'CX does not vary',
};
const STAGE_LABELS: Readonly<Record<string, string>> = {
  attract: 'Attract',
  hire: 'Hire',
  onboard: 'Onboard',
  engage: 'Engage',
  perform: 'Perform',
  develop: 'Develop',
  depart: 'Depart',
};
const LAGS = [0, 1, 2, 3, 4, 5, 6];

const isSuppressed = (v: unknown): v is SuppressedDto => typeof v === 'object' && v !== null && 'suppressed' in v;
const round = (n: number, digits: number) => Number(n.toFixed(digits));

function num(n: number | null | undefined, digits = 1): string {
  return n === null || n === undefined ? '–' : n.toFixed(digits);
}

function share(n: number | null | undefined): string {
  return n === null || n === undefined ? '–' : `${(n * 100).toFixed(1)} %`;
}

function pValue(p: number | null): string {
  if (p === null) return '–';
  return p < 0.001 ? '< 0.001' : p.toFixed(3);
}

function suppressedText(s: SuppressedDto, k?: number): Html {
  const why = s.reason === 'below_threshold' && k ? `fewer than ${k} people answered` : REASONS[s.reason];
  return html`<span class="suppressed" data-suppressed="${s.reason}">Suppressed: ${why}</span>`;
}

function month(name: string, label: string, value: string): Html {
  return html`<div class="field"><label for="f-${name}">${label}</label>
<input type="month" id="f-${name}" name="${name}" value="${value}" pattern="[0-9]{4}-[0-9]{2}" placeholder="YYYY-MM"></div>`;
}

/** A table that may scroll sideways on a narrow screen: a region keyboard users can focus and scroll. */
function scrollRegion(label: string): Html {
  return html`<div class="table-wrap" tabindex="0" role="region" aria-label="${label}">`;
}

function unavailable(part: { unavailable: string }): Html {
  return html`<p class="empty">Not available: ${part.unavailable}</p>`;
}

function chart(id: string, label: string, fallback: string): Html {
  return html`<div class="chart"><canvas id="${id}" role="img" aria-label="${label}">${fallback}</canvas></div>`;
}

function filtersForm(view: InsightsView): Html {
  const { filters, options } = view;
  const exMeasures = Object.entries(EX_LABELS).map(([id, name]) => ({ id, name }));
  const lags = LAGS.map((lag) => ({ id: String(lag), name: lag === 0 ? 'Same month' : `${lag} month${lag > 1 ? 's' : ''} later` }));
  return html`<form method="get" action="/app/insights" class="filters insights-filters" role="search" aria-label="Filter the dashboard">
${select('unitId', 'Unit', options.units, filters.unitId, options.allUnits ? 'Whole organisation' : null)}
${select('surveyId', 'Survey', options.surveys, filters.surveyId, options.surveys.length === 0 ? 'No survey yet' : null)}
${month('from', 'From (month)', filters.from)}
${month('to', 'To (month)', filters.to)}
${select('cxMetric', 'CX metric', options.metrics, filters.cxMetric, null)}
${select('exMeasure', 'EX measure', exMeasures, filters.exMeasure, null)}
${select('lag', 'CX read', lags, String(filters.lag), null)}
<button type="submit" class="secondary">Show</button>
</form>`;
}

function headline(results: ResultsDto): Html {
  const figure = (label: string, value: HtmlPart) => html`<div class="figure"><dt>${label}</dt><dd>${value}</dd></div>`;
  const k = results.anonymityThreshold;
  const enps = results.enps === null ? '–' : isSuppressed(results.enps) ? suppressedText(results.enps, k) : String(results.enps.score);
  const engagement = results.engagement === null ? '–' : isSuppressed(results.engagement) ? suppressedText(results.engagement, k) : num(results.engagement.index);
  const respondents = isSuppressed(results.respondents) ? suppressedText(results.respondents, k) : String(results.respondents);
  const participation = results.participation === null ? '–' : isSuppressed(results.participation) ? suppressedText(results.participation, k) : share(results.participation.rate);
  return html`<dl class="figures" aria-label="Round ${results.roundNumber}">
${figure('eNPS', enps)}${figure('Engagement', engagement)}${figure('Respondents', respondents)}${figure('Participation', participation)}
</dl>`;
}

function trendSection(view: InsightsView, data: InsightsChartData): Html {
  const survey = view.options.surveys.find((s) => s.id === view.filters.surveyId)?.name;
  let content: Html;
  if (!view.filters.surveyId) content = html`<p class="empty">No survey has opened a round yet.</p>`;
  else if (!view.trend) content = html`<p class="empty">No round of ${survey ?? 'this survey'} opened between ${view.filters.from} and ${view.filters.to}.</p>`;
  else if ('unavailable' in view.trend) content = unavailable(view.trend);
  else {
    const points = view.trend.value.points;
    const value = (v: EnpsDto | EngagementDto | SuppressedDto | null, pick: (x: never) => number): number | null => (v === null || isSuppressed(v) ? null : round(pick(v as never), 1));
    data.trend = {
      labels: points.map((p) => `Round ${p.roundNumber}`),
      enps: points.map((p) => value(p.enps, (x: EnpsDto) => x.score)),
      engagement: points.map((p) => value(p.engagement, (x: EngagementDto) => x.index)),
    };
    const cell = (v: EnpsDto | EngagementDto | SuppressedDto | null, k: number, text: (x: never) => string) =>
      v === null ? '–' : isSuppressed(v) ? suppressedText(v, k) : text(v as never);
    content = html`${view.results && 'value' in view.results ? headline(view.results.value) : null}
${chart('chart-trend', `eNPS and engagement of ${survey ?? 'the survey'} over ${points.length} rounds; the table below gives the figures`, 'The trend table below gives the figures.')}
<details><summary>Trend as a table</summary>
${scrollRegion('Trend table')}<table id="table-trend">
<caption class="sr-only">eNPS and engagement per round</caption>
<thead><tr><th scope="col">Round</th><th scope="col">Opened</th><th scope="col">Respondents</th><th scope="col">eNPS</th><th scope="col">Engagement</th></tr></thead>
<tbody>
${points.map(
  (p) => html`<tr><th scope="row">Round ${p.roundNumber}</th><td>${p.openedAt.slice(0, 10)}</td>
<td>${isSuppressed(p.respondents) ? suppressedText(p.respondents, p.anonymityThreshold) : String(p.respondents)}</td>
<td>${cell(p.enps, p.anonymityThreshold, (x: EnpsDto) => String(x.score))}</td>
<td>${cell(p.engagement, p.anonymityThreshold, (x: EngagementDto) => num(x.index))}</td></tr>`,
)}
</tbody></table></div></details>`;
  }
  return html`<section class="panel" aria-labelledby="h-trend"><h2 id="h-trend">eNPS and engagement${survey ? html` <span class="muted">· ${survey}</span>` : null}</h2>
${content}</section>`;
}

/** A heatmap cell's band, so colour follows the value (the value is always written too). */
function band(value: number, cuts: readonly [number, number, number]): string {
  return value < cuts[0] ? 'low' : value < cuts[1] ? 'mid' : value < cuts[2] ? 'fair' : 'high';
}

function heatmapSection(view: InsightsView): Html {
  let content: Html;
  if (!view.results) content = html`<p class="empty">No round in this period to map.</p>`;
  else if ('unavailable' in view.results) content = unavailable(view.results);
  else {
    const results = view.results.value;
    const groups = results.heatmap?.groups ?? [];
    const drivers = results.drivers.map((d) => ({ key: d.key, name: d.name }));
    const k = results.anonymityThreshold;
    content =
      groups.length === 0
        ? html`<p class="empty">No sub-unit of ${view.scope} has answers in round ${results.roundNumber}.</p>`
        : html`<p class="hint">Round ${results.roundNumber}, ${view.filters.unitId ? `one row per sub-unit of ${view.scope}` : 'one row per top-level unit'}. Driver means run from 1 to 5. A group of fewer than ${k} people, or one that would give away a smaller group by difference, is shown as suppressed.</p>
${scrollRegion('Heatmap table')}<table class="heatmap" id="table-heatmap">
<caption class="sr-only">Driver means and eNPS per unit, round ${results.roundNumber}</caption>
<thead><tr><th scope="col">Unit</th><th scope="col">Respondents</th><th scope="col">eNPS</th>${drivers.map((d) => html`<th scope="col">${d.name}</th>`)}</tr></thead>
<tbody>
${groups.map((g) =>
  g.suppressed
    ? html`<tr data-unit="${g.key}"><th scope="row">${g.label}</th><td colspan="${drivers.length + 2}" class="cell-suppressed">${suppressedText({ suppressed: true, reason: g.reason! }, k)}</td></tr>`
    : html`<tr data-unit="${g.key}"><th scope="row">${g.label}</th><td>${g.respondents}</td>
<td class="${g.enps ? `heat ${band(g.enps.score, [0, 20, 40])}` : ''}">${g.enps ? String(g.enps.score) : '–'}</td>
${drivers.map((d) => {
  const mean = g.drivers?.[d.key];
  return mean === null || mean === undefined
    ? html`<td><span aria-hidden="true">–</span><span class="sr-only">too few answers</span></td>`
    : html`<td class="heat ${band(mean, [3, 3.5, 4])}">${num(mean, 2)}</td>`;
})}</tr>`,
)}
</tbody></table></div>`;
  }
  return html`<section class="panel" aria-labelledby="h-heatmap"><h2 id="h-heatmap">Drivers by unit</h2>
${content}</section>`;
}

function statisticsText(report: ExCxReportDto): Html {
  const s = report.statistics;
  if (!s) return html`<p class="empty" id="ex-cx-stats">No statistics: ${NO_STATISTICS[report.reason ?? 'too_few_pairs']} (${report.pairs} pair${report.pairs === 1 ? '' : 's'}).</p>`;
  return html`<dl class="figures stats" id="ex-cx-stats">
<div class="figure"><dt>Pairs (n)</dt><dd>${report.pairs}</dd></div>
<div class="figure"><dt>Pearson r</dt><dd>${num(s.pearson.r, 3)} <span class="muted">95 % CI [${num(s.pearson.ciLow, 3)}, ${num(s.pearson.ciHigh, 3)}]</span></dd></div>
<div class="figure"><dt>p (r)</dt><dd>${pValue(s.pearson.p)}</dd></div>
<div class="figure"><dt>Spearman ρ</dt><dd>${num(s.spearman.rho, 3)} <span class="muted">p ${pValue(s.spearman.p)}</span></dd></div>
<div class="figure"><dt>Line</dt><dd>CX = ${num(s.regression.intercept, 3)} + ${num(s.regression.slope, 4)} × EX <span class="muted">R² ${num(s.regression.r2, 3)}</span></dd></div>
</dl>`;
}

function exCxSection(view: InsightsView, data: InsightsChartData): Html {
  const metric = view.options.metrics.find((m) => m.id === view.filters.cxMetric)?.name ?? view.filters.cxMetric ?? 'CX';
  const ex = EX_LABELS[view.filters.exMeasure]!;
  let content: Html;
  let lagContent: Html;
  if (!view.exCx) {
    content = html`<p class="empty">The organisation has no CX metric yet.</p>`;
    lagContent = content;
  } else if ('unavailable' in view.exCx) {
    content = unavailable(view.exCx);
    lagContent = content;
  } else {
    const report = view.exCx.value;
    const xs = report.points.map((p) => p.ex);
    const line = report.statistics && xs.length > 0 ? [Math.min(...xs), Math.max(...xs)].map((x) => ({ x, y: report.statistics!.regression.intercept + report.statistics!.regression.slope * x })) : null;
    if (report.points.length > 0) data.scatter = { xLabel: ex, yLabel: metric, points: report.points.map((p) => ({ x: p.ex, y: p.cx, label: `${p.unitName} ${p.period}` })), line };
    const { excluded } = report;
    const lagWords = report.lag === 0 ? 'in the same month' : `${report.lag} month${report.lag > 1 ? 's' : ''} later`;
    content = html`<p class="hint">Each point is a unit in a month: its ${ex} against its ${metric} ${lagWords}. The pairs cover every unit within your reach from ${report.from} to ${report.to}; groups of fewer than ${report.anonymityThreshold} respondents never give a point.</p>
${statisticsText(report)}
${
  report.points.length === 0
    ? html`<p class="empty">No pair of EX and CX in this period.</p>`
    : html`${chart('chart-scatter', `Scatter plot of ${report.points.length} pairs, ${ex} against ${metric}${line ? ', with the least-squares line' : ''}; the table below lists them`, 'The table of pairs below gives the figures.')}
<details><summary>The ${report.points.length} pairs as a table</summary>
${scrollRegion('Table of pairs')}<table id="table-scatter">
<caption class="sr-only">EX and CX pairs</caption>
<thead><tr><th scope="col">Unit</th><th scope="col">Month</th><th scope="col">${ex}</th><th scope="col">${metric}</th><th scope="col">Respondents</th><th scope="col">Customers</th></tr></thead>
<tbody>
${report.points.map((p) => html`<tr><th scope="row">${p.unitName}</th><td>${p.period}</td><td>${num(p.ex, 1)}</td><td>${num(p.cx, 2)}</td><td>${p.respondents}</td><td>${p.cxN}</td></tr>`)}
</tbody></table></div></details>`
}
<p class="muted" id="ex-cx-excluded">Left out: ${excluded.belowThreshold} below the threshold, ${excluded.differencing} by differencing, ${excluded.noCx} without a CX figure${
      excluded.cxSampleBelowMinimum > 0 ? `, ${excluded.cxSampleBelowMinimum} with too few customers` : ''
    }.</p>`;
    const scan = report.lagScan ?? [];
    data.lagScan = { labels: scan.map((row) => `Lag ${row.lag}`), r: scan.map((row) => row.r), rho: scan.map((row) => row.rho) };
    lagContent = html`<p class="hint">The same pairs with CX read 0 to ${scan.length - 1} months after EX: where r peaks, EX leads CX by that many months.</p>
${chart('chart-lags', `Pearson r and Spearman ρ at lags 0 to ${scan.length - 1}; the table below gives the figures`, 'The lag table below gives the figures.')}
${scrollRegion('Lag scan table')}<table id="table-lags">
<caption class="sr-only">Correlation at each lag</caption>
<thead><tr><th scope="col">Lag (months)</th><th scope="col">Pairs</th><th scope="col">r</th><th scope="col">p (r)</th><th scope="col">ρ</th><th scope="col">p (ρ)</th></tr></thead>
<tbody>
${scan.map(
  (row) => html`<tr><th scope="row">${row.lag}</th><td>${row.pairs}</td>${
    row.r === null
      ? html`<td colspan="4" class="muted">No statistics: ${NO_STATISTICS[row.reason ?? 'too_few_pairs']}</td>`
      : html`<td>${num(row.r, 3)}</td><td>${pValue(row.p)}</td><td>${num(row.rho, 3)}</td><td>${pValue(row.rhoP)}</td>`
  }</tr>`,
)}
</tbody></table></div>`;
  }
  return html`<section class="panel" aria-labelledby="h-excx"><h2 id="h-excx">EX → CX: ${ex} and ${metric}</h2>
${content}</section>
<section class="panel" aria-labelledby="h-lags"><h2 id="h-lags">Lag scan</h2>
${lagContent}</section>`;
}

function driversSection(view: InsightsView, data: InsightsChartData): Html {
  let content: Html;
  if (!view.results) content = html`<p class="empty">No round in this period to rank drivers from.</p>`;
  else if ('unavailable' in view.results) content = unavailable(view.results);
  else if (!view.drivers || view.drivers.drivers.length === 0) content = html`<p class="empty">No driver can be ranked for ${view.scope}: its results are suppressed or no driver question was asked.</p>`;
  else {
    const ranking = view.drivers;
    const scored = ranking.drivers.filter((d) => d.score !== null);
    if (scored.length > 0) data.drivers = { label: ranking.scoreLabel, labels: scored.map((d) => d.name), values: scored.map((d) => d.score!) };
    content = html`<p class="hint">${ranking.explanation}</p>
${scored.length > 0 ? chart('chart-drivers', `${ranking.scoreLabel} of ${scored.length} drivers, highest first; the table below gives the figures`, 'The driver table below gives the figures.') : null}
${scrollRegion('Driver ranking table')}<table id="table-drivers" data-source="${ranking.source}">
<caption class="sr-only">Drivers, most worth acting on first</caption>
<thead><tr><th scope="col">Driver</th><th scope="col">Mean (1–5)</th><th scope="col">r with eNPS</th><th scope="col">Units</th><th scope="col">${ranking.scoreLabel}</th></tr></thead>
<tbody>
${ranking.drivers.map((d) => html`<tr><th scope="row">${d.name}</th><td>${num(d.mean, 2)}</td><td>${num(d.r, 3)}</td><td>${d.over}</td><td>${num(d.score, 3)}</td></tr>`)}
</tbody></table></div>`;
  }
  return html`<section class="panel" aria-labelledby="h-drivers"><h2 id="h-drivers">Driver ranking</h2>
${content}</section>`;
}

function touchpointsSection(view: InsightsView): Html {
  const part = view.touchpoints;
  let content: Html;
  if (part === 'hr_only') content = html`<p class="empty">Touchpoint analysis is read by HR.</p>`;
  else if ('unavailable' in part) content = unavailable(part);
  else if (part.value.touchpoints.every((t) => t.impact === 0)) content = html`<p class="empty">No friction reported at any touchpoint in ${part.value.period}.</p>`;
  else
    content = html`<p class="hint">Where fixing friction pays most in ${part.value.period}: impact = 100 × friction × reach factor.</p>
${scrollRegion('Touchpoint table')}<table id="table-touchpoints">
<caption class="sr-only">Touchpoints with the highest impact</caption>
<thead><tr><th scope="col">Touchpoint</th><th scope="col">Stage</th><th scope="col">Impact</th><th scope="col">Change</th><th scope="col">Reports</th><th scope="col">Reach</th></tr></thead>
<tbody>
${part.value.touchpoints.map(
  (t) => html`<tr><th scope="row">${t.name}</th><td>${STAGE_LABELS[t.stage] ?? t.stage}</td><td>${num(t.impact)}</td><td>${t.change === null ? '–' : `${t.change > 0 ? '+' : ''}${num(t.change)}`}</td><td>${t.reports + t.meToos}</td><td>${t.reach}</td></tr>`,
)}
</tbody></table></div>`;
  return html`<section class="panel" aria-labelledby="h-touchpoints"><h2 id="h-touchpoints">Top touchpoints</h2>
${content}</section>`;
}

function attritionSection(view: InsightsView): Html {
  const figure = (label: string, value: HtmlPart) => html`<div class="figure"><dt>${label}</dt><dd>${value}</dd></div>`;
  let content: Html;
  if ('unavailable' in view.attrition) content = unavailable(view.attrition);
  else {
    const report = view.attrition.value;
    const t = report.total;
    const hidden = html`<span class="muted">hidden below ${report.k} leavers</span>`;
    const topReason = t.reasons ? Object.entries(t.reasons.primary)[0] : undefined;
    content = html`<dl class="figures" id="attrition-figures">
${figure('Headcount', `${t.headcountStart} → ${t.headcountEnd}`)}
${figure('Leavers', String(t.separations))}
${figure('Attrition', share(t.attritionRate))}
${figure('Annualised', share(t.annualisedRate))}
${figure('Voluntary', t.detailSuppressed ? hidden : share(t.voluntaryRate))}
${figure('Regrettable', t.detailSuppressed ? hidden : share(t.regrettableRate))}
${figure('Left within 90 days', t.earlyAttrition ? String(t.earlyAttrition.within90Days) : hidden)}
${figure('Main reason', topReason ? `${topReason[0].replace(/_/g, ' ')} (${topReason[1]})` : t.detailSuppressed ? hidden : '–')}
</dl>
<p class="muted">${report.from} to ${report.to}. Exit interviews answered: ${report.exitInterviews.completed} of ${report.exitInterviews.invited}.${
      report.unrecordedDepartures > 0 ? ` ${report.unrecordedDepartures} departures have no separation recorded yet.` : ''
    }</p>`;
  }
  let risk: Html;
  if ('unavailable' in view.risk) risk = unavailable(view.risk);
  else if (view.risk.value.units.length === 0) risk = html`<p class="empty">No unit to score.</p>`;
  else
    risk = html`${scrollRegion('Retention risk table')}<table id="table-risk">
<caption>Retention risk on ${view.risk.value.asOf} (0–100, higher is riskier)</caption>
<thead><tr><th scope="col">Unit</th><th scope="col">People</th><th scope="col">Risk</th></tr></thead>
<tbody>
${view.risk.value.units.map(
  (u) => html`<tr><th scope="row">${u.name}</th><td>${u.headcount}</td><td>${
    u.suppressed ? html`<span class="suppressed" data-suppressed="below_threshold">Suppressed: fewer than ${view.risk && 'value' in view.risk ? view.risk.value.k : ''} respondents</span>` : num(u.score)
  }</td></tr>`,
)}
</tbody></table></div>`;
  return html`<section class="panel" aria-labelledby="h-attrition"><h2 id="h-attrition">Attrition</h2>
${content}
${risk}</section>`;
}

/** Data for the charts as a JSON block the script reads: `<` escaped so no text can close the element. */
function chartData(data: InsightsChartData): Html {
  const json = JSON.stringify(data).replace(/</g, '\\u003c').replace(/>/g, '\\u003e').replace(/&/g, '\\u0026');
  return new Html(`<script type="application/json" id="insights-data">${json}</script>`);
}

export function insightsPage(view: InsightsView): Html {
  const data: InsightsChartData = {};
  const sections = html`${trendSection(view, data)}
${heatmapSection(view)}
${exCxSection(view, data)}
${driversSection(view, data)}
${touchpointsSection(view)}
${attritionSection(view)}`;
  const body = html`<h1>Insights</h1>
<p class="lede">${view.scope} · ${view.filters.from} to ${view.filters.to}</p>
${filtersForm(view)}
<div class="dashboard">
${sections}
</div>
${chartData(data)}`;
  return layout({ title: 'Insights', lang: 'en', viewer: view.viewer, body, scripts: ['chart.umd.min.js', 'insights.js'] });
}
