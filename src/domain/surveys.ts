import { addDays, addWeeks, differenceInCalendarDays, formatISO, parseISO } from "date-fns";
import { isIsoDate } from "./person.ts";

// Participant surveys (issue 6; DOMAIN.md sections 4 and 7): questionnaires with versions, handed out at exit
// and on a rhythm to ongoing participants, answered by link or on paper, mostly anonymously. Plain rules:
// nothing here knows about storage.
//
// - A questionnaire is the program's own or national (shared by every program of a country). Its text lives
//   in versions. A PUBLISHED version never changes (the database refuses it too): to change a question, copy
//   the latest version into a new draft, edit the draft, publish it. National indicator questions must not be
//   reworded (NNS): their versions are only ever replaced by a new national version.
// - A question is a scale with fixed, ordered answer options (worst first), yes/no, or free text. A scale or
//   yes/no question may feed a program goal ("support_influence", "more_ready"): an answer counts as agreeing
//   when its value is at least `agreeFrom` (default for a scale: the top two options; for yes/no: yes).
// - Answers are values 1..n for a scale (the option's position), 1 (yes) / 0 (no) for yes/no, text for free
//   text. A question left blank is not answered and is not in any denominator.
// - The rhythm for ongoing participants: a survey is due every N weeks after the start of the enrolment
//   (default 12 weeks: about once a quarter, three times in KRUS's planned twelve months before the exit
//   survey; often enough to see change during the program, rare enough not to tire people of surveys, and in
//   step with the quarterly reporting to the federation). Each program can set 4-26 weeks.

export const QUESTION_KINDS = ["scale", "yes_no", "free_text"] as const;
export type QuestionKind = (typeof QUESTION_KINDS)[number];

export const SURVEY_GOALS = ["support_influence", "more_ready"] as const;
export type SurveyGoal = (typeof SURVEY_GOALS)[number];

export const SURVEY_AUDIENCES = ["ongoing", "exit"] as const;
export type SurveyAudience = (typeof SURVEY_AUDIENCES)[number];
/** Whom a questionnaire is for: ongoing participants, those leaving, or both. */
export const QUESTIONNAIRE_AUDIENCES = ["ongoing", "exit", "both"] as const;
export type QuestionnaireAudience = (typeof QUESTIONNAIRE_AUDIENCES)[number];

export const SURVEY_CHANNELS = ["link", "paper"] as const;
export type SurveyChannel = (typeof SURVEY_CHANNELS)[number];

export const MIN_SCALE_OPTIONS = 2;
export const MAX_SCALE_OPTIONS = 7;
export const MAX_QUESTIONS = 30;
export const MAX_QUESTION_TEXT = 300;
export const MAX_OPTION_TEXT = 80;
export const MAX_FREE_TEXT_ANSWER = 2000;

export const DEFAULT_RHYTHM_WEEKS = 12;
export const MIN_RHYTHM_WEEKS = 4;
export const MAX_RHYTHM_WEEKS = 26;
/** A link can be used for this many days after it was handed out. */
export const LINK_VALID_DAYS = 30;

export interface SurveyQuestion {
  /** Stable within a questionnaire across versions (letters, digits, underscores). */
  key: string;
  kind: QuestionKind;
  text: string;
  /** Scale only: the fixed answer options in order, worst first. Empty for the other kinds. */
  options: string[];
  /** The goal the question feeds, if any (not for free text). */
  goal: SurveyGoal | null;
  /** The lowest value that counts as agreeing (scale: 1..n; yes/no: 1). Null: the default. */
  agreeFrom: number | null;
}

export interface QuestionnaireVersionContent {
  intro: string;
  questions: SurveyQuestion[];
}

export function appliesTo(audience: QuestionnaireAudience, to: SurveyAudience): boolean {
  return audience === "both" || audience === to;
}

/** The value from which an answer to a question counts as agreeing (null for free text). */
export function agreeThreshold(q: Pick<SurveyQuestion, "kind" | "options" | "agreeFrom">): number | null {
  if (q.kind === "free_text") return null;
  if (q.kind === "yes_no") return 1;
  return q.agreeFrom ?? Math.max(1, q.options.length - 1);
}

export type VersionProblemCode =
  | "noQuestions"
  | "tooManyQuestions"
  | "keyInvalid"
  | "keyDuplicate"
  | "textMissing"
  | "textTooLong"
  | "tooFewOptions"
  | "tooManyOptions"
  | "optionMissing"
  | "optionTooLong"
  | "optionsNotAllowed"
  | "agreeFromOutOfRange"
  | "goalNotAllowed"
  | "goalTwice";

/** Field errors for a version's questions; paths like "questions.2.text". */
export function versionProblems(content: QuestionnaireVersionContent): { path: string; code: VersionProblemCode }[] {
  const problems: { path: string; code: VersionProblemCode }[] = [];
  const qs = content.questions;
  if (qs.length === 0) problems.push({ path: "questions", code: "noQuestions" });
  if (qs.length > MAX_QUESTIONS) problems.push({ path: "questions", code: "tooManyQuestions" });
  const keys = new Set<string>();
  const goals = new Set<string>();
  qs.forEach((q, i) => {
    const at = (f: string) => `questions.${i}.${f}`;
    if (!/^[a-z][a-z0-9_]{0,39}$/.test(q.key)) problems.push({ path: at("key"), code: "keyInvalid" });
    else if (keys.has(q.key)) problems.push({ path: at("key"), code: "keyDuplicate" });
    keys.add(q.key);
    if (q.text.trim() === "") problems.push({ path: at("text"), code: "textMissing" });
    else if (q.text.length > MAX_QUESTION_TEXT) problems.push({ path: at("text"), code: "textTooLong" });
    if (q.kind === "scale") {
      if (q.options.length < MIN_SCALE_OPTIONS) problems.push({ path: at("options"), code: "tooFewOptions" });
      else if (q.options.length > MAX_SCALE_OPTIONS) problems.push({ path: at("options"), code: "tooManyOptions" });
      else if (q.options.some((o) => o.trim() === "")) problems.push({ path: at("options"), code: "optionMissing" });
      else if (q.options.some((o) => o.length > MAX_OPTION_TEXT)) problems.push({ path: at("options"), code: "optionTooLong" });
      if (q.agreeFrom !== null && (!Number.isInteger(q.agreeFrom) || q.agreeFrom < 1 || q.agreeFrom > q.options.length)) {
        problems.push({ path: at("agreeFrom"), code: "agreeFromOutOfRange" });
      }
    } else {
      if (q.options.length > 0) problems.push({ path: at("options"), code: "optionsNotAllowed" });
      if (q.agreeFrom !== null && !(q.kind === "yes_no" && q.agreeFrom === 1)) problems.push({ path: at("agreeFrom"), code: "agreeFromOutOfRange" });
    }
    if (q.goal !== null) {
      if (q.kind === "free_text") problems.push({ path: at("goal"), code: "goalNotAllowed" });
      else if (goals.has(q.goal)) problems.push({ path: at("goal"), code: "goalTwice" });
      else goals.add(q.goal);
    }
  });
  return problems;
}

/** A published version is never edited: only drafts may change. */
export function mayEditVersion(version: { publishedAt: Date | null }): boolean {
  return version.publishedAt === null;
}

/** The content of a new draft: a copy of the version it starts from (deep, so the copy can be edited freely). */
export function copyForNewVersion(from: QuestionnaireVersionContent): QuestionnaireVersionContent {
  return { intro: from.intro, questions: from.questions.map((q) => ({ ...q, options: [...q.options] })) };
}

/** One answer as given: the value (scale position or yes=1/no=0), or the text, or nothing (left blank). */
export type AnswerInput = { value: number } | { text: string } | null;
export interface StoredAnswer {
  key: string;
  value: number | null;
  text: string | null;
}

export type AnswerProblemCode = "unknownQuestion" | "outOfRange" | "notText" | "textTooLong" | "noAnswers";

/**
 * Checks answers against a version: every key is a question of it, scale values 1..n, yes/no 0/1, free text
 * at most MAX_FREE_TEXT_ANSWER characters (blank is not an answer). At least one question must be answered.
 * Returns the answers to store (answered questions only) or the problems.
 */
export function checkAnswers(
  questions: readonly SurveyQuestion[],
  answers: Readonly<Record<string, AnswerInput | undefined>>,
): { ok: true; answers: StoredAnswer[] } | { ok: false; problems: { key: string; code: AnswerProblemCode }[] } {
  const byKey = new Map(questions.map((q) => [q.key, q]));
  const problems: { key: string; code: AnswerProblemCode }[] = [];
  const stored: StoredAnswer[] = [];
  for (const [key, answer] of Object.entries(answers)) {
    const q = byKey.get(key);
    if (!q) {
      problems.push({ key, code: "unknownQuestion" });
      continue;
    }
    if (answer === null || answer === undefined) continue;
    if (q.kind === "free_text") {
      if (!("text" in answer)) problems.push({ key, code: "notText" });
      else if (answer.text.trim() === "") continue;
      else if (answer.text.length > MAX_FREE_TEXT_ANSWER) problems.push({ key, code: "textTooLong" });
      else stored.push({ key, value: null, text: answer.text.trim() });
      continue;
    }
    const max = q.kind === "yes_no" ? 1 : q.options.length;
    const min = q.kind === "yes_no" ? 0 : 1;
    if (!("value" in answer) || !Number.isInteger(answer.value) || answer.value < min || answer.value > max) problems.push({ key, code: "outOfRange" });
    else stored.push({ key, value: answer.value, text: null });
  }
  if (problems.length === 0 && stored.length === 0) problems.push({ key: "", code: "noAnswers" });
  return problems.length ? { ok: false, problems } : { ok: true, answers: stored.sort((a, b) => questions.findIndex((q) => q.key === a.key) - questions.findIndex((q) => q.key === b.key)) };
}

// ---------------------------------------------------------------------------------------------------------
// Rhythm

const iso = (d: Date) => formatISO(d, { representation: "date" });

export function checkRhythmWeeks(weeks: number): boolean {
  return Number.isInteger(weeks) && weeks >= MIN_RHYTHM_WEEKS && weeks <= MAX_RHYTHM_WEEKS;
}

/**
 * The ongoing survey due for an enrolment today: the latest rhythm point (start + k * weeks, k >= 1) on or
 * before today, unless an ongoing survey was handed out (or offered) on or after it. Null when none is due:
 * before the first point, after the enrolment ended, or when the last point is covered.
 */
export function ongoingSurveyDue(input: { startDate: string; endDate: string | null; today: string; everyWeeks: number; lastOngoingOn: string | null }): string | null {
  for (const d of [input.startDate, input.today]) if (!isIsoDate(d)) throw new RangeError(`not an ISO date: ${d}`);
  if (!checkRhythmWeeks(input.everyWeeks)) throw new RangeError(`rhythm must be ${MIN_RHYTHM_WEEKS}-${MAX_RHYTHM_WEEKS} weeks`);
  if (input.endDate !== null && input.endDate < input.today) return null;
  const days = differenceInCalendarDays(parseISO(input.today), parseISO(input.startDate));
  const k = Math.floor(days / (input.everyWeeks * 7));
  if (k < 1) return null;
  const point = iso(addWeeks(parseISO(input.startDate), k * input.everyWeeks));
  if (input.lastOngoingOn !== null && input.lastOngoingOn >= point) return null;
  return point;
}

/** The last day a link handed out on `handedOutOn` can be used. */
export function linkLastDay(handedOutOn: string): string {
  return iso(addDays(parseISO(handedOutOn), LINK_VALID_DAYS - 1));
}

// ---------------------------------------------------------------------------------------------------------
// Results

/** One stored answer with what the tally needs. */
export interface AnswerFact {
  versionId: string;
  key: string;
  value: number | null;
  /** The answer's date (ISO). */
  answeredOn: string;
}

export interface QuestionTally {
  versionId: string;
  key: string;
  kind: QuestionKind;
  /** Answers per value: scale 1..n at index 0..n-1; yes/no [no, yes]. Empty for free text. */
  counts: number[];
  /** Answered (not blank). */
  total: number;
  /** Null for free text and for questions that do not count agreement. */
  agree: number | null;
}

/** Tallies the answers per question of one version (answers to other versions are ignored). */
export function tallyVersion(versionId: string, questions: readonly SurveyQuestion[], answers: readonly AnswerFact[]): QuestionTally[] {
  return questions.map((q) => {
    const mine = answers.filter((a) => a.versionId === versionId && a.key === q.key);
    if (q.kind === "free_text") return { versionId, key: q.key, kind: q.kind, counts: [], total: mine.filter((a) => a.value === null).length, agree: null };
    const size = q.kind === "yes_no" ? 2 : q.options.length;
    const counts = Array.from({ length: size }, () => 0);
    for (const a of mine) {
      if (a.value === null) continue;
      const index = q.kind === "yes_no" ? a.value : a.value - 1;
      if (index >= 0 && index < size) counts[index]! += 1;
    }
    const total = counts.reduce((s, n) => s + n, 0);
    const threshold = agreeThreshold(q)!;
    const agree = q.kind === "yes_no" ? counts[1]! : counts.slice(threshold - 1).reduce((s, n) => s + n, 0);
    return { versionId, key: q.key, kind: q.kind, counts, total, agree };
  });
}

export interface GoalMonthTally {
  goal: SurveyGoal;
  /** YYYY-MM */
  month: string;
  agree: number;
  total: number;
}

/** The goal tallies per month: every answer to a question that feeds a goal, agree / answered. */
export function goalTallies(versions: ReadonlyMap<string, readonly SurveyQuestion[]>, answers: readonly AnswerFact[]): GoalMonthTally[] {
  const byKey = new Map<string, GoalMonthTally>();
  for (const a of answers) {
    if (a.value === null) continue;
    const q = versions.get(a.versionId)?.find((x) => x.key === a.key);
    if (!q || q.goal === null || q.kind === "free_text") continue;
    const month = a.answeredOn.slice(0, 7);
    const id = `${q.goal}:${month}`;
    const t = byKey.get(id) ?? { goal: q.goal, month, agree: 0, total: 0 };
    t.total += 1;
    if (a.value >= agreeThreshold(q)!) t.agree += 1;
    byKey.set(id, t);
  }
  return [...byKey.values()].sort((x, y) => (x.month + x.goal).localeCompare(y.month + y.goal));
}

// ---------------------------------------------------------------------------------------------------------
// The national indicator questionnaires (NNS, Nationella nätverket för samordningsförbund, with Örebro
// University). The official forms are available to federations under an agreement with NNS
// (nnsfinsam.se/utveckling/indikatorer.aspx, "Användarmanual"); their exact wording and answer scales could not be
// found in public sources. So these are the three questions DOMAIN.md paraphrases, translated faithfully, with
// four-step scales of our own: WORDING TO BE CHECKED against the official indicator form. When it is checked,
// publish a new national version with the official wording (never edit these).

export const NATIONAL_SOURCE_NOTE =
  "Formuleringen ska kontrolleras mot den officiella indikatorenkäten (NNS, Indikatorer för finansiell samordning, nnsfinsam.se). " +
  "Frågorna är en trogen översättning av de frågor som projektets domänbeskrivning återger; svarsskalorna är Spelplans egna tills de är kontrollerade.";

const influenceScale = ["Inte alls", "I liten utsträckning", "I ganska stor utsträckning", "I mycket stor utsträckning"];
const treatedScale = ["Mycket dåligt", "Ganska dåligt", "Ganska bra", "Mycket bra"];

export interface InstrumentSeed {
  key: string;
  name: string;
  audience: QuestionnaireAudience;
  content: QuestionnaireVersionContent;
}

export const NATIONAL_QUESTIONNAIRES: readonly InstrumentSeed[] = [
  {
    key: "national_ongoing",
    name: "Nationella indikatorer – pågående deltagare",
    audience: "ongoing",
    content: {
      intro: "Frågorna handlar om det stöd du får just nu. Det finns inga rätta eller felaktiga svar.",
      questions: [
        { key: "influence", kind: "scale", text: "Kan du vara med och bestämma vilket stöd du får?", options: influenceScale, goal: "support_influence", agreeFrom: null },
        { key: "treated", kind: "scale", text: "Hur blir du bemött?", options: treatedScale, goal: null, agreeFrom: null },
        { key: "contact", kind: "yes_no", text: "Har du en person eller ett team som du kan vända dig till?", options: [], goal: null, agreeFrom: null },
      ],
    },
  },
  {
    key: "national_exit",
    name: "Nationella indikatorer – avslutade deltagare",
    audience: "exit",
    content: {
      intro: "Frågorna handlar om det stöd du har fått. Det finns inga rätta eller felaktiga svar.",
      questions: [
        { key: "influence", kind: "scale", text: "Har du kunnat vara med och bestämma vilket stöd du får?", options: influenceScale, goal: "support_influence", agreeFrom: null },
        { key: "treated", kind: "scale", text: "Hur har du blivit bemött?", options: treatedScale, goal: null, agreeFrom: null },
        { key: "contact", kind: "yes_no", text: "Har du haft en person eller ett team som du kunnat vända dig till?", options: [], goal: null, agreeFrom: null },
      ],
    },
  },
];

/** KRUS's own questions (seeds 001, 003): the program publishes them as its own questionnaire. */
export const KRUS_OWN_QUESTIONNAIRE: InstrumentSeed = {
  key: "own",
  name: "KRUS egna frågor",
  audience: "both",
  content: {
    intro: "Några frågor från KRUS om hur du har det nu.",
    questions: [
      {
        key: "more_ready",
        kind: "scale",
        text: "Jag känner mig mer redo att arbeta eller studera",
        options: ["Stämmer inte alls", "Stämmer ganska dåligt", "Stämmer ganska bra", "Stämmer helt"],
        goal: "more_ready",
        agreeFrom: null,
      },
      {
        key: "own_goals",
        kind: "scale",
        text: "Jag har fått stöd att arbeta mot mina egna mål",
        options: ["Stämmer inte alls", "Stämmer ganska dåligt", "Stämmer ganska bra", "Stämmer helt"],
        goal: null,
        agreeFrom: null,
      },
      { key: "comment", kind: "free_text", text: "Vill du säga något mer till oss?", options: [], goal: null, agreeFrom: null },
    ],
  },
};
