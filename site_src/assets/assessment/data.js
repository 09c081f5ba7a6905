// What the page fetches after it has opened: the guidance for each step up (once there is a result to show)
// and the published benchmarks (once the comparison is opened). Nothing else is fetched, and nothing is sent.
import { h } from "./dom.js";
import { stepsReady } from "./framework.js";

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
