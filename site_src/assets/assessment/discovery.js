// Reading a combined discovery: the `discovery` block of a self-assessment document that holds a team's
// agreed answers (combine.js writes it). readDoc in answers.js calls readDiscovery; the limits come from
// framework.json's vocabulary. A block is checked whole and copied field by field, so nothing else rides along.
import { questionName, topicName } from "./names.js";
import { isLevel } from "./scoring.js";

export const DISCOVERY_VERSION = 1;

const isObject = (v) => v !== null && typeof v === "object" && !Array.isArray(v);
const isCount = (n, max) => Number.isInteger(n) && n >= 1 && n <= max;

// The block, checked and copied; undefined when there is none; null when it was saved against another
// framework version (its counts cannot be carried through the id mapping honestly). Problems go in `errors`.
export function readDiscovery(raw, ix, fromVersion, errors) {
  if (raw === undefined) return undefined;
  const lim = ix.fw.vocabulary.discovery.limits;
  const { notApplicable, notSure } = ix.vocabulary;
  const say = (m) => errors.push("The combined discovery " + m);
  if (!isObject(raw) || raw.version !== DISCOVERY_VERSION) {
    say(isObject(raw) && isLevel(raw.version) && raw.version > DISCOVERY_VERSION
      ? "was saved by a newer version of this page. Reload the page and try again." : "is not in the right form.");
    return undefined;
  }
  const same = fromVersion === ix.fw.version;
  const question = (id) => questionName(ix, id);
  const knownQuestion = (id) => !same || ix.questions.has(id);
  const text = (v, max) => typeof v === "string" && v.length <= max;
  const c = raw.contributors;
  const count = isObject(c) && isCount(c.count, lim.max_files) && c.count >= lim.min_files ? c.count : null;
  if (count === null) say("must say how many people took part: from " + lim.min_files + " to " + lim.max_files + ".");
  const roles = isObject(c) && isObject(c.roles) ? c.roles : null;
  if (c && !roles) say("lists the roles of the people who took part in the wrong form.");
  const roleNames = new Set(roles ? Object.keys(roles) : []);
  let people = 0;
  for (const [r, n] of Object.entries(roles || {})) {
    if (!r.trim() || r.length > lim.role || !isCount(n, lim.max_files)) say("has a role that is not in the right form.");
    else people += n;
  }
  if (count !== null && people > count) say("lists more people by role than took part.");
  const givenOk = (g, max) => isObject(g) && Object.entries(g).every(([k, n]) => {
    const a = /^\d+$/.test(k) ? Number(k) : k;
    return (ix.levelByNumber.has(a) || !same && isLevel(a) || a === notApplicable || a === notSure) && isCount(n, max);
  }) && Object.values(g).reduce((s, n) => s + n, 0) <= max;
  const entriesOk = (list) => Array.isArray(list) && list.length <= lim.max_files && list.every((e) => isObject(e) &&
    text(e.text, lim.text) && (e.role === undefined || text(e.role, lim.role)) &&
    (e.links === undefined || Array.isArray(e.links) && e.links.length <= lim.links && e.links.every((l) => text(l, lim.link))));
  const sureness = new Set((ix.fw.vocabulary.confidence || []).map((x) => x.id));
  const confidenceOk = (g, max) => isObject(g) && Object.entries(g).every(([k, n]) => sureness.has(k) && isCount(n, max)) &&
    Object.values(g).reduce((s, n) => s + n, 0) <= max;
  const questions = isObject(raw.questions) ? raw.questions : null;
  if (!questions) say("has no answers in the right form.");
  // Object.fromEntries makes own properties: a role called "__proto__" stays a role.
  const out = { version: DISCOVERY_VERSION, contributors: { count, roles: Object.fromEntries(Object.entries(roles || {})) },
    questions: {}, notes: {}, reasons: {}, changed: {} };
  for (const [id, q] of Object.entries(questions || {})) {
    if (!knownQuestion(id)) { say("names " + question(id) + ", which is not in version " + ix.fw.version + " of the framework."); continue; }
    const max = count || lim.max_files;
    const byRole = isObject(q) && q.byRole !== undefined ? q.byRole : {};
    if (!isObject(q) || !givenOk(q.given, max) || !isObject(byRole) ||
        !Object.entries(byRole).every(([r, g]) => roleNames.has(r) && givenOk(g, max)) ||
        (q.confidence !== undefined && !confidenceOk(q.confidence, max)) || (q.evidence !== undefined && !entriesOk(q.evidence))) {
      say("has answers to " + question(id) + " that are not in the right form.");
      continue;
    }
    out.questions[id] = { given: Object.assign({}, q.given) };
    if (Object.keys(byRole).length) out.questions[id].byRole = Object.fromEntries(Object.entries(byRole).map(([r, g]) => [r, Object.assign({}, g)]));
    if (q.confidence && Object.keys(q.confidence).length) out.questions[id].confidence = Object.assign({}, q.confidence);
    if (q.evidence && q.evidence.length) out.questions[id].evidence = q.evidence.map(copyEntry);
  }
  for (const [id, list] of Object.entries(isObject(raw.notes) ? raw.notes : {})) {
    if (same && !ix.topics.has(id)) say("has notes on " + topicName(ix, id) + ", which is not in version " + ix.fw.version + " of the framework.");
    else if (!entriesOk(list)) say("has notes that are not in the right form.");
    else if (list.length) out.notes[id] = list.map(copyEntry);
  }
  for (const [id, r] of Object.entries(isObject(raw.reasons) ? raw.reasons : {})) {
    if (!knownQuestion(id) || !text(r, lim.reason)) say("has a reason for " + question(id) + " that is not text of at most " + lim.reason + " characters.");
    else if (r) out.reasons[id] = r;
  }
  for (const [id, flag] of Object.entries(isObject(raw.changed) ? raw.changed : {})) {
    if (!knownQuestion(id) || flag !== true) say("marks " + question(id) + " as changed in the wrong form.");
    else out.changed[id] = true;
  }
  for (const k of ["notes", "reasons", "changed"]) if (raw[k] !== undefined && !isObject(raw[k])) say("has " + k + " in the wrong form.");
  return same ? out : null;
}

function copyEntry(e) {
  const out = { text: e.text };
  if (e.links && e.links.length) out.links = e.links.slice();
  if (e.role !== undefined) out.role = e.role;
  return out;
}

// The migrated document with its discovery block, or with a line in notCarried saying why it was left behind.
export function withDiscovery(read, discovery, fromVersion) {
  if (read.errors || discovery === undefined) return read;
  if (discovery) read.doc.discovery = discovery;
  else read.notCarried.push({ kind: "discovery", id: "", reason: "it was combined against version " + fromVersion });
  return read;
}
