// Compare with peers: where your level sits in each chosen peer group's spread (its middle level and the
// levels of its middle half), never a league table. The figures come from the published benchmarks, which
// publish no share at each level: a small count at one level could point to one organisation.
import { comparisonKey } from "./answers.js";
import { loadBenchmarks, whenLoaded } from "./data.js";
import { h, tableWrap } from "./dom.js";
import { levelLabel } from "./framework.js";

// Where a level sits in a benchmark cell's spread: below, within or above its middle half.
export function position(cell, level) {
  if (level < cell.q1) return "below";
  if (level > cell.q3) return "above";
  return "within";
}

const WHERE = {
  below: "Below the middle half",
  within: "Within the middle half",
  above: "Above the middle half",
};

function middleHalf(cell) {
  return cell.q1 === cell.q3 ? "Level " + cell.q1 : "Levels " + cell.q1 + " to " + cell.q3;
}

// The published label of a hidden figure (generator/results/published.py), as the start of a cell's text.
function sentence(text) {
  return String(text).charAt(0).toUpperCase() + String(text).slice(1);
}

function lowerFirst(text) {
  return text.charAt(0).toLowerCase() + text.slice(1);
}

export function renderCompare(app, panel) {
  if (app.bench === undefined) {
    // The benchmarks load the first time the comparison is opened (data.js).
    const box = h("div", {});
    panel.append(box);
    whenLoaded(box, loadBenchmarks(app), () => { box.remove(); renderCompare(app, panel); }, "the published figures");
    return;
  }
  const b = app.bench;
  const { fw, ix } = app;
  panel.append(h("p", {}, "See where your level sits among organisations like yours: each group's middle level, the levels of its middle half, and whether your level is below, within or above that middle half. " +
    "Your answers stay in this browser: the figures come from the published benchmarks, which this page downloads."));
  if (!b) {
    panel.append(h("p", { class: "dmf-unavailable" }, "Benchmarks are not available on this site yet, so you cannot compare with peers here."));
    return;
  }
  const round = b.rounds[b.rounds.length - 1];
  if (b.synthetic) {
    panel.append(h("p", { class: "dmf-warning" }, h("strong", {}, "These figures come from synthetic data, made up to show how the comparison works. They do not describe real organisations.")));
  }
  panel.append(h("p", { class: "dmf-round" }, "The figures come from the latest round of results: " + round.label + ". A group is shown only when at least " + b.minimum_group_size + " organisations answered." +
    (b.framework_version !== fw.version ? " They were collected with version " + b.framework_version + " of the framework; this is version " + fw.version + "." : "")));
  const body = h("div", { class: "dmf-comparison" });
  // One choice for each kind of peer group that framework.json names.
  const fields = ix.vocabulary.groupKinds.map(({ kind, label }) => {
    const id = "dmf-" + kind.replace(/_/g, "-");
    const key = comparisonKey(kind);
    const sel = h("select", { id },
      h("option", { value: "" }, "Choose"),
      b.groups.filter((g) => g.kind === kind).map((g) => h("option", { value: g.id, selected: app.doc.comparison[key] === g.id }, g.label)));
    sel.addEventListener("change", () => {
      app.doc.comparison[key] = sel.value || null;
      app.save();
      renderGroups(app, body);
    });
    return h("div", { class: "dmf-field" }, h("label", { for: id }, label), sel);
  });
  panel.append(...fields, body);
  renderGroups(app, body);
}

function renderGroups(app, body) {
  const b = app.bench;
  const { ix } = app;
  const kinds = ix.vocabulary.groupKinds;
  body.replaceChildren();
  const round = b.rounds[b.rounds.length - 1];
  const chosen = kinds.map(({ kind }) => app.doc.comparison[comparisonKey(kind)])
    .map((id) => b.groups.find((g) => g.id === id)).filter(Boolean);
  if (!chosen.length) {
    body.append(h("p", {}, "Choose your " + kinds.map(({ label }) => lowerFirst(label)).join(" or ") + " to compare."));
    return;
  }
  const results = app.results();
  for (const g of chosen) {
    const cells = new Map(b.cells.filter((c) => c.group === g.id && c.round === round.id && c.crossing === null).map((c) => [c.topic, c]));
    const headingId = "dmf-compare-" + g.id.replace(/[^a-zA-Z0-9-]/g, "-");
    const section = h("div", { class: "dmf-compare-group", "data-group": g.id }, h("h3", { id: headingId }, g.label));
    const published = [...cells.values()].filter((c) => !c.suppressed);
    if (!published.length) {
      section.append(h("p", { class: "dmf-too-small" }, "This group's figures are hidden to protect the organisations in it: too few answered, " +
        "or nearly all gave the same level. Choose another group."));
      body.append(section);
      continue;
    }
    const table = h("table", { class: "dmf-table dmf-compare" },
      h("caption", {}, g.label + ": where your level sits in the group's spread"),
      h("thead", {}, h("tr", {}, ["Topic", "Your level", "Their middle level", "Their middle half", "Where you sit", "Organisations"].map((c) => h("th", { scope: "col" }, c)))),
      h("tbody", {}, results.map((r) => {
        const cell = cells.get(r.topic.id);
        const row = h("tr", { "data-topic": r.topic.id }, h("th", { scope: "row" }, r.topic.title),
          h("td", {}, r.level === null ? "No level yet" : levelLabel(ix, r.level)));
        if (!cell) row.append(h("td", { colspan: "4" }, "No figures for this topic"));
        else if (cell.suppressed) row.append(h("td", { colspan: "4", class: "dmf-too-small" }, sentence(cell.note || "hidden")));
        else if (r.level === null) {
          row.append(h("td", {}, levelLabel(ix, cell.median)), h("td", {}, middleHalf(cell)),
            h("td", {}, "Answer this topic to compare"), h("td", {}, cell.respondents));
        }
        else {
          const where = position(cell, r.level);
          row.append(h("td", {}, levelLabel(ix, cell.median)), h("td", {}, middleHalf(cell)),
            h("td", { "data-position": where }, WHERE[where]), h("td", {}, cell.respondents));
        }
        return row;
      })));
    section.append(tableWrap(g.label + " (table)", table));
    body.append(section);
  }
}
