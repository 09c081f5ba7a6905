// Save or start again: export, import, print, and clearing everything from this browser.
import { h } from "./dom.js";
import { MAX_ROLE } from "./evidence.js";
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
  // A role, never a name: a facilitator combining files sees the mix of roles, not who answered.
  const role = h("input", { type: "text", id: "dmf-role", maxlength: String(MAX_ROLE), autocomplete: "organization-title",
    "aria-describedby": "dmf-role-hint", value: app.doc.role || "" });
  role.addEventListener("input", () => {
    app.doc.role = role.value.trim() ? role.value : null;
    app.save();
  });
  panel.append(
    h("p", {}, "Your answers, notes and roadmap are saved in this browser as you go. Nobody else can see them. " +
      "They are lost if you clear your browser's data, so export a copy to keep it safe or to share it with colleagues."),
    h("h3", {}, "Export"),
    h("div", { class: "dmf-field" },
      h("label", { for: "dmf-role" }, "Your role (optional)"),
      h("p", { class: "dmf-hint", id: "dmf-role-hint" }, "Your role, not your name, for example Data analyst. It goes in the file you export, so that a facilitator who combines your team's answers can see the mix of roles."),
      role),
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
