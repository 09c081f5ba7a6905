// Your result: strengths, where the next step is easiest, a level for each topic (chart and table), the
// crossing matrix when the framework has one, and the next steps.
import { h, plain, tableWrap } from "./dom.js";
import { guessing, hasEvidence } from "./evidence.js";
import { answerLabel, crossingLevel, levelLabel, questionCount } from "./framework.js";
import { printAssessment } from "./print.js";
import { renderNextSteps } from "./roadmap-view.js";
import { isLevel } from "./scoring.js";

export function renderResult(app, panel) {
  const { ix } = app;
  const results = app.results();
  const scored = results.filter((r) => r.level !== null);
  const answered = Object.keys(app.doc.answers).length;
  panel.append(h("p", {}, "You have answered " + answered + " of " + questionCount(ix) + " questions. " +
    scored.length + " of " + results.length + " topics have a level."));
  if (!scored.length) {
    panel.append(h("p", {}, "Answer the questions in at least one topic to see your result."),
      h("button", { type: "button", class: "dmf-button", onclick: () => app.show("questions", true) }, "Go to the questions"));
    return;
  }
  const top = ix.levelNumbers[ix.levelNumbers.length - 1];
  const ranked = scored.slice().sort((a, b) => b.level - a.level || a.order - b.order);
  // A strength stands above the lowest level reached: when every topic is at one level, none does.
  const lowest = Math.min(...scored.map((r) => r.level));
  const strengths = ranked.filter((r) => r.level > lowest);
  const easiest = scored.filter((r) => r.next !== null)
    .sort((a, b) => a.toNext - b.toNext || b.level - a.level || a.order - b.order);
  panel.append(h("h3", {}, "Your strengths"));
  if (strengths.length) {
    panel.append(h("p", {}, "The topics where you are furthest along."),
      h("ul", { class: "dmf-strengths" }, strengths.slice(0, 3).map((r) =>
        h("li", {}, h("strong", {}, r.topic.title), ": " + levelLabel(ix, r.level) + ". ", meaning(ix, r.level)))));
  } else {
    panel.append(h("p", { class: "dmf-no-strengths" }, "No strengths to show yet: every topic with a level is at " +
      levelLabel(ix, lowest) + ". A strength is a topic further along than your others."));
  }
  if (easiest.length) {
    panel.append(
      h("h3", {}, "Where the next step is easiest"),
      h("p", {}, "The topics where the fewest practices still need to be in place for you to reach the next level."),
      h("ul", { class: "dmf-easiest" }, easiest.slice(0, 3).map((r) =>
        h("li", {}, h("strong", {}, r.topic.title), ": from " + levelLabel(ix, r.level) + " to " + levelLabel(ix, r.next) + ". " +
          r.toNext + (r.toNext === 1 ? " more practice" : " more practices") + " in place would take this topic to the next level: ",
        meaning(ix, r.next)))),
    );
  }
  // Chart and table, strengths first.
  const ordered = ranked.concat(results.filter((r) => r.level === null));
  const min = ix.levelNumbers[0];
  const span = top - min + 1;
  panel.append(h("h3", {}, "Your level in each topic"));
  panel.append(h("figure", { class: "dmf-chart" },
    h("figcaption", {}, "Your level in each topic, highest first. The table below the chart gives the same figures."),
    h("div", { class: "dmf-bars", "aria-hidden": "true" }, ordered.map((r) => {
      const bar = h("span", { class: "dmf-bar" });
      bar.style.width = r.level === null ? "0" : ((r.level - min + 1) / span) * 100 + "%";
      return h("div", { class: "dmf-bar-row" },
        h("span", { class: "dmf-bar-label" }, r.topic.title),
        h("span", { class: "dmf-bar-track" }, bar),
        h("span", { class: "dmf-bar-value" }, r.level === null ? noLevel(app, r) : levelLabel(ix, r.level)));
    }))));
  const { notApplicable, notSure } = ix.vocabulary;
  const columns = ["Topic", "Level", "With a level", answerLabel(ix, notApplicable), answerLabel(ix, notSure), "Evidence"];
  const table = h("table", { class: "dmf-table dmf-levels" },
    h("caption", {}, "Your level in each topic"),
    h("thead", {}, h("tr", {}, columns.map((c) => h("th", { scope: "col" }, c)))),
    h("tbody", {}, ordered.map((r) => h("tr", { "data-topic": r.topic.id, "data-level": r.level === null ? "" : r.level },
      h("th", { scope: "row" }, r.topic.title),
      h("td", {}, r.level === null ? noLevel(app, r) : [levelLabel(ix, r.level), h("span", { class: "dmf-level-meaning" }, meaning(ix, r.level))]),
      h("td", {}, r.answered + " of " + r.total),
      h("td", {}, r.na), h("td", {}, r.unknown),
      h("td", { class: "dmf-founded" }, founded(app, r.topic))))));
  panel.append(tableWrap("Your level in each topic (table)", table));
  if (app.fw.crossing) renderMatrix(app, panel);
  renderNextSteps(app, panel, easiest.concat(results.filter((r) => r.next === null)));
  panel.append(h("div", { class: "dmf-actions" },
    h("button", { type: "button", class: "dmf-button", onclick: () => printAssessment(app) }, "Print your result and roadmap"),
    h("button", { type: "button", class: "dmf-button dmf-secondary", onclick: () => app.show("roadmap", true) }, "Plan your roadmap")));
}

// What the level means, from the framework.
function meaning(ix, n) {
  const lv = ix.levelByNumber.get(n);
  return lv && lv.summary ? plain(lv.summary) : "";
}

// A topic with answers but fewer levels than the framework's minimum says so rather than show a level.
function noLevel(app, r) {
  const min = Math.max(1, app.fw.scoring.minimum_answers || 1);
  if (!r.answered) return "No level yet";
  return "No level yet: " + r.answered + " of the " + min + " answers with a level it needs";
}

// How much of a topic rests on evidence, and how much on guessing.
function founded(app, topic) {
  const { doc } = app;
  const answered = topic.questions.filter((q) => doc.answers[q.id] !== undefined);
  if (!answered.length) return "No answers yet";
  const withEvidence = answered.filter((q) => hasEvidence(doc.evidence[q.id])).length;
  const guesses = answered.filter((q) => doc.confidence[q.id] === guessing(app.ix)).length;
  return withEvidence + " of " + answered.length + (answered.length === 1 ? " answer has" : " answers have") + " evidence; " +
    (guesses === 0 ? "none is a guess" : guesses + (guesses === 1 ? " is a guess" : " are guesses"));
}

function renderMatrix(app, panel) {
  const { fw, ix } = app;
  const cr = fw.crossing;
  panel.append(h("h3", {}, "Your level by topic and " + cr.name.toLowerCase()));
  const table = h("table", { class: "dmf-table dmf-matrix" },
    h("caption", {}, "Your level in each topic, for each " + cr.name.toLowerCase()),
    h("thead", {}, h("tr", {}, h("th", { scope: "col" }, "Topic"), cr.values.map((v) => h("th", { scope: "col" }, v.title)))),
    h("tbody", {}, fw.topics.map((t) => h("tr", { "data-topic": t.id }, h("th", { scope: "row" }, t.title),
      cr.values.map((v) => {
        const level = crossingLevel(ix, t, v.id, app.doc.answers);
        return h("td", { "data-crossing": v.id, "data-level": isLevel(level) ? level : "" },
          level === undefined ? "No questions" : level === null ? "No level yet" : levelLabel(ix, level));
      })))));
  panel.append(tableWrap("Your level by topic and " + cr.name.toLowerCase() + " (table)", table));
}
