// Evidence (short text and links) and confidence for each answer: their limits, their checks when a file
// is read, and how they merge when several old questions become one. The confidence ids and labels come
// from framework.json's vocabulary (generator/framework/answers.py CONFIDENCE), most sure first.
import { orList, questionName } from "./names.js";

export const MAX_EVIDENCE_TEXT = 2000;
export const MAX_LINKS = 5;
export const MAX_LINK = 500;
export const MAX_ROLE = 100;

export function isPlainObject(v) {
  return v !== null && typeof v === "object" && !Array.isArray(v);
}

// [{id, label}], most sure first.
export function confidenceLevels(ix) {
  return ix.fw.vocabulary.confidence;
}

export function confidenceLabel(ix, id) {
  const c = confidenceLevels(ix).find((x) => x.id === id);
  return c ? c.label : String(id);
}

// The last of the vocabulary: the least sure.
export function guessing(ix) {
  const levels = confidenceLevels(ix);
  return levels[levels.length - 1].id;
}

// Only http and https addresses become links; anything else is shown as text.
export function safeUrl(text) {
  if (!/^https?:\/\//i.test(text)) return null;
  try {
    const url = new URL(text);
    return url.protocol === "http:" || url.protocol === "https:" ? url.href : null;
  } catch (e) {
    return null;
  }
}

export function hasEvidence(e) {
  return !!e && (e.text.trim() !== "" || e.links.length > 0);
}

export function checkEvidence(ix, evidence, errors) {
  if (!isPlainObject(evidence)) {
    errors.push("'evidence' must be a list of question ids and evidence.");
    return;
  }
  for (const [id, e] of Object.entries(evidence)) {
    const what = "The evidence for " + questionName(ix, id);
    if (!isPlainObject(e) || Object.keys(e).some((k) => k !== "text" && k !== "links")) {
      errors.push(what + " is not in the right form: it has a text and a list of links.");
      continue;
    }
    if (e.text !== undefined && typeof e.text !== "string") errors.push(what + " is not text.");
    else if (e.text && e.text.length > MAX_EVIDENCE_TEXT) errors.push(what + " is longer than " + MAX_EVIDENCE_TEXT.toLocaleString("en-GB") + " characters.");
    if (e.links === undefined) continue;
    if (!Array.isArray(e.links)) errors.push(what + " has links that are not a list.");
    else if (e.links.length > MAX_LINKS) errors.push(what + " has more than " + MAX_LINKS + " links.");
    else if (e.links.some((l) => typeof l !== "string" || l.length > MAX_LINK)) {
      errors.push(what + " has a link that is not text or is longer than " + MAX_LINK + " characters.");
    }
  }
}

export function checkConfidence(ix, confidence, errors) {
  if (!isPlainObject(confidence)) {
    errors.push("'confidence' must be a list of question ids and how sure you are.");
    return;
  }
  const ids = confidenceLevels(ix).map((c) => c.id);
  const words = orList(confidenceLevels(ix).map((c) => "\"" + c.label + "\""));
  for (const [id, v] of Object.entries(confidence)) {
    if (!ids.includes(v)) errors.push("How sure you are of " + questionName(ix, id) + " is not " + words + ".");
  }
}

export function checkRole(role, errors) {
  if (role === undefined || role === null) return;
  if (typeof role !== "string") errors.push("The role is not text.");
  else if (role.length > MAX_ROLE) errors.push("The role is longer than " + MAX_ROLE + " characters.");
}

// A checked entry in its full form.
export function normalEvidence(e) {
  return { text: e.text || "", links: (e.links || []).slice() };
}

// Several old questions' evidence carried to one: every text and link is kept, in order, as far as the
// limits allow. Returns {evidence, cut} where cut says whether anything did not fit.
export function mergeEvidence(given) {
  const texts = given.map((e) => e.text.trim()).filter((t) => t !== "");
  const links = [...new Set(given.flatMap((e) => e.links))];
  const text = texts.join("\n\n");
  return {
    evidence: { text: text.slice(0, MAX_EVIDENCE_TEXT), links: links.slice(0, MAX_LINKS) },
    cut: text.length > MAX_EVIDENCE_TEXT || links.length > MAX_LINKS,
  };
}

// Several confidences carried to one: the least sure.
export function mergeConfidence(ix, given) {
  const ids = confidenceLevels(ix).map((c) => c.id);
  return given.reduce((a, b) => (ids.indexOf(b) > ids.indexOf(a) ? b : a));
}
