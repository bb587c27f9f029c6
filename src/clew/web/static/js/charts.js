/* Time-series charts (uPlot): ads over time, one line per city or per indicator. */
"use strict";

document.addEventListener("DOMContentLoaded", function () {
  if (typeof uPlot === "undefined") return;
  document.querySelectorAll(".chart").forEach(function (box) {
    var data = window.clew.data(box.dataset.source);
    if (!data) return;
    var width = Math.max(280, box.clientWidth || 480);
    var series = data[box.dataset.key];
    if (!series || !series.x.length) {
      box.textContent = "No dated ads to draw.";
      return;
    }
    var opts = {
      width: width, height: 220,
      scales: { x: { time: true } },
      axes: [{}, { label: "ads" }],
      series: [{}].concat(series.series.map(function (s, i) {
        return { label: s.label, stroke: window.clew.colors[i % window.clew.colors.length], width: 2,
                 points: { show: series.x.length < 60 } };
      }))
    };
    new uPlot(opts, [series.x].concat(series.series.map(function (s) { return s.values; })), box);
    box.dataset.ready = "true";
  });
});
