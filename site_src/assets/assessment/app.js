// The self-assessment's frame: saved answers, the row of views, the notice about saved answers, and the
// status line that screen readers announce. Each view is a function in its own module.
import { emptyDoc, readDoc } from "./answers.js";
import { lazyView } from "./data.js";
import { h, MAX_ERRORS_SHOWN } from "./dom.js";
import { indexFramework, pageUrl, topicResults } from "./framework.js";
import { renderQuestionnaire } from "./questionnaire-view.js";
import { describeLost } from "./names.js";
import { cappedNotice, clearSaved, keepUnreadable, readPosition, readSaved, storageKey, writeDoc, writeNotice, writePosition } from "./storage.js";

// The facilitator's views load when first opened, so the page is lighter to open for everyone else.
const later = (load) => (app, panel) => {
  const heading = panel.firstChild;
  return load().then((render) => {
    if (panel.firstChild === heading) render(app, panel); // not drawn again meanwhile
  });
};
const renderCombine = later(() => import("./combine-view.js").then((m) => m.renderCombine));
const renderAgenda = later(() => import("./agenda-view.js").then((m) => m.renderAgenda));
const renderSubmission = later(() => import("./submission-view.js").then((m) => m.renderSubmission));
const renderProgress = later(() => import("./progress-view.js").then((m) => m.renderProgress));

// The questions come with the page; every other view's module loads when it is first needed (data.js).
const renderResult = lazyView(() => import("./result-view.js"), "renderResult");
const renderRoadmap = lazyView(() => import("./roadmap-view.js"), "renderRoadmap");
const renderCompare = lazyView(() => import("./compare-view.js"), "renderCompare");
const renderSave = lazyView(() => import("./save-view.js"), "renderSave");

const VIEWS = [
  { id: "questions", title: "Questions", render: renderQuestionnaire },
  { id: "result", title: "Your result", render: renderResult },
  { id: "roadmap", title: "Roadmap", render: renderRoadmap },
  { id: "compare", title: "Compare", render: renderCompare },
  { id: "progress", title: "Progress since last time", render: renderProgress },
  { id: "combine", title: "Combine answers", render: renderCombine },
  { id: "agenda", title: "Agenda", render: renderAgenda },
  { id: "submit", title: "Prepare a benchmark submission", render: renderSubmission },
  { id: "save", title: "Save or start again", render: renderSave },
];

export class App {
  constructor(root, fw, bench, frameworkUrl) {
    this.root = root;
    this.frameworkUrl = frameworkUrl;
    this.ix = indexFramework(fw);
    this.fw = fw;
    this.bench = bench;
    this.key = storageKey(fw);
    this.section = 0;
    this.loadSaved();
    // Back where the person was: the same view, and the same section of the questions.
    const at = readPosition(this.key);
    const section = at ? fw.topics.findIndex((t) => t.id === at.topic) : -1;
    if (section >= 0) this.section = section;
    this.build(at && VIEWS.some(({ id }) => id === at.view) ? at.view : "questions");
  }

  /* --- saved answers --- */

  loadSaved() {
    this.doc = emptyDoc(this.ix);
    const { text, notice } = readSaved(this.key);
    this.notice = notice;
    if (!text) return;
    let raw;
    try {
      raw = JSON.parse(text);
    } catch (e) {
      raw = null;
    }
    const read = readDoc(raw, this.ix);
    if (read.errors) {
      // Keep the unreadable copy rather than overwrite it, and say so.
      keepUnreadable(this.key, text);
      this.notice = cappedNotice({ unreadable: true, errors: read.errors });
      this.saveNotice();
      return;
    }
    this.doc = read.doc;
    if (read.from !== this.fw.version) {
      this.notice = cappedNotice({ from: read.from, notCarried: read.notCarried });
      this.saveNotice();
      this.save();
    }
  }

  save() {
    this.storageBroken = !writeDoc(this.key, this.doc);
    if (this.storageWarning) this.storageWarning.hidden = !this.storageBroken;
  }

  // A notice the browser would not keep is shown now with a line that says it will not come back.
  saveNotice() {
    this.noticeNotKept = !writeNotice(this.key, this.notice);
  }

  savePosition() {
    writePosition(this.key, { view: this.view, topic: this.fw.topics[this.section].id });
  }

  // Replace the answers with a document read from a file, and say what could not be carried over.
  replaceDoc(read) {
    this.doc = read.doc;
    this.save();
    this.notice = read.from !== this.fw.version ? cappedNotice({ from: read.from, notCarried: read.notCarried }) : null;
    this.saveNotice();
    this.renderNotice();
  }

  // Replace the answers with a team's combined answers (combine-view.js made the document).
  replaceWithCombined(doc) {
    this.doc = doc;
    this.save();
    this.notice = null;
    this.saveNotice();
    this.renderNotice();
  }

  clear() {
    this.doc = emptyDoc(this.ix);
    clearSaved(this.key);
    this.notice = null;
    this.renderNotice();
    this.section = 0;
  }

  results() {
    return topicResults(this.ix, this.doc.answers);
  }

  pageUrl(topic, hash) {
    return pageUrl(this.frameworkUrl, topic, hash);
  }

  /* --- layout --- */

  build(view) {
    this.root.replaceChildren();
    this.root.classList.add("dmf-ready");
    this.status = h("div", { class: "dmf-status", role: "status" });
    this.storageWarning = h("p", { class: "dmf-warning", hidden: !this.storageBroken },
      "This browser is not letting the page save your answers. Export them before you leave the page.");
    this.noticeBox = h("div", { class: "dmf-notice-area" });
    this.tabs = {};
    this.panels = {};
    const list = h("ul", {});
    for (const { id, title } of VIEWS) {
      this.tabs[id] = h("button", { type: "button", class: "dmf-view-button", "data-view": id, onclick: () => this.show(id, true) }, title);
      list.append(h("li", {}, this.tabs[id]));
      this.panels[id] = h("section", { class: "dmf-panel dmf-panel-" + id, "data-view": id, hidden: true, "aria-labelledby": "dmf-" + id + "-title" });
    }
    this.root.append(
      h("nav", { class: "dmf-views", "aria-label": "Self-assessment" }, list),
      this.storageWarning, this.noticeBox, this.status,
      ...VIEWS.map(({ id }) => this.panels[id]),
    );
    this.renderNotice();
    this.show(view, false);
  }

  say(text) {
    // Clear first so that the same message is announced again.
    this.status.textContent = "";
    setTimeout(() => { this.status.textContent = text; }, 50);
  }

  show(view, focus) {
    this.view = view;
    this.savePosition();
    this.root.setAttribute("data-view", view); // print styles follow the open view
    for (const { id } of VIEWS) {
      this.panels[id].hidden = id !== view;
      if (id === view) this.tabs[id].setAttribute("aria-current", "page");
      else this.tabs[id].removeAttribute("aria-current");
    }
    const drawn = this.render(view);
    if (focus) this.panels[view].querySelector("h2").focus();
    return drawn;
  }

  render(view) {
    const panel = this.panels[view];
    panel.replaceChildren();
    const { title, render } = VIEWS.find(({ id }) => id === view);
    panel.append(h("h2", { id: "dmf-" + view + "-title", tabindex: "-1" }, title));
    return Promise.resolve(render(this, panel)); // resolves once a view that loads later is drawn
  }

  // Ask before something that cannot be undone; the question takes focus, and either answer closes it.
  confirm(box, id, question, yes, no, onYes) {
    box.replaceChildren(h("div", { class: "dmf-confirm", role: "group", "aria-labelledby": id },
      h("p", { id, tabindex: "-1" }, question),
      h("div", { class: "dmf-actions" },
        h("button", { type: "button", class: "dmf-button dmf-warning-button", onclick: () => { box.replaceChildren(); onYes(); } }, yes),
        h("button", { type: "button", class: "dmf-button dmf-secondary", onclick: () => { box.replaceChildren(); this.say("Nothing was changed."); } }, no))));
    box.querySelector("p").focus();
  }

  renderNotice() {
    this.noticeBox.replaceChildren();
    const n = this.notice;
    if (!n) return;
    const box = h("div", { class: "dmf-notice", role: "region", "aria-labelledby": "dmf-notice-title" });
    if (n.unreadable) {
      box.append(
        h("h2", { id: "dmf-notice-title" }, "Your saved answers could not be read"),
        h("p", {}, "The answers saved in this browser could not be used, so the page started afresh. A copy is kept in this browser and was not overwritten."),
        h("ul", {}, n.errors.slice(0, MAX_ERRORS_SHOWN).map((e) => h("li", {}, e)),
          more(Math.max(0, n.errors.length - MAX_ERRORS_SHOWN) + (n.more || 0))),
      );
    } else if (n.notCarried && n.notCarried.length) {
      box.append(
        h("h2", { id: "dmf-notice-title" }, "Some answers could not be carried over"),
        h("p", {}, "Your answers were saved against version " + n.from + " of the framework. This is version " +
          this.fw.version + ". These could not be carried over, so check the topics they belong to:"),
        h("ul", {}, n.notCarried.map((x) => h("li", {}, describeLost(this.ix, x))), more(n.more || 0)),
      );
    } else {
      box.append(
        h("h2", { id: "dmf-notice-title" }, "Your answers were updated"),
        h("p", {}, "Your answers were saved against version " + n.from + " of the framework and have all been carried over to version " + this.fw.version + "."),
      );
    }
    if (this.noticeNotKept) box.append(h("p", {}, "This browser would not keep this message, so it will not be shown again after you leave the page."));
    box.append(h("button", { type: "button", class: "dmf-button dmf-secondary", onclick: () => {
      this.notice = null;
      this.saveNotice();
      this.renderNotice();
      this.panels[this.view].querySelector("h2").focus();
    } }, "Dismiss this message"));
    this.noticeBox.append(box);
  }
}

function more(n) {
  return n > 0 ? h("li", {}, "and " + n.toLocaleString("en-GB") + " more") : null;
}
