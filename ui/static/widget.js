// Hindsight search widget. Drop into any page:
//   <div data-hindsight-search data-query="category:dns"></div>
//   <script src="https://kb.example/widget.js"></script>
// It renders a search box and results from Hindsight's JSON API. It builds
// DOM nodes (never innerHTML), so document text cannot inject markup.
(function () {
  "use strict";
  var script = document.currentScript;
  if (!script) return;
  var base = script.src.replace(/\/widget\.js(\?.*)?$/, "");

  function el(tag, cls, text) {
    var e = document.createElement(tag);
    if (cls) e.className = cls;
    if (text != null) e.textContent = text;
    return e;
  }

  var entities = { "&amp;": "&", "&lt;": "<", "&gt;": ">", "&quot;": "\"", "&#34;": "\"", "&#39;": "'", "&#x27;": "'" };
  function decode(s) {
    return s.replace(/&(amp|lt|gt|quot|#34|#39|#x27);/g, function (m) { return entities[m]; });
  }
  // A fragment is escaped text with <mark>…</mark> around matches: keep
  // the marks as elements and everything else as text.
  function fragment(s) {
    var span = el("span", "hs-frag");
    var parts = String(s).split(/(<\/?mark>)/);
    var inMark = false;
    parts.forEach(function (p) {
      if (p === "<mark>") { inMark = true; return; }
      if (p === "</mark>") { inMark = false; return; }
      if (!p) return;
      span.appendChild(inMark ? el("mark", null, decode(p)) : document.createTextNode(decode(p)));
    });
    return span;
  }

  function safeHref(path) {
    return base + "/incidents/" + encodeURIComponent(path);
  }

  function render(box, data) {
    var list = box.querySelector(".hs-results");
    list.textContent = "";
    if (data.error) {
      list.appendChild(el("p", "hs-error", data.error.message));
      return;
    }
    var count = el("p", "hs-count", data.total + (data.total === 1 ? " incident" : " incidents"));
    list.appendChild(count);
    var ol = el("ol", "hs-hits");
    (data.hits || []).forEach(function (h) {
      var li = el("li", "hs-hit");
      var a = el("a", "hs-title", h.title || h.id);
      a.href = safeHref(h.id);
      a.target = "_top";
      li.appendChild(a);
      var meta = [h.primary_category, h.date, h.organization].filter(Boolean).join(" · ");
      if (meta) li.appendChild(el("div", "hs-meta", meta));
      var frags = h.fragments || {};
      var keys = Object.keys(frags);
      if (keys.length && frags[keys[0]].length) li.appendChild(fragment(frags[keys[0]][0]));
      ol.appendChild(li);
    });
    list.appendChild(ol);
  }

  function search(box, q) {
    var url = base + "/api/v1/search?size=5&q=" + encodeURIComponent(q);
    fetch(url, { headers: { "Accept": "application/json" }, credentials: "omit", mode: "cors" })
      .then(function (r) { return r.json(); })
      .then(function (data) { render(box, data); })
      .catch(function () {
        var list = box.querySelector(".hs-results");
        list.textContent = "";
        list.appendChild(el("p", "hs-error", "Hindsight is not reachable."));
      });
  }

  function mount(box) {
    if (box.getAttribute("data-hindsight-mounted")) return;
    box.setAttribute("data-hindsight-mounted", "1");
    var form = el("form", "hs-form");
    form.setAttribute("role", "search");
    var label = el("label", "hs-label");
    label.appendChild(el("span", "hs-visually-hidden", "Search postmortems"));
    var input = el("input", "hs-input");
    input.type = "search";
    input.name = "q";
    input.value = box.getAttribute("data-query") || "";
    label.appendChild(input);
    var button = el("button", "hs-button", "Search");
    button.type = "submit";
    form.appendChild(label);
    form.appendChild(button);
    box.appendChild(form);
    box.appendChild(el("div", "hs-results"));
    var timer = 0;
    form.addEventListener("submit", function (ev) { ev.preventDefault(); search(box, input.value); });
    input.addEventListener("input", function () {
      clearTimeout(timer);
      timer = setTimeout(function () { search(box, input.value); }, 300);
    });
    search(box, input.value);
  }

  // The stylesheet sits next to the script; a wiki may style the hs-*
  // classes itself instead (data-hindsight-css="none" on the script).
  function addStyles() {
    if (script.getAttribute("data-hindsight-css") === "none") return;
    if (document.querySelector("link[data-hindsight-css]")) return;
    var link = document.createElement("link");
    link.rel = "stylesheet";
    link.href = base + "/widget.css";
    link.setAttribute("data-hindsight-css", "");
    (document.head || document.documentElement).appendChild(link);
  }

  function init() {
    var boxes = document.querySelectorAll("[data-hindsight-search]");
    if (boxes.length) addStyles();
    Array.prototype.forEach.call(boxes, mount);
  }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", init);
  else init();
})();
