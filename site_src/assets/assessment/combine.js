// The combine rule: a question's spread, agreement marker and default agreed answer, the agenda's order and
// time, and several people's answers combined into one discovery. generator/framework/discovery.py
// implements the same rule; a test checks that both agree. The thresholds, marker names and minutes come
// from framework.json's vocabulary (`v` below is that vocabulary); nothing here restates them.
// `given` counts a question's answers: {answer: how many gave it}; JSON writes level 3 as "3".
import { DISCOVERY_VERSION } from "./discovery.js";
import { isLevel } from "./scoring.js";

export function answerOf(key) {
  return typeof key === "string" && /^\d+$/.test(key) ? Number(key) : key;
}

// The answers given at least once, with their counts.
export function counts(given) {
  const out = new Map();
  for (const [k, n] of Object.entries(given || {})) {
    if (n > 0) out.set(answerOf(k), (out.get(answerOf(k)) || 0) + n);
  }
  return out;
}

export function spread(given) {
  const levels = [...counts(given).keys()].filter(isLevel);
  return levels.length ? Math.max(...levels) - Math.min(...levels) : null;
}

export function marker(given, v) {
  const present = counts(given);
  if (!present.size) return "unanswered";
  const s = spread(given);
  // Nobody gave a level: agreed when everyone said the same ('not applicable' or 'not sure').
  if (s === null) return present.size === 1 ? "agreed" : "discuss";
  if (s > v.discovery.discuss_max_spread) return "split";
  if (s > v.discovery.agreed_max_spread) return "discuss";
  // Levels close together, but someone said 'not sure' or 'not applicable': worth a word.
  return [...present.keys()].every(isLevel) ? "agreed" : "discuss";
}

// The lower median of the levels given (never an average); without levels 'not sure', or 'not
// applicable' when everyone said so; null when nobody answered.
export function agreedDefault(given, v) {
  const present = counts(given);
  const levels = [];
  for (const [a, n] of present) if (isLevel(a)) for (let i = 0; i < n; i++) levels.push(a);
  levels.sort((a, b) => a - b);
  if (levels.length) return levels[Math.floor((levels.length - 1) / 2)];
  if (!present.size) return null;
  return present.size === 1 && present.has(v.not_applicable) ? v.not_applicable : v.not_sure;
}

export function markerInfo(id, v) {
  return v.discovery.markers.find((m) => m.id === id);
}

export function minutes(given, v) {
  return markerInfo(marker(given, v), v).minutes;
}

// [{topic, question, given}] in framework order -> [{topic, questions: [question ids]}], most divided
// first: by marker in the vocabulary's order, then the wider spread, then framework order; topics in the
// order of their most divided question.
export function agenda(items, v) {
  const order = v.discovery.markers.map((m) => m.id);
  const keys = items.map((it, i) => [order.indexOf(marker(it.given, v)), -(spread(it.given) || 0), i]);
  const cmp = (a, b) => keys[a][0] - keys[b][0] || keys[a][1] - keys[b][1] || keys[a][2] - keys[b][2];
  const byTopic = new Map();
  items.forEach((it, i) => byTopic.set(it.topic, (byTopic.get(it.topic) || []).concat([i])));
  const groups = [...byTopic.values()].map((g) => g.sort(cmp));
  groups.sort((a, b) => cmp(a[0], b[0]));
  return groups.map((g) => ({ topic: items[g[0]].topic, questions: g.map((i) => items[i].question) }));
}

function bump(map, key) {
  map.set(key, (map.get(key) || 0) + 1);
}

// Maps become objects with Object.fromEntries, which makes own properties: a role called
// "__proto__" stays a role.
const plainOf = (map) => Object.fromEntries(map);

function roleOf(doc) {
  return typeof doc.role === "string" && doc.role.trim() ? doc.role.trim() : null;
}

// Several people's answers (documents readDoc returned) -> a combined document's answers and discovery.
// It holds counts by role, notes and evidence: no names and no file names.
export function combineDocs(ix, docs) {
  const v = ix.fw.vocabulary;
  const roles = new Map();
  const questions = new Map();
  const notes = new Map();
  const entry = (qid) => {
    if (!questions.has(qid)) questions.set(qid, { given: new Map(), byRole: new Map(), confidence: new Map(), evidence: [] });
    return questions.get(qid);
  };
  for (const doc of docs) {
    const role = roleOf(doc);
    if (role) bump(roles, role);
    for (const [qid, a] of Object.entries(doc.answers)) {
      const q = entry(qid);
      bump(q.given, String(a));
      if (role) {
        if (!q.byRole.has(role)) q.byRole.set(role, new Map());
        bump(q.byRole.get(role), String(a));
      }
    }
    for (const [qid, c] of Object.entries(doc.confidence || {})) bump(entry(qid).confidence, c);
    for (const [qid, ev] of Object.entries(doc.evidence || {})) {
      const text = typeof ev.text === "string" ? ev.text.trim() : "";
      const links = Array.isArray(ev.links) ? ev.links.filter((l) => typeof l === "string" && l.trim()) : [];
      if (text || links.length) entry(qid).evidence.push(Object.assign({ text, links }, role ? { role } : {}));
    }
    for (const [tid, text] of Object.entries(doc.notes)) {
      if (text.trim()) notes.set(tid, (notes.get(tid) || []).concat([Object.assign({ text: text.trim() }, role ? { role } : {})]));
    }
  }
  const answers = {};
  const out = {};
  for (const [qid] of ix.questions) {
    const q = questions.get(qid);
    if (!q) continue;
    const o = { given: plainOf(q.given) };
    if (q.byRole.size) o.byRole = Object.fromEntries([...q.byRole].map(([r, m]) => [r, plainOf(m)]));
    if (q.confidence.size) o.confidence = plainOf(q.confidence);
    if (q.evidence.length) o.evidence = q.evidence;
    out[qid] = o;
    const agreed = agreedDefault(o.given, v);
    if (agreed !== null) answers[qid] = agreed;
  }
  const topicNotes = {};
  for (const [tid] of ix.topics) if (notes.has(tid)) topicNotes[tid] = notes.get(tid);
  const sortedRoles = [...roles].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1));
  return {
    answers,
    discovery: {
      version: DISCOVERY_VERSION,
      contributors: { count: docs.length, roles: plainOf(sortedRoles) },
      questions: out,
      notes: topicNotes,
      reasons: {},
      changed: {},
    },
  };
}
