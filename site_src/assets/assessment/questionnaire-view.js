// The questions, one topic (section) at a time, with a list of all sections and the progress so far.
import { MAX_NOTE } from "./answers.js";
import { loadQuestions, whenLoaded } from "./data.js";
import { h, plain, prose } from "./dom.js";
import { evidenceField } from "./evidence-view.js";
import { answerLabel, isNotLevel, questionCount, questionsReady } from "./framework.js";

export function renderQuestionnaire(app, panel) {
  const { fw, ix } = app;
  const view = {
    progressText: h("p", { id: "dmf-progress-text", class: "dmf-progress-text" }),
    progressBar: h("progress", { max: questionCount(ix), value: 0, "aria-labelledby": "dmf-progress-text" }),
    sectionButtons: new Map(),
    sectionBody: h("div", { class: "dmf-section" }),
  };
  const nav = h("ol", { class: "dmf-section-list" });
  for (const th of fw.themes) {
    const inner = h("ol", {});
    for (const id of th.topics) {
      const i = fw.topics.findIndex((t) => t.id === id);
      const count = h("span", { class: "dmf-count" });
      const b = h("button", { type: "button", class: "dmf-section-button", onclick: () => goSection(app, view, i) },
        h("span", {}, ix.topics.get(id).title), " ", count);
      view.sectionButtons.set(id, { button: b, count });
      inner.append(h("li", {}, b));
    }
    nav.append(h("li", {}, h("span", { class: "dmf-theme-name" }, th.title), inner));
  }
  const wide = window.matchMedia("(min-width: 60em)").matches;
  panel.append(
    h("div", { class: "dmf-progress" }, view.progressText, view.progressBar),
    h("div", { class: "dmf-questions-layout" },
      h("details", { class: "dmf-sections", open: wide },
        h("summary", {}, "All sections"),
        h("nav", { "aria-label": "Sections" }, nav)),
      view.sectionBody),
  );
  renderSection(app, view);
  updateProgress(app, view);
}

function goSection(app, view, i) {
  app.section = i;
  app.savePosition();
  renderSection(app, view);
  updateProgress(app, view);
  view.sectionBody.querySelector("h3").focus();
}

function renderSection(app, view) {
  const { fw, ix, doc } = app;
  const topic = fw.topics[app.section];
  const theme = ix.themeOf.get(topic.id);
  const body = view.sectionBody;
  body.replaceChildren();
  body.append(
    h("p", { class: "dmf-eyebrow" }, "Section " + (app.section + 1) + " of " + fw.topics.length + (theme ? " · " + theme.title : "")),
    h("h3", { tabindex: "-1", id: "dmf-section-title" }, topic.title),
  );
  // A section's answers come in their own small file; the next section's is fetched once this one is
  // being answered, so that it is here when asked for.
  const next = fw.topics[app.section + 1];
  const rest = h("div", { class: "dmf-section-questions" });
  if (next) rest.addEventListener("change", () => loadQuestions(app, [next.id]).catch(() => null), { once: true });
  body.append(rest);
  if (questionsReady(topic)) fillSection(app, view, topic, rest);
  else whenLoaded(rest, loadQuestions(app, [topic.id]), () => fillSection(app, view, topic, rest), "the questions");
}

function fillSection(app, view, topic, body) {
  const { fw, doc } = app;
  body.append(h("div", { class: "dmf-prose" }, prose(topic.summary, app.frameworkUrl), " ", h("a", { href: app.pageUrl(topic) }, "Read about " + topic.title)));
  topic.questions.forEach((q, n) => body.append(questionField(app, view, q, n)));
  const noteId = "dmf-note-" + topic.id;
  const note = h("textarea", { id: noteId, rows: "3", maxlength: String(MAX_NOTE), "aria-describedby": noteId + "-hint" }, doc.notes[topic.id] || "");
  note.addEventListener("input", () => {
    if (note.value) app.doc.notes[topic.id] = note.value;
    else delete app.doc.notes[topic.id];
    app.save();
  });
  body.append(h("div", { class: "dmf-field dmf-note" },
    h("label", { for: noteId }, "Notes on " + topic.title + " (optional)"),
    h("p", { class: "dmf-hint", id: noteId + "-hint" }, "For example, who you asked or what you would need to check. Notes stay in this browser."),
    note));
  const prev = app.section > 0 ? fw.topics[app.section - 1] : null;
  const next = app.section + 1 < fw.topics.length ? fw.topics[app.section + 1] : null;
  body.append(h("div", { class: "dmf-pager" },
    prev ? h("button", { type: "button", class: "dmf-button dmf-secondary", onclick: () => goSection(app, view, app.section - 1) }, "Previous section: " + prev.title) : null,
    next ? h("button", { type: "button", class: "dmf-button", onclick: () => goSection(app, view, app.section + 1) }, "Next section: " + next.title)
      : h("button", { type: "button", class: "dmf-button", onclick: () => app.show("result", true) }, "See your result")));
}

function questionField(app, view, q, n) {
  const { fw, ix } = app;
  const { notApplicable, notSure } = ix.vocabulary;
  const name = "dmf-q-" + q.id;
  const current = app.doc.answers[q.id];
  const hintId = name + "-hint";
  const options = ix.levelNumbers.map((lv) => [String(lv), q.answers[String(lv)]])
    .concat([[notApplicable, answerLabel(ix, notApplicable) + ": this does not apply to us"],
      [notSure, answerLabel(ix, notSure) + ": I cannot tell"]]);
  const fs = h("fieldset", { class: "dmf-question", id: "dmf-question-" + q.id, "aria-describedby": q.hint ? hintId : null },
    h("legend", {}, (n + 1) + ". " + q.text));
  if (q.crossing && fw.crossing) {
    const cv = fw.crossing.values.find((c) => c.id === q.crossing);
    fs.append(h("p", { class: "dmf-crossing" }, fw.crossing.name + ": " + (cv ? cv.title : q.crossing)));
  }
  if (q.hint) fs.append(h("div", { class: "dmf-hint dmf-prose", id: hintId }, prose(q.hint, app.frameworkUrl)));
  options.forEach(([value, text], i) => {
    const id = name + "-" + value;
    const checked = String(current) === value;
    const input = h("input", { type: "radio", name, id, value, checked });
    input.addEventListener("change", () => {
      if (!input.checked) return;
      app.doc.answers[q.id] = isNotLevel(ix, value) ? value : Number(value);
      app.save();
      updateProgress(app, view);
    });
    fs.append(h("div", { class: "dmf-option" + (i >= ix.levelNumbers.length ? " dmf-option-aside" : "") },
      input, h("label", { for: id }, plain(text))));
  });
  fs.append(evidenceField(app, q));
  return fs;
}

function answeredCount(app, topic) {
  return topic.questions.filter((q) => app.doc.answers[q.id] !== undefined).length;
}

function updateProgress(app, view) {
  const { fw, ix } = app;
  const done = fw.topics.reduce((n, t) => n + answeredCount(app, t), 0);
  view.progressText.textContent = "You have answered " + done + " of " + questionCount(ix) + " questions.";
  view.progressBar.value = done;
  fw.topics.forEach((t, i) => {
    const s = view.sectionButtons.get(t.id);
    s.count.textContent = "(" + answeredCount(app, t) + " of " + t.questions.length + ")";
    if (i === app.section) s.button.setAttribute("aria-current", "step");
    else s.button.removeAttribute("aria-current");
  });
}
