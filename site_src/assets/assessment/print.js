// Printing shows the result and the roadmap together, whatever view is open, with every step open.

export function printAssessment(app) {
  preparePrint(app);
  window.print();
}

export function preparePrint(app) {
  for (const v of ["result", "roadmap"]) if (v !== app.view) app.render(v);
  app.closedForPrint = [...app.root.querySelectorAll("details.dmf-step:not([open])")];
  for (const d of app.closedForPrint) d.open = true;
}

export function afterPrint(app) {
  for (const d of app.closedForPrint || []) d.open = false;
  app.closedForPrint = [];
}
