// The agreement table of a combined discovery, and the agreed answer for each question: it starts as the
// default the combine rule gives, and the facilitator can change it and say why. Changes are saved as the
// answers on this page, so every other view uses them.
import { agreedDefault, counts, marker, spread } from "./combine.js";
import {
  allAnswers, answerText, byRoleList, confidenceText, fromOption, givenText, markerRules, markerTag, optionValue,
  questionEntry, questionText, rolesText, spreadText, voices,
} from "./discovery-parts.js";
import { h, tableWrap } from "./dom.js";
import { download } from "./import-export.js";

export function renderAgreement(app, panel) {
  const { ix } = app;
  const disc = app.doc.discovery;
  const v = ix.fw.vocabulary;
  const n = disc.contributors.count;
  syncChanged(app);
  panel.append(
    h("h3", {}, "How agreement is marked"),
    markerRules(ix),
    h("p", {}, v.discovery.text.agreed_answer),
    h("h3", {}, "Who took part"),
    h("p", { class: "dmf-contributors" }, n + " people's answers are combined." +
      (Object.keys(disc.contributors.roles).length ? " By role: " + rolesText(disc) + "." : " Nobody gave a role.")),
    h("div", { class: "dmf-actions" },
      h("button", { type: "button", class: "dmf-button", onclick: () => exportDiscovery(app) }, "Export the combined discovery (JSON)"),
      h("button", { type: "button", class: "dmf-button dmf-secondary", onclick: () => app.show("agenda", true) }, "See the workshop agenda")),
  );
  for (const topic of ix.fw.topics) {
    panel.append(h("h3", { class: "dmf-agree-topic" }, topic.title), tableWrap("Answers to the questions on " + topic.title, agreementTable(app, topic)));
    panel.append(voices("Notes on this topic", disc.notes[topic.id]) || "");
    for (const q of topic.questions) panel.append(agreeBlock(app, q.id));
  }
}

function agreementTable(app, topic) {
  const { ix } = app;
  const v = ix.fw.vocabulary;
  const disc = app.doc.discovery;
  const answers = allAnswers(ix);
  return h("table", { class: "dmf-table dmf-agreement", "data-topic": topic.id },
    h("caption", {}, "How many chose each answer to the questions on " + topic.title),
    h("thead", {}, h("tr", {}, h("th", { scope: "col" }, "Question"), answers.map((a) => h("th", { scope: "col" }, answerText(ix, a))),
      h("th", { scope: "col" }, "Spread"), h("th", { scope: "col" }, "Agreement"))),
    h("tbody", {}, topic.questions.map((q) => {
      const given = questionEntry(disc, q.id).given;
      const c = counts(given);
      const m = marker(given, v);
      const s = spread(given);
      return h("tr", { "data-question": q.id, "data-marker": m, "data-spread": s === null ? "" : s },
        h("th", { scope: "row" }, questionText(ix, q.id)),
        answers.map((a) => h("td", { "data-answer": String(a) }, c.get(a) || 0)),
        h("td", {}, s === null ? "None" : s),
        h("td", {}, markerTag(ix, m)));
    })));
}

function agreeBlock(app, qid) {
  const { ix } = app;
  const v = ix.fw.vocabulary;
  const disc = app.doc.discovery;
  const entry = questionEntry(disc, qid);
  const dflt = agreedDefault(entry.given, v);
  const lim = v.discovery.limits;
  const current = app.doc.answers[qid] === undefined ? null : app.doc.answers[qid];
  const state = h("p", { class: "dmf-hint", id: "dmf-agree-" + qid + "-hint" });
  const showState = (value) => {
    state.textContent = "The default is " + (dflt === null ? "no answer, as nobody answered" : answerText(ix, dflt)) + "." +
      (value === dflt ? "" : " You changed it.");
  };
  showState(current);
  const select = h("select", { id: "dmf-agree-" + qid, "aria-describedby": "dmf-agree-" + qid + "-hint" },
    h("option", { value: "" }, "No agreed answer"),
    allAnswers(ix).map((a) => h("option", { value: optionValue(a), selected: a === current }, answerText(ix, a))));
  if (current === null) select.value = "";
  select.addEventListener("change", () => {
    const value = fromOption(select.value);
    if (value === null) delete app.doc.answers[qid];
    else app.doc.answers[qid] = value;
    if (value === dflt) delete disc.changed[qid];
    else disc.changed[qid] = true;
    app.save();
    showState(value);
    app.say("The agreed answer is now " + (value === null ? "none" : answerText(ix, value)) + ".");
  });
  const reason = h("textarea", { id: "dmf-reason-" + qid, rows: "2", maxlength: String(lim.reason) }, disc.reasons[qid] || "");
  reason.addEventListener("input", () => {
    if (reason.value) disc.reasons[qid] = reason.value.slice(0, lim.reason);
    else delete disc.reasons[qid];
    app.save();
  });
  const m = marker(entry.given, v);
  return h("div", { class: "dmf-agree", "data-question": qid },
    h("h4", {}, questionText(ix, qid)),
    h("p", {}, markerTag(ix, m), " " + spreadText(ix, entry.given) + ". " + givenText(ix, entry.given) + "."),
    byRoleList(ix, entry),
    confidenceText(ix, entry),
    voices("Evidence", entry.evidence),
    h("div", { class: "dmf-field" }, h("label", { for: "dmf-agree-" + qid }, "Agreed answer"), state, select),
    h("div", { class: "dmf-field" }, h("label", { for: "dmf-reason-" + qid }, "Why (optional)"), reason));
}

// Which agreed answers differ from the default: the questions view may have changed some too.
function syncChanged(app) {
  const disc = app.doc.discovery;
  const before = JSON.stringify(disc.changed);
  const changed = {};
  for (const [qid] of app.ix.questions) {
    const now = app.doc.answers[qid] === undefined ? null : app.doc.answers[qid];
    if (now !== agreedDefault(questionEntry(disc, qid).given, app.fw.vocabulary)) changed[qid] = true;
  }
  disc.changed = changed;
  if (JSON.stringify(changed) !== before) app.save();
}

function exportDiscovery(app) {
  const doc = Object.assign({}, app.doc, { exported: new Date().toISOString() });
  download(app.fw.id + "-discovery-" + new Date().toISOString().slice(0, 10) + ".json", "application/json", JSON.stringify(doc, null, 1) + "\n");
  app.say("The combined discovery was exported as a JSON file.");
}
