// Combine answers (the facilitator's view): choose or drop 2 to 50 colleagues' answers files; each is read
// and checked as an import is; bad files are refused by name with the reason and the rest combined. The
// combined document replaces the answers here, so the result, roadmap and comparison use the agreed answers.
// Files are read in this browser: nothing is sent anywhere.
import { renderAgreement } from "./agree-view.js";
import { emptyDoc, hasContent } from "./answers.js";
import { combineDocs } from "./combine.js";
import { h, MAX_ERRORS_SHOWN } from "./dom.js";
import { readAnswersFile } from "./import-export.js";

export function renderCombine(app, panel) {
  const lim = app.fw.vocabulary.discovery.limits;
  const input = h("input", { type: "file", id: "dmf-combine-files", multiple: true, accept: ".json,application/json", "aria-describedby": "dmf-combine-hint" });
  const box = h("div", { class: "dmf-combine-message" });
  input.addEventListener("change", () => {
    const files = [...(input.files || [])];
    input.value = "";
    if (files.length) combineFiles(app, files, box);
  });
  const zone = h("div", { class: "dmf-drop", role: "group", "aria-labelledby": "dmf-combine-label" },
    h("label", { for: "dmf-combine-files", id: "dmf-combine-label" }, "Choose " + lim.min_files + " to " + lim.max_files + " answers files"),
    h("p", { class: "dmf-hint", id: "dmf-combine-hint" }, "Choose all the files at once, or drag them onto this box. " +
      "Each person exports their file from 'Save or start again'. Combining replaces the answers on this page with the team's agreed answers."),
    input);
  zone.addEventListener("dragover", (e) => {
    e.preventDefault();
    zone.classList.add("dmf-drop-over");
  });
  zone.addEventListener("dragleave", () => zone.classList.remove("dmf-drop-over"));
  zone.addEventListener("drop", (e) => {
    e.preventDefault();
    zone.classList.remove("dmf-drop-over");
    const files = [...((e.dataTransfer && e.dataTransfer.files) || [])];
    if (files.length) combineFiles(app, files, box);
  });
  panel.append(
    h("p", {}, "Combine your colleagues' answers to see, question by question, where you agree and where you differ. " +
      "The files are read in this browser. Nothing is sent anywhere, and no names or file names are kept."),
    zone, box);
  if (app.combineMessage) {
    box.append(report(app.combineMessage));
    app.combineMessage = null;
    setTimeout(() => box.firstChild && box.firstChild.focus(), 0);
  }
  if (app.doc.discovery) renderAgreement(app, panel);
  else panel.append(h("p", {}, "No answers have been combined yet."));
}

function readFile(app, file) {
  return readAnswersFile(app.ix, file).then((read) => (!read.errors && read.doc.discovery
    ? { errors: ["The file already holds a team's combined answers. Combine people's own answers files."] } : read));
}

function refusedList(refused) {
  return h("ul", {}, refused.map((r) => h("li", {}, h("strong", {}, r.name), ": " + r.errors.slice(0, MAX_ERRORS_SHOWN).join(" ") +
    (r.errors.length > MAX_ERRORS_SHOWN ? " And " + (r.errors.length - MAX_ERRORS_SHOWN) + " more problems." : ""))));
}

function fail(box, text, refused) {
  const el = h("div", { class: "dmf-error", tabindex: "-1" }, h("h3", {}, "The answers could not be combined"), h("p", {}, text),
    refused.length ? refusedList(refused) : null, h("p", {}, "The answers on this page have not changed."));
  box.replaceChildren(el);
  el.focus();
}

function report(m) {
  return h("div", { class: "dmf-combine-report", tabindex: "-1" },
    h("p", { class: "dmf-success" }, "Combined the answers of " + m.combined + " people. The agreed answers below are now the answers on this page."),
    m.refused.length ? h("div", { class: "dmf-error" },
      h("h3", {}, m.refused.length === 1 ? "1 file was refused" : m.refused.length + " files were refused"), refusedList(m.refused)) : null,
    m.lost.length ? h("p", {}, m.lost.join(" ")) : null);
}

async function combineFiles(app, chosen, box) {
  const lim = app.fw.vocabulary.discovery.limits;
  const files = chosen.slice().sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  if (files.length > lim.max_files) return fail(box, "You chose " + files.length + " files. Choose at most " + lim.max_files + ".", []);
  const docs = [];
  const refused = [];
  const lost = [];
  for (const file of files) {
    const read = await readFile(app, file);
    if (read.errors) refused.push({ name: file.name, errors: read.errors });
    else {
      docs.push(read.doc);
      if (read.notCarried.length) lost.push(file.name + ": " + read.notCarried.length + " answers or notes could not be carried over to this version of the framework.");
    }
  }
  if (docs.length < lim.min_files) {
    return fail(box, "At least " + lim.min_files + " files must be readable to combine them. " + docs.length + " could be read.", refused);
  }
  const combined = combineDocs(app.ix, docs);
  const doc = Object.assign(emptyDoc(app.ix), combined);
  const apply = () => {
    app.replaceWithCombined(doc);
    app.combineMessage = { combined: docs.length, refused, lost };
    app.render("combine");
    app.say("Combined the answers of " + docs.length + " people.");
  };
  if (hasContent(app.doc)) {
    app.confirm(box, "dmf-combine-question", "You already have answers on this page. Combining replaces them with the agreed answers of " + docs.length +
      " people. Export your answers first if you want to keep them.", "Replace with the combined answers", "Keep my answers", apply);
  } else apply();
}
