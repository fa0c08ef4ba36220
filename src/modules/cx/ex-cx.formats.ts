import type { FastifyReply } from 'fastify';
import { toCsv } from '#src/common/http/csv.js';
import { scatterSvg } from '#src/common/http/scatter-svg.js';
import { shiftPeriod } from './domain/periods.js';
import type { ExCxDriversReportDto, ExCxReportDto, ExCxScopeDto, ReportFormat } from './dto/ex-cx.dto.js';

/**
 * The EX → CX reports as CSV (their rows) and SVG (a chart to paste into a slide), rendered from
 * the same report the JSON answer holds, so nothing the JSON hides can appear in them.
 */

/** Sends the report in the asked format: JSON as it is, else the rendering with its media type. */
export function inFormat<T>(reply: FastifyReply, format: ReportFormat | undefined, report: T, name: string, render: { csv: (r: T) => string; svg: (r: T) => string }): T | string {
  if (format === 'csv') {
    reply.header('content-type', 'text/csv; charset=utf-8').header('content-disposition', `attachment; filename="${name}.csv"`);
    return render.csv(report);
  }
  if (format === 'svg') {
    reply.header('content-type', 'image/svg+xml; charset=utf-8').header('content-disposition', `inline; filename="${name}.svg"`);
    return render.svg(report);
  }
  return report;
}

/** One row per pair: the points of the report (the CX periods they were read over beside them), unrounded. */
export function linkageCsv(report: ExCxReportDto): string {
  return toCsv([
    ['unit_id', 'unit_name', 'period', 'cx_from', 'cx_to', 'ex', 'cx', 'respondents', 'cx_n'],
    ...report.points.map((p) => [
      p.unitId,
      p.unitName,
      p.period,
      shiftPeriod(p.period, report.lag),
      shiftPeriod(p.period, report.lag + report.cxWindow - 1),
      p.ex,
      p.cx,
      p.respondents,
      p.cxN,
    ]),
  ]);
}

/** One row per driver, in the report's order (by |r|). */
export function driversCsv(report: ExCxDriversReportDto): string {
  return toCsv([
    ['driver_key', 'driver_name', 'pairs', 'r', 'ci_low', 'ci_high', 'p', 'rho', 'rho_p', 'mean', 'quadrant', 'reason'],
    ...report.drivers.map((d) => [d.driverKey, d.driverName, d.pairs, d.r, d.ciLow, d.ciHigh, d.p, d.rho, d.rhoP, d.mean, d.quadrant, d.reason]),
  ]);
}

/** EX against CX, one mark per pair, the least-squares line, and r in the title. */
export function linkageSvg(report: ExCxReportDto): string {
  const s = report.statistics;
  return scatterSvg({
    title: s
      ? `${exLabel(report.exMeasure)} and ${report.cxMetric}: r = ${fixed(s.pearson.r)} (95 % CI ${fixed(s.pearson.ciLow)} to ${fixed(s.pearson.ciHigh)}, ${pText(s.pearson.p)}, n = ${report.pairs})`
      : `${exLabel(report.exMeasure)} and ${report.cxMetric}: r not defined (${report.reason}, n = ${report.pairs})`,
    subtitle: `${scopeText(report)}${s ? `; ρ = ${fixed(s.spearman.rho)}; line: CX = ${fixed(s.regression.intercept, 3)} + ${fixed(s.regression.slope, 4)} × EX` : ''}`,
    xLabel: `EX: ${exLabel(report.exMeasure)}`,
    yLabel: `CX: ${report.cxMetric}`,
    points: report.points.map((p) => ({ x: p.ex, y: p.cx, label: `${p.unitName} ${p.period}: EX ${fixed(p.ex)} (${p.respondents} responses), CX ${fixed(p.cx)} (n = ${p.cxN})` })),
    line: s ? { slope: s.regression.slope, intercept: s.regression.intercept } : null,
  });
}

/** Importance (r with CX) against performance (the driver's mean), one mark per driver with statistics, and the cross-hairs. */
export function driversSvg(report: ExCxDriversReportDto): string {
  const sign = report.higherIsBetter ? 1 : -1;
  const placed = report.drivers.filter((d) => d.r !== null && d.mean !== null);
  const top = placed[0];
  const { importance, performance } = report.crosshairs;
  return scatterSvg({
    title: top
      ? `What moves ${report.cxMetric} most: ${top.driverName} (r = ${fixed(top.r!)}, n = ${top.pairs})`
      : `Drivers and ${report.cxMetric}: no driver has statistics`,
    subtitle: `${scopeText(report)}; ${placed.length} of ${report.drivers.length} drivers with statistics`,
    xLabel: report.higherIsBetter ? `Importance: r with ${report.cxMetric}` : `Importance: −r with ${report.cxMetric} (lower is better)`,
    yLabel: 'Performance: driver mean (1–5)',
    points: placed.map((d) => ({
      x: sign * d.r!,
      y: d.mean!,
      label: `${d.driverName}: r = ${fixed(d.r!)}, ${pText(d.p!)}, n = ${d.pairs}, mean ${fixed(d.mean!)}`,
      caption: d.driverName,
    })),
    crosshairs:
      importance === null || performance === null
        ? null
        : { x: importance, y: performance, quadrants: ['Possible overkill', 'Keep up the good work', 'Low priority', 'Concentrate here'] },
  });
}

/** The periods, the groups and when CX is read, in words. */
function scopeText(report: ExCxScopeDto): string {
  const steps = Math.abs(report.lag);
  const when = steps === 0 ? 'the same ' + report.granularity : `${steps} ${report.granularity}${steps === 1 ? '' : 's'} ${report.lag > 0 ? 'later' : 'earlier'}`;
  const window = report.cxWindow > 1 ? `, mean over ${report.cxWindow} ${report.granularity}s` : '';
  return `EX ${report.from} … ${report.to} by ${report.unitLevel ?? 'unit'}; CX ${when}${window}`;
}

function exLabel(exMeasure: string): string {
  if (exMeasure === 'enps') return 'eNPS';
  if (exMeasure === 'engagement') return 'engagement (0–100)';
  if (exMeasure === 'participation') return 'participation';
  return `${exMeasure.slice('driver:'.length)} (mean 1–5)`;
}

function fixed(value: number, digits = 2): string {
  return value.toFixed(digits).replace('-', '−');
}

function pText(p: number): string {
  return p < 0.001 ? 'p < 0.001' : `p = ${p.toFixed(3)}`;
}
