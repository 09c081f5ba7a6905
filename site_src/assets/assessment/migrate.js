// Carrying a checked document to the current framework version. Questions move through the framework's id
// mapping (generator/versions/ids.py), which lists every question of the old version with the current ids
// each became (an empty list means removed); topics keep their ids.
import { mergeConfidence, mergeEvidence, normalEvidence } from "./evidence.js";
import { describeLost } from "./names.js";
import { isLevel } from "./scoring.js";

const has = (obj, key) => Object.prototype.hasOwnProperty.call(obj, key);

// Returns {doc, notCarried, from}, or {errors} when the file has answers and none of them can be carried.
export function migrate(ix, got, from, doc) {
  const fw = ix.fw;
  const { answers, confidence, evidence, notes, roadmap, comparison } = got;
  const sameVersion = from === fw.version;
  const mapping = sameVersion ? null : (fw.id_changes || {})[from];
  const mapped = mapping !== null && typeof mapping === "object" && !Array.isArray(mapping);
  const noMapping = "this site does not say how version " + from + " maps to version " + fw.version;
  const questionTargets = (id) => {
    if (sameVersion) return { to: [id] };
    if (!mapped) return { to: [], reason: noMapping };
    if (!has(mapping, id)) return { to: [], reason: "it is not a question of version " + from };
    const to = Array.isArray(mapping[id]) ? mapping[id].filter((x) => typeof x === "string" && ix.questions.has(x)) : [];
    return to.length ? { to } : { to, reason: "it was removed after version " + from };
  };
  const topicTargets = (id) => (ix.topics.has(id) ? { to: [id] } : { to: [], reason: "version " + fw.version + " has no topic with this id" });
  const notCarried = [];
  // Each part gathers what reaches each current question, then merges it by its own rule.
  const carry = (part, kind, keep) => {
    const merged = new Map();
    for (const [id, v] of Object.entries(part)) {
      const { to, reason } = questionTargets(id);
      const why = to.length ? keep(v) : reason;
      if (why) {
        if (kind) notCarried.push({ kind, id, reason: why });
      } else for (const nid of to) merged.set(nid, (merged.get(nid) || []).concat([v]));
    }
    return merged;
  };
  const levelGone = (v) => (isLevel(v) && !ix.levelByNumber.has(v) ? "level " + v + " no longer exists" : null);
  for (const [nid, given] of carry(answers, "answer", levelGone)) doc.answers[nid] = mergeAnswers(ix, given);
  // How sure someone was follows the answer; alone it means nothing, so it is not listed when lost.
  for (const [nid, given] of carry(confidence, null, () => null)) doc.confidence[nid] = mergeConfidence(ix, given);
  for (const [nid, given] of carry(evidence, "evidence", () => null)) {
    const { evidence: e, cut } = given.length > 1 ? mergeEvidence(given.map(normalEvidence)) : { evidence: normalEvidence(given[0]), cut: false };
    doc.evidence[nid] = e;
    if (cut) notCarried.push({ kind: "evidence", id: nid, reason: "the evidence of the questions merged into it was too long to keep in full" });
  }
  if (!sameVersion && Object.keys(answers).length && !Object.keys(doc.answers).length) {
    const why = mapped ? "none of its questions is in version " + fw.version : noMapping;
    return { errors: ["None of the " + Object.keys(answers).length + " answers in the file can be carried over from version " +
      from + " of the framework to version " + fw.version + ": " + why + "."].concat(notCarried.map((x) => describeLost(ix, x))) };
  }
  for (const [id, v] of Object.entries(notes)) {
    const { to, reason } = topicTargets(id);
    if (!to.length) notCarried.push({ kind: "note", id, reason });
    else doc.notes[id] = v;
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
  for (const k of Object.keys(doc.comparison)) doc.comparison[k] = comparison[k] || null;
  doc.role = got.role || null;
  return { doc, notCarried, from };
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
