// The self-assessment: questions, result, roadmap and peer comparison, all in the browser.
// Everything about the framework (topics, questions, levels, guidance, the scoring rule) comes from
// framework.json, which the build writes; nothing here repeats it. Answers stay in localStorage and
// are never sent anywhere. All text is set with textContent, never parsed as HTML.
(function () {
  "use strict";

  if (window.dmfAssessment) {
    // Instant navigation inserted this script again: the first copy is still subscribed.
    window.dmfAssessment.start();
    return;
  }

  const FORMAT = "dmf-self-assessment";
  const FORMAT_VERSION = 1;
  const NA = "na";
  const UNKNOWN = "unknown";
  const NOT_LEVELS = [NA, UNKNOWN];
  const MAX_IMPORT_BYTES = 2 * 1024 * 1024;
  const MAX_NOTE = 5000;
  const MAX_OWNER = 200;
  const MAX_ERRORS_SHOWN = 10;
  const MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August",
    "September", "October", "November", "December"];

  /* ---------- The scoring rule (generator/scoring.py implements the same; a test checks both agree) ---------- */

  function isLevel(a) {
    return typeof a === "number" && Number.isInteger(a);
  }

  // The topic's level from its answers, or null when too few have a level. Levels are ordinal, so
  // 'median' is the lower median (always an answered level) and nothing is averaged; 'na' and
  // 'unknown' are left out, never counted as zero.
  function topicLevel(answers, rule, minimumAnswers) {
    const levels = answers.filter(isLevel).sort((a, b) => a - b);
    if (levels.length < Math.max(1, minimumAnswers || 1)) return null;
    if (rule === "median") return levels[Math.floor((levels.length - 1) / 2)];
    if (rule === "minimum") return levels[0];
    throw new Error("unknown scoring rule " + rule);
  }

  // How many answered questions must reach `next` for the topic to reach it (the easiest next step).
  function answersToNext(answers, rule, minimumAnswers, next) {
    const levels = answers.filter(isLevel);
    const n = levels.length;
    if (n < Math.max(1, minimumAnswers || 1)) return null;
    const already = levels.filter((l) => l >= next).length;
    // Median: the lower median reaches `next` once n - floor((n - 1) / 2) answers do. Minimum: all of them.
    const needed = rule === "median" ? n - Math.floor((n - 1) / 2) : n;
    return Math.max(0, needed - already);
  }

  // Shares of a group below, at and above a level, from a benchmark cell's shares by level.
  function position(shares, level) {
    const out = { below: 0, at: 0, above: 0 };
    for (const [key, share] of Object.entries(shares || {})) {
      const n = Number(key);
      if (n < level) out.below += share;
      else if (n === level) out.at += share;
      else out.above += share;
    }
    return out;
  }

  function percent(share) {
    return Math.round(share * 100) + "%";
  }

  /* ---------- Reading the framework ---------- */

  function indexFramework(fw) {
    const questions = new Map();
    const topics = new Map();
    for (const t of fw.topics) {
      topics.set(t.id, t);
      for (const q of t.questions) questions.set(q.id, { q, topic: t });
    }
    const levelNumbers = fw.levels.map((l) => l.number).sort((a, b) => a - b);
    const levelByNumber = new Map(fw.levels.map((l) => [l.number, l]));
    const themeOf = new Map();
    for (const th of fw.themes) for (const id of th.topics) themeOf.set(id, th);
    return { fw, questions, topics, levelNumbers, levelByNumber, themeOf };
  }

  function levelLabel(ix, n) {
    const lv = ix.levelByNumber.get(n);
    return lv ? n + ". " + lv.name : String(n);
  }

  function nextLevel(ix, n) {
    const i = ix.levelNumbers.indexOf(n);
    return i >= 0 && i + 1 < ix.levelNumbers.length ? ix.levelNumbers[i + 1] : null;
  }

  // Framework prose is Markdown; here it is shown as plain text, so drop the marks that would show.
  function plain(text) {
    return String(text || "")
      .replace(/\[([^\]]*)\]\([^)]*\)/g, "$1")
      .replace(/(\*\*|__|`)/g, "")
      .replace(/\s+/g, " ")
      .trim();
  }

  function topicResults(ix, answers) {
    const { rule, minimum_answers: min } = ix.fw.scoring;
    return ix.fw.topics.map((topic, order) => {
      const values = topic.questions.map((q) => answers[q.id]).filter((v) => v !== undefined);
      const level = topicLevel(values, rule, min);
      const next = level === null ? null : nextLevel(ix, level);
      return {
        topic,
        order,
        level,
        next,
        toNext: next === null ? null : answersToNext(values, rule, min, next),
        answered: values.filter(isLevel).length,
        na: values.filter((v) => v === NA).length,
        unknown: values.filter((v) => v === UNKNOWN).length,
        total: topic.questions.length,
      };
    });
  }

  function crossingLevel(ix, topic, crossingId, answers) {
    const qs = topic.questions.filter((q) => q.crossing === crossingId);
    if (!qs.length) return undefined;
    const values = qs.map((q) => answers[q.id]).filter((v) => v !== undefined);
    return topicLevel(values, ix.fw.scoring.rule, ix.fw.scoring.minimum_answers);
  }

  /* ---------- Saved answers: one versioned document ---------- */

  function emptyDoc(fw) {
    return {
      format: FORMAT,
      formatVersion: FORMAT_VERSION,
      framework: { id: fw.id, version: fw.version },
      answers: {},
      notes: {},
      roadmap: { start: null, targets: {}, owners: {} },
      comparison: { orgType: null, sizeBand: null },
    };
  }

  function isPlainObject(v) {
    return v !== null && typeof v === "object" && !Array.isArray(v);
  }

  function hasContent(doc) {
    return Object.keys(doc.answers).length > 0 || Object.keys(doc.notes).length > 0 ||
      Object.keys(doc.roadmap.targets).length > 0 || Object.keys(doc.roadmap.owners).length > 0;
  }

  // Check a saved or imported document and bring it to the current framework version.
  // Returns {errors} when it cannot be read at all, else {doc, notCarried, from}.
  function readDoc(raw, ix) {
    const fw = ix.fw;
    const errors = [];
    if (!isPlainObject(raw) || raw.format !== FORMAT) {
      return { errors: ["The file is not a self-assessment saved by this site."] };
    }
    if (raw.formatVersion !== FORMAT_VERSION) {
      const newer = isLevel(raw.formatVersion) && raw.formatVersion > FORMAT_VERSION;
      return { errors: [newer ? "The file was saved by a newer version of this page. Reload the page and try again."
        : "The file's format version is not one this page can read."] };
    }
    const f = raw.framework;
    if (!isPlainObject(f) || typeof f.id !== "string" || typeof f.version !== "string") {
      return { errors: ["The file does not say which framework and version its answers belong to."] };
    }
    if (f.id !== fw.id) {
      return { errors: ["The file holds answers for a different framework (" + f.id + "), not this one (" + fw.id + ")."] };
    }
    const answers = raw.answers === undefined ? {} : raw.answers;
    const notes = raw.notes === undefined ? {} : raw.notes;
    const roadmap = raw.roadmap === undefined ? {} : raw.roadmap;
    const comparison = raw.comparison === undefined ? {} : raw.comparison;
    if (!isPlainObject(answers)) errors.push("'answers' must be a list of question ids and answers.");
    else for (const [id, v] of Object.entries(answers)) {
      if (!(isLevel(v) && v >= 0 && v <= 7) && !NOT_LEVELS.includes(v)) {
        errors.push("The answer to question '" + id + "' is not a level, 'na' or 'unknown'.");
      }
    }
    if (!isPlainObject(notes)) errors.push("'notes' must be a list of topic ids and notes.");
    else for (const [id, v] of Object.entries(notes)) {
      if (typeof v !== "string") errors.push("The note for topic '" + id + "' is not text.");
      else if (v.length > MAX_NOTE) errors.push("The note for topic '" + id + "' is longer than " + MAX_NOTE + " characters.");
    }
    if (!isPlainObject(roadmap)) errors.push("'roadmap' is not in the right form.");
    else {
      if (roadmap.start !== undefined && roadmap.start !== null &&
          !(typeof roadmap.start === "string" && /^\d{4}-Q[1-4]$/.test(roadmap.start))) {
        errors.push("The roadmap's start is not a quarter such as 2027-Q1.");
      }
      const targets = roadmap.targets === undefined ? {} : roadmap.targets;
      if (!isPlainObject(targets)) errors.push("The roadmap's targets are not in the right form.");
      else for (const [id, v] of Object.entries(targets)) {
        if (!isLevel(v)) errors.push("The roadmap target for topic '" + id + "' is not a level.");
      }
      const owners = roadmap.owners === undefined ? {} : roadmap.owners;
      if (!isPlainObject(owners)) errors.push("The roadmap's owners are not in the right form.");
      else for (const [key, v] of Object.entries(owners)) {
        if (typeof v !== "string" || v.length > MAX_OWNER || !/^[^:]+:\d+$/.test(key)) {
          errors.push("The roadmap owner '" + key + "' is not in the right form.");
        }
      }
    }
    if (!isPlainObject(comparison)) errors.push("'comparison' is not in the right form.");
    else for (const k of ["orgType", "sizeBand"]) {
      const v = comparison[k];
      if (v !== undefined && v !== null && (typeof v !== "string" || v.length > 200)) {
        errors.push("The comparison's '" + k + "' is not in the right form.");
      }
    }
    if (errors.length) return { errors };

    const sameVersion = f.version === fw.version;
    const mapping = sameVersion ? null : (fw.id_changes || {})[f.version];
    if (sameVersion) {
      // The same version: every id must exist. A file naming others has been changed by hand.
      const unknown = Object.keys(answers).filter((id) => !ix.questions.has(id))
        .concat(Object.keys(notes).filter((id) => !ix.topics.has(id)))
        .concat(Object.keys(roadmap.targets || {}).filter((id) => !ix.topics.has(id)))
        .concat(Object.keys(roadmap.owners || {}).map((key) => key.split(":")[0]).filter((id) => !ix.topics.has(id)));
      for (const id of unknown) errors.push("The file names '" + id + "', which is not in version " + fw.version + " of the framework.");
      for (const [id, v] of Object.entries(answers)) {
        if (isLevel(v) && !ix.levelByNumber.has(v)) errors.push("The answer to question '" + id + "' is level " + v + ", which this framework does not have.");
      }
      if (errors.length) return { errors };
    }
    const doc = emptyDoc(fw);
    const notCarried = [];
    const mapped = isPlainObject(mapping);
    const has = (obj, key) => Object.prototype.hasOwnProperty.call(obj, key);
    // Questions move through the framework's id mapping (generator/changes.py): it lists every question
    // of the old version, with the current ids each became; an empty list means removed.
    const questionTargets = (id) => {
      if (sameVersion) return { to: [id] };
      if (!mapped) return { to: [], reason: "this site does not say how version " + f.version + " maps to version " + fw.version };
      if (!has(mapping, id)) return { to: [], reason: "it is not a question of version " + f.version };
      const to = Array.isArray(mapping[id]) ? mapping[id].filter((x) => typeof x === "string" && ix.questions.has(x)) : [];
      return to.length ? { to } : { to, reason: "it was removed after version " + f.version };
    };
    // Topics keep their ids across versions; notes and plans for a topic that is gone cannot move.
    const topicTargets = (id) => (ix.topics.has(id) ? { to: [id] } : { to: [], reason: "version " + fw.version + " has no topic with this id" });
    const merged = new Map();
    for (const [id, v] of Object.entries(answers)) {
      const { to, reason } = questionTargets(id);
      if (!to.length) notCarried.push({ kind: "answer", id, reason });
      else if (isLevel(v) && !ix.levelByNumber.has(v)) notCarried.push({ kind: "answer", id, reason: "level " + v + " no longer exists" });
      else for (const nid of to) merged.set(nid, (merged.get(nid) || []).concat([v]));
    }
    for (const [nid, given] of merged) doc.answers[nid] = mergeAnswers(given);
    for (const [id, v] of Object.entries(notes)) {
      const { to, reason } = topicTargets(id);
      if (!to.length) notCarried.push({ kind: "note", id, reason });
      for (const nid of to) doc.notes[nid] = v;
    }
    for (const [id, v] of Object.entries(roadmap.targets || {})) {
      const { to, reason } = topicTargets(id);
      if (!to.length) notCarried.push({ kind: "target", id, reason });
      else if (!ix.levelByNumber.has(v)) notCarried.push({ kind: "target", id, reason: "level " + v + " no longer exists" });
      else doc.roadmap.targets[id] = v;
    }
    for (const [key, v] of Object.entries(roadmap.owners || {})) {
      const { to, reason } = topicTargets(key.split(":")[0]);
      if (!to.length) notCarried.push({ kind: "owner", id: key, reason });
      else doc.roadmap.owners[key] = v;
    }
    doc.roadmap.start = roadmap.start || null;
    doc.comparison.orgType = comparison.orgType || null;
    doc.comparison.sizeBand = comparison.sizeBand || null;
    return { doc, notCarried, from: f.version };
  }

  // Several old answers carried to one question: the lowest level wins, and 'na' or 'unknown' only when
  // none has a level ('na' first). The rule of migrate_answers in generator/changes.py.
  function mergeAnswers(given) {
    const levels = given.filter(isLevel);
    if (levels.length) return Math.min(...levels);
    const others = given.filter((a) => NOT_LEVELS.includes(a)).sort((a, b) => NOT_LEVELS.indexOf(a) - NOT_LEVELS.indexOf(b));
    return others.length ? others[0] : given[0];
  }

  /* ---------- Roadmap: steps up laid out over quarters ---------- */

  // A step's typical time in months, from text such as "3 to 6 months" (the upper end), "1 year" or "6 weeks".
  function months(timescale) {
    const text = String(timescale || "").toLowerCase();
    const numbers = (text.match(/\d+(?:\.\d+)?/g) || []).map(Number);
    const unit = /year/.test(text) ? 12 : /week/.test(text) ? 12 / 52 : 1;
    if (!numbers.length) return unit === 12 ? 12 : 3;
    return Math.max(1, Math.ceil(Math.max(...numbers) * unit));
  }

  function quarterIndex(text) {
    const m = /^(\d{4})-Q([1-4])$/.exec(text || "");
    return m ? Number(m[1]) * 4 + Number(m[2]) - 1 : null;
  }

  function quarterText(index) {
    return Math.floor(index / 4) + "-Q" + ((index % 4) + 1);
  }

  function quarterLabel(index) {
    const q = index % 4;
    return MONTHS[q * 3] + " to " + MONTHS[q * 3 + 2] + " " + Math.floor(index / 4);
  }

  function nextQuarter(date) {
    return date.getFullYear() * 4 + Math.floor(date.getMonth() / 3) + 1;
  }

  // Milestones for each priority topic: every step from its level now to its target, one after another.
  function plan(ix, results, roadmap, start) {
    const out = [];
    for (const r of results) {
      const target = roadmap.targets[r.topic.id];
      if (!isLevel(target)) continue;
      let level = r.level === null ? ix.levelNumbers[0] : r.level;
      let quarters = 0;
      while (level < target) {
        const next = nextLevel(ix, level);
        if (next === null) break;
        const step = r.topic.steps.find((s) => s.from === level);
        quarters += Math.max(1, Math.ceil(months(step && step.timescale) / 3));
        out.push({ topic: r.topic, order: r.order, from: level, to: next, step, due: start + quarters - 1, guessed: r.level === null });
        level = next;
      }
    }
    return out.sort((a, b) => a.due - b.due || a.order - b.order || a.from - b.from);
  }

  /* ---------- Export ---------- */

  // A CSV cell; text that a spreadsheet would run as a formula starts with an apostrophe instead.
  function csvCell(value) {
    let s = value === null || value === undefined ? "" : String(value);
    if (/^[=+\-@\t\r]/.test(s)) s = "'" + s;
    return '"' + s.replace(/"/g, '""') + '"';
  }

  function toCsv(rows) {
    return "\ufeff" + rows.map((row) => row.map(csvCell).join(",")).join("\r\n") + "\r\n";
  }

  function download(name, type, text) {
    const url = URL.createObjectURL(new Blob([text], { type }));
    const a = document.createElement("a");
    a.href = url;
    a.download = name;
    document.body.append(a);
    a.click();
    a.remove();
    setTimeout(() => URL.revokeObjectURL(url), 10000);
  }

  /* ---------- Building the page ---------- */

  function h(tag, attrs, ...children) {
    const el = document.createElement(tag);
    for (const [k, v] of Object.entries(attrs || {})) {
      if (v === null || v === undefined || v === false) continue;
      if (k.startsWith("on")) el.addEventListener(k.slice(2), v);
      else if (k === "class") el.className = v;
      else if (v === true) el.setAttribute(k, "");
      else el.setAttribute(k, String(v));
    }
    for (const c of children.flat(Infinity)) {
      if (c === null || c === undefined || c === false) continue;
      el.append(c instanceof Node ? c : document.createTextNode(String(c)));
    }
    return el;
  }

  function tableWrap(label, table) {
    // Wide tables scroll inside a region that keyboard users can reach and that says what it holds.
    return h("div", { class: "dmf-scroll", tabindex: "0", role: "region", "aria-label": label }, table);
  }

  const VIEWS = [
    ["questions", "Questions"],
    ["result", "Your result"],
    ["roadmap", "Roadmap"],
    ["compare", "Compare"],
    ["save", "Save or start again"],
  ];

  class App {
    constructor(root, fw, bench, frameworkUrl) {
      this.root = root;
      this.frameworkUrl = frameworkUrl;
      this.ix = indexFramework(fw);
      this.fw = fw;
      this.bench = bench;
      this.key = FORMAT + ":" + fw.id;
      this.section = 0;
      this.loadSaved();
      this.build();
    }

    /* --- storage --- */

    loadSaved() {
      this.doc = emptyDoc(this.fw);
      this.notice = null;
      let text = null;
      try {
        text = localStorage.getItem(this.key);
        const n = JSON.parse(localStorage.getItem(this.key + ":notice") || "null");
        // Only a notice this page wrote is shown again.
        if (isPlainObject(n) && (n.unreadable ? Array.isArray(n.errors) : typeof n.from === "string" && Array.isArray(n.notCarried))) this.notice = n;
      } catch (e) {
        this.notice = null;
      }
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
        try { localStorage.setItem(this.key + ":unreadable", text); } catch (e) { /* nothing more to do */ }
        this.notice = { unreadable: true, errors: read.errors };
        this.saveNotice();
        return;
      }
      this.doc = read.doc;
      if (read.from !== this.fw.version) {
        this.notice = { from: read.from, notCarried: read.notCarried };
        this.saveNotice();
        this.save();
      }
    }

    save() {
      try {
        localStorage.setItem(this.key, JSON.stringify(this.doc));
        this.storageBroken = false;
      } catch (e) {
        this.storageBroken = true;
      }
      if (this.storageWarning) this.storageWarning.hidden = !this.storageBroken;
    }

    saveNotice() {
      try {
        if (this.notice) localStorage.setItem(this.key + ":notice", JSON.stringify(this.notice));
        else localStorage.removeItem(this.key + ":notice");
      } catch (e) { /* the notice is shown this time anyway */ }
    }

    /* --- layout --- */

    build() {
      this.root.replaceChildren();
      this.root.classList.add("dmf-ready");
      this.status = h("div", { class: "dmf-status", role: "status" });
      this.storageWarning = h("p", { class: "dmf-warning", hidden: !this.storageBroken },
        "This browser is not letting the page save your answers. Export them before you leave the page.");
      this.noticeBox = h("div", { class: "dmf-notice-area" });
      this.tabs = {};
      this.panels = {};
      const list = h("ul", {});
      for (const [id, label] of VIEWS) {
        this.tabs[id] = h("button", { type: "button", class: "dmf-view-button", "data-view": id, onclick: () => this.show(id, true) }, label);
        list.append(h("li", {}, this.tabs[id]));
        this.panels[id] = h("section", { class: "dmf-panel dmf-panel-" + id, "data-view": id, hidden: true, "aria-labelledby": "dmf-" + id + "-title" });
      }
      this.root.append(
        h("nav", { class: "dmf-views", "aria-label": "Self-assessment" }, list),
        this.storageWarning, this.noticeBox, this.status,
        ...VIEWS.map(([id]) => this.panels[id]),
      );
      this.renderNotice();
      this.show("questions", false);
    }

    say(text) {
      // Clear first so that the same message is announced again.
      this.status.textContent = "";
      setTimeout(() => { this.status.textContent = text; }, 50);
    }

    show(view, focus) {
      this.view = view;
      for (const [id] of VIEWS) {
        this.panels[id].hidden = id !== view;
        if (id === view) this.tabs[id].setAttribute("aria-current", "page");
        else this.tabs[id].removeAttribute("aria-current");
      }
      this.render(view);
      if (focus) this.panels[view].querySelector("h2").focus();
    }

    render(view) {
      const panel = this.panels[view];
      panel.replaceChildren();
      const title = VIEWS.find(([id]) => id === view)[1];
      const heading = h("h2", { id: "dmf-" + view + "-title", tabindex: "-1" }, title);
      panel.append(heading);
      this["render_" + view](panel);
    }

    renderNotice() {
      this.noticeBox.replaceChildren();
      const n = this.notice;
      if (!n) return;
      const box = h("div", { class: "dmf-notice", role: "region", "aria-labelledby": "dmf-notice-title" });
      if (n.unreadable) {
        box.append(
          h("h2", { id: "dmf-notice-title" }, "Your saved answers could not be read"),
          h("p", {}, "The answers saved in this browser are damaged, so the page started afresh. A copy is kept in this browser and was not overwritten."),
          h("ul", {}, n.errors.slice(0, MAX_ERRORS_SHOWN).map((e) => h("li", {}, e))),
        );
      } else if (n.notCarried && n.notCarried.length) {
        box.append(
          h("h2", { id: "dmf-notice-title" }, "Some answers could not be carried over"),
          h("p", {}, "Your answers were saved against version " + n.from + " of the framework. This is version " +
            this.fw.version + ". These could not be carried over, so check the topics they belong to:"),
          h("ul", {}, n.notCarried.map((x) => h("li", {}, this.describeLost(x)))),
        );
      } else {
        box.append(
          h("h2", { id: "dmf-notice-title" }, "Your answers were updated"),
          h("p", {}, "Your answers were saved against version " + n.from + " of the framework and have all been carried over to version " + this.fw.version + "."),
        );
      }
      box.append(h("button", { type: "button", class: "dmf-button dmf-secondary", onclick: () => {
        this.notice = null;
        this.saveNotice();
        this.renderNotice();
        this.panels[this.view].querySelector("h2").focus();
      } }, "Dismiss this message"));
      this.noticeBox.append(box);
    }

    describeLost(x) {
      const what = { answer: "Your answer to question", note: "Your note on topic", target: "Your roadmap target for topic", owner: "A roadmap owner for" }[x.kind];
      return what + " '" + x.id + "': " + x.reason + ".";
    }

    setAnswer(qid, value) {
      this.doc.answers[qid] = value;
      this.save();
      this.updateProgress();
    }

    /* --- questions --- */

    answeredCount(topic) {
      return topic.questions.filter((q) => this.doc.answers[q.id] !== undefined).length;
    }

    render_questions(panel) {
      const fw = this.fw;
      const total = fw.topics.reduce((n, t) => n + t.questions.length, 0);
      this.progressText = h("p", { id: "dmf-progress-text", class: "dmf-progress-text" });
      this.progressBar = h("progress", { max: total, value: 0, "aria-labelledby": "dmf-progress-text" });
      this.sectionButtons = new Map();
      const nav = h("ol", { class: "dmf-section-list" });
      for (const th of fw.themes) {
        const inner = h("ol", {});
        for (const id of th.topics) {
          const i = fw.topics.findIndex((t) => t.id === id);
          const count = h("span", { class: "dmf-count" });
          const b = h("button", { type: "button", class: "dmf-section-button", onclick: () => this.goSection(i) },
            h("span", {}, this.ix.topics.get(id).title), " ", count);
          this.sectionButtons.set(id, { button: b, count });
          inner.append(h("li", {}, b));
        }
        nav.append(h("li", {}, h("span", { class: "dmf-theme-name" }, th.title), inner));
      }
      const wide = window.matchMedia("(min-width: 60em)").matches;
      this.sectionBody = h("div", { class: "dmf-section" });
      panel.append(
        h("div", { class: "dmf-progress" }, this.progressText, this.progressBar),
        h("div", { class: "dmf-questions-layout" },
          h("details", { class: "dmf-sections", open: wide },
            h("summary", {}, "All sections"),
            h("nav", { "aria-label": "Sections" }, nav)),
          this.sectionBody),
      );
      this.renderSection();
      this.updateProgress();
    }

    goSection(i) {
      this.section = i;
      this.renderSection();
      this.updateProgress();
      this.sectionBody.querySelector("h3").focus();
    }

    renderSection() {
      const ix = this.ix;
      const topic = this.fw.topics[this.section];
      const theme = ix.themeOf.get(topic.id);
      const body = this.sectionBody;
      body.replaceChildren();
      body.append(
        h("p", { class: "dmf-eyebrow" }, "Section " + (this.section + 1) + " of " + this.fw.topics.length + (theme ? " · " + theme.title : "")),
        h("h3", { tabindex: "-1", id: "dmf-section-title" }, topic.title),
        h("p", {}, plain(topic.summary), " ", h("a", { href: this.pageUrl(topic) }, "Read about " + topic.title)),
      );
      topic.questions.forEach((q, n) => body.append(this.questionField(q, n)));
      const noteId = "dmf-note-" + topic.id;
      const note = h("textarea", { id: noteId, rows: "3", maxlength: String(MAX_NOTE), "aria-describedby": noteId + "-hint" }, this.doc.notes[topic.id] || "");
      note.addEventListener("input", () => {
        if (note.value) this.doc.notes[topic.id] = note.value;
        else delete this.doc.notes[topic.id];
        this.save();
      });
      body.append(h("div", { class: "dmf-field dmf-note" },
        h("label", { for: noteId }, "Notes on " + topic.title + " (optional)"),
        h("p", { class: "dmf-hint", id: noteId + "-hint" }, "For example, who you asked or what you would need to check. Notes stay in this browser."),
        note));
      const prev = this.section > 0 ? this.fw.topics[this.section - 1] : null;
      const next = this.section + 1 < this.fw.topics.length ? this.fw.topics[this.section + 1] : null;
      body.append(h("div", { class: "dmf-pager" },
        prev ? h("button", { type: "button", class: "dmf-button dmf-secondary", onclick: () => this.goSection(this.section - 1) }, "Previous: " + prev.title) : null,
        next ? h("button", { type: "button", class: "dmf-button", onclick: () => this.goSection(this.section + 1) }, "Next: " + next.title)
          : h("button", { type: "button", class: "dmf-button", onclick: () => this.show("result", true) }, "See your result")));
    }

    questionField(q, n) {
      const ix = this.ix;
      const name = "dmf-q-" + q.id;
      const current = this.doc.answers[q.id];
      const hintId = name + "-hint";
      const options = ix.levelNumbers.map((lv) => [String(lv), q.answers[String(lv)]])
        .concat([[NA, "Not applicable: this does not apply to us"], [UNKNOWN, "Not sure: I cannot tell"]]);
      const fs = h("fieldset", { class: "dmf-question", id: "dmf-question-" + q.id, "aria-describedby": q.hint ? hintId : null },
        h("legend", {}, (n + 1) + ". " + q.text));
      if (q.crossing && this.fw.crossing) {
        const cv = this.fw.crossing.values.find((c) => c.id === q.crossing);
        fs.append(h("p", { class: "dmf-crossing" }, this.fw.crossing.name + ": " + (cv ? cv.title : q.crossing)));
      }
      if (q.hint) fs.append(h("p", { class: "dmf-hint", id: hintId }, plain(q.hint)));
      options.forEach(([value, text], i) => {
        const id = name + "-" + value;
        const checked = String(current) === value;
        const input = h("input", { type: "radio", name, id, value, checked });
        input.addEventListener("change", () => {
          if (input.checked) this.setAnswer(q.id, NOT_LEVELS.includes(value) ? value : Number(value));
        });
        fs.append(h("div", { class: "dmf-option" + (i >= ix.levelNumbers.length ? " dmf-option-aside" : "") },
          input, h("label", { for: id }, plain(text))));
      });
      return fs;
    }

    updateProgress() {
      if (!this.progressText || !this.progressText.isConnected) return;
      const total = this.fw.topics.reduce((n, t) => n + t.questions.length, 0);
      const done = this.fw.topics.reduce((n, t) => n + this.answeredCount(t), 0);
      this.progressText.textContent = "You have answered " + done + " of " + total + " questions.";
      this.progressBar.value = done;
      this.fw.topics.forEach((t, i) => {
        const s = this.sectionButtons.get(t.id);
        s.count.textContent = "(" + this.answeredCount(t) + " of " + t.questions.length + ")";
        if (i === this.section) s.button.setAttribute("aria-current", "step");
        else s.button.removeAttribute("aria-current");
      });
    }

    pageUrl(topic, hash) {
      return new URL(topic.page, this.frameworkUrl).href + (hash ? "#" + hash : "");
    }

    /* --- result --- */

    results() {
      return topicResults(this.ix, this.doc.answers);
    }

    render_result(panel) {
      const ix = this.ix;
      const results = this.results();
      const scored = results.filter((r) => r.level !== null);
      const answered = Object.keys(this.doc.answers).length;
      const total = this.fw.topics.reduce((n, t) => n + t.questions.length, 0);
      panel.append(h("p", {}, "You have answered " + answered + " of " + total + " questions. " +
        scored.length + " of " + results.length + " topics have a level."));
      if (!scored.length) {
        panel.append(h("p", {}, "Answer the questions in at least one topic to see your result."),
          h("button", { type: "button", class: "dmf-button", onclick: () => this.show("questions", true) }, "Go to the questions"));
        return;
      }
      const top = ix.levelNumbers[ix.levelNumbers.length - 1];
      const strengths = scored.slice().sort((a, b) => b.level - a.level || a.order - b.order);
      const easiest = scored.filter((r) => r.next !== null)
        .sort((a, b) => a.toNext - b.toNext || b.level - a.level || a.order - b.order);
      panel.append(
        h("h3", {}, "Your strengths"),
        h("p", {}, "The topics where you are furthest along."),
        h("ul", { class: "dmf-strengths" }, strengths.slice(0, 3).map((r) =>
          h("li", {}, h("strong", {}, r.topic.title), ": " + levelLabel(ix, r.level)))),
      );
      if (easiest.length) {
        panel.append(
          h("h3", {}, "Where the next step is easiest"),
          h("p", {}, "The topics where the fewest answers need to move up for you to reach the next level."),
          h("ul", { class: "dmf-easiest" }, easiest.slice(0, 3).map((r) =>
            h("li", {}, h("strong", {}, r.topic.title), ": from " + levelLabel(ix, r.level) + " to " + levelLabel(ix, r.next) +
              " (" + r.toNext + (r.toNext === 1 ? " answer needs" : " answers need") + " to move up)"))),
        );
      }
      // Chart and table, strengths first.
      const ordered = strengths.concat(results.filter((r) => r.level === null));
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
            h("span", { class: "dmf-bar-value" }, r.level === null ? "No level yet" : levelLabel(ix, r.level)));
        }))));
      const table = h("table", { class: "dmf-table dmf-levels" },
        h("caption", {}, "Your level in each topic"),
        h("thead", {}, h("tr", {}, ["Topic", "Level", "With a level", "Not applicable", "Not sure"].map((c) => h("th", { scope: "col" }, c)))),
        h("tbody", {}, ordered.map((r) => h("tr", { "data-topic": r.topic.id, "data-level": r.level === null ? "" : r.level },
          h("th", { scope: "row" }, r.topic.title),
          h("td", {}, r.level === null ? "No level yet" : levelLabel(ix, r.level)),
          h("td", {}, r.answered + " of " + r.total),
          h("td", {}, r.na), h("td", {}, r.unknown)))));
      panel.append(tableWrap("Your level in each topic (table)", table));
      if (this.fw.crossing) this.renderMatrix(panel);
      this.renderNextSteps(panel, easiest.concat(results.filter((r) => r.next === null)));
      panel.append(h("div", { class: "dmf-actions" },
        h("button", { type: "button", class: "dmf-button", onclick: () => this.print() }, "Print your result and roadmap"),
        h("button", { type: "button", class: "dmf-button dmf-secondary", onclick: () => this.show("roadmap", true) }, "Plan your roadmap")));
    }

    renderMatrix(panel) {
      const cr = this.fw.crossing;
      panel.append(h("h3", {}, "Your level by topic and " + cr.name.toLowerCase()));
      const table = h("table", { class: "dmf-table dmf-matrix" },
        h("caption", {}, "Your level in each topic, for each " + cr.name.toLowerCase()),
        h("thead", {}, h("tr", {}, h("th", { scope: "col" }, "Topic"), cr.values.map((v) => h("th", { scope: "col" }, v.title)))),
        h("tbody", {}, this.fw.topics.map((t) => h("tr", { "data-topic": t.id }, h("th", { scope: "row" }, t.title),
          cr.values.map((v) => {
            const level = crossingLevel(this.ix, t, v.id, this.doc.answers);
            return h("td", { "data-crossing": v.id, "data-level": isLevel(level) ? level : "" },
              level === undefined ? "No questions" : level === null ? "No level yet" : levelLabel(this.ix, level));
          })))));
      panel.append(tableWrap("Your level by topic and " + cr.name.toLowerCase() + " (table)", table));
    }

    renderNextSteps(panel, results) {
      const ix = this.ix;
      panel.append(h("h3", {}, "Your next steps"),
        h("p", {}, "For each topic, what to do to move from your level to the next, easiest first."));
      for (const r of results) {
        if (r.level === null) continue;
        const det = h("details", { class: "dmf-step" });
        if (r.next === null) {
          det.append(h("summary", {}, r.topic.title + ": you are at the top level"),
            h("p", {}, "You are at " + levelLabel(ix, r.level) + ". Keep doing what works and help others learn from it. ",
              h("a", { href: this.pageUrl(r.topic) }, "Read about " + r.topic.title)));
        } else {
          const step = r.topic.steps.find((s) => s.from === r.level);
          det.append(h("summary", {}, r.topic.title + ": from " + levelLabel(ix, r.level) + " to " + levelLabel(ix, r.next)));
          if (step) {
            det.append(
              h("p", {}, "Typical time: " + step.timescale + "."),
              h("h4", {}, "Actions"), h("ol", {}, step.actions.map((a) => h("li", {}, plain(a)))),
              h("h4", {}, "Milestone"), h("p", {}, plain(step.milestone)),
              h("h4", {}, "Who to involve"), h("ul", {}, step.involve.map((a) => h("li", {}, plain(a)))),
              h("h4", {}, "Evidence of progress"), h("ul", {}, step.evidence.map((a) => h("li", {}, plain(a)))),
              h("h4", {}, "Share data safely"), h("p", {}, plain(step.sharing)),
            );
          }
          det.append(h("p", {}, h("a", { href: this.pageUrl(r.topic, "step-" + r.level + "-to-" + r.next) },
            "Read this step on the " + r.topic.title + " page")));
        }
        panel.append(det);
      }
    }

    /* --- roadmap --- */

    planStart() {
      const saved = quarterIndex(this.doc.roadmap.start);
      return saved === null ? nextQuarter(new Date()) : saved;
    }

    render_roadmap(panel) {
      const ix = this.ix;
      const results = this.results();
      panel.append(h("p", {}, "Choose the topics you want to work on and the level you aim for in each. " +
        "The roadmap lays out the steps up as milestones over the coming quarters, using each step's typical time. Add an owner for each milestone: a role, not a name, if you will share it."));
      const start = this.planStart();
      const startSelect = h("select", { id: "dmf-roadmap-start" });
      const now = nextQuarter(new Date()) - 1;
      const choices = new Set([now, now + 1, now + 2, now + 3, now + 4, start]);
      for (const q of [...choices].sort((a, b) => a - b)) {
        startSelect.append(h("option", { value: quarterText(q), selected: q === start }, quarterLabel(q)));
      }
      startSelect.addEventListener("change", () => {
        this.doc.roadmap.start = startSelect.value;
        this.save();
        this.renderPlan();
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
              h("option", { value: String(n), selected: this.doc.roadmap.targets[r.topic.id] === n }, levelLabel(ix, n))));
          sel.addEventListener("change", () => {
            if (sel.value) this.doc.roadmap.targets[r.topic.id] = Number(sel.value);
            else delete this.doc.roadmap.targets[r.topic.id];
            this.save();
            this.renderPlan();
          });
          return h("tr", {}, h("th", { scope: "row" }, r.topic.title),
            h("td", {}, r.level === null ? "No level yet" : levelLabel(ix, r.level)),
            h("td", {}, r.next === null && r.level !== null ? "Top level" : sel));
        })));
      this.planBody = h("div", { class: "dmf-plan" });
      panel.append(
        h("div", { class: "dmf-field" }, h("label", { for: "dmf-roadmap-start" }, "Start the plan in"), startSelect),
        tableWrap("Priority topics and target levels (table)", targets),
        this.planBody,
        h("div", { class: "dmf-actions" },
          h("button", { type: "button", class: "dmf-button", onclick: () => this.print() }, "Print your result and roadmap"),
          h("button", { type: "button", class: "dmf-button dmf-secondary", onclick: () => this.exportJson() }, "Export answers and roadmap (JSON)"),
          h("button", { type: "button", class: "dmf-button dmf-secondary", onclick: () => this.exportCsv() }, "Export as a spreadsheet (CSV)")),
      );
      this.renderPlan();
    }

    renderPlan() {
      const body = this.planBody;
      body.replaceChildren();
      const milestones = plan(this.ix, this.results(), this.doc.roadmap, this.planStart());
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
          body.append(h("h4", {}, "By the end of " + quarterLabel(quarter)), list);
        }
        const key = m.topic.id + ":" + m.from;
        const ownerId = "dmf-owner-" + m.topic.id + "-" + m.from;
        const owner = h("input", { type: "text", id: ownerId, maxlength: String(MAX_OWNER), value: this.doc.roadmap.owners[key] || "", autocomplete: "off" });
        owner.addEventListener("input", () => {
          if (owner.value) this.doc.roadmap.owners[key] = owner.value;
          else delete this.doc.roadmap.owners[key];
          this.save();
        });
        list.append(h("li", { class: "dmf-milestone", "data-topic": m.topic.id, "data-from": m.from, "data-due": quarterText(m.due) },
          h("p", { class: "dmf-milestone-title" }, h("strong", {}, m.topic.title), ": from " + levelLabel(this.ix, m.from) + " to " + levelLabel(this.ix, m.to)),
          m.step ? h("p", {}, plain(m.step.milestone) + " (typical time: " + m.step.timescale + ")") : null,
          m.guessed ? h("p", { class: "dmf-hint" }, "You have not answered this topic yet, so the plan starts from the first level.") : null,
          h("div", { class: "dmf-field dmf-owner" },
            h("label", { for: ownerId }, "Owner of this milestone"), owner)));
      }
    }

    /* --- compare --- */

    render_compare(panel) {
      const b = this.bench;
      panel.append(h("p", {}, "See where your level sits among organisations like yours, as a spread: the share of organisations below, at and above your level. " +
        "Your answers stay in this browser: the figures come from the published benchmarks, which this page downloaded."));
      if (!b) {
        panel.append(h("p", { class: "dmf-unavailable" }, "Benchmarks are not available on this site yet, so you cannot compare with peers here."));
        return;
      }
      const round = b.rounds[b.rounds.length - 1];
      if (b.synthetic) {
        panel.append(h("p", { class: "dmf-warning" }, h("strong", {}, "These figures come from synthetic data, made up to show how the comparison works. They do not describe real organisations.")));
      }
      panel.append(h("p", { class: "dmf-round" }, "The figures come from the latest round of results: " + round.label + ". A group is shown only when at least " + b.minimum_group_size + " organisations answered." +
        (b.framework_version !== this.fw.version ? " They were collected with version " + b.framework_version + " of the framework; this is version " + this.fw.version + "." : "")));
      const field = (id, label, kind, key) => {
        const sel = h("select", { id },
          h("option", { value: "" }, "Choose"),
          b.groups.filter((g) => g.kind === kind).map((g) => h("option", { value: g.id, selected: this.doc.comparison[key] === g.id }, g.label)));
        sel.addEventListener("change", () => {
          this.doc.comparison[key] = sel.value || null;
          this.save();
          this.renderComparison();
        });
        return h("div", { class: "dmf-field" }, h("label", { for: id }, label), sel);
      };
      this.compareBody = h("div", { class: "dmf-comparison" });
      panel.append(
        field("dmf-org-type", "Your type of organisation", "org_type", "orgType"),
        field("dmf-size-band", "The size of your organisation", "size_band", "sizeBand"),
        this.compareBody);
      this.renderComparison();
    }

    renderComparison() {
      const b = this.bench;
      const body = this.compareBody;
      body.replaceChildren();
      const round = b.rounds[b.rounds.length - 1];
      const chosen = [this.doc.comparison.orgType, this.doc.comparison.sizeBand]
        .map((id) => b.groups.find((g) => g.id === id)).filter(Boolean);
      if (!chosen.length) {
        body.append(h("p", {}, "Choose your type of organisation or your size to compare."));
        return;
      }
      const results = this.results();
      for (const g of chosen) {
        const cells = new Map(b.cells.filter((c) => c.group === g.id && c.round === round.id && c.crossing === null).map((c) => [c.topic, c]));
        const headingId = "dmf-compare-" + g.id.replace(/[^a-zA-Z0-9-]/g, "-");
        const section = h("div", { class: "dmf-compare-group", "data-group": g.id }, h("h3", { id: headingId }, g.label));
        const published = [...cells.values()].filter((c) => !c.suppressed);
        if (!published.length) {
          section.append(h("p", { class: "dmf-too-small" }, "This group is too small to publish: fewer than " + b.minimum_group_size +
            " organisations answered. Choose another group."));
          body.append(section);
          continue;
        }
        const table = h("table", { class: "dmf-table dmf-compare" },
          h("caption", {}, g.label + ": share of organisations below, at and above your level"),
          h("thead", {}, h("tr", {}, ["Topic", "Your level", "Below you", "At your level", "Above you", "Organisations"].map((c) => h("th", { scope: "col" }, c)))),
          h("tbody", {}, results.map((r) => {
            const cell = cells.get(r.topic.id);
            const row = h("tr", { "data-topic": r.topic.id }, h("th", { scope: "row" }, r.topic.title),
              h("td", {}, r.level === null ? "No level yet" : levelLabel(this.ix, r.level)));
            if (!cell) row.append(h("td", { colspan: "4" }, "No figures for this topic"));
            else if (cell.suppressed) row.append(h("td", { colspan: "4", class: "dmf-too-small" }, "Too few organisations to publish"));
            else if (r.level === null) row.append(h("td", { colspan: "3" }, "Answer this topic to compare"), h("td", {}, cell.respondents));
            else {
              const p = position(cell.shares, r.level);
              row.append(h("td", { "data-share": "below" }, percent(p.below)), h("td", { "data-share": "at" }, percent(p.at)),
                h("td", { "data-share": "above" }, percent(p.above)), h("td", {}, cell.respondents));
            }
            return row;
          })));
        section.append(tableWrap(g.label + " (table)", table));
        body.append(section);
      }
    }

    /* --- save, import, start again --- */

    render_save(panel) {
      const input = h("input", { type: "file", id: "dmf-import", accept: ".json,application/json", "aria-describedby": "dmf-import-hint" });
      this.importMessage = h("div", { class: "dmf-import-message" });
      input.addEventListener("change", () => {
        const file = input.files && input.files[0];
        input.value = "";
        if (file) this.importFile(file);
      });
      this.clearBox = h("div", { class: "dmf-confirm-area" });
      panel.append(
        h("p", {}, "Your answers, notes and roadmap are saved in this browser as you go. Nobody else can see them. " +
          "They are lost if you clear your browser's data, so export a copy to keep it safe or to share it with colleagues."),
        h("h3", {}, "Export"),
        h("div", { class: "dmf-actions" },
          h("button", { type: "button", class: "dmf-button", onclick: () => this.exportJson() }, "Export answers and roadmap (JSON)"),
          h("button", { type: "button", class: "dmf-button dmf-secondary", onclick: () => this.exportCsv() }, "Export as a spreadsheet (CSV)")),
        h("p", { class: "dmf-hint" }, "Keep the JSON file to import your answers later. The CSV file opens in a spreadsheet."),
        h("h3", {}, "Import"),
        h("div", { class: "dmf-field" },
          h("label", { for: "dmf-import" }, "Import answers from a JSON file"),
          h("p", { class: "dmf-hint", id: "dmf-import-hint" }, "Choose a file you exported from this page. You will be asked before it replaces any answers you have here."),
          input),
        this.importMessage,
        h("h3", {}, "Print"),
        h("div", { class: "dmf-actions" }, h("button", { type: "button", class: "dmf-button dmf-secondary", onclick: () => this.print() }, "Print your result and roadmap")),
        h("h3", {}, "Start again"),
        h("p", {}, "This clears every answer, note and roadmap choice from this browser."),
        h("div", { class: "dmf-actions" }, h("button", { type: "button", class: "dmf-button dmf-warning-button", onclick: () => this.askClear() }, "Start again")),
        this.clearBox,
      );
    }

    confirm(box, id, question, yes, no, onYes) {
      box.replaceChildren(h("div", { class: "dmf-confirm", role: "group", "aria-labelledby": id },
        h("p", { id, tabindex: "-1" }, question),
        h("div", { class: "dmf-actions" },
          h("button", { type: "button", class: "dmf-button dmf-warning-button", onclick: () => { box.replaceChildren(); onYes(); } }, yes),
          h("button", { type: "button", class: "dmf-button dmf-secondary", onclick: () => { box.replaceChildren(); this.say("Nothing was changed."); } }, no))));
      box.querySelector("p").focus();
    }

    askClear() {
      this.confirm(this.clearBox, "dmf-clear-question", "Are you sure? This clears all your answers, notes and roadmap from this browser. You cannot undo it.",
        "Yes, clear everything", "No, keep my answers", () => {
          this.doc = emptyDoc(this.fw);
          try {
            localStorage.removeItem(this.key);
            localStorage.removeItem(this.key + ":notice");
          } catch (e) { /* nothing was saved */ }
          this.notice = null;
          this.renderNotice();
          this.section = 0;
          this.show("questions", true);
          this.say("Your answers have been cleared. You can start again.");
        });
    }

    importFile(file) {
      const fail = (errors) => {
        const box = h("div", { class: "dmf-error", role: "alert", tabindex: "-1" },
          h("h4", {}, "The file could not be imported"),
          h("ul", {}, errors.slice(0, MAX_ERRORS_SHOWN).map((e) => h("li", {}, e)),
            errors.length > MAX_ERRORS_SHOWN ? h("li", {}, "and " + (errors.length - MAX_ERRORS_SHOWN) + " more problems") : null),
          h("p", {}, "Your answers on this page have not changed."));
        this.importMessage.replaceChildren(box);
        box.focus();
      };
      if (file.size > MAX_IMPORT_BYTES) return fail(["The file is too big to be a self-assessment export."]);
      file.text().then((text) => {
        let raw;
        try {
          raw = JSON.parse(text);
        } catch (e) {
          return fail(["The file is not a JSON file, or it is damaged."]);
        }
        const read = readDoc(raw, this.ix);
        if (read.errors) return fail(read.errors);
        const apply = () => {
          this.doc = read.doc;
          this.save();
          const lost = read.notCarried.length;
          this.notice = read.from !== this.fw.version ? { from: read.from, notCarried: read.notCarried } : null;
          this.saveNotice();
          this.renderNotice();
          const n = Object.keys(this.doc.answers).length;
          const msg = h("p", { class: "dmf-success", tabindex: "-1" }, "Imported " + n + (n === 1 ? " answer" : " answers") + " from " + file.name + "." +
            (lost ? " " + lost + " could not be carried over: see the message at the top of the page." : ""));
          this.importMessage.replaceChildren(msg);
          msg.focus();
        };
        if (hasContent(this.doc)) {
          this.confirm(this.importMessage, "dmf-import-question",
            "You already have answers on this page. Importing replaces them with the " + Object.keys(read.doc.answers).length + " answers in " + file.name + ". Export your current answers first if you want to keep them.",
            "Replace my answers", "Keep my answers", apply);
        } else apply();
      }, () => fail(["The file could not be read."]));
    }

    exportDoc() {
      return Object.assign({}, this.doc, { exported: new Date().toISOString() });
    }

    fileName(ext) {
      return this.fw.id + "-self-assessment-" + new Date().toISOString().slice(0, 10) + "." + ext;
    }

    exportJson() {
      download(this.fileName("json"), "application/json", JSON.stringify(this.exportDoc(), null, 1) + "\n");
      this.say("Your answers and roadmap were exported as a JSON file.");
    }

    exportCsv() {
      const ix = this.ix;
      const rows = [["record", "topic_id", "topic", "question_id", "question", "level", "text", "due", "owner"],
        ["framework", "", this.fw.title, "", "", "", "version " + this.fw.version, "", ""]];
      const results = this.results();
      for (const r of results) {
        const t = r.topic;
        rows.push(["topic level", t.id, t.title, "", "", r.level === null ? "" : r.level, r.level === null ? "No level yet" : ix.levelByNumber.get(r.level).name, "", ""]);
        for (const q of t.questions) {
          const a = this.doc.answers[q.id];
          const level = a === NA ? "not applicable" : a === UNKNOWN ? "not sure" : a === undefined ? "" : a;
          rows.push(["answer", t.id, t.title, q.id, q.text, level, isLevel(a) ? q.answers[String(a)] : "", "", ""]);
        }
        if (this.doc.notes[t.id]) rows.push(["note", t.id, t.title, "", "", "", this.doc.notes[t.id], "", ""]);
      }
      for (const m of plan(ix, results, this.doc.roadmap, this.planStart())) {
        rows.push(["milestone", m.topic.id, m.topic.title, "", "From " + levelLabel(ix, m.from) + " to " + levelLabel(ix, m.to), m.to,
          m.step ? plain(m.step.milestone) : "", quarterLabel(m.due), this.doc.roadmap.owners[m.topic.id + ":" + m.from] || ""]);
      }
      download(this.fileName("csv"), "text/csv;charset=utf-8", toCsv(rows));
      this.say("Your answers and roadmap were exported as a CSV file.");
    }

    print() {
      this.preparePrint();
      window.print();
    }

    preparePrint() {
      // Printing shows the result and the roadmap together, whatever view is open, with every step open.
      for (const v of ["result", "roadmap"]) if (v !== this.view) this.render(v);
      this.closedForPrint = [...this.root.querySelectorAll("details.dmf-step:not([open])")];
      for (const d of this.closedForPrint) d.open = true;
    }

    afterPrint() {
      for (const d of this.closedForPrint || []) d.open = false;
      this.closedForPrint = [];
    }
  }

  /* ---------- Start-up ---------- */

  let current = null;

  function failed(root, message) {
    root.replaceChildren(h("div", { class: "dmf-error", role: "alert" },
      h("p", {}, "The interactive self-assessment could not start: " + message + " Use the checklist below or the workbook instead.")));
  }

  async function init(root) {
    root.setAttribute("data-state", "loading");
    const frameworkUrl = new URL(root.getAttribute("data-framework"), location.href).href;
    const benchUrl = new URL(root.getAttribute("data-benchmarks"), location.href).href;
    let fw;
    try {
      const res = await fetch(frameworkUrl, { credentials: "same-origin" });
      if (!res.ok) throw new Error("the framework data was not found (" + res.status + ").");
      fw = await res.json();
    } catch (e) {
      failed(root, e.message || String(e));
      root.setAttribute("data-state", "failed");
      return;
    }
    let bench = null;
    try {
      const res = await fetch(benchUrl, { credentials: "same-origin" });
      if (res.ok) bench = await res.json();
    } catch (e) {
      bench = null; // no benchmarks on this site: the comparison says so
    }
    if (bench && !(Array.isArray(bench.rounds) && bench.rounds.length && Array.isArray(bench.groups) && Array.isArray(bench.cells))) bench = null;
    const checklist = document.getElementById("dmf-checklist");
    if (checklist) checklist.hidden = true;
    current = new App(root, fw, bench, frameworkUrl);
    root.setAttribute("data-state", "ready");
  }

  function start() {
    const root = document.getElementById("dmf-assessment");
    if (!root || root.hasAttribute("data-state")) return;
    init(root);
  }

  window.addEventListener("beforeprint", () => {
    if (current && current.root.isConnected) current.preparePrint();
  });
  window.addEventListener("afterprint", () => {
    if (current && current.root.isConnected) current.afterPrint();
  });

  const api = { start, topicLevel, answersToNext, position, csvCell, months, readDoc: (raw, fw) => readDoc(raw, indexFramework(fw)) };
  window.dmfAssessment = api;
  window.dmfScore = { topicLevel, answersToNext };

  function subscribe() {
    // Material's document$ fires on every page, including after instant navigation.
    if (typeof document$ !== "undefined" && document$ && typeof document$.subscribe === "function") document$.subscribe(start);
    else start();
  }
  // On a full page load this script runs before Material's bundle defines document$.
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", subscribe);
  else subscribe();
})();
