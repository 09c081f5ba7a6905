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
if (typeof document$ !== "undefined") {
  document$.subscribe(dmfLabelScrollRegions);
} else {
  document.addEventListener("DOMContentLoaded", dmfLabelScrollRegions);
}
