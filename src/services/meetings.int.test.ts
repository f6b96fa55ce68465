import { afterAll, beforeAll, expect, it } from "vitest";
import { createTestDatabase, describeEachDatabase, type TestDatabase } from "../../tests/support/db.ts";
import { createWorld, type World } from "../../tests/support/world.ts";
import { LOCALES, translator } from "../i18n/index.ts";
import { verifyAuditChain } from "./audit.ts";
import { recordConsent } from "./consents.ts";
import { consultationPrograms, createConsultation, getConsultation, listConsultations, withdrawConsultation } from "./consultations.ts";
import { ForbiddenError } from "./errors.ts";
import { adviseConsultation, assessRequest, getMeeting, listMeetings, meetingPrograms, setMeetingSettings, TEAM_CASE_GOAL, teamCaseCount } from "./meetings.ts";
import { createPerson } from "./people.ts";
import { createRequest, submitRequest, updateDraft } from "./requests.ts";
import { validate } from "./schemas/common.ts";
import { consultationSchema, containsIdentityNumber } from "./schemas/intake.ts";
import { assessmentSchema, meetingSchema, meetingSettingsSchema } from "./schemas/meeting.ts";

// The collaboration team's meetings as the pages use them: the yearly count toward the goal of 70 cases,
// where an accepted person was placed, who may see which program's meetings and consultations, and the
// field messages of the team's forms.

const draft = (w: World) => ({
  incomeSource: "sickness_benefit",
  activeAt: [{ authorityId: w.authorities.fk, active: "on", contactName: "Anders Lund", contactDetails: "" }],
  situation: "Sjukskriven sedan ett år.",
  triedBefore: "Arbetsträning.",
  whyNotEnough: "Behövde mer stöd.",
  goals: "Arbete inom handel.",
  motivation: "Vill ha en vardag.",
});

const consent = (w: World) => ({ authorityIds: [w.authorities.fk, w.authorities.af], purpose: "Bedömning", givenOn: "2026-11-20", validUntil: "2028-11-20", method: "recorded" });

describeEachDatabase("meetings", (flavour) => {
  let t: TestDatabase;
  let w: World;

  async function submitted(first: string, birthDate = "2000-01-01"): Promise<string> {
    const officer = await w.ctx("officer");
    const person = await createPerson(officer, { firstName: first, lastName: "Möte", birthDate, sex: "female" });
    const { id } = await createRequest(officer, { programId: w.programId, personId: person.id });
    await updateDraft(officer, id, draft(w));
    await recordConsent(officer, person.id, consent(w));
    await submitRequest(officer, id);
    return id;
  }

  async function itemFor(meetingId: string, requestId: string) {
    return (await getMeeting(await w.ctx("coordinator"), meetingId)).agenda.find((i) => i.requestId === requestId)!;
  }

  beforeAll(async () => {
    t = await createTestDatabase(flavour);
    w = await createWorld(t.deps);
    await setMeetingSettings(await w.ctx("coordinator"), w.programId, { anchor: "2026-11-25", intervalWeeks: "3", startTime: "13:00", durationMinutes: "120", location: "Storgatan 1" });
  });
  afterAll(() => t.close());

  it("lists the programs whose meetings each reader may see, and who may plan them", async () => {
    expect(await meetingPrograms(await w.ctx("coordinator"))).toEqual([{ id: w.programId, name: "KRUS", canManage: true }]);
    expect(await meetingPrograms(await w.ctx("team"))).toEqual([{ id: w.programId, name: "KRUS", canManage: false }]);
    expect(await meetingPrograms(await w.ctx("officer"))).toEqual([]);
    expect(await meetingPrograms(await w.ctx("therapist"))).toEqual([]);
    expect(await meetingPrograms(await w.ctx("steering"))).toEqual([]);
  });

  it("counts decided requests and answered consultations toward the yearly goal, by the date of the meeting", async () => {
    const coordinator = await w.ctx("coordinator");
    expect(await teamCaseCount(coordinator, w.programId)).toEqual({ year: 2026, goal: TEAM_CASE_GOAL, requests: 0, consultations: 0, total: 0 });
    expect(TEAM_CASE_GOAL).toBe(70);
    const [first, second, third] = (await listMeetings(coordinator, w.programId)).upcoming;
    expect([first!.date, second!.date, third!.date]).toEqual(["2026-11-25", "2026-12-16", "2027-01-06"]);

    const accepted = await submitted("Alma");
    const notReady = await submitted("Bea");
    const postponed = await submitted("Cecilia");
    const consultation = await createConsultation(await w.ctx("officer"), { programId: w.programId, ageBand: "25_29", sex: "male", situation: "Sjukskriven.", question: "Passar KRUS?" });
    const withdrawn = await createConsultation(await w.ctx("officer"), { programId: w.programId, ageBand: "30_39", sex: "female", situation: "Annat.", question: "Något?" });
    await withdrawConsultation(await w.ctx("officer"), withdrawn.id);

    const yes = { ownOptionsTried: "yes", ableWithSupport: "yes", wantsToTakePart: "yes" };
    await assessRequest(coordinator, (await itemFor(first!.id, accepted)).id, { ...yes, outcome: "accept" });
    // What a route passes on: the form as the schema gave it back.
    await assessRequest(coordinator, (await itemFor(first!.id, notReady)).id, validate(assessmentSchema, { ...yes, outcome: "not_ready", recommendation: "Pröva arbetsträning först." }));
    await assessRequest(coordinator, (await itemFor(first!.id, postponed)).id, { ...yes, outcome: "postpone", postponeReason: "Vill tänka." });
    const consultationItem = (await getMeeting(coordinator, first!.id)).agenda.find((i) => i.consultationId === consultation.id)!;
    await adviseConsultation(await w.ctx("team"), consultationItem.id, { advice: "Börja med ett studiebesök." });
    // A postponement is not a decision; a withdrawn consultation is not an answered one.
    expect(await teamCaseCount(await w.ctx("team"), w.programId)).toEqual({ year: 2026, goal: 70, requests: 2, consultations: 1, total: 3 });

    // Postponed again on 16 December, decided on 6 January: it counts in 2027, once.
    await assessRequest(coordinator, (await itemFor(second!.id, postponed)).id, { ...yes, outcome: "postpone", postponeReason: "Sjuk." });
    await assessRequest(coordinator, (await itemFor(third!.id, postponed)).id, { ...yes, outcome: "accept" });
    expect(await teamCaseCount(coordinator, w.programId)).toMatchObject({ requests: 2, consultations: 1, total: 3 });
    expect(await teamCaseCount(coordinator, w.programId, 2027)).toEqual({ year: 2027, goal: 70, requests: 1, consultations: 0, total: 1 });

    await expect(teamCaseCount(await w.ctx("officer"), w.programId)).rejects.toBeInstanceOf(ForbiddenError);
    await expect(teamCaseCount(await w.ctx("steering"), w.programId)).rejects.toBeInstanceOf(ForbiddenError);
  });

  it("shows where an accepted person was placed, and which meeting comes next", async () => {
    const coordinator = await w.ctx("coordinator");
    const [first, second] = (await listMeetings(coordinator, w.programId)).upcoming;
    const meeting = await getMeeting(coordinator, first!.id);
    expect(meeting.nextMeeting).toEqual({ id: second!.id, date: "2026-12-16" });
    const decided = meeting.agenda.filter((i) => i.assessment);
    expect(decided.map((i) => [i.personName, i.assessment!.outcome, i.assessment!.place])).toEqual([
      ["Alma Möte", "accept", "ordinary"],
      ["Bea Möte", "not_ready", null],
      ["Cecilia Möte", "postpone", null],
    ]);
    expect(decided[1]!.assessment!.recommendation).toBe("Pröva arbetsträning först.");
    // The last planned meeting has none after it.
    const upcoming = (await listMeetings(coordinator, w.programId)).upcoming;
    expect((await getMeeting(coordinator, upcoming.at(-1)!.id)).nextMeeting).toBeNull();
  });

  it("lets officers bring consultations to their programs and tells the reader which are theirs", async () => {
    expect(await consultationPrograms(await w.ctx("officer"))).toEqual([{ id: w.programId, name: "KRUS" }]);
    expect(await consultationPrograms(await w.ctx("officerOtherProgram"))).toEqual([{ id: w.otherProgramId, name: "Vägen vidare" }]);
    expect(await consultationPrograms(await w.ctx("steering"))).toEqual([]);
    expect(await consultationPrograms(await w.ctx("volunteer"))).toEqual([]);

    const officer = await w.ctx("officer");
    const mine = await listConsultations(officer);
    expect(mine.every((c) => c.mine)).toBe(true);
    const answered = mine.find((c) => c.status === "answered")!;
    // The officer cannot open meetings, so gets no link to one; the team can.
    expect(answered).toMatchObject({ advice: "Börja med ett studiebesök.", meetingDate: "2026-11-25", meetingId: null, canWithdraw: false });
    const forTeam = await getConsultation(await w.ctx("team"), answered.id);
    expect(forTeam).toMatchObject({ mine: false, meetingDate: "2026-11-25" });
    expect(forTeam.meetingId).toMatch(/^[0-9a-f-]{36}$/);
  });

  it("gives every message of the team's forms at its field at once, in all three languages", () => {
    const issues = (schema: Parameters<typeof validate>[0], input: unknown) => {
      try {
        validate(schema, input);
        return {};
      } catch (error) {
        return (error as { fieldErrors: Record<string, string[]> }).fieldErrors;
      }
    };
    // The recommendation is asked for even when the three questions are still unanswered.
    expect(issues(assessmentSchema, { outcome: "not_ready", recommendation: "  " })).toEqual({
      ownOptionsTried: ["errors.choose"],
      ableWithSupport: ["errors.choose"],
      wantsToTakePart: ["errors.choose"],
      recommendation: ["meeting.errors.recommendationRequired"],
    });
    expect(issues(assessmentSchema, { ownOptionsTried: "yes", ableWithSupport: "no", wantsToTakePart: "unknown", outcome: "postpone" })).toEqual({
      postponeReason: ["meeting.errors.reasonRequired"],
    });
    expect(issues(assessmentSchema, { ownOptionsTried: "yes", ableWithSupport: "no", outcome: "postpone", postponeReason: "x".repeat(2001) })).toEqual({
      wantsToTakePart: ["errors.choose"],
      postponeReason: ["errors.tooLong"],
    });
    // Text that does not belong to the decision is not kept.
    expect(validate(assessmentSchema, { ownOptionsTried: "yes", ableWithSupport: "no", wantsToTakePart: "unknown", outcome: "accept", recommendation: "a", postponeReason: "b" })).toEqual({
      ownOptionsTried: true, ableWithSupport: false, wantsToTakePart: null, outcome: "accept", recommendation: undefined, postponeReason: undefined,
    });
    // Routes validate the form and hand the result to the service, which validates it again: same result.
    const once = validate(assessmentSchema, { ownOptionsTried: "no", ableWithSupport: "unknown", wantsToTakePart: "yes", outcome: "not_ready", recommendation: " Arbetsträning " });
    expect(once).toEqual({ ownOptionsTried: false, ableWithSupport: null, wantsToTakePart: true, outcome: "not_ready", recommendation: "Arbetsträning", postponeReason: undefined });
    expect(validate(assessmentSchema, once)).toEqual(once);
    expect(issues(meetingSettingsSchema, { anchor: "2026-13-01", intervalWeeks: "0", startTime: "25:00", durationMinutes: "5" })).toEqual({
      anchor: ["errors.date"],
      intervalWeeks: ["meeting.errors.interval"],
      startTime: ["errors.time"],
      durationMinutes: ["meeting.errors.duration"],
    });
    expect(issues(meetingSchema, { date: "tomorrow", startTime: "15:00", endTime: "13:00" })).toEqual({ date: ["errors.date"], endTime: ["errors.endBeforeStart"] });

    const keys = ["meeting.errors.recommendationRequired", "meeting.errors.reasonRequired", "meeting.errors.interval", "meeting.errors.duration", "consultation.errors.identityNumber"];
    for (const key of keys) {
      const texts = LOCALES.map((l) => translator(l)(key));
      expect(texts.every((text) => text !== key && text.length > 10), key).toBe(true);
      expect(new Set(texts).size, key).toBeGreaterThan(1);
    }
  });

  it("refuses a consultation that names an identity number", async () => {
    expect(containsIdentityNumber("Född 20010314-2386, bor i Kalmar")).toBe(true);
    expect(containsIdentityNumber("pnr 200103142386")).toBe(true);
    expect(containsIdentityNumber("Ring 070-123 45 67 eller 0701234567 efter kl 13")).toBe(false);
    expect(containsIdentityNumber("Ungefär 25 år, två barn")).toBe(false);
    const input = { programId: w.programId, ageBand: "19_24", sex: "female", situation: "Kvinna, 20010314-2386.", question: "Vad gör vi?" };
    expect(() => validate(consultationSchema, input)).toThrow();
    await expect(createConsultation(await w.ctx("officer"), input)).rejects.toMatchObject({ fieldErrors: { situation: ["consultation.errors.identityNumber"] } });
    await expect(createConsultation(await w.ctx("officer"), { ...input, situation: "Kvinna i 20-årsåldern.", programId: "" })).rejects.toMatchObject({ fieldErrors: { programId: ["errors.choose"] } });
  });

  it("keeps the audit chain intact", async () => {
    expect((await verifyAuditChain(t.deps.db)).problems).toEqual([]);
  });
});
