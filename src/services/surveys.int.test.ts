import { afterAll, beforeAll, expect, it } from "vitest";
import { createTestDatabase, describeEachDatabase, type TestDatabase } from "../../tests/support/db.ts";
import { enrolDirectly } from "../../tests/support/journey.ts";
import { createWorld, type UserKey, type World } from "../../tests/support/world.ts";
import { KRUS_OWN_QUESTIONNAIRE, NATIONAL_QUESTIONNAIRES } from "../domain/surveys.ts";
import { verifyAuditChain } from "./audit.ts";
import { ForbiddenError, NotFoundError, ValidationError } from "./errors.ts";
import { recordExit } from "./exits.ts";
import { goalsDashboard } from "./goals.ts";
import { surveyGoalTallies } from "./survey-results.ts";
import {
  answerSurveyLink,
  createQuestionnaire,
  enterPaperAnswer,
  handOutSurvey,
  openSurveyLink,
  paperForm,
  publishDraft,
  questionnaireOf,
  saveDraft,
  setSurveyRhythm,
  surveyResults,
  surveysOverview,
} from "./surveys.ts";

// Participant surveys: the national questionnaires seeded and fixed, a program's own with versions (a published
// version never changes), the exit offering a survey, one-time links (hashed, one use, expiry, throttled), paper
// answers, results with suppression, the goals fed with real numbers, and anonymity: an anonymous response
// reaches neither the person nor the hand-out, in its row or in the audit log.

const META = { ip: "203.0.113.9", userAgent: "test" };
const tokenOf = (link: string) => link.slice(link.lastIndexOf("/") + 1);

const ownQuestions = KRUS_OWN_QUESTIONNAIRE.content.questions.map((q) => ({ key: q.key, kind: q.kind, text: q.text, options: q.options.join("\n"), goal: q.goal ?? "", agreeFrom: "" }));

describeEachDatabase("participant surveys", (flavour) => {
  let t: TestDatabase;
  let w: World;
  let ellaEnrolment: string;
  let oscarEnrolment: string;
  let ownId: string;

  beforeAll(async () => {
    t = await createTestDatabase(flavour);
    w = await createWorld(t.deps);
    // Today is 2026-11-23 (the test clock). Ella started in January, Oscar in August (16 weeks ago).
    ellaEnrolment = (await enrolDirectly(t.deps, w, { personId: w.people.ella, startDate: "2026-01-12", request: { accepted: true }, staff: ["coordinator"] })).enrolmentId;
    oscarEnrolment = (await enrolDirectly(t.deps, w, { personId: w.people.oscar, startDate: "2026-08-03", request: { accepted: true }, staff: ["coordinator"] })).enrolmentId;
  });
  afterAll(() => t.close());

  it("has the national questionnaires published, labelled to be checked, and refuses to reword them", async () => {
    const coordinator = await w.ctx("coordinator");
    const view = await surveysOverview(coordinator, w.programId);
    const national = view.questionnaires.filter((q) => q.national);
    // In name order: "avslutade" (exit) before "pågående" (ongoing).
    expect(national.map((q) => [q.name, q.audience, q.current?.version])).toEqual([...NATIONAL_QUESTIONNAIRES].reverse().map((q) => [q.name, q.audience, 1]));
    expect(national[0]!.current!.questions.map((q) => q.text)).toEqual([
      "Har du kunnat vara med och bestämma vilket stöd du får?",
      "Hur har du blivit bemött?",
      "Har du haft en person eller ett team som du kunnat vända dig till?",
    ]);
    expect(national[0]!.current!.sourceNote).toContain("ska kontrolleras mot den officiella indikatorenkäten");
    await expect(saveDraft(coordinator, w.programId, national[0]!.id, { questions: [] })).rejects.toBeInstanceOf(ForbiddenError);
    // Not even the database lets a published version change.
    await expect(t.deps.db.updateTable("questionnaire_versions").set({ intro: "x" }).where("id", "=", national[0]!.current!.id).execute()).rejects.toThrow(/never changed/);
    await expect(t.deps.db.deleteFrom("questionnaire_versions").where("id", "=", national[0]!.current!.id).execute()).rejects.toThrow(/never changed/);
  });

  it("creates the program's own questionnaire as a draft, publishes it, and changes it only by a new version", async () => {
    const manager = await w.ctx("manager");
    const refused = (await createQuestionnaire(manager, w.programId, { name: "Egna", audience: "both", questions: [{ text: "Skala", kind: "scale", options: "Bara ett" }] }).catch((e: unknown) => e)) as ValidationError;
    expect(refused.fieldErrors).toEqual({ "questions.0.options": ["surveys.errors.tooFewOptions"] });
    const created = await createQuestionnaire(manager, w.programId, { name: KRUS_OWN_QUESTIONNAIRE.name, audience: "both", intro: KRUS_OWN_QUESTIONNAIRE.content.intro, questions: [...ownQuestions, { key: "", text: "", options: "" }] });
    ownId = created.id;
    let q = (await questionnaireOf(manager, w.programId, ownId)).questionnaire;
    expect(q).toMatchObject({ national: false, current: null, draft: { version: 1 } });
    expect(q.draft!.questions.map((x) => [x.key, x.goal])).toEqual([
      ["more_ready", "more_ready"],
      ["own_goals", null],
      ["comment", null],
    ]);
    await publishDraft(manager, w.programId, ownId);
    await expect(publishDraft(manager, w.programId, ownId)).rejects.toMatchObject({ formErrors: ["surveys.errors.noDraft"] });
    // A new version starts as a copy; the published one stays as it was.
    const v2 = await saveDraft(manager, w.programId, ownId, { questions: [] });
    expect(v2.version).toBe(2);
    await saveDraft(manager, w.programId, ownId, { intro: "Ny", questions: [...ownQuestions.slice(0, 2), { ...ownQuestions[2]!, remove: "on" }] });
    q = (await questionnaireOf(manager, w.programId, ownId)).questionnaire;
    expect(q.current!.version).toBe(1);
    expect(q.current!.questions).toHaveLength(3);
    expect(q.draft).toMatchObject({ version: 2, intro: "Ny" });
    expect(q.draft!.questions).toHaveLength(2);
    expect(q.versions).toHaveLength(2);
  });

  it("offers the exit survey when the exit is recorded, hands it out as a one-time link, and takes one anonymous answer", async () => {
    const coordinator = await w.ctx("coordinator");
    await recordExit(coordinator, ellaEnrolment, { exitDate: "2026-11-23", reason: "health", occupation: "studies", incomeSource: "none" });
    let view = await surveysOverview(coordinator, w.programId);
    const offered = view.toHandOut.find((h) => h.enrolmentId === ellaEnrolment && h.audience === "exit")!;
    expect(view.toHandOut.filter((h) => h.enrolmentId === ellaEnrolment)).toHaveLength(1);
    expect(offered).toMatchObject({ audience: "exit", dueOn: "2026-11-23", channel: null, person: { name: "Ella Johansson" } });
    const handed = await handOutSurvey(coordinator, w.programId, { handoutId: offered.id, channel: "link" });
    expect(handed.link).toMatch(/\/s\/s[A-Za-z0-9_-]{43}$/);
    expect(handed.lastDay).toBe("2026-12-22");
    const token = tokenOf(handed.link!);
    // Only the hash is stored.
    const row = await t.deps.db.selectFrom("survey_handouts").selectAll().where("id", "=", handed.handoutId).executeTakeFirstOrThrow();
    expect(row.token_hash).not.toContain(token);
    expect(row.token_hash).toMatch(/^[0-9a-f]{64}$/);

    const open = await openSurveyLink(t.deps, META, token);
    expect(open.state).toBe("open");
    if (open.state !== "open") return;
    expect(open.survey.sections.map((s) => s.name)).toEqual([NATIONAL_QUESTIONNAIRES[1]!.name, KRUS_OWN_QUESTIONNAIRE.name]);
    expect(JSON.stringify(open.survey)).not.toContain("Ella");

    const bad = (await answerSurveyLink(t.deps, META, token, { answers: [{ influence: "9" }] }).catch((e: unknown) => e)) as ValidationError;
    expect(bad.fieldErrors).toEqual({ "answers[0].influence": ["surveys.errors.answer.outOfRange"] });
    await expect(answerSurveyLink(t.deps, META, token, { answers: [{}, {}] })).rejects.toMatchObject({ formErrors: ["surveys.errors.answer.noAnswers"] });

    const eventsBefore = await t.deps.db.selectFrom("audit_events").select((eb) => eb.fn.max("seq").as("max")).executeTakeFirstOrThrow();
    expect(await answerSurveyLink(t.deps, META, token, { anonymous: "yes", answers: [{ influence: "4", treated: "3", contact: "1" }, { more_ready: "3", comment: "Tack för allt, Ella" }] })).toEqual({ anonymous: true });
    await expect(answerSurveyLink(t.deps, META, token, { answers: [{ influence: "1" }] })).rejects.toMatchObject({ formErrors: ["surveys.errors.alreadyUsed"] });
    expect(await openSurveyLink(t.deps, META, token)).toEqual({ state: "used" });

    // Anonymity: no column of the responses reaches the person or the hand-out.
    const responses = await t.deps.db.selectFrom("survey_responses").selectAll().where("program_id", "=", w.programId).execute();
    expect(responses).toHaveLength(2);
    for (const r of responses) {
      expect(r).toMatchObject({ anonymous: true, person_id: null, handout_id: null, channel: "link", audience: "exit", answered_on: "2026-11-23" });
      expect(Object.values(r)).not.toContain(w.people.ella);
      expect(Object.values(r)).not.toContain(handed.handoutId);
      expect(Object.values(r)).not.toContain(ellaEnrolment);
    }
    expect(await t.deps.db.selectFrom("survey_handouts").select(["used", "token_hash"]).where("id", "=", handed.handoutId).executeTakeFirstOrThrow()).toEqual({ used: true, token_hash: row.token_hash });
    // ...and the audit log names neither the person, the hand-out nor the responses.
    const events = await t.deps.db.selectFrom("audit_events").selectAll().where("seq", ">", String(eventsBefore.max)).execute();
    expect(events.map((e) => e.action)).toEqual(["survey.answer"]);
    const text = JSON.stringify(events);
    for (const secret of [w.people.ella, handed.handoutId, ellaEnrolment, ...responses.map((r) => r.id), META.ip]) expect(text).not.toContain(secret);
    expect(events[0]).toMatchObject({ person_id: null, actor_user_id: null, program_id: w.programId });

    view = await surveysOverview(coordinator, w.programId);
    expect(view.handedOut.find((h) => h.id === handed.handoutId)).toMatchObject({ used: true, channel: "link" });
  });

  it("refuses expired and unknown links, counting unknown ones against the client", async () => {
    const coordinator = await w.ctx("coordinator");
    const handed = await handOutSurvey(coordinator, w.programId, { enrolmentId: oscarEnrolment, audience: "ongoing", channel: "link" });
    const token = tokenOf(handed.link!);
    t.clock.set(new Date("2026-12-24T10:00:00Z"));
    try {
      expect(await openSurveyLink(t.deps, META, token)).toEqual({ state: "expired" });
      await expect(answerSurveyLink(t.deps, META, token, { answers: [{ influence: "1" }] })).rejects.toMatchObject({ formErrors: ["surveys.errors.expired"] });
    } finally {
      t.clock.set(new Date("2026-11-23T10:00:00Z"));
    }
    // A new link replaces the lost one; the old one stops working.
    const again = await handOutSurvey(coordinator, w.programId, { handoutId: handed.handoutId, channel: "link" });
    expect(await openSurveyLink(t.deps, META, token)).toEqual({ state: "unknown" });
    expect((await openSurveyLink(t.deps, META, tokenOf(again.link!))).state).toBe("open");
    const throttle = await t.deps.db.selectFrom("login_throttle").select("failures").where("key", "=", `survey-link:${META.ip}`).executeTakeFirstOrThrow();
    expect(throttle.failures).toBe(1);
    await expect(answerSurveyLink(t.deps, META, "s" + "x".repeat(43), { answers: [{ influence: "1" }] })).rejects.toBeInstanceOf(NotFoundError);
    expect((await t.deps.db.selectFrom("login_throttle").select("failures").where("key", "=", `survey-link:${META.ip}`).executeTakeFirstOrThrow()).failures).toBe(2);
    // A named answer (the participant's choice) references the person and the hand-out.
    expect(await answerSurveyLink(t.deps, META, tokenOf(again.link!), { anonymous: "no", answers: [{ influence: "2" }] })).toEqual({ anonymous: false });
    const named = await t.deps.db.selectFrom("survey_responses").selectAll().where("anonymous", "=", false).execute();
    expect(named).toEqual([expect.objectContaining({ person_id: w.people.oscar, handout_id: handed.handoutId, audience: "ongoing" })]);
  });

  it("lists ongoing surveys due on the program's rhythm", async () => {
    const coordinator = await w.ctx("coordinator");
    // Oscar was handed one today: nothing due. With Alva enrolled 13 weeks ago, hers is due.
    const alva = (await enrolDirectly(t.deps, w, { personId: w.people.protectedAlva, startDate: "2026-08-24", request: { accepted: true } })).enrolmentId;
    let view = await surveysOverview(coordinator, w.programId);
    expect(view.everyWeeks).toBe(12);
    expect(view.toHandOut.filter((h) => h.audience === "ongoing").map((h) => [h.enrolmentId, h.dueOn])).toEqual([[alva, "2026-11-16"]]);
    await setSurveyRhythm(coordinator, w.programId, { everyWeeks: "14" });
    view = await surveysOverview(coordinator, w.programId);
    expect(view.toHandOut.filter((h) => h.audience === "ongoing")).toEqual([]);
    await expect(setSurveyRhythm(coordinator, w.programId, { everyWeeks: "2" })).rejects.toMatchObject({ fieldErrors: { everyWeeks: ["surveys.errors.rhythm"] } });
    await setSurveyRhythm(coordinator, w.programId, { everyWeeks: 12 });
  });

  it("enters paper answers: anonymous unless the participant asked, and the anonymous one names nobody in the log", async () => {
    const coordinator = await w.ctx("coordinator");
    const form = await paperForm(coordinator, w.programId, "exit");
    expect(form.sections).toHaveLength(2);
    const before = await t.deps.db.selectFrom("audit_events").select((eb) => eb.fn.max("seq").as("max")).executeTakeFirstOrThrow();
    // A person given while anonymous is ignored: anonymous wins.
    expect(await enterPaperAnswer(coordinator, w.programId, { audience: "exit", personId: w.people.ella, answers: [{ influence: "3" }, { more_ready: "4" }] })).toEqual({ anonymous: true });
    const events = await t.deps.db.selectFrom("audit_events").selectAll().where("seq", ">", String(before.max)).execute();
    expect(events.map((e) => [e.action, e.person_id])).toEqual([["survey.enterPaper", null]]);
    expect(JSON.stringify(events)).not.toContain(w.people.ella);
    await expect(enterPaperAnswer(coordinator, w.programId, { audience: "exit", anonymous: "no", answers: [{ influence: "3" }] })).rejects.toMatchObject({ fieldErrors: { personId: ["errors.choose"] } });
    await expect(enterPaperAnswer(coordinator, w.programId, { audience: "exit", anonymous: "no", personId: w.people.otherProgramJonas, answers: [{ influence: "3" }] })).rejects.toBeInstanceOf(ValidationError);
    await expect(enterPaperAnswer(coordinator, w.programId, { audience: "exit", answeredOn: "2026-11-24", answers: [{ influence: "3" }] })).rejects.toMatchObject({ fieldErrors: { answeredOn: ["surveys.errors.answeredInFuture"] } });
    expect(await enterPaperAnswer(coordinator, w.programId, { audience: "exit", anonymous: "no", personId: w.people.ella, answeredOn: "2026-11-20", answers: [{ influence: "1" }, { more_ready: "1" }] })).toEqual({ anonymous: false });
  });

  it("feeds the goals with real shares, and shows results suppressed to the steering group", async () => {
    // Answers so far: influence 4 (link), 2 (named link), 3 (paper), 1 (named paper); more_ready 3, 4, 1.
    const tallies = await surveyGoalTallies(t.deps.db, w.programId);
    expect(tallies).toEqual([
      { id: "more_ready:2026-11", question: "more_ready", month: "2026-11", agree: 2, total: 3 },
      { id: "support_influence:2026-11", question: "support_influence", month: "2026-11", agree: 2, total: 4 },
    ]);
    const dashboard = await goalsDashboard(await w.ctx("manager"), w.programId, 2026);
    expect(dashboard.figures.find((f) => f.kind === "support_influence")).toMatchObject({ numerator: { shown: 2 }, denominator: { shown: 4 }, value: 50, met: false });
    expect(dashboard.figures.find((f) => f.kind === "more_ready")).toMatchObject({ numerator: { shown: 2 }, denominator: { shown: 3 }, value: 66 });

    const staff = await surveyResults(await w.ctx("coordinator"), w.programId, {});
    expect(staff.suppressed).toBe(false);
    const exitNational = staff.versions.find((v) => v.national && v.name === NATIONAL_QUESTIONNAIRES[1]!.name)!;
    expect(exitNational.questions[0]).toMatchObject({ key: "influence", counts: [{ shown: 1 }, { shown: 0 }, { shown: 1 }, { shown: 1 }], total: { shown: 3 }, agree: { percent: 66 } });
    const own = staff.versions.find((v) => !v.national)!;
    expect(own.questions.find((q) => q.key === "comment")!.texts).toEqual(["Tack för allt, Ella"]);

    const steering = await surveyResults(await w.ctx("steering"), w.programId, { from: "2026-01-01", to: "2026-11-23" });
    expect(steering.suppressed).toBe(true);
    const s = steering.versions.find((v) => v.versionId === exitNational.versionId)!;
    expect(s.responses).toEqual({ suppressed: "fewer_than_5" });
    expect(s.questions[0]!.agree).toEqual({ numerator: { suppressed: "fewer_than_5" }, denominator: { suppressed: "fewer_than_5" }, percent: null });
    expect(steering.versions.find((v) => !v.national)!.questions.find((q) => q.key === "comment")!.texts).toBeNull();
    await expect(surveyResults(await w.ctx("coordinator"), w.programId, { from: "2026-12-01", to: "2026-01-01" })).rejects.toBeInstanceOf(ValidationError);
  });

  it("allows each role exactly its actions", async () => {
    type Outcome = "ok" | "forbidden" | "notFound";
    const outcome = async (p: Promise<unknown>): Promise<Outcome> =>
      p.then(
        () => "ok" as const,
        (e: unknown) => {
          if (e instanceof ForbiddenError) return "forbidden";
          if (e instanceof NotFoundError) return "notFound";
          throw e;
        },
      );
    const actions = {
      overview: (c: Awaited<ReturnType<World["ctx"]>>) => surveysOverview(c, w.programId),
      draft: (c: Awaited<ReturnType<World["ctx"]>>) => saveDraft(c, w.programId, ownId, { questions: [] }),
      paper: (c: Awaited<ReturnType<World["ctx"]>>) => enterPaperAnswer(c, w.programId, { audience: "ongoing", answers: [{ influence: "4" }] }),
      results: (c: Awaited<ReturnType<World["ctx"]>>) => surveyResults(c, w.programId, {}),
    };
    const expected: Record<UserKey, Record<keyof typeof actions, Outcome>> = {
      manager: { overview: "ok", draft: "ok", paper: "ok", results: "ok" },
      coordinator: { overview: "ok", draft: "ok", paper: "ok", results: "ok" },
      steering: { overview: "forbidden", draft: "forbidden", paper: "forbidden", results: "ok" },
      team: { overview: "forbidden", draft: "forbidden", paper: "forbidden", results: "ok" },
      therapist: { overview: "notFound", draft: "notFound", paper: "notFound", results: "notFound" },
      officer: { overview: "notFound", draft: "notFound", paper: "notFound", results: "notFound" },
      officerOtherProgram: { overview: "notFound", draft: "notFound", paper: "notFound", results: "notFound" },
      volunteer: { overview: "notFound", draft: "notFound", paper: "notFound", results: "notFound" },
      participant: { overview: "notFound", draft: "notFound", paper: "notFound", results: "notFound" },
      federationAdmin: { overview: "notFound", draft: "notFound", paper: "notFound", results: "notFound" },
      otherFederationAdmin: { overview: "notFound", draft: "notFound", paper: "notFound", results: "notFound" },
      installationAdmin: { overview: "notFound", draft: "notFound", paper: "notFound", results: "notFound" },
      noRole: { overview: "notFound", draft: "notFound", paper: "notFound", results: "notFound" },
    };
    const actual: Record<string, Record<string, Outcome>> = {};
    for (const user of Object.keys(expected) as UserKey[]) {
      const ctx = await w.ctx(user);
      actual[user] = {};
      for (const [name, run] of Object.entries(actions)) actual[user]![name] = await outcome(run(ctx));
    }
    expect(actual).toEqual(expected);
    // The other program's coordinator-level access does not reach this program's hand-outs.
    await expect(handOutSurvey(await w.ctx("coordinator"), w.otherProgramId, { enrolmentId: oscarEnrolment, audience: "ongoing", channel: "paper" })).rejects.toBeInstanceOf(NotFoundError);
    expect((await verifyAuditChain(t.deps.db)).ok).toBe(true);
  });
});
