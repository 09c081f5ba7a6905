// Progress since last time: open an earlier result (your own export or a team's combined file) as a
// baseline, and see each topic then and now, and which milestones of the earlier roadmap are reached.
// The file is read in this browser and kept only while the page is open; nothing is uploaded or saved.
import { loadSteps } from "./data.js";
import { h, MAX_ERRORS_SHOWN, tableWrap } from "./dom.js";
import { levelLabel, topicResults } from "./framework.js";
import { readAnswersFile } from "./import-export.js";
import { describeLost } from "./names.js";
import { plan, planStart, quarterLabel } from "./roadmap.js";

function change(then, now) {
  if (then === null && now === null) return "No level then or now";
  if (then === null) return "No level then";
  if (now === null) return "No level now";
  const d = now - then;
  if (d === 0) return "The same";
  return (d > 0 ? "Up " : "Down ") + Math.abs(d) + (Math.abs(d) === 1 ? " level" : " levels");
}

function capped(items, render) {
  const shown = items.slice(0, MAX_ERRORS_SHOWN).map((x) => h("li", {}, render(x)));
  if (items.length > MAX_ERRORS_SHOWN) shown.push(h("li", {}, "and " + (items.length - MAX_ERRORS_SHOWN) + " more"));
  return h("ul", {}, shown);
}

function renderComparison(app, box, read, name) {
  const { ix } = app;
  const then = topicResults(ix, read.doc.answers);
  const now = app.results();
  const nowBy = new Map(now.map((r) => [r.topic.id, r.level]));
  const heading = h("h3", { id: "dmf-progress-heading", tabindex: "-1" }, "Then and now");
  const parts = [heading, h("p", {}, "The baseline is " + name + ", saved against version " + read.from +
    " of the framework. Now is the answers on this page.")];
  if (read.notCarried.length) {
    parts.push(h("div", { class: "dmf-notice" },
      h("p", {}, read.notCarried.length + (read.notCarried.length === 1 ? " item" : " items") +
        " of the baseline could not be carried to version " + app.fw.version + ", so the comparison leaves them out:"),
      capped(read.notCarried, (x) => describeLost(ix, x))));
  }
  const table = h("table", { class: "dmf-table dmf-then-now" },
    h("caption", {}, "Each topic's level in the baseline and now"),
    h("thead", {}, h("tr", {}, ["Topic", "Then", "Now", "Change"].map((c) => h("th", { scope: "col" }, c)))),
    h("tbody", {}, then.map((r) => {
      const level = nowBy.has(r.topic.id) ? nowBy.get(r.topic.id) : null;
      return h("tr", { "data-topic": r.topic.id }, h("th", { scope: "row" }, r.topic.title),
        h("td", {}, r.level === null ? "No level" : levelLabel(ix, r.level)),
        h("td", {}, level === null ? "No level" : levelLabel(ix, level)),
        h("td", { "data-change": r.level === null || level === null ? "none" : String(level - r.level) }, change(r.level, level)));
    })));
  parts.push(tableWrap("Then and now (table)", table));
  const milestones = plan(ix, then, read.doc.roadmap, planStart(read.doc.roadmap));
  parts.push(h("h3", {}, "Milestones of the baseline's roadmap"));
  if (!milestones.length) {
    parts.push(h("p", {}, "The baseline has no roadmap targets, so there are no milestones to check."));
  } else {
    const reached = milestones.filter((m) => (nowBy.get(m.topic.id) ?? -Infinity) >= m.to).length;
    parts.push(h("p", {}, reached + " of " + milestones.length + " milestones are reached: a milestone is reached when the topic's level now is at least the level it aimed for."),
      tableWrap("Milestones (table)", h("table", { class: "dmf-table dmf-milestones" },
        h("caption", {}, "Milestones planned in the baseline"),
        h("thead", {}, h("tr", {}, ["Topic", "Step", "Planned for", "Reached?"].map((c) => h("th", { scope: "col" }, c)))),
        h("tbody", {}, milestones.map((m) => {
          const done = (nowBy.get(m.topic.id) ?? -Infinity) >= m.to;
          return h("tr", { "data-topic": m.topic.id, "data-reached": String(done) }, h("th", { scope: "row" }, m.topic.title),
            h("td", {}, "From " + levelLabel(ix, m.from) + " to " + levelLabel(ix, m.to)),
            h("td", {}, quarterLabel(m.due)), h("td", {}, done ? "Reached" : "Not yet"));
        })))));
  }
  box.replaceChildren(...parts);
  heading.focus();
  app.say("The baseline from " + name + " is open.");
}

function fail(box, errors) {
  const alert = h("div", { class: "dmf-error", role: "alert", tabindex: "-1" },
    h("h3", {}, "The file could not be opened as a baseline"), capped(errors, (e) => e),
    h("p", {}, "Your answers on this page have not changed."));
  box.replaceChildren(alert);
  alert.focus();
}

export function renderProgress(app, panel) {
  const box = h("div", { class: "dmf-baseline-area" });
  const input = h("input", { type: "file", id: "dmf-baseline-file", accept: ".json,application/json" });
  input.addEventListener("change", () => {
    const file = input.files && input.files[0];
    if (!file) return;
    readAnswersFile(app.ix, file).then((read) => {
      if (read.errors) return fail(box, read.errors);
      // The roadmap's milestones need the guidance for each step, which the page fetches once needed.
      return loadSteps(app).then(() => renderComparison(app, box, read, file.name),
        () => fail(box, ["The guidance for each step could not be loaded. Check your connection and try again."]));
    });
  });
  panel.append(
    h("p", {}, "See how far you have come. Open an answers file you exported earlier, or a team's combined discovery, as a baseline: " +
      "this page shows each topic's level then and now, and which milestones of the earlier roadmap are reached."),
    h("p", {}, "The file is read in this browser and kept only while this page is open. It does not change your answers."),
    h("div", { class: "dmf-field" }, h("label", { for: "dmf-baseline-file" }, "Earlier answers file (JSON)"), input),
    box);
}
