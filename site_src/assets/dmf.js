// Wide tables scroll inside a wrapper; keyboard users must be able to reach and scroll it,
// and screen reader users need to know what it holds (WCAG 2.1.1, axe scrollable-region-focusable).
function dmfLabelScrollRegions() {
  document.querySelectorAll(".md-typeset__scrollwrap").forEach(function (wrap) {
    if (wrap.hasAttribute("tabindex")) return;
    var heading = null;
    for (var el = wrap.closest(".md-typeset__scrollwrap"); el && !heading; el = el.previousElementSibling) {
      if (/^H[1-6]$/.test(el.tagName)) heading = el;
    }
    var caption = wrap.querySelector("caption");
    var name = caption ? caption.textContent : heading ? heading.textContent.replace("¶", "").trim() : "Table";
    wrap.setAttribute("tabindex", "0");
    wrap.setAttribute("role", "region");
    wrap.setAttribute("aria-label", name + " (table, scrolls sideways)");
  });
}
// Benchmarks overview: mark the reader's own peer groups in every matrix. The page writes the form hidden,
// with every word it says, and the tables are complete without it; the choice stays in this browser.
function dmfMarkOwnGroups() {
  var form = document.querySelector("form.dmf-mine");
  if (!form || !form.hidden) return;
  var selects = Array.prototype.slice.call(form.querySelectorAll("select[data-kind]"));
  var status = form.querySelector(".dmf-mine__status");
  var saved = {};
  try {
    saved = JSON.parse(localStorage.getItem(form.dataset.store) || "{}") || {};
  } catch (e) {
    saved = {};
  }
  function mark() {
    var chosen = selects.map(function (s) { return s.value; }).filter(Boolean);
    document.querySelectorAll(".dmf-m [data-group]").forEach(function (el) {
      var mine = chosen.indexOf(el.dataset.group) !== -1;
      el.classList.toggle("dmf-m--mine", mine);
      var badge = el.querySelector(".dmf-m__mine");
      if (badge) badge.hidden = !mine;
    });
  }
  selects.forEach(function (select) {
    var want = saved[select.dataset.kind];
    var known = Array.prototype.some.call(select.options, function (o) { return o.value === want; });
    if (typeof want === "string" && known) select.value = want;
    select.addEventListener("change", function () {
      var keep = {};
      selects.forEach(function (s) { if (s.value) keep[s.dataset.kind] = s.value; });
      try {
        localStorage.setItem(form.dataset.store, JSON.stringify(keep));
      } catch (e) { /* storage may be off: the mark still shows on this page */ }
      mark();
      status.textContent = select.selectedOptions[0].dataset.said;
    });
  });
  form.hidden = false;
  mark();
}
function dmfEnhance() {
  dmfLabelScrollRegions();
  dmfMarkOwnGroups();
}
if (typeof document$ !== "undefined") {
  document$.subscribe(dmfEnhance);
} else {
  document.addEventListener("DOMContentLoaded", dmfEnhance);
}
