// What to do next: the next step in each topic (shown with the result), and the roadmap view, which lays
// the steps up to chosen target levels out as milestones over quarters.
import { MAX_OWNER } from "./answers.js";
import { loadSteps, whenLoaded } from "./data.js";
import { h, prose, tableWrap } from "./dom.js";
import { levelLabel, stepAnchor, stepsReady } from "./framework.js";
import { exportCsv, exportJson } from "./import-export.js";
import { printAssessment } from "./print.js";
import { nextQuarter, plan, planStart, quarterEnd, quarterLabel, quarterText } from "./roadmap.js";

// The steps come in their own file: until it is here, the box says it is loading.
function withSteps(app, box, fill) {
  if (stepsReady(app.ix)) fill();
  else whenLoaded(box, loadSteps(app), fill, "the guidance for each step");
}

export function renderNextSteps(app, panel, results) {
  const box = h("div", { class: "dmf-next-steps" });
  panel.append(h("h3", {}, "Your next steps"),
    h("p", {}, "For each topic, what to do to move from your level to the next, easiest first."), box);
  withSteps(app, box, () => fillNextSteps(app, box, results));
}

function fillNextSteps(app, panel, results) {
  const { ix } = app;
  const base = app.frameworkUrl;
  const items = (list) => list.map((a) => h("li", {}, prose(a, base)));
  for (const r of results) {
    if (r.level === null) continue;
    const det = h("details", { class: "dmf-step" });
    if (r.next === null) {
      det.append(h("summary", {}, r.topic.title + ": you are at the top level"),
        h("p", {}, "You are at " + levelLabel(ix, r.level) + ". Keep doing what works and help others learn from it. ",
          h("a", { href: app.pageUrl(r.topic) }, "Read about " + r.topic.title)));
    } else {
      const step = r.topic.steps.find((s) => s.from === r.level);
      det.append(h("summary", {}, r.topic.title + ": from " + levelLabel(ix, r.level) + " to " + levelLabel(ix, r.next)));
      if (step) {
        det.append(
          h("p", {}, "Typical time: " + step.timescale + "."),
          h("h4", {}, "Actions"), h("ol", {}, items(step.actions)),
          h("h4", {}, "Milestone"), h("div", { class: "dmf-prose" }, prose(step.milestone, base)),
          h("h4", {}, "Who to involve"), h("ul", {}, step.involve.map((a) => h("li", {}, a))),
          h("h4", {}, "Evidence of progress"), h("ul", {}, items(step.evidence)),
          h("h4", {}, "Share data safely"), h("div", { class: "dmf-prose" }, prose(step.sharing, base)),
        );
      }
      det.append(h("p", {}, h("a", { href: app.pageUrl(r.topic, stepAnchor(r.level, r.next)) },
        "Read this step on the " + r.topic.title + " page")));
    }
    panel.append(det);
  }
}

export function renderRoadmap(app, panel) {
  const { ix, doc } = app;
  const results = app.results();
  panel.append(h("p", { class: "dmf-screen-only" }, "Choose the topics you want to work on and the level you aim for in each. " +
    "The roadmap lays out the steps up as milestones over the coming quarters, using each step's typical time. Add an owner for each milestone: a role, not a name, if you will share it."));
  const planBody = h("div", { class: "dmf-plan" });
  const start = planStart(doc.roadmap);
  const startSelect = h("select", { id: "dmf-roadmap-start" });
  const now = nextQuarter(new Date()) - 1;
  const choices = new Set([now, now + 1, now + 2, now + 3, now + 4, start]);
  for (const q of [...choices].sort((a, b) => a - b)) {
    startSelect.append(h("option", { value: quarterText(q), selected: q === start }, quarterLabel(q)));
  }
  startSelect.addEventListener("change", () => {
    app.doc.roadmap.start = startSelect.value;
    app.save();
    renderPlan(app, planBody);
  });
  const targets = h("table", { class: "dmf-table dmf-targets" },
    h("caption", {}, "Priority topics and target levels"),
    h("thead", {}, h("tr", {}, h("th", { scope: "col" }, "Topic"), h("th", { scope: "col" }, "Level now"), h("th", { scope: "col" }, "Target level"))),
    h("tbody", {}, results.map((r) => {
      const id = "dmf-target-" + r.topic.id;
      const from = r.level === null ? ix.levelNumbers[0] : r.level;
      const sel = h("select", { id, "aria-label": "Target level for " + r.topic.title },
        h("option", { value: "" }, "Not a priority"),
        ix.levelNumbers.filter((n) => n > from).map((n) =>
          h("option", { value: String(n), selected: doc.roadmap.targets[r.topic.id] === n }, levelLabel(ix, n))));
      sel.addEventListener("change", () => {
        if (sel.value) app.doc.roadmap.targets[r.topic.id] = Number(sel.value);
        else delete app.doc.roadmap.targets[r.topic.id];
        app.save();
        renderPlan(app, planBody);
      });
      return h("tr", {}, h("th", { scope: "row" }, r.topic.title),
        h("td", {}, r.level === null ? "No level yet" : levelLabel(ix, r.level)),
        h("td", {}, r.next === null && r.level !== null ? "Top level" : sel));
    })));
  panel.append(
    h("div", { class: "dmf-field" }, h("label", { for: "dmf-roadmap-start" }, "Start the plan in"), startSelect),
    tableWrap("Priority topics and target levels (table)", targets),
    planBody,
    h("div", { class: "dmf-actions" },
      h("button", { type: "button", class: "dmf-button", onclick: () => printAssessment(app) }, "Print your result and roadmap"),
      h("button", { type: "button", class: "dmf-button dmf-secondary", onclick: () => exportJson(app) }, "Export answers and roadmap (JSON)"),
      h("button", { type: "button", class: "dmf-button dmf-secondary", onclick: () => exportCsv(app) }, "Export as a spreadsheet (CSV)")),
  );
  renderPlan(app, planBody);
}

function renderPlan(app, body) {
  body.replaceChildren();
  withSteps(app, body, () => fillPlan(app, body));
}

function fillPlan(app, body) {
  const { ix } = app;
  const roadmap = app.doc.roadmap;
  const milestones = plan(ix, app.results(), roadmap, planStart(roadmap));
  body.append(h("h3", { id: "dmf-plan-title" }, "Your milestones"));
  if (!milestones.length) {
    body.append(h("p", {}, "Choose a target level for at least one topic to see your milestones."));
    return;
  }
  let quarter = null;
  let list = null;
  for (const m of milestones) {
    if (m.due !== quarter) {
      quarter = m.due;
      list = h("ol", { class: "dmf-milestones" });
      body.append(h("h4", {}, "By the end of " + quarterEnd(quarter)), list);
    }
    const key = m.topic.id + ":" + m.from;
    const ownerId = "dmf-owner-" + m.topic.id + "-" + m.from;
    const owner = h("input", { type: "text", id: ownerId, maxlength: String(MAX_OWNER), value: roadmap.owners[key] || "", autocomplete: "off" });
    owner.addEventListener("input", () => {
      if (owner.value) app.doc.roadmap.owners[key] = owner.value;
      else delete app.doc.roadmap.owners[key];
      app.save();
    });
    list.append(h("li", { class: "dmf-milestone", "data-topic": m.topic.id, "data-from": m.from, "data-due": quarterText(m.due) },
      h("p", { class: "dmf-milestone-title" }, h("strong", {}, m.topic.title), ": from " + levelLabel(ix, m.from) + " to " + levelLabel(ix, m.to)),
      m.step ? h("div", { class: "dmf-prose" }, prose(m.step.milestone, app.frameworkUrl), " (typical time: " + m.step.timescale + ")") : null,
      m.guessed ? h("p", { class: "dmf-hint" }, "You have not answered this topic yet, so the plan starts from the first level.") : null,
      h("div", { class: "dmf-field dmf-owner" },
        h("label", { for: ownerId }, "Owner of this milestone"), owner)));
  }
}
