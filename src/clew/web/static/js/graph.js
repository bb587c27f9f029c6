/* The network graph (cytoscape.js): ads, groups of ads and identifiers; edges labelled by evidence. */
"use strict";

document.addEventListener("DOMContentLoaded", function () {
  var box = document.getElementById("graph");
  if (!box || typeof cytoscape === "undefined") return;
  var data = window.clew.data(box.dataset.source);
  var elements = data.graph;
  var many = elements.length > 400;
  var cy = cytoscape({
    container: box,
    elements: elements,
    style: [
      { selector: "node", style: { "label": "data(label)", "font-size": 9, "color": "#111827",
        "text-valign": "bottom", "text-margin-y": 3, "width": 14, "height": 14,
        "text-max-width": 120, "text-wrap": "ellipsis" } },
      { selector: "node[kind = 'ad']", style: { "background-color": "#1f5fa8", "shape": "ellipse" } },
      { selector: "node[kind = 'ads']", style: { "background-color": "#1f5fa8", "shape": "round-rectangle",
        "width": "mapData(ads, 1, 200, 16, 48)", "height": "mapData(ads, 1, 200, 16, 48)" } },
      { selector: "node[kind = 'phone'], node[kind = 'email'], node[kind = 'handle'], node[kind = 'payment'], node[kind = 'url']",
        style: { "background-color": "#c2410c", "shape": "diamond", "width": 18, "height": 18 } },
      { selector: "edge", style: { "width": "mapData(weight, 1, 100, 1, 6)", "line-color": "#9ca3af",
        "curve-style": "bezier", "font-size": 7, "color": "#374151", "text-rotation": "autorotate",
        "label": many ? "" : "data(label)", "text-background-color": "#ffffff", "text-background-opacity": 0.8 } },
      { selector: "edge[kind = 'template']", style: { "line-style": "dashed", "line-color": "#15803d" } },
      { selector: "edge[kind = 'image']", style: { "line-style": "dotted", "line-color": "#7e22ce" } },
      { selector: ":selected", style: { "border-width": 3, "border-color": "#111827" } }
    ],
    layout: { name: "cose", animate: false, randomize: false, nodeRepulsion: 8000, idealEdgeLength: 60,
              numIter: many ? 400 : 1000 }
  });
  box.dataset.nodes = String(cy.nodes().length);
  box.dataset.ready = "true";
  cy.on("tap", "node", function (event) {
    var href = event.target.data("href");
    if (href && href.charAt(0) === "/") window.location.assign(href);
  });
});
