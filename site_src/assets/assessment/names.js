// How messages name what a file holds: a question by its text and topic, a topic by its title, an answer
// by its label ("Not applicable"), never by an internal id or raw value when the framework knows better.
import { plain } from "./dom.js";

const MAX_ID_SHOWN = 60;

// An id from a file may be anything: long ones are cut so a message stays readable.
export function clip(id) {
  const s = String(id);
  return s.length > MAX_ID_SHOWN ? s.slice(0, MAX_ID_SHOWN) + "…" : s;
}

export function questionName(ix, id) {
  const found = ix.questions.get(id);
  if (!found) return "question '" + clip(id) + "'";
  return "\"" + plain(found.q.text) + "\" (" + found.topic.title + ")";
}

export function topicName(ix, id) {
  const t = ix.topics.get(id);
  return t ? "\"" + t.title + "\"" : "topic '" + clip(id) + "'";
}

// "A, B or C".
export function orList(words) {
  return words.length < 2 ? words.join("") : words.slice(0, -1).join(", ") + " or " + words[words.length - 1];
}

// One thing a file held that could not be carried to this version. Old ids have no text in this version
// of the framework: those are named by id.
export function describeLost(ix, x) {
  const what = { answer: "Your answer to " + questionName(ix, x.id), evidence: "Your evidence for " + questionName(ix, x.id),
    note: "Your note on " + topicName(ix, x.id), target: "Your roadmap target for " + topicName(ix, x.id),
    owner: "A roadmap owner for " + topicName(ix, String(x.id).split(":")[0]),
    discovery: "The team's combined answers (counts, notes and evidence; the agreed answers were carried over)" }[x.kind];
  return (what || "Something") + ": " + x.reason + ".";
}
