// The scoring rule (generator/framework/answers.py implements the same; a test checks both agree).

export function isLevel(a) {
  return typeof a === "number" && Number.isInteger(a);
}

// The topic's level from its answers, or null when too few have a level. Levels are ordinal, so
// 'median' is the lower median (always an answered level) and nothing is averaged; 'na' and
// 'unknown' are left out, never counted as zero.
export function topicLevel(answers, rule, minimumAnswers) {
  const levels = answers.filter(isLevel).sort((a, b) => a - b);
  if (levels.length < Math.max(1, minimumAnswers || 1)) return null;
  if (rule === "median") return levels[Math.floor((levels.length - 1) / 2)];
  if (rule === "minimum") return levels[0];
  throw new Error("unknown scoring rule " + rule);
}

// How many answered questions must reach `next` for the topic to reach it (the easiest next step).
export function answersToNext(answers, rule, minimumAnswers, next) {
  const levels = answers.filter(isLevel);
  const n = levels.length;
  if (n < Math.max(1, minimumAnswers || 1)) return null;
  const already = levels.filter((l) => l >= next).length;
  // Median: the lower median reaches `next` once n - floor((n - 1) / 2) answers do. Minimum: all of them.
  const needed = rule === "median" ? n - Math.floor((n - 1) / 2) : n;
  return Math.max(0, needed - already);
}
