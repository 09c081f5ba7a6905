// Export as JSON (to import later) or CSV (for a spreadsheet), and import a JSON export. Files are made and
// read in the browser: nothing is uploaded.
import { hasContent, readDoc } from "./answers.js";
import { loadQuestions } from "./data.js";
import { h, MAX_ERRORS_SHOWN, plain } from "./dom.js";
import { confidenceLabel } from "./evidence.js";
import { answerLabel, levelLabel } from "./framework.js";
import { plan, planStart, quarterLabel } from "./roadmap.js";
import { isLevel } from "./scoring.js";

const MAX_IMPORT_BYTES = 2 * 1024 * 1024;

// A chosen answers file, read and checked: readDoc's answer, or {errors} when it is not one. Every view that
// opens an answers file (import, combine, baseline) reads it here.
export function readAnswersFile(ix, file) {
  if (file.size > MAX_IMPORT_BYTES) return Promise.resolve({ errors: ["The file is too big to be a self-assessment export."] });
  return file.text().then((text) => {
    let raw;
    try {
      raw = JSON.parse(text);
    } catch (e) {
      return { errors: ["The file is not a JSON file, or it is damaged."] };
    }
    return readDoc(raw, ix);
  }, () => ({ errors: ["The file could not be read."] }));
}

// A CSV cell; text that a spreadsheet would run as a formula starts with an apostrophe instead.
export function csvCell(value) {
  let s = value === null || value === undefined ? "" : String(value);
  // A spreadsheet reads a cell that starts with = + - or @ as a formula, also after spaces, and
  // some read the full-width forms: such a cell starts with a quote so it stays text.
  if (/^[\s\u00a0\u3000]*[=+\-@\uff1d\uff0b\uff0d\uff20]/.test(s) || /^[\t\r]/.test(s)) s = "'" + s;
  return '"' + s.replace(/"/g, '""') + '"';
}

function toCsv(rows) {
  return "\ufeff" + rows.map((row) => row.map(csvCell).join(",")).join("\r\n") + "\r\n";
}

export function download(name, type, text) {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const a = document.createElement("a");
  a.href = url;
  a.download = name;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10000);
}

function fileName(app, ext) {
  return app.fw.id + "-self-assessment-" + new Date().toISOString().slice(0, 10) + "." + ext;
}

export function exportJson(app) {
  const doc = Object.assign({}, app.doc, { exported: new Date().toISOString() });
  download(fileName(app, "json"), "application/json", JSON.stringify(doc, null, 1) + "\n");
  app.say("Your answers and roadmap were exported as a JSON file.");
}

export async function exportCsv(app) {
  // The spreadsheet names each chosen answer: every topic's answers must be here.
  try {
    await loadQuestions(app);
  } catch (e) {
    app.say("The spreadsheet could not be made: the questions could not be loaded. Reload the page and try again.");
    return;
  }
  const { fw, ix, doc } = app;
  const { notApplicable, notSure } = ix.vocabulary;
  const rows = [["record", "topic_id", "topic", "question_id", "question", "level", "text", "due", "owner", "confidence", "evidence", "links"],
    ["framework", "", fw.title, "", "", "", "version " + fw.version, "", "", "", "", ""]];
  if (doc.role) rows.push(["role", "", "", "", "", "", doc.role, "", "", "", "", ""]);
  const results = app.results();
  for (const r of results) {
    const t = r.topic;
    rows.push(["topic level", t.id, t.title, "", "", r.level === null ? "" : r.level, r.level === null ? "No level yet" : ix.levelByNumber.get(r.level).name, "", "", "", "", ""]);
    for (const q of t.questions) {
      const a = doc.answers[q.id];
      const level = a === notApplicable || a === notSure ? answerLabel(ix, a).toLowerCase() : a === undefined ? "" : a;
      const e = doc.evidence[q.id];
      rows.push(["answer", t.id, t.title, q.id, q.text, level, isLevel(a) ? q.answers[String(a)] : "", "", "",
        doc.confidence[q.id] ? confidenceLabel(ix, doc.confidence[q.id]) : "", e ? e.text : "", e ? e.links.join(" ") : ""]);
    }
    if (doc.notes[t.id]) rows.push(["note", t.id, t.title, "", "", "", doc.notes[t.id], "", "", "", "", ""]);
  }
  for (const m of plan(ix, results, doc.roadmap, planStart(doc.roadmap))) {
    rows.push(["milestone", m.topic.id, m.topic.title, "", "From " + levelLabel(ix, m.from) + " to " + levelLabel(ix, m.to), m.to,
      m.step ? plain(m.step.milestone) : "", quarterLabel(m.due), doc.roadmap.owners[m.topic.id + ":" + m.from] || "", "", "", ""]);
  }
  download(fileName(app, "csv"), "text/csv;charset=utf-8", toCsv(rows));
  app.say("Your answers and roadmap were exported as a CSV file.");
}

// Read a chosen file, check it, and (after asking, when there are answers here) replace the answers.
// Success, the question and any problems are shown in `message`.
export function importFile(app, file, message) {
  const fail = (errors) => {
    const box = h("div", { class: "dmf-error", role: "alert", tabindex: "-1" },
      h("h4", {}, "The file could not be imported"),
      h("ul", {}, errors.slice(0, MAX_ERRORS_SHOWN).map((e) => h("li", {}, e)),
        errors.length > MAX_ERRORS_SHOWN ? h("li", {}, "and " + (errors.length - MAX_ERRORS_SHOWN) + " more problems") : null),
      h("p", {}, "Your answers on this page have not changed."));
    message.replaceChildren(box);
    box.focus();
  };
  readAnswersFile(app.ix, file).then((read) => {
    if (read.errors) return fail(read.errors);
    const apply = () => {
      app.replaceDoc(read);
      const lost = read.notCarried.length;
      const n = Object.keys(app.doc.answers).length;
      const msg = h("p", { class: "dmf-success", tabindex: "-1" }, "Imported " + n + (n === 1 ? " answer" : " answers") + " from " + file.name + "." +
        (lost ? " " + lost + " could not be carried over: see the message at the top of the page." : ""));
      message.replaceChildren(msg);
      msg.focus();
    };
    if (hasContent(app.doc)) {
      app.confirm(message, "dmf-import-question",
        "You already have answers on this page. Importing replaces them with the " + Object.keys(read.doc.answers).length + " answers in " + file.name + ". Export your current answers first if you want to keep them.",
        "Replace my answers", "Keep my answers", apply);
    } else apply();
  });
}
