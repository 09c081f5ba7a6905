// Pieces the Combine answers and Agenda views share: answers in words, the spread, the agreement marker,
// the rule in words, and colleagues' notes and evidence. All of it is other people's text: it goes in as
// text, and a link becomes a link only when it is http or https.
import { answerOf, counts, markerInfo, spread } from "./combine.js";
import { h, plain } from "./dom.js";
import { safeUrl } from "./evidence.js";
import { answerLabel, levelLabel } from "./framework.js";
import { isLevel } from "./scoring.js";

// Every answer a question can have, in the order they are shown.
export function allAnswers(ix) {
  return [...ix.levelNumbers, ...ix.vocabulary.notLevels];
}

export function answerText(ix, a) {
  return isLevel(a) ? levelLabel(ix, a) : answerLabel(ix, a);
}

export function questionText(ix, qid) {
  return plain(ix.questions.get(qid).q.text);
}

// "3 chose 2. Developing, 1 chose Not sure", or "Nobody answered".
export function givenText(ix, given) {
  const c = counts(given);
  const parts = allAnswers(ix).filter((a) => c.has(a)).map((a) => c.get(a) + " chose " + answerText(ix, a));
  return parts.length ? parts.join(", ") : "Nobody answered";
}

export function spreadText(ix, given) {
  const s = spread(given);
  if (s === null) return "No levels given";
  const levels = [...counts(given).keys()].filter(isLevel);
  const low = Math.min(...levels);
  const high = Math.max(...levels);
  return s === 0 ? "Everyone who gave a level chose " + low : "Levels from " + low + " to " + high + ": " + s + (s === 1 ? " level" : " levels") + " apart";
}

export function markerTag(ix, id) {
  return h("span", { class: "dmf-marker dmf-marker-" + id }, markerInfo(id, ix.fw.vocabulary).label);
}

export function minutesText(n) {
  return n + (n === 1 ? " minute" : " minutes");
}

// The rule for each marker, in the words generator/framework/discovery.py gives.
export function markerRules(ix) {
  const v = ix.fw.vocabulary.discovery;
  return h("dl", { class: "dmf-marker-rules" }, v.markers.map((m) => [h("dt", {}, markerTag(ix, m.id)), h("dd", {}, v.text[m.id])]));
}

export function rolesText(disc) {
  const roles = Object.entries(disc.contributors.roles);
  const named = roles.reduce((s, [, n]) => s + n, 0);
  const parts = roles.map(([r, n]) => r + ": " + n);
  if (named < disc.contributors.count) parts.push("no role given: " + (disc.contributors.count - named));
  return parts.join(", ");
}

export function byRoleList(ix, q) {
  const roles = Object.entries((q && q.byRole) || {});
  if (!roles.length) return null;
  return h("ul", { class: "dmf-by-role" }, roles.map(([r, g]) => h("li", {}, h("strong", {}, r), ": " + givenText(ix, g))));
}

// "How sure: 2 sure, 1 guessing", in the vocabulary's order (most sure first), or null.
export function confidenceText(ix, q) {
  const given = (q && q.confidence) || {};
  const parts = (ix.fw.vocabulary.confidence || []).filter((c) => given[c.id]).map((c) => given[c.id] + " " + c.label.toLowerCase());
  return parts.length ? h("p", { class: "dmf-sureness" }, "How sure people were: " + parts.join(", ") + ".") : null;
}

// Colleagues' notes or evidence: who (by role) said what, with links that are safe to follow.
export function voices(heading, entries) {
  if (!entries || !entries.length) return null;
  return h("div", { class: "dmf-voices" }, h("p", { class: "dmf-voices-title" }, heading),
    h("ul", {}, entries.map((e) => h("li", {},
      e.role ? h("strong", {}, e.role + ": ") : null,
      e.text,
      (e.links || []).map((l) => {
        const href = safeUrl(l);
        return [" ", href ? h("a", { href, rel: "noopener noreferrer" }, l) : h("span", { class: "dmf-link-text" }, l)];
      })))));
}

export function questionEntry(disc, qid) {
  return disc.questions[qid] || { given: {} };
}

export function optionValue(a) {
  return a === null || a === undefined ? "" : String(a);
}

export function fromOption(value) {
  return value === "" ? null : answerOf(value);
}
