// What the page fetches after it has opened: each topic's answers and hints (with its section), the guidance
// for each step up (once there is a result to show) and the published benchmarks (once the comparison is
// opened). Each file is fetched once. Nothing else is fetched, and nothing is sent.
import { h } from "./dom.js";
import { questionsReady, stepsReady } from "./framework.js";

export async function fetchJson(url) {
  const res = await fetch(url, { credentials: "same-origin" });
  if (!res.ok) throw new Error("not found (" + res.status + ")");
  return res.json();
}

const pending = new WeakMap();

function once(app, key, load) {
  const mine = pending.get(app) || {};
  pending.set(app, mine);
  if (!mine[key]) mine[key] = load();
  return mine[key];
}

const topicLoads = new WeakMap();

// One topic's summary, answers and hints, from the file the framework data names for it, into its questions.
export function loadTopic(fw, frameworkUrl, topic) {
  if (questionsReady(topic)) return Promise.resolve();
  if (!topicLoads.has(topic)) {
    topicLoads.set(topic, fetchJson(new URL(topic.details, frameworkUrl).href).then((data) => {
      if (!data || data.version !== fw.version || data.topic !== topic.id || typeof data.questions !== "object") {
        throw new Error("the questions are for another version");
      }
      if (data.summary !== undefined) topic.summary = data.summary;
      for (const q of topic.questions) {
        const d = data.questions[q.id] || {};
        q.answers = d.answers || {};
        if (d.hint !== undefined) q.hint = d.hint;
      }
    }).catch((e) => {
      topicLoads.delete(topic); // try again next time
      throw e;
    }));
  }
  return topicLoads.get(topic);
}

// The answers and hints of the topics named (all when none are), for a view or an export that shows them.
export function loadQuestions(app, topicIds) {
  const { fw } = app.ix;
  const topics = topicIds ? topicIds.map((id) => app.ix.topics.get(id)).filter(Boolean) : fw.topics;
  return Promise.all(topics.map((t) => loadTopic(fw, app.frameworkUrl, t)));
}

// Each topic's steps, from the file assessment.json names; resolves when every topic has them.
export function loadSteps(app) {
  const { fw } = app.ix;
  if (stepsReady(app.ix)) return Promise.resolve();
  return once(app, "steps", async () => {
    const data = await fetchJson(new URL(fw.steps, app.frameworkUrl).href);
    if (!data || data.version !== fw.version || typeof data.steps !== "object") throw new Error("the guidance is for another version");
    for (const t of fw.topics) t.steps = Array.isArray(data.steps[t.id]) ? data.steps[t.id] : [];
    app.ix.stepsLoaded = true;
  });
}

// The published benchmarks, or null when the site has none; app.bench is undefined until then.
export function loadBenchmarks(app) {
  if (app.bench !== undefined) return Promise.resolve(app.bench);
  return once(app, "bench", async () => {
    let b = null;
    try {
      b = await fetchJson(new URL(app.root.getAttribute("data-benchmarks"), location.href).href);
    } catch (e) {
      b = null; // no benchmarks on this site: the comparison says so
    }
    const usable = b && Array.isArray(b.rounds) && b.rounds.length && Array.isArray(b.groups) && Array.isArray(b.cells);
    app.bench = usable ? b : null;
    return app.bench;
  });
}

const lazyViews = [];

// A view whose module loads the first time it is shown (or preloaded), so that the page opens with the
// questions' code only. The view renders as any other: a loading line stands in until the module is here.
export function lazyView(load, name) {
  let render = null;
  let loading = null;
  const get = () => loading || (loading = load().then((m) => { render = m[name]; }, (e) => { loading = null; throw e; }));
  const view = (app, panel) => {
    if (render) return render(app, panel);
    const box = h("div", {});
    panel.append(box);
    whenLoaded(box, get(), () => { box.remove(); render(app, panel); }, "this part of the page");
    return undefined;
  };
  lazyViews.push(get);
  return view;
}

// Every view's module, once there is a result to show: printing then has all it needs at once.
export function preloadViews() {
  return Promise.all(lazyViews.map((get) => get()));
}

// Fill `box` once `ready` resolves, saying meanwhile that it is loading; focus stays where it was.
export function whenLoaded(box, ready, fill, what) {
  const wait = h("p", { class: "dmf-loading" }, "Loading " + what + "\u2026");
  box.append(wait);
  ready.then(() => {
    if (!wait.isConnected) return;
    wait.remove();
    fill();
  }, () => {
    if (wait.isConnected) wait.replaceWith(h("p", { class: "dmf-error" }, "The " + what + " could not be loaded. Reload the page to try again."));
  });
}
