/**
 * A scatter chart as a standalone SVG document, written by hand (no chart library): axes with
 * ticks and labels, one `<circle class="point">` per point (with its label as a tooltip), and
 * optionally a fitted line, cross-hairs and quadrant captions. Text is XML-escaped, so names from
 * the database cannot inject markup.
 */

export interface ScatterPoint {
  readonly x: number;
  readonly y: number;
  /** Tooltip of the mark (`<title>`). */
  readonly label: string;
  /** Text written beside the mark, if any. */
  readonly caption?: string;
}

export interface ScatterChart {
  readonly title: string;
  /** A second line under the title (e.g. the parameters). */
  readonly subtitle?: string;
  readonly xLabel: string;
  readonly yLabel: string;
  readonly points: readonly ScatterPoint[];
  /** y = slope · x + intercept, drawn over the points' x range. */
  readonly line?: { readonly slope: number; readonly intercept: number } | null;
  /** Dashed vertical and horizontal lines through (x, y), with captions for the four quadrants (top left, top right, bottom left, bottom right). */
  readonly crosshairs?: { readonly x: number; readonly y: number; readonly quadrants: readonly [string, string, string, string] } | null;
}

const WIDTH = 760;
const HEIGHT = 500;
const MARGIN = { left: 80, right: 30, top: 70, bottom: 64 };

/** The chart as an SVG document (`image/svg+xml`). */
export function scatterSvg(chart: ScatterChart): string {
  const xs = [...chart.points.map((p) => p.x), ...(chart.crosshairs ? [chart.crosshairs.x] : [])];
  const ys = [...chart.points.map((p) => p.y), ...(chart.crosshairs ? [chart.crosshairs.y] : [])];
  const xAxis = niceAxis(xs);
  const yAxis = niceAxis(ys);
  const plot = { left: MARGIN.left, right: WIDTH - MARGIN.right, top: MARGIN.top, bottom: HEIGHT - MARGIN.bottom };
  const sx = (x: number) => plot.left + ((x - xAxis.min) / (xAxis.max - xAxis.min)) * (plot.right - plot.left);
  const sy = (y: number) => plot.bottom - ((y - yAxis.min) / (yAxis.max - yAxis.min)) * (plot.bottom - plot.top);

  const parts: string[] = [];
  parts.push(
    `<svg xmlns="http://www.w3.org/2000/svg" width="${WIDTH}" height="${HEIGHT}" viewBox="0 0 ${WIDTH} ${HEIGHT}" role="img" aria-labelledby="chart-title" font-family="system-ui, sans-serif" font-size="12">`,
    `<title id="chart-title">${escapeXml(chart.title)}</title>`,
    `<rect width="${WIDTH}" height="${HEIGHT}" fill="#ffffff"/>`,
    `<text class="title" x="${WIDTH / 2}" y="28" text-anchor="middle" font-size="16" font-weight="600">${escapeXml(chart.title)}</text>`,
  );
  if (chart.subtitle) parts.push(`<text class="subtitle" x="${WIDTH / 2}" y="48" text-anchor="middle" fill="#555555">${escapeXml(chart.subtitle)}</text>`);

  // Grid and ticks.
  for (const tick of xAxis.ticks) {
    const x = num(sx(tick));
    parts.push(`<line x1="${x}" y1="${plot.top}" x2="${x}" y2="${plot.bottom}" stroke="#eeeeee"/>`);
    parts.push(`<text x="${x}" y="${plot.bottom + 18}" text-anchor="middle" fill="#333333">${escapeXml(tickText(tick, xAxis.step))}</text>`);
  }
  for (const tick of yAxis.ticks) {
    const y = num(sy(tick));
    parts.push(`<line x1="${plot.left}" y1="${y}" x2="${plot.right}" y2="${y}" stroke="#eeeeee"/>`);
    parts.push(`<text x="${plot.left - 8}" y="${y}" text-anchor="end" dominant-baseline="middle" fill="#333333">${escapeXml(tickText(tick, yAxis.step))}</text>`);
  }
  parts.push(`<rect x="${plot.left}" y="${plot.top}" width="${plot.right - plot.left}" height="${plot.bottom - plot.top}" fill="none" stroke="#999999"/>`);
  parts.push(`<text class="x-label" x="${(plot.left + plot.right) / 2}" y="${HEIGHT - 18}" text-anchor="middle" font-size="13">${escapeXml(chart.xLabel)}</text>`);
  parts.push(
    `<text class="y-label" x="${-(plot.top + plot.bottom) / 2}" y="22" transform="rotate(-90)" text-anchor="middle" font-size="13">${escapeXml(chart.yLabel)}</text>`,
  );

  if (chart.crosshairs) {
    const cx = num(sx(chart.crosshairs.x));
    const cy = num(sy(chart.crosshairs.y));
    parts.push(`<line class="crosshair" x1="${cx}" y1="${plot.top}" x2="${cx}" y2="${plot.bottom}" stroke="#888888" stroke-dasharray="4 4"/>`);
    parts.push(`<line class="crosshair" x1="${plot.left}" y1="${cy}" x2="${plot.right}" y2="${cy}" stroke="#888888" stroke-dasharray="4 4"/>`);
    const [topLeft, topRight, bottomLeft, bottomRight] = chart.crosshairs.quadrants;
    parts.push(`<text class="quadrant" x="${plot.left + 6}" y="${plot.top + 16}" fill="#777777">${escapeXml(topLeft)}</text>`);
    parts.push(`<text class="quadrant" x="${plot.right - 6}" y="${plot.top + 16}" text-anchor="end" fill="#777777">${escapeXml(topRight)}</text>`);
    parts.push(`<text class="quadrant" x="${plot.left + 6}" y="${plot.bottom - 8}" fill="#777777">${escapeXml(bottomLeft)}</text>`);
    parts.push(`<text class="quadrant" x="${plot.right - 6}" y="${plot.bottom - 8}" text-anchor="end" fill="#777777">${escapeXml(bottomRight)}</text>`);
  }

  if (chart.line && chart.points.length > 0) {
    const low = Math.min(...chart.points.map((p) => p.x));
    const high = Math.max(...chart.points.map((p) => p.x));
    const at = (x: number) => chart.line!.slope * x + chart.line!.intercept;
    // Clipped to the plot, so a steep line does not run over the axes.
    parts.push(`<clipPath id="plot-area"><rect x="${plot.left}" y="${plot.top}" width="${plot.right - plot.left}" height="${plot.bottom - plot.top}"/></clipPath>`);
    parts.push(
      `<line class="regression" x1="${num(sx(low))}" y1="${num(sy(at(low)))}" x2="${num(sx(high))}" y2="${num(sy(at(high)))}" stroke="#d9480f" stroke-width="2" clip-path="url(#plot-area)"/>`,
    );
  }

  for (const point of chart.points) {
    const x = sx(point.x);
    const y = sy(point.y);
    parts.push(`<circle class="point" cx="${num(x)}" cy="${num(y)}" r="4.5" fill="#1c7ed6" fill-opacity="0.75" stroke="#ffffff"><title>${escapeXml(point.label)}</title></circle>`);
    // Captions right of the mark, or left of it in the right third, so they stay inside the plot.
    const leftward = x > plot.left + ((plot.right - plot.left) * 2) / 3;
    if (point.caption) {
      parts.push(`<text class="caption" x="${num(leftward ? x - 7 : x + 7)}" y="${num(y - 7)}"${leftward ? ' text-anchor="end"' : ''} fill="#222222">${escapeXml(point.caption)}</text>`);
    }
  }
  parts.push('</svg>');
  return `<?xml version="1.0" encoding="UTF-8"?>\n${parts.join('\n')}\n`;
}

/** An axis from the values: rounded ends and ticks 1, 2 or 5 × 10ⁿ apart, about five of them. */
export function niceAxis(values: readonly number[]): { min: number; max: number; step: number; ticks: number[] } {
  const finite = values.filter(Number.isFinite);
  let low = finite.length > 0 ? Math.min(...finite) : 0;
  let high = finite.length > 0 ? Math.max(...finite) : 1;
  if (low === high) {
    const pad = low === 0 ? 1 : Math.abs(low) * 0.1;
    low -= pad;
    high += pad;
  }
  const rough = (high - low) / 5;
  const magnitude = 10 ** Math.floor(Math.log10(rough));
  const step = [1, 2, 5, 10].map((f) => f * magnitude).find((s) => s >= rough)!;
  const min = Math.floor(low / step) * step;
  const max = Math.ceil(high / step) * step;
  const ticks: number[] = [];
  for (let i = 0; min + i * step <= max + step / 1e6; i++) ticks.push(min + i * step);
  return { min, max, step, ticks };
}

function tickText(value: number, step: number): string {
  const decimals = Math.max(0, -Math.floor(Math.log10(step)));
  return (Math.abs(value) < step / 1e6 ? 0 : value).toFixed(decimals).replace('-', '−');
}

function num(value: number): string {
  return value.toFixed(1);
}

/** Escapes text for XML content and attribute values, dropping characters XML 1.0 cannot hold. */
export function escapeXml(text: string): string {
  return text.replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g, '').replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' })[c]!);
}
