// The one place that touches localStorage. Answers are kept in this browser and never sent anywhere.
// Every call is guarded: a browser may refuse storage (private windows, full quota, settings).
import { FORMAT, isPlainObject } from "./answers.js";

export function storageKey(fw) {
  return FORMAT + ":" + fw.id;
}

// The saved document's text (or null) and the notice saved beside it (or null).
export function readSaved(key) {
  let text = null;
  let notice = null;
  try {
    text = localStorage.getItem(key);
    const n = JSON.parse(localStorage.getItem(key + ":notice") || "null");
    // Only a notice this page wrote is shown again.
    if (isPlainObject(n) && (n.unreadable ? Array.isArray(n.errors) : typeof n.from === "string" && Array.isArray(n.notCarried))) notice = n;
    if (notice && !(Number.isInteger(notice.more) && notice.more >= 0)) notice.more = 0;
  } catch (e) {
    notice = null;
  }
  return { text, notice };
}

// Whether the browser kept the document.
export function writeDoc(key, doc) {
  try {
    localStorage.setItem(key, JSON.stringify(doc));
    return true;
  } catch (e) {
    return false;
  }
}

// A notice keeps at most NOTICE_ITEMS items (and how many more there were), each cut short, so that it
// fits in storage however much an old file failed to carry over. Returns whether the browser kept it.
export const NOTICE_ITEMS = 20;
const NOTICE_TEXT = 300;

export function cappedNotice(notice) {
  if (!notice) return notice;
  const cut = (s) => (typeof s === "string" && s.length > NOTICE_TEXT ? s.slice(0, NOTICE_TEXT) + "…" : s);
  const list = notice.unreadable ? "errors" : "notCarried";
  const items = notice[list] || [];
  const capped = items.slice(0, NOTICE_ITEMS).map((x) => (isPlainObject(x) ? Object.assign({}, x, { id: cut(x.id), reason: cut(x.reason) }) : cut(x)));
  return Object.assign({}, notice, { [list]: capped, more: (notice.more || 0) + items.length - capped.length });
}

export function writeNotice(key, notice) {
  try {
    if (notice) localStorage.setItem(key + ":notice", JSON.stringify(cappedNotice(notice)));
    else localStorage.removeItem(key + ":notice");
    return true;
  } catch (e) {
    return false;
  }
}

// Where the person was (the view and the topic of the questions), kept beside the answers.
export function readPosition(key) {
  try {
    const p = JSON.parse(localStorage.getItem(key + ":position") || "null");
    return isPlainObject(p) && typeof p.view === "string" && typeof p.topic === "string" ? p : null;
  } catch (e) {
    return null;
  }
}

export function writePosition(key, position) {
  try { localStorage.setItem(key + ":position", JSON.stringify(position)); } catch (e) { /* the page starts at the beginning */ }
}

// Keep the unreadable copy rather than overwrite it.
export function keepUnreadable(key, text) {
  try { localStorage.setItem(key + ":unreadable", text); } catch (e) { /* nothing more to do */ }
}

export function clearSaved(key) {
  try {
    localStorage.removeItem(key);
    localStorage.removeItem(key + ":notice");
    localStorage.removeItem(key + ":position");
  } catch (e) { /* nothing was saved */ }
}
