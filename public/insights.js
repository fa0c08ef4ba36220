/*
 * The dashboard's charts (docs/pages.md), drawn with Chart.js (served from node_modules as
 * /assets/chart.umd.min.js) from the numbers in the page's JSON block. Every chart has a table
 * beside it; without JavaScript the tables are the dashboard.
 */
(function () {
  'use strict';
  var block = document.getElementById('insights-data');
  if (!block || typeof Chart === 'undefined') return;
  var data = JSON.parse(block.textContent);
  var BLUE = '#0b57a4';
  var ORANGE = '#a64510';
  var GREY = '#4a4a4a';

  Chart.defaults.animation = false;
  Chart.defaults.maintainAspectRatio = false;
  Chart.defaults.color = '#1a1a1a';
  Chart.defaults.font.family = 'system-ui, -apple-system, "Segoe UI", Roboto, sans-serif';

  function draw(id, config) {
    var canvas = document.getElementById(id);
    if (canvas) new Chart(canvas, config);
  }

  function axis(title, extra) {
    var scale = { title: { display: true, text: title }, grid: { color: '#e3e3e3' } };
    for (var key in extra) scale[key] = extra[key];
    return scale;
  }

  if (data.trend) {
    draw('chart-trend', {
      type: 'line',
      data: {
        labels: data.trend.labels,
        datasets: [
          { label: 'eNPS', data: data.trend.enps, borderColor: BLUE, backgroundColor: BLUE, pointStyle: 'circle', pointRadius: 4 },
          { label: 'Engagement (0–100)', data: data.trend.engagement, borderColor: ORANGE, backgroundColor: ORANGE, pointStyle: 'triangle', pointRadius: 5, borderDash: [6, 4] },
        ],
      },
      options: { scales: { y: axis('Score', { suggestedMin: -100, suggestedMax: 100 }) } },
    });
  }

  if (data.scatter) {
    var datasets = [
      {
        type: 'scatter',
        label: 'Unit and month',
        data: data.scatter.points.map(function (p) { return { x: p.x, y: p.y, label: p.label }; }),
        backgroundColor: BLUE,
        borderColor: BLUE,
        pointRadius: 4,
      },
    ];
    if (data.scatter.line) {
      datasets.push({ type: 'line', label: 'Least-squares line', data: data.scatter.line, borderColor: ORANGE, backgroundColor: ORANGE, pointRadius: 0, borderWidth: 2 });
    }
    draw('chart-scatter', {
      type: 'scatter',
      data: { datasets: datasets },
      options: {
        scales: { x: axis(data.scatter.xLabel, { type: 'linear' }), y: axis(data.scatter.yLabel) },
        plugins: {
          tooltip: {
            callbacks: {
              label: function (context) {
                var raw = context.raw;
                return (raw.label ? raw.label + ': ' : '') + context.parsed.x.toFixed(1) + ', ' + context.parsed.y.toFixed(2);
              },
            },
          },
        },
      },
    });
  }

  if (data.lagScan) {
    draw('chart-lags', {
      type: 'bar',
      data: {
        labels: data.lagScan.labels,
        datasets: [
          { label: 'Pearson r', data: data.lagScan.r, backgroundColor: BLUE },
          { label: 'Spearman ρ', data: data.lagScan.rho, backgroundColor: GREY },
        ],
      },
      options: { scales: { y: axis('Correlation', { min: -1, max: 1 }) } },
    });
  }

  if (data.drivers) {
    draw('chart-drivers', {
      type: 'bar',
      data: { labels: data.drivers.labels, datasets: [{ label: data.drivers.label, data: data.drivers.values, backgroundColor: BLUE }] },
      options: { indexAxis: 'y', plugins: { legend: { display: false } }, scales: { x: axis(data.drivers.label, { beginAtZero: true }) } },
    });
  }
})();
