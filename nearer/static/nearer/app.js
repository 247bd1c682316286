// Nearer's small page helpers. No inline scripts: the CSP forbids them.
(function () {
  "use strict";

  // Quick exit: leave at once, without leaving this page in the back history.
  function quickExit(event) {
    if (event) event.preventDefault();
    var link = document.querySelector("[data-quick-exit]");
    window.location.replace(link ? link.href : "/exit/");
  }
  document.addEventListener("click", function (event) {
    var target = event.target.closest && event.target.closest("[data-quick-exit]");
    if (target) quickExit(event);
  });
  var lastEscape = 0;
  document.addEventListener("keydown", function (event) {
    if (event.key !== "Escape") return;
    var now = Date.now();
    if (now - lastEscape < 600) quickExit();
    lastEscape = now;
  });

  // One submit per form: a double click never sends the same thing twice.
  document.addEventListener("submit", function (event) {
    var form = event.target;
    if (!form.hasAttribute("data-once")) return;
    if (form.dataset.submitted === "yes") { event.preventDefault(); return; }
    form.dataset.submitted = "yes";
    form.querySelectorAll("button[type=submit]").forEach(function (b) { b.setAttribute("aria-disabled", "true"); });
  });
  // Coming back with the back button re-enables the form.
  window.addEventListener("pageshow", function () {
    document.querySelectorAll("form[data-once]").forEach(function (f) {
      delete f.dataset.submitted;
      f.querySelectorAll("button[type=submit]").forEach(function (b) { b.removeAttribute("aria-disabled"); });
    });
  });

  // Copy buttons.
  document.addEventListener("click", function (event) {
    var button = event.target.closest && event.target.closest("[data-copy]");
    if (!button) return;
    var field = document.querySelector(button.getAttribute("data-copy"));
    if (!field) return;
    field.select();
    if (navigator.clipboard) navigator.clipboard.writeText(field.value);
    button.textContent = button.dataset.copied || "Copied";
  });

  // Time zone: suggest the browser's own when the field still holds the default.
  document.addEventListener("DOMContentLoaded", function () {
    var field = document.querySelector("input[name=time_zone]");
    if (!field || field.value !== "UTC") return;
    try { field.value = Intl.DateTimeFormat().resolvedOptions().timeZone || "UTC"; } catch (e) { /* keep UTC */ }
  });

  // Character counters: say when text is over the limit before submitting.
  document.addEventListener("input", function (event) {
    var field = event.target;
    if (!field.matches || !field.matches("textarea[data-max]")) return;
    var max = parseInt(field.dataset.max, 10);
    var out = document.getElementById(field.id + "-count");
    if (!out) return;
    var left = max - field.value.length;
    out.textContent = left >= 0 ? left + " characters left" : (-left) + " characters over the limit";
    out.classList.toggle("over", left < 0);
  });
})();
