/* Time-series charts (uPlot): ads over time by city; bars for counts by indicator. */
"use strict";

document.addEventListener("DOMContentLoaded", function () {
  if (typeof uPlot === "undefined") return;
  document.querySelectorAll(".chart").forEach(function (box) {
    var data = window.clew.data(box.dataset.source);
    if (!data) return;
    var kind = box.dataset.chart;
    var width = Math.max(280, box.clientWidth || 480);
    if (kind === "bars") {
      drawBars(box, data[box.dataset.key] || []);
      return;
    }
    var series = kind === "by_city" ? data.by_city : data[box.dataset.key];
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

function drawBars(box, rows) {
  var max = Math.max.apply(null, rows.map(function (r) { return r.values[0]; }).concat([1]));
  var list = document.createElement("ul");
  list.className = "bars";
  rows.forEach(function (r) {
    var li = document.createElement("li");
    var name = document.createElement("span");
    name.className = "bar-name";
    name.textContent = r.label;
    var bar = document.createElement("span");
    bar.className = "bar";
    bar.style.width = Math.round(100 * r.values[0] / max) + "%";
    var n = document.createElement("span");
    n.className = "bar-count";
    n.textContent = String(r.values[0]);
    li.append(name, bar, n);
    list.append(li);
  });
  box.append(list);
  box.dataset.ready = "true";
}
