/* global uPlot, document */
// Draws the report's chart in the browser with uPlot from the very JSON the CSV is made of (data-src). Categories
// (buyers, months, buckets) are placed at 0, 1, 2 … along x and named on the axis; one series is drawn as bars,
// several as lines with points (bars of several series would hide each other). The table under the chart carries the same figures for keyboard and screen-reader users.
(function () {
  'use strict';
  var COLOURS = ['#0b4f8a', '#b35c00', '#2e7d32', '#6a1b9a'];

  function numeric(value) {
    if (value === null || value === '') return null;
    var number = Number(value);
    return Number.isFinite(number) ? number : null;
  }

  function label(row, table) {
    var x = row[table.chart.x];
    var currency = row.currency && table.chart.x !== 'currency' ? ' ' + row.currency : '';
    return String(x === null ? '' : x) + currency;
  }

  function draw(element, table) {
    var labels = table.rows.map(function (row) { return label(row, table); });
    var xs = table.rows.map(function (_row, index) { return index; });
    var names = {};
    table.columns.forEach(function (column) { names[column.key] = column.label; });
    var count = table.chart.series.length;
    var series = [{ label: names[table.chart.x] }];
    var data = [xs];
    table.chart.series.forEach(function (key, index) {
      var colour = COLOURS[index % COLOURS.length];
      series.push(count === 1
        ? { label: names[key], stroke: colour, fill: colour, width: 0, paths: uPlot.paths.bars({ size: [0.6, 80], align: 0 }), points: { show: false } }
        : { label: names[key], stroke: colour, width: 2, points: { show: true, size: 7, fill: colour } });
      data.push(table.rows.map(function (row) { return numeric(row[key]); }));
    });
    var options = {
      width: Math.max(320, Math.min(element.clientWidth || 800, 1100)), height: 300,
      scales: { x: { time: false, range: [-0.6, Math.max(0.6, xs.length - 0.4)] } },
      axes: [
        { splits: function () { return xs; }, values: function (_u, splits) { return splits.map(function (i) { return labels[i] === undefined ? '' : labels[i]; }); }, rotate: labels.length > 6 ? -30 : 0, size: labels.length > 6 ? 80 : 40 },
        { size: 70 },
      ],
      series: series,
      cursor: { show: true },
    };
    element.textContent = '';
    element.uplot = new uPlot(options, data, element);
    element.setAttribute('data-drawn', String(table.rows.length));
  }

  function start() {
    var element = document.getElementById('report-chart');
    if (!element || typeof uPlot === 'undefined') return;
    fetch(element.getAttribute('data-src'), { headers: { accept: 'application/json' }, credentials: 'same-origin' })
      .then(function (response) { if (!response.ok) throw new Error(String(response.status)); return response.json(); })
      .then(function (table) { draw(element, table); })
      .catch(function () { element.setAttribute('data-drawn', 'failed'); });
  }

  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', start);
  else start();
})();
