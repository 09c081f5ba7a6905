// The evidence and confidence of one answer, in a disclosure under its question, saved as the person types.
// Links are shown back as links only when they are http or https; anything else stays text.
import { h } from "./dom.js";
import { confidenceLevels, hasEvidence, MAX_EVIDENCE_TEXT, MAX_LINK, MAX_LINKS, safeUrl } from "./evidence.js";

// A list of evidence links: safe ones as links that open no script, the rest as plain text.
export function linkList(links) {
  return h("ul", { class: "dmf-evidence-links" }, links.map((l) => {
    const url = safeUrl(l);
    return h("li", {}, url ? h("a", { href: url, rel: "noopener noreferrer" }, l) : [l, " (not a web address, so not a link)"]);
  }));
}

function readLinks(text) {
  return text.split(/\r?\n/).map((l) => l.trim()).filter((l) => l !== "");
}

export function evidenceField(app, q) {
  const { doc } = app;
  const id = "dmf-ev-" + q.id;
  const saved = doc.evidence[q.id] || { text: "", links: [] };
  const text = h("textarea", { id: id + "-text", rows: "3", maxlength: String(MAX_EVIDENCE_TEXT), "aria-describedby": id + "-text-hint" }, saved.text);
  const links = h("textarea", { id: id + "-links", rows: "2", "aria-describedby": id + "-links-hint " + id + "-links-problem" }, saved.links.join("\n"));
  const problem = h("p", { class: "dmf-evidence-problem", id: id + "-links-problem", "aria-live": "polite" });
  const shown = h("div", {}, saved.links.length ? linkList(saved.links) : null);
  const summary = h("summary", {}, "Evidence and how sure you are");
  const update = () => {
    const given = readLinks(links.value);
    const kept = given.slice(0, MAX_LINKS).filter((l) => l.length <= MAX_LINK);
    problem.textContent = given.length > MAX_LINKS ? "Only the first " + MAX_LINKS + " links are kept."
      : kept.length < given.length ? "A link longer than " + MAX_LINK + " characters is not kept." : "";
    const e = { text: text.value, links: kept };
    if (hasEvidence(e)) app.doc.evidence[q.id] = e;
    else delete app.doc.evidence[q.id];
    shown.replaceChildren(kept.length ? linkList(kept) : "");
    app.save();
  };
  text.addEventListener("input", update);
  links.addEventListener("input", update);
  const sure = h("fieldset", { class: "dmf-confidence" }, h("legend", {}, "How sure are you of this answer?"),
    confidenceLevels(app.ix).map((c) => {
      const rid = id + "-" + c.id;
      const input = h("input", { type: "radio", name: id + "-confidence", id: rid, value: c.id, checked: doc.confidence[q.id] === c.id });
      input.addEventListener("change", () => {
        if (!input.checked) return;
        app.doc.confidence[q.id] = c.id;
        app.save();
      });
      return h("div", { class: "dmf-option" }, input, h("label", { for: rid }, c.label));
    }));
  return h("details", { class: "dmf-evidence", open: hasEvidence(doc.evidence[q.id]) || doc.confidence[q.id] !== undefined },
    summary, sure,
    h("div", { class: "dmf-field" },
      h("label", { for: text.id }, "What shows this? (optional)"),
      h("p", { class: "dmf-hint", id: text.id + "-hint" }, "For example, a report, a regular check or who told you. Up to " +
        MAX_EVIDENCE_TEXT.toLocaleString("en-GB") + " characters."),
      text),
    h("div", { class: "dmf-field" },
      h("label", { for: links.id }, "Links to the evidence (optional)"),
      h("p", { class: "dmf-hint", id: links.id + "-hint" }, "One web address on each line, up to " + MAX_LINKS + ". Only addresses that start with http:// or https:// become links."),
      links, problem, shown));
}
