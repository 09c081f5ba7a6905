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

// Framework prose as plain text: a tree of nodes (see prose) flattened, or Markdown with its marks dropped.
export function plain(text) {
  if (Array.isArray(text)) return plain(text.map((n) => (Array.isArray(n) ? plain(n.slice(n[0] === "a" ? 2 : 1)) : n)).join(""));
  return String(text || "")
    .replace(/\[([^\]]*)\]\([^)]*\)/g, "$1")
    .replace(/(\*\*|__|`)/g, "")
    .replace(/\s+/g, " ")
    .trim();
}

// Framework prose, as the build writes it (generator/site/prose_nodes.py): a string, or a list of nodes where
// a string is text, [tag, ...children] is emphasis, code, a paragraph or a list, and ["a", href, ...children] a
// link, relative to `base` (the data file's address). Only these tags are made, and a link that is not
// http, https, mailto or this site's stays text.
const PROSE_TAGS = new Set(["p", "ul", "ol", "li", "em", "strong", "code", "a"]);
export function prose(value, base) {
  if (value === null || value === undefined) return [];
  if (!Array.isArray(value)) return [String(value)];
  return value.map((n) => {
    if (!Array.isArray(n)) return String(n);
    const [tag, ...rest] = n;
    if (!PROSE_TAGS.has(tag)) return plain(rest);
    if (tag !== "a") return h(tag, {}, prose(rest, base));
    const [href, ...children] = rest;
    let url = null;
    try { url = new URL(String(href), base); } catch (e) { url = null; }
    if (!url || !["http:", "https:", "mailto:"].includes(url.protocol)) return plain(children);
    return h("a", { href: url.href }, prose(children, base));
  });
}

// Long lists of problems are cut short: the first few say what is wrong.
export const MAX_ERRORS_SHOWN = 10;
