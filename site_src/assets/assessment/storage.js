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

export function writeNotice(key, notice) {
  try {
    if (notice) localStorage.setItem(key + ":notice", JSON.stringify(notice));
    else localStorage.removeItem(key + ":notice");
  } catch (e) { /* the notice is shown this time anyway */ }
}

// Keep the unreadable copy rather than overwrite it.
export function keepUnreadable(key, text) {
  try { localStorage.setItem(key + ":unreadable", text); } catch (e) { /* nothing more to do */ }
}

export function clearSaved(key) {
  try {
    localStorage.removeItem(key);
    localStorage.removeItem(key + ":notice");
  } catch (e) { /* nothing was saved */ }
}
