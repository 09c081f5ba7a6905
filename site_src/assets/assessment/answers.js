// Saved answers: one versioned document, checked on the way in and carried to the current framework
// version through the framework's id mapping (migrate.js). site_src/reference/file-format.md describes it.
import { readDiscovery, withDiscovery } from "./discovery.js";
import { checkConfidence, checkEvidence, checkRole, isPlainObject } from "./evidence.js";
import { isNotLevel } from "./framework.js";
import { mergeAnswers, migrate } from "./migrate.js";
import { clip, questionName, topicName } from "./names.js";
import { isLevel } from "./scoring.js";

export { isPlainObject, mergeAnswers };
export const FORMAT = "dmf-self-assessment";
export const FORMAT_VERSION = 2;
// Every version this page reads: version 1 had no evidence, confidence or role.
export const READABLE_VERSIONS = [1, 2];
// Every top-level field a document may have; any other is refused. New kinds of content add theirs here.
export const KNOWN_FIELDS = ["format", "formatVersion", "framework", "exported", "role", "answers", "confidence",
  "evidence", "notes", "roadmap", "comparison", "discovery", "submission"];
// The random code of a benchmark submission (submission-view.js checks its form), kept so a later one can replace it.
const MAX_SUBMISSION = 64;
export const MAX_NOTE = 5000;
export const MAX_OWNER = 200;

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
    role: null,
    answers: {},
    confidence: {},
    evidence: {},
    notes: {},
    roadmap: { start: null, targets: {}, owners: {} },
    comparison,
  };
}

export function hasContent(doc) {
  return [doc.answers, doc.confidence, doc.evidence, doc.notes, doc.roadmap.targets, doc.roadmap.owners]
    .some((o) => Object.keys(o).length > 0);
}

// Check a saved or imported document and bring it to the current framework version.
// Returns {errors} when it cannot be read at all, else {doc, notCarried, from}.
export function readDoc(raw, ix) {
  const fw = ix.fw;
  if (!isPlainObject(raw) || raw.format !== FORMAT) {
    return { errors: ["The file is not a self-assessment saved by this site."] };
  }
  if (!READABLE_VERSIONS.includes(raw.formatVersion)) {
    const newer = isLevel(raw.formatVersion) && raw.formatVersion > FORMAT_VERSION;
    return { errors: [newer ? "The file was saved by a newer version of this page. Reload the page and try again."
      : "The file's format version is not one this page can read."] };
  }
  const unknown = Object.keys(raw).filter((k) => !KNOWN_FIELDS.includes(k));
  if (unknown.length) {
    return { errors: unknown.map((k) => "The file has a field this page does not know: '" + clip(k) + "'.") };
  }
  const f = raw.framework;
  if (!isPlainObject(f) || typeof f.id !== "string" || typeof f.version !== "string") {
    return { errors: ["The file does not say which framework and version its answers belong to."] };
  }
  if (f.id !== fw.id) {
    return { errors: ["The file holds answers for a different framework (" + clip(f.id) + "), not this one (" + fw.id + ")."] };
  }
  const part = (key) => (raw[key] === undefined ? {} : raw[key]);
  const got = { role: raw.role === undefined ? null : raw.role, answers: part("answers"), confidence: part("confidence"),
    evidence: part("evidence"), notes: part("notes"), roadmap: part("roadmap"), comparison: part("comparison") };
  const errors = checkParts(ix, got);
  const discovery = readDiscovery(raw.discovery, ix, f.version, errors); // a team's combined answers
  if (raw.submission !== undefined && !(typeof raw.submission === "string" && raw.submission.length <= MAX_SUBMISSION)) {
    errors.push("The benchmark submission code is not in the right form.");
  }
  if (errors.length) return { errors };
  if (f.version === fw.version) {
    const wrong = checkSameVersion(ix, got);
    if (wrong.length) return { errors: wrong };
  }
  const read = withDiscovery(migrate(ix, got, f.version, emptyDoc(ix)), discovery, f.version);
  if (raw.submission !== undefined && read.doc) read.doc.submission = raw.submission;
  return read;
}

function checkParts(ix, { role, answers, confidence, evidence, notes, roadmap, comparison }) {
  const labels = ix.vocabulary.labels;
  const errors = [];
  checkRole(role, errors);
  if (!isPlainObject(answers)) errors.push("'answers' must be a list of question ids and answers.");
  else for (const [id, v] of Object.entries(answers)) {
    // Whether a level is one of this framework's is checked later: an answer saved against another
    // version may name a level this version no longer has, and is then listed, not refused.
    if (!isLevel(v) && !isNotLevel(ix, v)) {
      errors.push("The answer to " + questionName(ix, id) + " is not a level, \"" + labels[ix.vocabulary.notApplicable] +
        "\" or \"" + labels[ix.vocabulary.notSure] + "\".");
    }
  }
  checkConfidence(ix, confidence, errors);
  checkEvidence(ix, evidence, errors);
  if (!isPlainObject(notes)) errors.push("'notes' must be a list of topic ids and notes.");
  else for (const [id, v] of Object.entries(notes)) {
    if (typeof v !== "string") errors.push("The note for " + topicName(ix, id) + " is not text.");
    else if (v.length > MAX_NOTE) errors.push("The note for " + topicName(ix, id) + " is longer than " + MAX_NOTE + " characters.");
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
      if (!isLevel(v)) errors.push("The roadmap target for " + topicName(ix, id) + " is not a level.");
    }
    const owners = roadmap.owners === undefined ? {} : roadmap.owners;
    if (!isPlainObject(owners)) errors.push("The roadmap's owners are not in the right form.");
    else for (const [key, v] of Object.entries(owners)) {
      if (typeof v !== "string" || v.length > MAX_OWNER || !/^[^:]+:\d+$/.test(key)) {
        errors.push("The roadmap owner '" + clip(key) + "' is not in the right form.");
      }
    }
  }
  if (!isPlainObject(comparison)) errors.push("'comparison' is not in the right form.");
  else for (const { kind, label } of ix.vocabulary.groupKinds) {
    const v = comparison[comparisonKey(kind)];
    if (v !== undefined && v !== null && (typeof v !== "string" || v.length > 200)) {
      errors.push("The comparison's " + label.toLowerCase() + " is not in the right form.");
    }
  }
  return errors;
}

// The same version: every id must exist. A file naming others has been changed by hand.
function checkSameVersion(ix, { answers, confidence, evidence, notes, roadmap }) {
  const version = ix.fw.version;
  const errors = [];
  const questionIds = new Set([...Object.keys(answers), ...Object.keys(confidence), ...Object.keys(evidence)]);
  for (const id of questionIds) {
    if (!ix.questions.has(id)) errors.push("The file names question '" + clip(id) + "', which is not in version " + version + " of the framework.");
  }
  const topicIds = new Set([...Object.keys(notes), ...Object.keys(roadmap.targets || {}),
    ...Object.keys(roadmap.owners || {}).map((key) => key.split(":")[0])]);
  for (const id of topicIds) {
    if (!ix.topics.has(id)) errors.push("The file names topic '" + clip(id) + "', which is not in version " + version + " of the framework.");
  }
  for (const [id, v] of Object.entries(answers)) {
    if (isLevel(v) && ix.questions.has(id) && !ix.levelByNumber.has(v)) {
      errors.push("The answer to " + questionName(ix, id) + " is level " + v + ", which this framework does not have.");
    }
  }
  return errors;
}
