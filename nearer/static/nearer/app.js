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
  function release(form) {
    delete form.dataset.submitted;
    form.querySelectorAll("button[type=submit]").forEach(function (b) { b.removeAttribute("aria-disabled"); });
  }
  // Coming back with the back button re-enables the form.
  window.addEventListener("pageshow", function () {
    document.querySelectorAll("form[data-once]").forEach(release);
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

  // A save that fails must never look like success. htmx swaps 2xx and the 409/422/...
  // answers the server renders itself (responseHandling in base.html); anything else,
  // or no answer at all, lands here: say so next to the form, keep what was typed (no
  // swap), let the button work again and offer to send it again.
  var SIGN_IN = "/sign-in/"; // accounts:sign_in
  var COPY = {
    offline: "That didn't reach Nearer \u2014 it looks like you're offline. What you wrote is still here.",
    network: "That didn't reach Nearer \u2014 the connection dropped. What you wrote is still here.",
    timeout: "Nearer took too long to answer, so that may not have saved. What you wrote is still here.",
    signedOut: "That didn't save: you've been signed out. What you wrote is still here \u2014 copy it, then sign in again.",
    stale: "That didn't save: you may have been signed out, or this page is old. What you wrote is still here \u2014 copy it, then reload.",
    server: "Something went wrong on our side and that wasn't saved. What you wrote is still here.",
    other: "That wasn't saved. What you wrote is still here."
  };

  function pathOf(url) {
    try { return new URL(url, window.location.href).pathname; } catch (e) { return null; }
  }

  // The note says where the failure happened: by the form that sent, or by the element
  // itself for one outside any form.
  function anchorOf(elt) {
    return (elt.closest && elt.closest("form")) || elt;
  }

  function failureNote(anchor) {
    var next = anchor.nextElementSibling;
    return next && next.classList.contains("form-failure") ? next : null;
  }

  // A redirected htmx request was turned away (signed out, or asked to sign in again):
  // swapping that page in would wipe the form, so it counts as a failure instead.
  document.addEventListener("htmx:beforeSwap", function (event) {
    var xhr = event.detail.xhr;
    if (!xhr.responseURL || event.detail.isError) return;
    var asked = pathOf(event.detail.pathInfo.requestPath);
    var got = pathOf(xhr.responseURL);
    if (asked === null || got === null || asked === got) return;
    event.detail.shouldSwap = false;
    event.detail.isError = true;
    xhr.nearerFailure = got === SIGN_IN ? "signedOut" : "stale";
  });

  function whatToSay(kind, detail) {
    if (kind === "htmx:sendError") return navigator.onLine === false ? "offline" : "network";
    if (kind === "htmx:timeout") return "timeout";
    if (detail.xhr.nearerFailure) return detail.xhr.nearerFailure;
    var status = detail.xhr.status;
    if (status === 401 || status === 403) return "stale";
    if (status >= 500) return "server";
    return "other";
  }

  function showFailure(event) {
    var detail = event.detail;
    var elt = detail.elt;
    var anchor = anchorOf(elt);
    var reason = whatToSay(event.type, detail);
    if (anchor.tagName === "FORM") release(anchor);
    // The note that an earlier save is kept would read as if this one were: hide it.
    if (detail.target) {
      detail.target.querySelectorAll(".kept").forEach(function (note) {
        note.hidden = true;
        note.dataset.hiddenByFailure = "yes";
      });
    }

    var note = document.createElement("p");
    note.className = "form-failure";
    note.setAttribute("role", "alert");
    note.appendChild(document.createTextNode(COPY[reason] + " "));
    if (reason === "signedOut") {
      // A new tab, so this one keeps the text.
      var link = document.createElement("a");
      link.href = SIGN_IN;
      link.target = "_blank";
      link.rel = "noopener";
      link.textContent = "Sign in (opens a new tab)";
      note.appendChild(link);
    } else if (reason !== "stale") {
      // Signed out or an old page fails the same way again; the rest may not.
      var submitter = detail.requestConfig && detail.requestConfig.triggeringEvent &&
        detail.requestConfig.triggeringEvent.submitter;
      var again = document.createElement("button");
      again.type = "button";
      again.className = "button small secondary";
      again.textContent = "Try again";
      again.addEventListener("click", function () {
        if (elt.tagName !== "FORM") { elt.click(); return; }
        if (elt.requestSubmit) elt.requestSubmit(submitter && submitter.form === elt ? submitter : undefined);
        else htmx.trigger(elt, "submit");
      });
      note.appendChild(again);
    }
    // Replaced, never stacked: a second failure says only what is true now.
    var old = failureNote(anchor);
    if (old) old.replaceWith(note);
    else anchor.insertAdjacentElement("afterend", note);
  }
  ["htmx:sendError", "htmx:responseError", "htmx:timeout"].forEach(function (kind) {
    document.addEventListener(kind, showFailure);
  });

  // A request from the same form that went through: the failure is over.
  document.addEventListener("htmx:afterRequest", function (event) {
    if (!event.detail.successful) return;
    var note = failureNote(anchorOf(event.detail.elt));
    if (note) note.remove();
    if (!event.detail.target) return;
    event.detail.target.querySelectorAll("[data-hidden-by-failure]").forEach(function (kept) {
      kept.hidden = false;
      delete kept.dataset.hiddenByFailure;
    });
  });
})();
