/* An offline map: world-atlas TopoJSON drawn with d3-geo, cities as circles sized by ads, and the
   moves between them in time order as arrows. No tile server; the basemap is served by Clew. */
"use strict";

document.addEventListener("DOMContentLoaded", function () {
  var boxes = document.querySelectorAll(".map");
  if (!boxes.length || typeof d3 === "undefined" || typeof topojson === "undefined") return;
  fetch("/static/vendor/countries-110m.json").then(function (r) { return r.json(); }).then(function (world) {
    boxes.forEach(function (box) { draw(box, world); });
  });
});

var SVG = "http://www.w3.org/2000/svg";

function el(name, attrs) {
  var node = document.createElementNS(SVG, name);
  Object.keys(attrs || {}).forEach(function (k) { node.setAttribute(k, attrs[k]); });
  return node;
}

function draw(box, world) {
  var data = window.clew.data(box.dataset.source).map;
  var width = Math.max(280, box.clientWidth || 480), height = Math.round(width * 0.6);
  var land = topojson.feature(world, world.objects.countries);
  var borders = topojson.mesh(world, world.objects.countries, function (a, b) { return a !== b; });
  var projection = d3.geoNaturalEarth1();
  var pts = data.points;
  if (pts.length) {
    var lons = pts.map(function (p) { return p.lon; }), lats = pts.map(function (p) { return p.lat; });
    var pad = 8;
    var minLon = Math.min.apply(null, lons) - pad, maxLon = Math.max.apply(null, lons) + pad;
    var minLat = Math.max(-85, Math.min.apply(null, lats) - pad / 2), maxLat = Math.min(85, Math.max.apply(null, lats) + pad / 2);
    var frame = { type: "Feature", geometry: { type: "MultiPoint", coordinates: [[minLon, minLat], [maxLon, maxLat], [minLon, maxLat], [maxLon, minLat]] } };
    projection.fitExtent([[10, 10], [width - 10, height - 10]], frame);
  } else {
    projection.fitSize([width, height], land);
  }
  var path = d3.geoPath(projection);
  var svg = el("svg", { viewBox: "0 0 " + width + " " + height, width: width, height: height, class: "map-svg" });
  var defs = el("defs");
  var marker = el("marker", { id: "arrow-" + box.dataset.source, viewBox: "0 0 10 10", refX: 9, refY: 5, markerWidth: 6, markerHeight: 6, orient: "auto-start-reverse" });
  marker.append(el("path", { d: "M 0 0 L 10 5 L 0 10 z", class: "arrow-head" }));
  defs.append(marker);
  svg.append(defs);
  svg.append(el("rect", { x: 0, y: 0, width: width, height: height, class: "sea" }));
  svg.append(el("path", { d: path(land), class: "land" }));
  svg.append(el("path", { d: path(borders), class: "borders" }));
  var at = {};
  pts.forEach(function (p) { at[p.city + "|" + p.country] = projection([p.lon, p.lat]); });
  data.moves.forEach(function (m) {
    var a = at[m.from.join("|")], b = at[m.to.join("|")];
    if (!a || !b) return;
    var line = el("path", { d: "M" + a[0] + "," + a[1] + " Q" + ((a[0] + b[0]) / 2 + (b[1] - a[1]) / 5) + "," + ((a[1] + b[1]) / 2 - (b[0] - a[0]) / 5) + " " + b[0] + "," + b[1],
                            class: "move", "marker-end": "url(#arrow-" + box.dataset.source + ")", "stroke-width": Math.min(4, 1 + m.times / 2) });
    var t = el("title"); t.textContent = m.from[0] + " → " + m.to[0] + " (" + m.times + "×)";
    line.append(t);
    svg.append(line);
  });
  var max = Math.max.apply(null, pts.map(function (p) { return p.ads; }).concat([1]));
  pts.forEach(function (p, i) {
    var xy = at[p.city + "|" + p.country];
    if (!xy) return;
    var c = el("circle", { cx: xy[0], cy: xy[1], r: 3 + 9 * Math.sqrt(p.ads / max), class: "city" });
    var t = el("title"); t.textContent = p.city + ", " + p.country + ": " + p.ads + " ads, " + p.first + " to " + p.last;
    c.append(t);
    svg.append(c);
    var label = el("text", { x: xy[0] + 6, y: xy[1] - 6, class: "city-label" });
    label.textContent = (i + 1) + ". " + p.city;
    svg.append(label);
  });
  box.append(svg);
  if (data.unplaced) {
    var note = document.createElement("p");
    note.className = "note";
    note.textContent = data.unplaced + " ads have no place the gazetteer knows; they are not drawn.";
    box.append(note);
  }
  box.dataset.ready = "true";
}
