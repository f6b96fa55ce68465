import { describe, expect, it } from "vitest";
import {
  agreeThreshold,
  checkAnswers,
  copyForNewVersion,
  goalTallies,
  KRUS_OWN_QUESTIONNAIRE,
  linkLastDay,
  mayEditVersion,
  NATIONAL_QUESTIONNAIRES,
  ongoingSurveyDue,
  type SurveyQuestion,
  tallyVersion,
  versionProblems,
} from "./surveys.ts";

const scale = (key: string, n = 4, extra: Partial<SurveyQuestion> = {}): SurveyQuestion => ({
  key,
  kind: "scale",
  text: `Question ${key}`,
  options: Array.from({ length: n }, (_, i) => `option ${i + 1}`),
  goal: null,
  agreeFrom: null,
  ...extra,
});
const yesNo: SurveyQuestion = { key: "contact", kind: "yes_no", text: "Someone to turn to?", options: [], goal: null, agreeFrom: null };
const free: SurveyQuestion = { key: "comment", kind: "free_text", text: "Anything else?", options: [], goal: null, agreeFrom: null };

describe("versions", () => {
  it("accepts the seeded national and KRUS questionnaires", () => {
    for (const q of [...NATIONAL_QUESTIONNAIRES, KRUS_OWN_QUESTIONNAIRE]) expect(versionProblems(q.content)).toEqual([]);
    expect(NATIONAL_QUESTIONNAIRES.map((q) => q.audience)).toEqual(["ongoing", "exit"]);
  });

  it("finds every problem at its question", () => {
    const problems = versionProblems({
      intro: "",
      questions: [
        scale("a", 1),
        { ...scale("a"), text: " " },
        { ...free, key: "Bad key", goal: "more_ready" },
        { ...yesNo, options: ["x"] },
        scale("b", 4, { agreeFrom: 5, goal: "more_ready" }),
        scale("c", 4, { goal: "more_ready" }),
      ],
    });
    expect(problems).toEqual([
      { path: "questions.0.options", code: "tooFewOptions" },
      { path: "questions.1.key", code: "keyDuplicate" },
      { path: "questions.1.text", code: "textMissing" },
      { path: "questions.2.key", code: "keyInvalid" },
      { path: "questions.2.goal", code: "goalNotAllowed" },
      { path: "questions.3.options", code: "optionsNotAllowed" },
      { path: "questions.4.agreeFrom", code: "agreeFromOutOfRange" },
      { path: "questions.5.goal", code: "goalTwice" },
    ]);
    expect(versionProblems({ intro: "", questions: [] })).toEqual([{ path: "questions", code: "noQuestions" }]);
  });

  it("never edits a published version; a new version is a deep copy", () => {
    expect(mayEditVersion({ publishedAt: new Date() })).toBe(false);
    expect(mayEditVersion({ publishedAt: null })).toBe(true);
    const from = { intro: "Hi", questions: [scale("a")] };
    const copy = copyForNewVersion(from);
    copy.questions[0]!.options.push("more");
    copy.questions[0]!.text = "changed";
    expect(from.questions[0]!.options).toHaveLength(4);
    expect(from.questions[0]!.text).toBe("Question a");
  });

  it("counts the top two of a scale as agreeing unless the question says otherwise", () => {
    expect(agreeThreshold(scale("a", 4))).toBe(3);
    expect(agreeThreshold(scale("a", 5))).toBe(4);
    expect(agreeThreshold(scale("a", 5, { agreeFrom: 5 }))).toBe(5);
    expect(agreeThreshold(yesNo)).toBe(1);
    expect(agreeThreshold(free)).toBeNull();
  });
});

describe("answers", () => {
  const qs = [scale("a"), yesNo, free];

  it("keeps the answered questions in the version's order", () => {
    expect(checkAnswers(qs, { comment: { text: "  Thanks " }, contact: { value: 0 }, a: { value: 4 } })).toEqual({
      ok: true,
      answers: [
        { key: "a", value: 4, text: null },
        { key: "contact", value: 0, text: null },
        { key: "comment", value: null, text: "Thanks" },
      ],
    });
    expect(checkAnswers(qs, { a: null, comment: { text: " " }, contact: { value: 1 } })).toEqual({ ok: true, answers: [{ key: "contact", value: 1, text: null }] });
  });

  it("refuses values off the scale, unknown questions and an empty answer", () => {
    expect(checkAnswers(qs, { a: { value: 5 }, contact: { value: 2 }, x: { value: 1 }, comment: { value: 1 } })).toEqual({
      ok: false,
      problems: [
        { key: "a", code: "outOfRange" },
        { key: "contact", code: "outOfRange" },
        { key: "x", code: "unknownQuestion" },
        { key: "comment", code: "notText" },
      ],
    });
    expect(checkAnswers(qs, { a: { value: 0 } })).toMatchObject({ ok: false, problems: [{ key: "a", code: "outOfRange" }] });
    expect(checkAnswers(qs, { comment: { text: "x".repeat(2001) } })).toMatchObject({ ok: false, problems: [{ key: "comment", code: "textTooLong" }] });
    expect(checkAnswers(qs, {})).toEqual({ ok: false, problems: [{ key: "", code: "noAnswers" }] });
  });
});

describe("the rhythm for ongoing participants", () => {
  const base = { startDate: "2026-01-05", endDate: null, everyWeeks: 12, lastOngoingOn: null };

  it("is due at each point start + k weeks, until handed out on or after it", () => {
    expect(ongoingSurveyDue({ ...base, today: "2026-03-29" })).toBeNull(); // week 11
    expect(ongoingSurveyDue({ ...base, today: "2026-03-30" })).toBe("2026-03-30"); // week 12
    expect(ongoingSurveyDue({ ...base, today: "2026-05-01" })).toBe("2026-03-30");
    expect(ongoingSurveyDue({ ...base, today: "2026-05-01", lastOngoingOn: "2026-04-02" })).toBeNull();
    expect(ongoingSurveyDue({ ...base, today: "2026-06-22", lastOngoingOn: "2026-04-02" })).toBe("2026-06-22"); // week 24
    expect(ongoingSurveyDue({ ...base, today: "2026-03-30", everyWeeks: 4 })).toBe("2026-03-30"); // week 12 = 3 x 4
  });

  it("is not due after the enrolment ended, and refuses a rhythm out of range", () => {
    expect(ongoingSurveyDue({ ...base, endDate: "2026-04-01", today: "2026-05-01" })).toBeNull();
    expect(() => ongoingSurveyDue({ ...base, today: "2026-05-01", everyWeeks: 2 })).toThrow(RangeError);
  });

  it("gives a link thirty days", () => {
    expect(linkLastDay("2026-01-31")).toBe("2026-03-01");
  });
});

describe("results", () => {
  const v = "v1";
  const qs = [scale("a", 4, { goal: "support_influence" }), { ...yesNo, goal: "more_ready" as const }, free];
  const answers = [
    { versionId: v, key: "a", value: 4, answeredOn: "2026-03-02" },
    { versionId: v, key: "a", value: 3, answeredOn: "2026-03-20" },
    { versionId: v, key: "a", value: 2, answeredOn: "2026-04-01" },
    { versionId: v, key: "a", value: 1, answeredOn: "2026-04-02" },
    { versionId: v, key: "contact", value: 1, answeredOn: "2026-04-02" },
    { versionId: v, key: "contact", value: 0, answeredOn: "2026-04-03" },
    { versionId: v, key: "comment", value: null, answeredOn: "2026-04-03" },
    { versionId: "other", key: "a", value: 4, answeredOn: "2026-04-03" },
  ];

  it("tallies each question of a version", () => {
    expect(tallyVersion(v, qs, answers)).toEqual([
      { versionId: v, key: "a", kind: "scale", counts: [1, 1, 1, 1], total: 4, agree: 2 },
      { versionId: v, key: "contact", kind: "yes_no", counts: [1, 1], total: 2, agree: 1 },
      { versionId: v, key: "comment", kind: "free_text", counts: [], total: 1, agree: null },
    ]);
  });

  it("tallies the goals per month over every version that feeds them", () => {
    expect(goalTallies(new Map([[v, qs]]), answers)).toEqual([
      { goal: "support_influence", month: "2026-03", agree: 2, total: 2 },
      { goal: "more_ready", month: "2026-04", agree: 1, total: 2 },
      { goal: "support_influence", month: "2026-04", agree: 0, total: 2 },
    ]);
  });
});
