// Printing shows the result and the roadmap together, whatever view is open, with every step open, under a
// line that says when it was printed and from which version of the framework. The print styles
// (assessment.css) leave out the page's instructions and every control.
import { loadSteps, preloadViews } from "./data.js";
import { h } from "./dom.js";

export function printAssessment(app) {
  // The steps and views are usually here already (they load once there is a result); wait for them if not.
  Promise.all([loadSteps(app), preloadViews()]).catch(() => null).then(() => {
    preparePrint(app);
    window.print();
  });
}

export function printedOn(date) {
  return date.toLocaleDateString("en-GB", { day: "numeric", month: "long", year: "numeric" });
}

export function preparePrint(app) {
  for (const v of ["result", "roadmap"]) if (v !== app.view) app.render(v);
  app.closedForPrint = [...app.root.querySelectorAll("details.dmf-step:not([open])")];
  for (const d of app.closedForPrint) d.open = true;
  const { fw } = app;
  const header = h("div", { class: "dmf-print-header" },
    h("p", {}, h("strong", {}, "Self-assessment: your result and roadmap")),
    h("p", {}, "Printed on " + printedOn(new Date()) + ". " + fw.title + ", version " + fw.version + "."));
  app.root.querySelectorAll(".dmf-print-header").forEach((e) => e.remove());
  app.root.prepend(header);
}

export function afterPrint(app) {
  for (const d of app.closedForPrint || []) d.open = false;
  app.closedForPrint = [];
  app.root.querySelectorAll(".dmf-print-header").forEach((e) => e.remove());
}
