// Building the page. All text goes in as text nodes, never parsed as HTML.

export function h(tag, attrs, ...children) {
  const el = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs || {})) {
    if (v === null || v === undefined || v === false) continue;
    if (k.startsWith("on")) el.addEventListener(k.slice(2), v);
    else if (k === "class") el.className = v;
    else if (v === true) el.setAttribute(k, "");
    else el.setAttribute(k, String(v));
  }
  for (const c of children.flat(Infinity)) {
    if (c === null || c === undefined || c === false) continue;
    el.append(c instanceof Node ? c : document.createTextNode(String(c)));
  }
  return el;
}

export function tableWrap(label, table) {
  // Wide tables scroll inside a region that keyboard users can reach and that says what it holds.
  return h("div", { class: "dmf-scroll", tabindex: "0", role: "region", "aria-label": label }, table);
}

// Framework prose is Markdown; here it is shown as plain text, so drop the marks that would show.
export function plain(text) {
  return String(text || "")
    .replace(/\[([^\]]*)\]\([^)]*\)/g, "$1")
    .replace(/(\*\*|__|`)/g, "")
    .replace(/\s+/g, " ")
    .trim();
}

// Long lists of problems are cut short: the first few say what is wrong.
export const MAX_ERRORS_SHOWN = 10;
