// Roadmap: steps up laid out over quarters.
import { nextLevel } from "./framework.js";
import { isLevel } from "./scoring.js";

const MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August",
  "September", "October", "November", "December"];

// A step's typical time in months, from text such as "3 to 6 months" (the upper end), "1 year" or "6 weeks".
export function months(timescale) {
  const text = String(timescale || "").toLowerCase();
  const numbers = (text.match(/\d+(?:\.\d+)?/g) || []).map(Number);
  const unit = /year/.test(text) ? 12 : /week/.test(text) ? 12 / 52 : 1;
  if (!numbers.length) return unit === 12 ? 12 : 3;
  return Math.max(1, Math.ceil(Math.max(...numbers) * unit));
}

export function quarterIndex(text) {
  const m = /^(\d{4})-Q([1-4])$/.exec(text || "");
  return m ? Number(m[1]) * 4 + Number(m[2]) - 1 : null;
}

export function quarterText(index) {
  return Math.floor(index / 4) + "-Q" + ((index % 4) + 1);
}

export function quarterLabel(index) {
  const q = index % 4;
  return MONTHS[q * 3] + " to " + MONTHS[q * 3 + 2] + " " + Math.floor(index / 4);
}

// The last month of a quarter, for a due date: "June 2027".
export function quarterEnd(index) {
  return MONTHS[(index % 4) * 3 + 2] + " " + Math.floor(index / 4);
}

export function nextQuarter(date) {
  return date.getFullYear() * 4 + Math.floor(date.getMonth() / 3) + 1;
}

// The quarter the plan starts in: the saved one, else the next quarter from today.
export function planStart(roadmap) {
  const saved = quarterIndex(roadmap.start);
  return saved === null ? nextQuarter(new Date()) : saved;
}

// Milestones for each priority topic: every step from its level now to its target, one after another.
export function plan(ix, results, roadmap, start) {
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
