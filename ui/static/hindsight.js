// Hindsight progressive enhancement. Every page works without this file;
// it adds live search as you type and keyboard shortcuts:
//   /      focus the search box
//   j / k  move to the next / previous result
//   Escape leave the search box
(function () {
  "use strict";

  function typing(el) {
    if (!el) return false;
    var tag = el.tagName;
    return tag === "INPUT" || tag === "TEXTAREA" || tag === "SELECT" || el.isContentEditable;
  }

  document.addEventListener("keydown", function (ev) {
    if (ev.ctrlKey || ev.metaKey || ev.altKey) return;
    var active = document.activeElement;
    if (ev.key === "Escape" && typing(active)) { active.blur(); return; }
    if (typing(active)) return;
    if (ev.key === "/") {
      var q = document.getElementById("q");
      if (q) { ev.preventDefault(); q.focus(); q.select(); }
      return;
    }
    if (ev.key === "j" || ev.key === "k") {
      var links = Array.prototype.slice.call(document.querySelectorAll(".hit-link, .similar-link"));
      if (!links.length) return;
      var i = links.indexOf(active);
      if (ev.key === "j") i = i < 0 ? 0 : Math.min(i + 1, links.length - 1);
      else i = i < 0 ? 0 : Math.max(i - 1, 0);
      ev.preventDefault();
      links[i].focus();
      links[i].scrollIntoView({ block: "nearest" });
    }
  });

  // Live search: re-render the results region as the user types, using
  // the server-rendered page (so the HTML is escaped by the server).
  var form = document.querySelector("form[data-live-search]");
  var results = document.getElementById("results");
  if (!form || !results || !window.fetch || !window.DOMParser) return;
  var input = form.querySelector("input[name=q]");
  var timer = 0, seq = 0, last = input.value;

  function swap(doc) {
    var fresh = doc.getElementById("results");
    if (fresh) results.replaceWith(document.importNode(fresh, true));
    results = document.getElementById("results");
    var oldErr = form.querySelector(".query-error");
    var newErr = doc.querySelector("form[data-live-search] .query-error");
    if (oldErr) oldErr.remove();
    if (newErr) {
      form.appendChild(document.importNode(newErr, true));
      input.setAttribute("aria-invalid", "true");
    } else {
      input.removeAttribute("aria-invalid");
    }
    if (doc.title) document.title = doc.title;
    // Announce the new count to screen readers, once, politely.
    var status = document.getElementById("live-status");
    var count = document.getElementById("result-count");
    var err = form.querySelector(".query-error");
    if (status) status.textContent = err ? err.textContent : (count ? count.textContent : "");
  }

  function run() {
    var q = input.value;
    if (q === last) return;
    last = q;
    var params = new URLSearchParams(new FormData(form));
    var url = form.getAttribute("action") + "?" + params.toString();
    var mine = ++seq;
    form.setAttribute("aria-busy", "true");
    fetch(url, { headers: { "Accept": "text/html" }, credentials: "same-origin" })
      .then(function (r) { return r.text(); })
      .then(function (html) {
        if (mine !== seq) return; // a newer request won
        swap(new DOMParser().parseFromString(html, "text/html"));
        history.replaceState(null, "", url);
      })
      .catch(function () { /* keep the current results */ })
      .then(function () { if (mine === seq) form.removeAttribute("aria-busy"); });
  }

  input.addEventListener("input", function () {
    clearTimeout(timer);
    timer = setTimeout(run, 250);
  });
})();
