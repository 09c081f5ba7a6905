// Save or start again: export, import, print, and clearing everything from this browser.
import { h } from "./dom.js";
import { exportCsv, exportJson, importFile } from "./import-export.js";
import { printAssessment } from "./print.js";

export function renderSave(app, panel) {
  const input = h("input", { type: "file", id: "dmf-import", accept: ".json,application/json", "aria-describedby": "dmf-import-hint" });
  const importMessage = h("div", { class: "dmf-import-message" });
  input.addEventListener("change", () => {
    const file = input.files && input.files[0];
    input.value = "";
    if (file) importFile(app, file, importMessage);
  });
  const clearBox = h("div", { class: "dmf-confirm-area" });
  panel.append(
    h("p", {}, "Your answers, notes and roadmap are saved in this browser as you go. Nobody else can see them. " +
      "They are lost if you clear your browser's data, so export a copy to keep it safe or to share it with colleagues."),
    h("h3", {}, "Export"),
    h("div", { class: "dmf-actions" },
      h("button", { type: "button", class: "dmf-button", onclick: () => exportJson(app) }, "Export answers and roadmap (JSON)"),
      h("button", { type: "button", class: "dmf-button dmf-secondary", onclick: () => exportCsv(app) }, "Export as a spreadsheet (CSV)")),
    h("p", { class: "dmf-hint" }, "Keep the JSON file to import your answers later. The CSV file opens in a spreadsheet."),
    h("h3", {}, "Import"),
    h("div", { class: "dmf-field" },
      h("label", { for: "dmf-import" }, "Import answers from a JSON file"),
      h("p", { class: "dmf-hint", id: "dmf-import-hint" }, "Choose a file you exported from this page. You will be asked before it replaces any answers you have here."),
      input),
    importMessage,
    h("h3", {}, "Print"),
    h("div", { class: "dmf-actions" }, h("button", { type: "button", class: "dmf-button dmf-secondary", onclick: () => printAssessment(app) }, "Print your result and roadmap")),
    h("h3", {}, "Start again"),
    h("p", {}, "This clears every answer, note and roadmap choice from this browser."),
    h("div", { class: "dmf-actions" }, h("button", { type: "button", class: "dmf-button dmf-warning-button", onclick: () => askClear(app, clearBox) }, "Start again")),
    clearBox,
  );
}

function askClear(app, box) {
  app.confirm(box, "dmf-clear-question", "Are you sure? This clears all your answers, notes and roadmap from this browser. You cannot undo it.",
    "Yes, clear everything", "No, keep my answers", () => {
      app.clear();
      app.show("questions", true);
      app.say("Your answers have been cleared. You can start again.");
    });
}
