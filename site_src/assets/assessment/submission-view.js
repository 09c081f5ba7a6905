// Prepare a benchmark submission: a file of the current answers, the round and the peer groups, and nothing
// else. The choices, the format and its fields come from submission.json, which the build writes
// (generator/site/submission_data.py); nothing here repeats them. The person sees every value before the file
// is saved, and the file is made in this browser: nothing is sent anywhere.
import { h, plain, tableWrap } from "./dom.js";
import { answerLabel, isNotLevel, levelLabel } from "./framework.js";
import { download } from "./import-export.js";
import { isLevel } from "./scoring.js";

let loading = null; // submission.json, fetched once per page

function loadData(app) {
  if (!loading) {
    const url = new URL(app.root.getAttribute("data-submission") || "submission.json", location.href).href;
    loading = fetch(url, { credentials: "same-origin" })
      .then((res) => (res.ok ? res.json() : null))
      .catch(() => null)
      .then((data) => ({ data, url }));
  }
  return loading;
}

// A version 4 UUID from crypto.getRandomValues, which (unlike crypto.randomUUID) also works on plain http.
export function newSubmissionId() {
  const b = crypto.getRandomValues(new Uint8Array(16));
  b[6] = (b[6] & 0x0f) | 0x40;
  b[8] = (b[8] & 0x3f) | 0x80;
  const x = Array.from(b, (n) => n.toString(16).padStart(2, "0")).join("");
  return [x.slice(0, 8), x.slice(8, 12), x.slice(12, 16), x.slice(16, 20), x.slice(20)].join("-");
}

export function renderSubmission(app, panel) {
  const body = h("div", { class: "dmf-submission" });
  panel.append(h("p", {}, "Prepare a file of your answers to send to the team that runs the benchmarks for this site. " +
    "The page makes the file on your device and shows you everything in it first. Nothing is sent until you send the file yourself."), body);
  loadData(app).then(({ data, url }) => build(app, body, data, url));
}

function build(app, body, data, url) {
  const ok = data && data.open && Array.isArray(data.rounds) && data.rounds.length && Array.isArray(data.group_kinds) && Array.isArray(data.fields);
  if (!ok) {
    body.append(h("p", { class: "dmf-unavailable" }, "Benchmark submissions are not open on this site."));
    return;
  }
  const about = h("p", {}, h("a", { href: new URL(data.publishing_page, url).href }, "Read what is collected, what is published and how to withdraw"), ".");
  if (!answered(app).length) {
    body.append(about, h("p", {}, "Answer at least one question before you prepare a submission."),
      h("div", { class: "dmf-actions" }, h("button", { type: "button", class: "dmf-button", onclick: () => app.show("questions", true) }, "Go to the questions")));
    return;
  }
  const choices = [{ key: "round", label: "Round", values: data.rounds },
    ...data.group_kinds.map((k) => ({ key: k.kind, label: k.label, values: k.values }))];
  const preview = h("div", { class: "dmf-submission-preview" });
  const errors = h("div", {});
  // An earlier code is reused only in the form the build says a submission id has.
  const earlier = typeof app.doc.submission === "string" && new RegExp(data.submission_pattern).test(app.doc.submission) ? app.doc.submission : null;
  const state = { id: earlier || newSubmissionId() };
  const clear = () => { preview.replaceChildren(); errors.replaceChildren(); };
  const selects = choices.map(({ key, label, values }) => {
    const id = "dmf-submit-" + key.replace(/_/g, "-");
    const sel = h("select", { id, onchange: clear }, h("option", { value: "" }, "Choose"),
      values.map((v) => h("option", { value: v.id }, v.label)));
    body.append(h("div", { class: "dmf-field" }, h("label", { for: id }, label), sel));
    return { key, label, values, sel };
  });
  body.prepend(about);
  const again = earlier ? resubmitChoice(earlier, state, clear) : null;
  if (again) body.append(again.fieldset);
  else body.append(h("p", { class: "dmf-hint" }, "The file carries a random submission code. The page keeps the code with your answers in this browser, " +
    "so if you correct your answers later, your new file can replace this one."));
  const show = () => {
    const problems = selects.filter((s) => !s.sel.value).map((s) => ({ text: "Choose your " + s.label.toLowerCase(), target: s.sel }));
    if (again && !again.choice()) problems.push({ text: "Say whether this replaces your earlier submission", target: again.first });
    if (problems.length) return showErrors(errors, preview, problems);
    errors.replaceChildren();
    renderPreview(app, data, preview, state.id, selects);
  };
  body.append(h("div", { class: "dmf-actions" }, h("button", { type: "button", class: "dmf-button", onclick: show }, "Show what the file holds")), errors, preview);
}

function answered(app) {
  const out = [];
  for (const t of app.fw.topics) for (const q of t.questions) {
    const a = app.doc.answers[q.id];
    if (isLevel(a) || isNotLevel(app.ix, a)) out.push({ q, a });
  }
  return out;
}

// Asked only when these answers were submitted before: the same code replaces, a new one adds another.
function resubmitChoice(earlier, state, clear) {
  const radio = (value, text) => {
    const id = "dmf-submit-" + value;
    const input = h("input", { type: "radio", name: "dmf-submit-again", id, value, onchange: () => {
      state.id = value === "replace" ? earlier : state.fresh || (state.fresh = newSubmissionId());
      clear();
    } });
    return h("div", { class: "dmf-option" }, input, h("label", { for: id }, text));
  };
  const fieldset = h("fieldset", { class: "dmf-question", "aria-describedby": "dmf-submit-again-hint" },
    h("legend", {}, "Does this replace a submission you prepared before?"),
    h("p", { class: "dmf-hint", id: "dmf-submit-again-hint" }, "You prepared a submission from these answers before. If it replaces it, the file keeps the same code, " +
      "and your new answers replace the earlier ones for the same round. If it is separate, for example for another organisation, the file gets a new code."),
    radio("replace", "Yes, it replaces my earlier submission"),
    radio("new", "No, it is a separate submission"));
  const choice = () => (fieldset.querySelector("input:checked") || {}).value;
  return { fieldset, choice, first: fieldset.querySelector("input") };
}

function showErrors(box, preview, problems) {
  preview.replaceChildren();
  const summary = h("div", { class: "dmf-error", role: "alert", tabindex: "-1" },
    h("h3", {}, "There is a problem"),
    h("ul", {}, problems.map((p) => h("li", {}, h("a", { href: "#" + p.target.id, onclick: (e) => { e.preventDefault(); p.target.focus(); } }, p.text)))));
  box.replaceChildren(summary);
  summary.focus();
}

// The file, field by field in the order submission.json lists them.
export function submissionFile(app, data, id, chosen) {
  const answers = {};
  for (const { q, a } of answered(app)) answers[q.id] = a;
  const values = Object.assign({ format: data.format, formatVersion: data.format_version, submission: id,
    framework: { id: app.fw.id, version: app.fw.version }, answers }, chosen);
  const out = {};
  for (const f of data.fields) if (values[f] !== undefined) out[f] = values[f];
  return out;
}

function renderPreview(app, data, box, id, selects) {
  const chosen = {};
  for (const s of selects) chosen[s.key] = s.sel.value;
  const file = submissionFile(app, data, id, chosen);
  const text = JSON.stringify(file, null, 1) + "\n";
  const labelOf = (s) => s.values.find((v) => v.id === chosen[s.key]).label;
  const facts = h("table", { class: "dmf-submission-facts" }, h("caption", {}, "About the submission"),
    h("tbody", {},
      h("tr", {}, h("th", { scope: "row" }, "Framework"), h("td", {}, plain(app.fw.title) + ", version " + app.fw.version)),
      selects.map((s) => h("tr", {}, h("th", { scope: "row" }, s.label), h("td", {}, labelOf(s)))),
      h("tr", {}, h("th", { scope: "row" }, "Submission code"), h("td", {}, id))));
  const rows = answered(app).map(({ q, a }) => h("tr", {}, h("td", {}, plain(q.text)), h("td", {}, isLevel(a) ? "Level " + levelLabel(app.ix, a) : answerLabel(app.ix, a))));
  const answersTable = h("table", { class: "dmf-submission-answers" }, h("caption", {}, "Your answers (" + rows.length + ")"),
    h("thead", {}, h("tr", {}, h("th", { scope: "col" }, "Question"), h("th", { scope: "col" }, "Answer"))), h("tbody", {}, rows));
  const heading = h("h3", { id: "dmf-submission-preview-title", tabindex: "-1" }, "What the file holds");
  box.replaceChildren(heading,
    h("p", {}, "This is everything in the file. It holds no notes, roadmap, names, or anything about when you answered or about this browser."),
    facts, tableWrap("Your answers", answersTable),
    h("details", {}, h("summary", {}, "The file as it is saved (JSON)"), h("pre", { class: "dmf-submission-json", tabindex: "0", role: "region", "aria-label": "The file as it is saved" }, text)),
    h("div", { class: "dmf-actions" }, h("button", { type: "button", class: "dmf-button", onclick: () => save(app, file, text) }, "Save the submission file")),
    h("p", { class: "dmf-hint" }, "Then send the file to the team that runs the benchmarks."));
  heading.focus();
}

function save(app, file, text) {
  download(app.fw.id + "-benchmark-submission-" + file.round + ".json", "application/json", text);
  // Kept with the answers, so that a later submission can replace this one.
  app.doc.submission = file.submission;
  app.save();
  app.say("The submission file was saved. Send it to the team that runs the benchmarks.");
}
