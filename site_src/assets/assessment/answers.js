// Saved answers: one versioned document, checked on the way in and carried to the current framework
// version through the framework's id mapping.
import { isNotLevel } from "./framework.js";
import { isLevel } from "./scoring.js";

export const FORMAT = "dmf-self-assessment";
export const FORMAT_VERSION = 1;
export const MAX_NOTE = 5000;
export const MAX_OWNER = 200;
// The random code of a benchmark submission (submission-view.js checks its form), kept so a later one can replace it.
const MAX_SUBMISSION = 64;

// The document names each peer-group kind in camelCase (org_type is orgType), as format version 1 always has.
export function comparisonKey(kind) {
  return kind.replace(/_([a-z])/g, (_, c) => c.toUpperCase());
}

export function emptyDoc(ix) {
  const comparison = {};
  for (const { kind } of ix.vocabulary.groupKinds) comparison[comparisonKey(kind)] = null;
  return {
    format: FORMAT,
    formatVersion: FORMAT_VERSION,
    framework: { id: ix.fw.id, version: ix.fw.version },
    answers: {},
    notes: {},
    roadmap: { start: null, targets: {}, owners: {} },
    comparison,
  };
}

export function isPlainObject(v) {
  return v !== null && typeof v === "object" && !Array.isArray(v);
}

export function hasContent(doc) {
  return Object.keys(doc.answers).length > 0 || Object.keys(doc.notes).length > 0 ||
    Object.keys(doc.roadmap.targets).length > 0 || Object.keys(doc.roadmap.owners).length > 0;
}

// Check a saved or imported document and bring it to the current framework version.
// Returns {errors} when it cannot be read at all, else {doc, notCarried, from}.
export function readDoc(raw, ix) {
  const fw = ix.fw;
  const { notApplicable, notSure } = ix.vocabulary;
  const errors = [];
  if (!isPlainObject(raw) || raw.format !== FORMAT) {
    return { errors: ["The file is not a self-assessment saved by this site."] };
  }
  if (raw.formatVersion !== FORMAT_VERSION) {
    const newer = isLevel(raw.formatVersion) && raw.formatVersion > FORMAT_VERSION;
    return { errors: [newer ? "The file was saved by a newer version of this page. Reload the page and try again."
      : "The file's format version is not one this page can read."] };
  }
  const f = raw.framework;
  if (!isPlainObject(f) || typeof f.id !== "string" || typeof f.version !== "string") {
    return { errors: ["The file does not say which framework and version its answers belong to."] };
  }
  if (f.id !== fw.id) {
    return { errors: ["The file holds answers for a different framework (" + f.id + "), not this one (" + fw.id + ")."] };
  }
  const answers = raw.answers === undefined ? {} : raw.answers;
  const notes = raw.notes === undefined ? {} : raw.notes;
  const roadmap = raw.roadmap === undefined ? {} : raw.roadmap;
  const comparison = raw.comparison === undefined ? {} : raw.comparison;
  if (!isPlainObject(answers)) errors.push("'answers' must be a list of question ids and answers.");
  else for (const [id, v] of Object.entries(answers)) {
    // Whether a level is one of this framework's is checked below: an answer saved against another
    // version may name a level this version no longer has, and is then listed, not refused.
    if (!isLevel(v) && !isNotLevel(ix, v)) {
      errors.push("The answer to question '" + id + "' is not a level, '" + notApplicable + "' or '" + notSure + "'.");
    }
  }
  if (!isPlainObject(notes)) errors.push("'notes' must be a list of topic ids and notes.");
  else for (const [id, v] of Object.entries(notes)) {
    if (typeof v !== "string") errors.push("The note for topic '" + id + "' is not text.");
    else if (v.length > MAX_NOTE) errors.push("The note for topic '" + id + "' is longer than " + MAX_NOTE + " characters.");
  }
  if (!isPlainObject(roadmap)) errors.push("'roadmap' is not in the right form.");
  else {
    if (roadmap.start !== undefined && roadmap.start !== null &&
        !(typeof roadmap.start === "string" && /^\d{4}-Q[1-4]$/.test(roadmap.start))) {
      errors.push("The roadmap's start is not a quarter such as 2027-Q1.");
    }
    const targets = roadmap.targets === undefined ? {} : roadmap.targets;
    if (!isPlainObject(targets)) errors.push("The roadmap's targets are not in the right form.");
    else for (const [id, v] of Object.entries(targets)) {
      if (!isLevel(v)) errors.push("The roadmap target for topic '" + id + "' is not a level.");
    }
    const owners = roadmap.owners === undefined ? {} : roadmap.owners;
    if (!isPlainObject(owners)) errors.push("The roadmap's owners are not in the right form.");
    else for (const [key, v] of Object.entries(owners)) {
      if (typeof v !== "string" || v.length > MAX_OWNER || !/^[^:]+:\d+$/.test(key)) {
        errors.push("The roadmap owner '" + key + "' is not in the right form.");
      }
    }
  }
  const comparisonKeys = ix.vocabulary.groupKinds.map(({ kind }) => comparisonKey(kind));
  if (!isPlainObject(comparison)) errors.push("'comparison' is not in the right form.");
  else for (const k of comparisonKeys) {
    const v = comparison[k];
    if (v !== undefined && v !== null && (typeof v !== "string" || v.length > 200)) {
      errors.push("The comparison's '" + k + "' is not in the right form.");
    }
  }
  if (raw.submission !== undefined && !(typeof raw.submission === "string" && raw.submission.length <= MAX_SUBMISSION)) {
    errors.push("The benchmark submission code is not in the right form.");
  }
  if (errors.length) return { errors };

  const sameVersion = f.version === fw.version;
  const mapping = sameVersion ? null : (fw.id_changes || {})[f.version];
  if (sameVersion) {
    // The same version: every id must exist. A file naming others has been changed by hand.
    const unknown = Object.keys(answers).filter((id) => !ix.questions.has(id))
      .concat(Object.keys(notes).filter((id) => !ix.topics.has(id)))
      .concat(Object.keys(roadmap.targets || {}).filter((id) => !ix.topics.has(id)))
      .concat(Object.keys(roadmap.owners || {}).map((key) => key.split(":")[0]).filter((id) => !ix.topics.has(id)));
    for (const id of unknown) errors.push("The file names '" + id + "', which is not in version " + fw.version + " of the framework.");
    for (const [id, v] of Object.entries(answers)) {
      if (isLevel(v) && !ix.levelByNumber.has(v)) errors.push("The answer to question '" + id + "' is level " + v + ", which this framework does not have.");
    }
    if (errors.length) return { errors };
  }
  const doc = emptyDoc(ix);
  const notCarried = [];
  const mapped = isPlainObject(mapping);
  const has = (obj, key) => Object.prototype.hasOwnProperty.call(obj, key);
  // Questions move through the framework's id mapping (generator/versions/ids.py): it lists every question
  // of the old version, with the current ids each became; an empty list means removed.
  const questionTargets = (id) => {
    if (sameVersion) return { to: [id] };
    if (!mapped) return { to: [], reason: "this site does not say how version " + f.version + " maps to version " + fw.version };
    if (!has(mapping, id)) return { to: [], reason: "it is not a question of version " + f.version };
    const to = Array.isArray(mapping[id]) ? mapping[id].filter((x) => typeof x === "string" && ix.questions.has(x)) : [];
    return to.length ? { to } : { to, reason: "it was removed after version " + f.version };
  };
  // Topics keep their ids across versions; notes and plans for a topic that is gone cannot move.
  const topicTargets = (id) => (ix.topics.has(id) ? { to: [id] } : { to: [], reason: "version " + fw.version + " has no topic with this id" });
  const merged = new Map();
  for (const [id, v] of Object.entries(answers)) {
    const { to, reason } = questionTargets(id);
    if (!to.length) notCarried.push({ kind: "answer", id, reason });
    else if (isLevel(v) && !ix.levelByNumber.has(v)) notCarried.push({ kind: "answer", id, reason: "level " + v + " no longer exists" });
    else for (const nid of to) merged.set(nid, (merged.get(nid) || []).concat([v]));
  }
  for (const [nid, given] of merged) doc.answers[nid] = mergeAnswers(ix, given);
  for (const [id, v] of Object.entries(notes)) {
    const { to, reason } = topicTargets(id);
    if (!to.length) notCarried.push({ kind: "note", id, reason });
    for (const nid of to) doc.notes[nid] = v;
  }
  for (const [id, v] of Object.entries(roadmap.targets || {})) {
    const { to, reason } = topicTargets(id);
    if (!to.length) notCarried.push({ kind: "target", id, reason });
    else if (!ix.levelByNumber.has(v)) notCarried.push({ kind: "target", id, reason: "level " + v + " no longer exists" });
    else doc.roadmap.targets[id] = v;
  }
  for (const [key, v] of Object.entries(roadmap.owners || {})) {
    const { to, reason } = topicTargets(key.split(":")[0]);
    if (!to.length) notCarried.push({ kind: "owner", id: key, reason });
    else doc.roadmap.owners[key] = v;
  }
  doc.roadmap.start = roadmap.start || null;
  for (const k of comparisonKeys) doc.comparison[k] = comparison[k] || null;
  if (raw.submission !== undefined) doc.submission = raw.submission;
  return { doc, notCarried, from: f.version };
}

// Several old answers carried to one question: the lowest level wins, and 'na' or 'unknown' only when
// none has a level ('na' first). The rule of merge_answers in generator/framework/answers.py.
export function mergeAnswers(ix, given) {
  const order = ix.vocabulary.notLevels;
  const levels = given.filter(isLevel);
  if (levels.length) return Math.min(...levels);
  const others = given.filter((a) => order.includes(a)).sort((a, b) => order.indexOf(a) - order.indexOf(b));
  return others.length ? others[0] : given[0];
}
