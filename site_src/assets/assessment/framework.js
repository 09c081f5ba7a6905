// Reading the framework data (assessment.json, written by generator/site/assessment_data.py with
// framework.json's field names, so either can be read): an index of its topics, questions and levels, its
// answer vocabulary, and each topic's result under its scoring rule. Everything about the framework comes
// from that file; nothing here repeats it.
import { answersToNext, isLevel, topicLevel } from "./scoring.js";

export function indexFramework(fw) {
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
  const vocabulary = readVocabulary(fw.vocabulary);
  // assessment.json leaves the steps to their own file (data.js loads it): until then each topic has none.
  const stepsLoaded = fw.topics.every((t) => Array.isArray(t.steps));
  if (!stepsLoaded) for (const t of fw.topics) t.steps = [];
  return { fw, questions, topics, levelNumbers, levelByNumber, themeOf, vocabulary, stepsLoaded };
}

// Whether a topic's answers and hints are here (data.js loadQuestions fetches them with its section).
export function questionsReady(topic) {
  return topic.questions.every((q) => q.answers !== undefined);
}

// Whether every topic's steps up are here (see data.js loadSteps).
export function stepsReady(ix) {
  return ix.stepsLoaded === true;
}

// The answers that are not levels and the peer-group kinds, as generator/framework/answers.py names them.
function readVocabulary(v) {
  return {
    notApplicable: v.not_applicable,
    notSure: v.not_sure,
    // In merge order after every level: 'na' before 'unknown' (generator/framework/answers.py NOT_LEVELS).
    notLevels: v.merge_order_after_levels,
    labels: v.labels,
    groupKinds: v.group_kinds,
  };
}

export function isNotLevel(ix, a) {
  return ix.vocabulary.notLevels.includes(a);
}

export function answerLabel(ix, a) {
  return ix.vocabulary.labels[a];
}

export function levelLabel(ix, n) {
  const lv = ix.levelByNumber.get(n);
  return lv ? n + ". " + lv.name : String(n);
}

export function nextLevel(ix, n) {
  const i = ix.levelNumbers.indexOf(n);
  return i >= 0 && i + 1 < ix.levelNumbers.length ? ix.levelNumbers[i + 1] : null;
}

export function questionCount(ix) {
  return ix.fw.topics.reduce((n, t) => n + t.questions.length, 0);
}

// A topic's page, or a place on it, from the page address the framework data gives.
export function pageUrl(frameworkUrl, topic, hash) {
  return new URL(topic.page, frameworkUrl).href + (hash ? "#" + hash : "");
}

// The heading of a step on its topic page, as generator/templates/topic.md.j2 writes it.
export function stepAnchor(from, to) {
  return "step-" + from + "-to-" + to;
}

export function topicResults(ix, answers) {
  const { rule, minimum_answers: min } = ix.fw.scoring;
  const { notApplicable, notSure } = ix.vocabulary;
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
      na: values.filter((v) => v === notApplicable).length,
      unknown: values.filter((v) => v === notSure).length,
      total: topic.questions.length,
    };
  });
}

export function crossingLevel(ix, topic, crossingId, answers) {
  const qs = topic.questions.filter((q) => q.crossing === crossingId);
  if (!qs.length) return undefined;
  const values = qs.map((q) => answers[q.id]).filter((v) => v !== undefined);
  return topicLevel(values, ix.fw.scoring.rule, ix.fw.scoring.minimum_answers);
}
