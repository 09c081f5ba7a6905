// The self-assessment: questions, result, roadmap and peer comparison, all in the browser.
// Everything about the framework (topics, questions, levels, guidance, the scoring rule, the answers that
// are not levels, the peer-group kinds) comes from assessment.json, which the build writes; nothing here
// repeats it. Answers stay in localStorage and are never sent anywhere. All text is set with
// textContent, never parsed as HTML. This entry module starts the page; the rest lives beside it.
import { readDoc } from "./answers.js";
import { App } from "./app.js";
import { fetchJson, loadQuestions, loadSteps, loadTopic, preloadViews } from "./data.js";
import { h } from "./dom.js";
import { indexFramework } from "./framework.js";
import { afterPrint, preparePrint } from "./print.js";
import { answersToNext, topicLevel } from "./scoring.js";

let current = null;

function failed(root, message) {
  root.replaceChildren(h("div", { class: "dmf-error", role: "alert" },
    h("p", {}, "The interactive self-assessment could not start: " + message + " Use the printable checklist or the workbook instead.")));
}

async function init(root) {
  root.setAttribute("data-state", "loading");
  const frameworkUrl = new URL(root.getAttribute("data-framework"), location.href).href;
  let fw;
  try {
    fw = await fetchJson(frameworkUrl).catch((e) => {
      throw new Error(e instanceof SyntaxError ? "the framework data is damaged." : "the framework data was " + e.message + ".");
    });
    if (!fw || !fw.vocabulary) throw new Error("the framework data was written by an older version of this site.");
  } catch (e) {
    failed(root, e.message || String(e));
    root.setAttribute("data-state", "failed");
    return;
  }
  // The first section's answers come before the page starts, so that it opens whole.
  if (fw.topics && fw.topics.length) await loadTopic(fw, frameworkUrl, fw.topics[0]).catch(() => null);
  const withoutJs = document.getElementById("dmf-without-js");
  if (withoutJs) withoutJs.hidden = true;
  // The benchmarks load when the comparison is opened (data.js), so the page is lighter to open.
  current = new App(root, fw, undefined, frameworkUrl);
  // The other views' code and the guidance for each step up load as soon as there is a result to show.
  const app = current;
  const whenScored = () => {
    if (!app.results().some((r) => r.level !== null)) return null;
    return Promise.all([loadSteps(app), preloadViews()]).catch(() => { /* the views say so */ });
  };
  const scored = whenScored();
  root.addEventListener("change", whenScored);
  // Ready once the section shown has its questions (another than the first when the page returns to it),
  // and, with a result, once the rest is here too.
  await Promise.all([loadQuestions(app, [fw.topics[app.section].id]).catch(() => null), scored]);
  root.setAttribute("data-state", "ready");
}

function start() {
  const root = document.getElementById("dmf-assessment");
  if (!root || root.hasAttribute("data-state")) return;
  init(root);
}

function subscribe() {
  // Material's document$ fires on every page, including after instant navigation. A module runs once
  // per document, so this one subscription is what starts the page each time it is shown again.
  if (typeof document$ !== "undefined" && document$ && typeof document$.subscribe === "function") document$.subscribe(start);
  else start();
}

if (window.dmfAssessment) {
  // This module already ran from another address (another copy of the site, or the same file with a
  // query string): that copy is still subscribed, so only start the page.
  window.dmfAssessment.start();
} else {
  window.addEventListener("beforeprint", () => {
    if (current && current.root.isConnected) preparePrint(current);
    preloadViews().catch(() => null); // for the next print, should this one have come first
  });
  window.addEventListener("afterprint", () => {
    if (current && current.root.isConnected) afterPrint(current);
  });

  // Hooks for the tests, which check that this code and generator/framework/answers.py and generator/versions/ids.py agree.
  // position, csvCell and months live in modules that load with their views, so these return promises.
  window.dmfAssessment = {
    start, topicLevel, answersToNext,
    position: async (...a) => (await import("./compare-view.js")).position(...a),
    csvCell: async (...a) => (await import("./import-export.js")).csvCell(...a),
    months: async (...a) => (await import("./roadmap.js")).months(...a),
    readDoc: (raw, fw) => readDoc(raw, indexFramework(fw)),
    // The combine rule, for the test that it equals generator/framework/discovery.py.
    // It loads when asked, as the Combine answers view does.
    combine: () => import("./combine.js"),
  };
  window.dmfScore = { topicLevel, answersToNext };

  // A module runs once the document is parsed, usually after Material's bundle has defined document$;
  // when the page is still loading (a module inserted early), wait for it.
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", subscribe);
  else subscribe();
}
