/* Clew pages: small behaviours shared by every page. No inline scripts anywhere (CSP). */
"use strict";

window.clew = window.clew || {};

/* The JSON a page embeds for its charts, graph and map (type="application/json": data, never run). */
window.clew.data = function (id) {
  var el = document.getElementById(id);
  return el ? JSON.parse(el.textContent) : null;
};

/* A palette readable on white, one colour per series. */
window.clew.colors = ["#1f5fa8", "#c2410c", "#15803d", "#7e22ce", "#b91c1c", "#0e7490", "#6b7280"];

document.addEventListener("click", function (event) {
  var button = event.target.closest("button.reveal");
  if (!button) return;
  var img = button.querySelector("img");
  var shown = img.classList.toggle("blurred") === false;
  button.setAttribute("aria-pressed", shown ? "true" : "false");
});
