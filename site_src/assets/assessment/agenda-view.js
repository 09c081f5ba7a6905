// The workshop agenda: the questions where people are furthest apart first, grouped by topic, with a time
// estimate, and printable on A4 as a workshop pack (each question with its answers, the spread and space
// to write). The order and the minutes are the combine rule's (combine.js).
import { agenda, marker, minutes } from "./combine.js";
import {
  answerText, byRoleList, confidenceText, givenText, markerTag, minutesText, questionEntry, questionText, spreadText, voices,
} from "./discovery-parts.js";
import { h } from "./dom.js";

export function renderAgenda(app, panel) {
  const { ix } = app;
  const disc = app.doc.discovery;
  if (!disc) {
    panel.append(h("p", {}, "The agenda is made from your colleagues' combined answers. Combine their answers first."),
      h("button", { type: "button", class: "dmf-button", onclick: () => app.show("combine", true) }, "Go to Combine answers"));
    return;
  }
  const v = ix.fw.vocabulary;
  const items = [];
  for (const t of ix.fw.topics) for (const q of t.questions) items.push({ topic: t.id, question: q.id, given: questionEntry(disc, q.id).given });
  const given = new Map(items.map((it) => [it.question, it.given]));
  const groups = agenda(items, v);
  const total = items.reduce((s, it) => s + minutes(it.given, v), 0);
  panel.append(
    h("p", { class: "dmf-agenda-intro" }, "A workshop agenda from the answers of " + disc.contributors.count + " people. " + v.discovery.text.agenda),
    h("p", {}, v.discovery.text.time + " In all, about " + minutesText(total) + " for " + items.length + " questions."),
    h("div", { class: "dmf-actions" }, h("button", { type: "button", class: "dmf-button", onclick: () => window.print() }, "Print the workshop pack")),
    h("p", { class: "dmf-print-only" }, "Workshop pack: " + ix.fw.title + ", version " + ix.fw.version + ", printed on " +
      new Date().toLocaleDateString("en-GB", { day: "numeric", month: "long", year: "numeric" }) + ". " + v.discovery.text.agreed_answer),
  );
  groups.forEach((g, i) => {
    const topic = ix.topics.get(g.topic);
    const time = g.questions.reduce((s, qid) => s + minutes(given.get(qid), v), 0);
    panel.append(
      h("h3", { class: "dmf-agenda-topic", "data-topic": g.topic }, (i + 1) + ". " + topic.title + " (about " + minutesText(time) + ")"),
      voices("Notes on this topic", disc.notes[g.topic]) || "",
      h("ol", { class: "dmf-agenda-list" }, g.questions.map((qid) => agendaItem(app, qid, given.get(qid)))));
  });
}

function agendaItem(app, qid, given) {
  const { ix } = app;
  const v = ix.fw.vocabulary;
  const entry = questionEntry(app.doc.discovery, qid);
  const agreed = app.doc.answers[qid];
  return h("li", { class: "dmf-agenda-item", "data-question": qid, "data-marker": marker(given, v) },
    h("h4", { id: "dmf-agenda-" + qid }, questionText(ix, qid)),
    h("p", {}, markerTag(ix, marker(given, v)), " " + spreadText(ix, given) + ". About " + minutesText(minutes(given, v)) + "."),
    h("p", {}, givenText(ix, given) + "."),
    byRoleList(ix, entry),
    confidenceText(ix, entry),
    voices("Evidence", entry.evidence),
    h("p", {}, "Agreed answer so far: " + (agreed === undefined ? "none" : answerText(ix, agreed)) + "."),
    h("div", { class: "dmf-actions" }, h("button", { type: "button", class: "dmf-button dmf-secondary", "aria-describedby": "dmf-agenda-" + qid,
      onclick: () => agreeNow(app, qid) }, "Record the agreed answer")),
    h("div", { class: "dmf-write", "aria-hidden": "true" },
      h("p", {}, "Agreed answer:"), h("div", { class: "dmf-write-line" }),
      h("p", {}, "Why, and what evidence would settle it:"), h("div", { class: "dmf-write-line" }), h("div", { class: "dmf-write-line" })));
}

// On to the question's agreed answer in Combine answers, with focus on its menu.
function agreeNow(app, qid) {
  app.show("combine", false).then(() => {
    const select = document.getElementById("dmf-agree-" + qid);
    select.scrollIntoView({ block: "center" });
    select.focus();
  });
}
