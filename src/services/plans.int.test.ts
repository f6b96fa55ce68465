import { randomBytes } from "node:crypto";
import { getDocument } from "pdfjs-dist/legacy/build/pdf.mjs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, describeEachDatabase, type TestDatabase } from "../../tests/support/db.ts";
import { consentDirectly, enrolDirectly } from "../../tests/support/journey.ts";
import { createWorld, type World } from "../../tests/support/world.ts";
import { verifyAuditChain } from "./audit.ts";
import { ConflictError, ForbiddenError, NotFoundError, ValidationError } from "./errors.ts";
import {
  acceptedFinalPlan,
  agreeActions,
  comparePlanVersions,
  getPlan,
  getPlanVersion,
  planEditForm,
  planLanguage,
  planPdf,
  recordAcceptance,
  savePlan,
  startFinalPlan,
} from "./plans.ts";

/** The text of a PDF, page after page. */
async function pdfText(pdf: Buffer): Promise<string> {
  const task = getDocument({ data: new Uint8Array(pdf), useSystemFonts: false, verbosity: 0 });
  const loaded = await task.promise;
  let text = "";
  for (let n = 1; n <= loaded.numPages; n++) {
    const content = await (await loaded.getPage(n)).getTextContent();
    text += content.items.map((entry) => ("str" in entry ? entry.str + (entry.hasEOL ? "\n" : " ") : "")).join("");
  }
  await task.destroy();
  return text;
}

// The living plan as the services run it: versions kept, stale saves refused, a save without changes makes
// no version, acceptance per version, the plan for the future, who may read and write, and the audit trail.

async function insertPerson(w: World, t: TestDatabase, programId: string, first: string, language = "sv"): Promise<string> {
  const row = await t.deps.db
    .insertInto("people")
    .values({
      program_id: programId,
      reference: `P-${randomBytes(4).toString("hex").toUpperCase().slice(0, 6)}`,
      first_name: first,
      last_name: "Testsson",
      sex: "female",
      birth_date: "2000-01-01",
      preferred_language: language,
      protected_identity: false,
    })
    .returning("id")
    .executeTakeFirstOrThrow();
  return row.id;
}

/** A decided request, an ordinary place and an enrolment, written directly (the intake tests cover that path). */
async function enrolFor(w: World, t: TestDatabase, personId: string, programId: string, coordinatorId: string): Promise<string> {
  const now = t.clock.now;
  const { enrolmentId } = await enrolDirectly(t.deps, w, {
    personId,
    programId,
    coordinatorId,
    startDate: "2026-11-02",
    plannedEnd: "2027-11-02",
    request: { accepted: true, incomeSource: "activity_compensation", at: now },
    placement: { acceptedOn: "2026-11-01", placedAt: now },
  });
  return enrolmentId;
}

async function giveConsent(w: World, t: TestDatabase, personId: string, authorities: string[]): Promise<void> {
  await consentDirectly(t.deps, w, { personId, authorities, givenOn: "2026-11-01", validUntil: "2028-11-01", recordedBy: w.users.coordinator.id, recordedAt: t.clock.now });
}

const firstPlan = (w: World) => ({
  baseVersion: 0,
  longTermGoal: { kind: "studies", text: "Börja på Komvux hösten 2027" },
  subGoals: [{ text: "Komma upp på morgnarna fyra dagar i veckan" }],
  obstacles: [{ text: "Oro i stora grupper", howToOvercome: "Börja i en liten grupp" }],
  actions: [
    { what: "Boka tid hos studievägledaren", who: "participant", byWhen: "2026-12-15", status: "planned" },
    { what: "Ta reda på studiestöd", who: "authority", authorityId: w.authorities.af, byWhen: "2027-01-15", status: "planned" },
  ],
  recommendations: "",
});

describeEachDatabase("plans", (flavour) => {
  let t: TestDatabase;
  let w: World;
  let ella: string; // Ella's enrolment: the officer works with her and her consent covers FK
  let noConsent: string; // an enrolment the officer works with, but the consent covers only AF
  let other: string; // an enrolment in another program
  beforeAll(async () => {
    t = await createTestDatabase(flavour);
    w = await createWorld(t.deps);
    ella = await enrolFor(w, t, w.people.ella, w.programId, w.users.coordinator.id);
    await giveConsent(w, t, w.people.ella, [w.authorities.fk, w.authorities.af]);
    const maja = await insertPerson(w, t, w.programId, "Maja");
    await t.deps.db.insertInto("person_staff").values({ person_id: maja, user_id: w.users.officer.id, relation: "case_officer" }).execute();
    await giveConsent(w, t, maja, [w.authorities.af]);
    noConsent = await enrolFor(w, t, maja, w.programId, w.users.coordinator.id);
    other = await enrolFor(w, t, w.people.otherProgramJonas, w.otherProgramId, w.users.coordinator.id);
  });
  afterAll(() => t.close());

  it("starts with no plan: no version, nothing accepted", async () => {
    const view = await getPlan(await w.ctx("coordinator"), ella);
    expect(view.current).toBeNull();
    expect(view.versions).toEqual([]);
    expect(view.acceptance).toEqual({ state: "none", latest: null });
    expect(view.canManage).toBe(true);
    expect(view.header).toMatchObject({ personName: "Ella Johansson", programName: "KRUS", coordinatorName: "Test coordinator" });
    expect(view.authorities.map((a) => a.id).sort()).toEqual(Object.values(w.authorities).sort());
    expect(await acceptedFinalPlan(t.deps.db, ella)).toBeNull();
  });

  it("makes no version for a save that changes nothing, not even the first", async () => {
    const coordinator = await w.ctx("coordinator");
    expect(await savePlan(coordinator, noConsent, { baseVersion: 0 })).toEqual({ version: 0, changed: false });
    expect((await getPlan(coordinator, noConsent)).versions).toEqual([]);
  });

  it("saves the first version with ids for every item and each item listed as added", async () => {
    const coordinator = await w.ctx("coordinator");
    expect(await savePlan(coordinator, ella, firstPlan(w))).toEqual({ version: 1, changed: true });
    const view = await getPlan(coordinator, ella);
    expect(view.current?.version).toBe(1);
    expect(view.current?.stage).toBe("ongoing");
    expect(view.current?.authorName).toBe("Test coordinator");
    const content = view.current!.content;
    expect(content.longTermGoal).toEqual({ kind: "studies", text: "Börja på Komvux hösten 2027" });
    expect(content.actions.map((a) => a.id).every((id) => /^[0-9a-f-]{36}$/.test(id))).toBe(true);
    expect(content.actions[1]).toMatchObject({ who: "authority", authorityId: w.authorities.af, agreed: false });
    expect(view.versions).toHaveLength(1);
    expect(view.versions[0]!.changes).toEqual([
      { path: "longTermGoal", change: "changed", fields: ["kind", "text"] },
      { path: `subGoals.${content.subGoals[0]!.id}`, change: "added" },
      { path: `obstacles.${content.obstacles[0]!.id}`, change: "added" },
      { path: `actions.${content.actions[0]!.id}`, change: "added" },
      { path: `actions.${content.actions[1]!.id}`, change: "added" },
    ]);
    expect(view.versions[0]!.summary.find((s) => s.section === "actions")).toEqual({ section: "actions", added: 2, removed: 0, changed: 0 });
    expect(view.summary).toMatchObject({ open: 2, overdue: 0, openNotAgreed: 2 });
  });

  it("makes no new version when the same plan is saved again", async () => {
    const coordinator = await w.ctx("coordinator");
    const form = await planEditForm(coordinator, ella);
    expect(form.baseVersion).toBe(1);
    expect(await savePlan(coordinator, ella, { baseVersion: 1, ...form.content })).toEqual({ version: 1, changed: false });
    expect((await getPlan(coordinator, ella)).versions).toHaveLength(1);
  });

  it("refuses a save on top of an old version (someone else saved meanwhile)", async () => {
    const stale = savePlan(await w.ctx("manager"), ella, { ...firstPlan(w), subGoals: [{ text: "Något annat" }] });
    await expect(stale).rejects.toBeInstanceOf(ConflictError);
    await expect(stale).rejects.toMatchObject({ code: "stale_version" });
    expect((await getPlan(await w.ctx("coordinator"), ella)).versions).toHaveLength(1);
  });

  it("keeps every version: a changed status is a new version, the old one reads as it was", async () => {
    const coordinator = await w.ctx("coordinator");
    const form = await planEditForm(coordinator, ella);
    const [first, second] = form.content.actions;
    const actions = [{ ...first!, status: "in_progress" }, second!];
    expect(await savePlan(coordinator, ella, { baseVersion: 1, ...form.content, actions })).toEqual({ version: 2, changed: true });
    const v2 = await getPlanVersion(coordinator, ella, 2);
    expect(v2.version.changes).toEqual([{ path: `actions.${first!.id}`, change: "changed", fields: ["status"] }]);
    expect(v2.currentVersion).toBe(2);
    const v1 = await getPlanVersion(coordinator, ella, "1");
    expect(v1.version.content.actions[0]!.status).toBe("planned");
    expect(v1.versionNumbers).toEqual([2, 1]);
    await expect(getPlanVersion(coordinator, ella, 3)).rejects.toBeInstanceOf(NotFoundError);
    await expect(getPlanVersion(coordinator, ella, "x")).rejects.toBeInstanceOf(NotFoundError);
  });

  it("marks actions agreed as a change of its own, and nothing when they already are", async () => {
    const coordinator = await w.ctx("coordinator");
    const form = await planEditForm(coordinator, ella);
    const id = form.content.actions[1]!.id;
    expect(await agreeActions(coordinator, ella, { baseVersion: 2, actionIds: id })).toEqual({ version: 3, changed: true });
    expect((await getPlanVersion(coordinator, ella, 3)).version.changes).toEqual([{ path: `actions.${id}`, change: "changed", fields: ["agreed"] }]);
    expect(await agreeActions(coordinator, ella, { baseVersion: 3, actionIds: [id] })).toEqual({ version: 3, changed: false });
    await expect(agreeActions(coordinator, ella, { baseVersion: 2, actionIds: [id] })).rejects.toMatchObject({ code: "stale_version" });
  });

  it("compares any two versions, in either order", async () => {
    const coordinator = await w.ctx("coordinator");
    const form = await planEditForm(coordinator, ella);
    const [first, second] = form.content.actions;
    const compared = await comparePlanVersions(coordinator, ella, 1, 3);
    expect(compared.changes).toEqual([
      { path: `actions.${first!.id}`, change: "changed", fields: ["status"] },
      { path: `actions.${second!.id}`, change: "changed", fields: ["agreed"] },
    ]);
    expect(compared.comparison.actions.map((r) => r.change)).toEqual(["changed", "changed"]);
    expect(compared.comparison.subGoals.map((r) => r.change)).toEqual(["unchanged"]);
    expect(compared.versions.map((v) => v.version)).toEqual([3, 2, 1]);
    const back = await comparePlanVersions(coordinator, ella, "3", "1");
    expect(back.comparison.actions[0]).toMatchObject({ before: { status: "in_progress" }, after: { status: "planned" } });
    await expect(comparePlanVersions(coordinator, ella, 1, 9)).rejects.toBeInstanceOf(NotFoundError);
  });

  it("records the participant's acceptance per version, and says when the plan changed since", async () => {
    const coordinator = await w.ctx("coordinator");
    await expect(recordAcceptance(coordinator, ella, { version: 3, acceptedOn: "2026-11-24", method: "signed" })).rejects.toMatchObject({ fieldErrors: { acceptedOn: ["plans.errors.acceptedInFuture"] } });
    await expect(recordAcceptance(coordinator, ella, { version: 3, acceptedOn: "2026-11-01", method: "signed" })).rejects.toMatchObject({ fieldErrors: { acceptedOn: ["plans.errors.acceptedBeforeVersion"] } });
    await expect(recordAcceptance(coordinator, ella, { version: 7, acceptedOn: "2026-11-23", method: "signed" })).rejects.toBeInstanceOf(ValidationError);
    await expect(recordAcceptance(coordinator, ella, { version: 3, acceptedOn: "2026-11-23" })).rejects.toBeInstanceOf(ValidationError);
    await recordAcceptance(coordinator, ella, { version: 3, acceptedOn: "2026-11-23", method: "in_meeting", note: "På uppföljningsmötet" });
    let view = await getPlan(coordinator, ella);
    expect(view.acceptance.state).toBe("current");
    expect(view.acceptance.latest).toMatchObject({ version: 3, acceptedOn: "2026-11-23", method: "in_meeting", note: "På uppföljningsmötet", recordedBy: "Test coordinator" });
    expect(view.versions.find((v) => v.version === 3)!.acceptances).toHaveLength(1);
    expect(view.versions.find((v) => v.version === 2)!.acceptances).toHaveLength(0);

    const form = await planEditForm(coordinator, ella);
    await savePlan(coordinator, ella, { ...form.content, baseVersion: 3, subGoals: [...form.content.subGoals, { text: "Gå på studiebesök på Komvux" }] });
    view = await getPlan(coordinator, ella);
    expect(view.current?.version).toBe(4);
    expect(view.acceptance.state).toBe("outdated");
    expect(view.acceptance.latest?.version).toBe(3);
  });

  it("accepts an exit according to plan only when the newest version is a final plan and accepted", async () => {
    const coordinator = await w.ctx("coordinator");
    expect(await acceptedFinalPlan(t.deps.db, ella)).toBeNull();
    await expect(startFinalPlan(coordinator, ella, { baseVersion: 4, recommendations: "" })).rejects.toBeInstanceOf(ValidationError);
    expect(await startFinalPlan(coordinator, ella, { baseVersion: 4, recommendations: "Fortsätt hos AF med studiestöd.\n\nHör av dig till KRUS om du vill." })).toEqual({ version: 5, changed: true });
    const v5 = await getPlanVersion(coordinator, ella, 5);
    expect(v5.version.stage).toBe("final");
    expect(v5.version.changes).toEqual([
      { path: "stage", change: "changed" },
      { path: "recommendations", change: "added" },
    ]);
    // The same recommendations again: nothing changes.
    expect(await startFinalPlan(coordinator, ella, { baseVersion: 5, recommendations: "Fortsätt hos AF med studiestöd.\n\nHör av dig till KRUS om du vill." })).toEqual({ version: 5, changed: false });
    expect(await acceptedFinalPlan(t.deps.db, ella)).toBeNull(); // final, but not accepted
    // An older version accepted is not enough.
    expect((await getPlan(coordinator, ella)).acceptance.state).toBe("outdated");
    await recordAcceptance(coordinator, ella, { version: 5, acceptedOn: "2026-11-23", method: "signed" });
    expect(await acceptedFinalPlan(t.deps.db, ella)).toEqual({ version: 5, acceptedOn: "2026-11-23" });

    // Changed after the acceptance: a final plan still, but no longer accepted.
    const form = await planEditForm(coordinator, ella);
    expect(form.stage).toBe("final");
    await savePlan(coordinator, ella, { ...form.content, baseVersion: 5, recommendations: `${form.content.recommendations} Ring Anders på FK i januari.` });
    expect((await getPlanVersion(coordinator, ella, 6)).version.stage).toBe("final");
    expect(await acceptedFinalPlan(t.deps.db, ella)).toBeNull();
    await recordAcceptance(coordinator, ella, { version: 6, acceptedOn: "2026-11-23", method: "by_phone" });
    expect(await acceptedFinalPlan(t.deps.db, ella)).toEqual({ version: 6, acceptedOn: "2026-11-23" });
  });

  it("never changes or deletes a saved version", async () => {
    const rows = await t.deps.db.selectFrom("plan_versions as v").innerJoin("plans as p", "p.id", "v.plan_id").select(["v.version", "v.content"]).where("p.enrolment_id", "=", ella).orderBy("v.version").execute();
    expect(rows.map((r) => r.version)).toEqual([1, 2, 3, 4, 5, 6]);
    expect(rows[0]!.content.actions.map((a) => [a.status, a.agreed])).toEqual([
      ["planned", false],
      ["planned", false],
    ]);
    expect(rows[0]!.content.subGoals).toHaveLength(1);
  });

  it("refuses an authority from outside the federation", async () => {
    const coordinator = await w.ctx("coordinator");
    const outside = await t.deps.db.insertInto("authorities").values({ federation_id: w.otherFederationId, name: "Annan myndighet", kind: "fk" }).returning("id").executeTakeFirstOrThrow();
    const result = savePlan(coordinator, noConsent, { baseVersion: 0, actions: [{ what: "Ringa", who: "authority", authorityId: outside.id }] });
    await expect(result).rejects.toMatchObject({ fieldErrors: { "actions.0.authorityId": ["plans.errors.authorityUnknown"] } });
  });

  describe("who may read and write", () => {
    it("lets the coordinator and the manager write; the therapist and the consented case officer only read", async () => {
      const manager = await w.ctx("manager");
      expect((await getPlan(manager, ella)).canManage).toBe(true);

      const therapist = await w.ctx("therapist");
      const seen = await getPlan(therapist, ella);
      expect(seen.current?.version).toBe(6);
      expect(seen.canManage).toBe(false);
      await expect(savePlan(therapist, ella, { ...firstPlan(w), baseVersion: 6 })).rejects.toBeInstanceOf(ForbiddenError);
      await expect(planEditForm(therapist, ella)).rejects.toBeInstanceOf(ForbiddenError);

      const officer = await w.ctx("officer");
      const read = await getPlan(officer, ella);
      expect(read.current?.content.longTermGoal.text).toBe("Börja på Komvux hösten 2027");
      expect(read.canManage).toBe(false);
      expect((await getPlanVersion(officer, ella, 1)).version.version).toBe(1);
      expect((await comparePlanVersions(officer, ella, 1, 6)).changes.length).toBeGreaterThan(0);
      await expect(savePlan(officer, ella, { ...firstPlan(w), baseVersion: 6 })).rejects.toBeInstanceOf(ForbiddenError);
      await expect(recordAcceptance(officer, ella, { version: 6, acceptedOn: "2026-11-23", method: "signed" })).rejects.toBeInstanceOf(ForbiddenError);
      await expect(agreeActions(officer, ella, { baseVersion: 6, actionIds: ["x"] })).rejects.toBeInstanceOf(ForbiddenError);
      await expect(startFinalPlan(officer, ella, { baseVersion: 6, recommendations: "x" })).rejects.toBeInstanceOf(ForbiddenError);
    });

    it("hides the plan from a case officer whose authority the consent does not cover, and from other programs", async () => {
      await expect(getPlan(await w.ctx("officer"), noConsent)).rejects.toBeInstanceOf(NotFoundError);
      await expect(planPdf(await w.ctx("officer"), noConsent, null, "sv")).rejects.toBeInstanceOf(NotFoundError);
      await expect(getPlan(await w.ctx("officerOtherProgram"), ella)).rejects.toBeInstanceOf(NotFoundError);
      await expect(getPlan(await w.ctx("coordinator"), other)).rejects.toBeInstanceOf(NotFoundError);
      await expect(savePlan(await w.ctx("coordinator"), other, firstPlan(w))).rejects.toBeInstanceOf(NotFoundError);
      await expect(getPlan(await w.ctx("coordinator"), "not-a-uuid")).rejects.toBeInstanceOf(NotFoundError);
    });

    it("never shows the plan to the steering group, volunteers, the team or (for now) the participant", async () => {
      for (const user of ["steering", "volunteer", "team", "participant", "noRole"] as const) {
        const ctx = await w.ctx(user);
        await expect(getPlan(ctx, ella), user).rejects.toSatisfy((e) => e instanceof NotFoundError || e instanceof ForbiddenError);
        await expect(savePlan(ctx, ella, { ...firstPlan(w), baseVersion: 6 }), user).rejects.toSatisfy((e) => e instanceof NotFoundError || e instanceof ForbiddenError);
        await expect(planPdf(ctx, ella, 6, "sv"), user).rejects.toSatisfy((e) => e instanceof NotFoundError || e instanceof ForbiddenError);
      }
    });
  });

  describe("the printed plan", () => {
    it("prints a version in the participant's language where we have it, else the reader's", async () => {
      expect(planLanguage("nb", "sv")).toBe("nb");
      expect(planLanguage("en", "nb")).toBe("en");
      expect(planLanguage("ar", "nb")).toBe("nb");
      expect(planLanguage("nn", "en")).toBe("en");

      const officer = await w.ctx("officer");
      const printed = await planPdf(officer, ella, "3", "en");
      expect(printed.language).toBe("sv"); // Ella prefers Swedish
      expect(printed.pdf.subarray(0, 8).toString("latin1")).toBe("%PDF-1.7");
      expect(printed.fileName).toMatch(/^plan-P-[0-9A-F]{6}-v3\.pdf$/);
      expect((await planPdf(officer, ella, null, "sv")).fileName).toMatch(/-v6\.pdf$/);
      await expect(planPdf(officer, ella, 99, "sv")).rejects.toBeInstanceOf(NotFoundError);

      const coordinator = await w.ctx("coordinator");
      const english = await insertPerson(w, t, w.programId, "Emily", "en");
      const arabic = await insertPerson(w, t, w.programId, "Amira", "ar");
      for (const [personId, reader, expected] of [
        [english, "sv", "en"],
        [arabic, "nb", "nb"],
      ] as const) {
        const enrolmentId = await enrolFor(w, t, personId, w.programId, w.users.coordinator.id);
        await savePlan(coordinator, enrolmentId, { baseVersion: 0, longTermGoal: { kind: "work", text: "Jobb" } });
        const pdf = await planPdf(coordinator, enrolmentId, 1, reader);
        expect(pdf.language).toBe(expected);
        expect(pdf.pdf.toString("latin1")).toContain(`/Lang (${{ sv: "sv-SE", nb: "nb-NO", en: "en-GB" }[expected]})`);
        // The goal's direction is a labelled fact ("What you are aiming for: Work"), not half a sentence.
        expect(await pdfText(pdf.pdf)).toContain({ en: "What you are aiming for", nb: "Hva du sikter mot" }[expected]);
      }
      await expect(planPdf(coordinator, noConsent, null, "sv")).rejects.toBeInstanceOf(NotFoundError); // no version yet
    });
  });

  it("audits every read and change, with the person and without the plan's text", async () => {
    const events = await t.deps.db.selectFrom("audit_events").select(["action", "person_id", "actor_user_id", "actor_role", "details"]).where("action", "like", "plan.%").orderBy("seq").execute();
    const actions = new Set(events.map((e) => e.action));
    for (const action of ["plan.view", "plan.compare", "plan.save", "plan.agree", "plan.accept", "plan.finalize", "plan.print"]) expect(actions, action).toContain(action);
    const saves = events.filter((e) => e.action === "plan.save" && e.person_id === w.people.ella);
    expect(saves.map((e) => e.details.version)).toEqual([1, 2, 4, 6]);
    expect(saves[0]).toMatchObject({ actor_user_id: w.users.coordinator.id, actor_role: "coordinator" });
    const officerReads = events.filter((e) => e.actor_user_id === w.users.officer.id && e.action === "plan.view");
    expect(officerReads.length).toBeGreaterThanOrEqual(2);
    expect(officerReads[0]!.actor_role).toBe("case_officer");
    expect(events.find((e) => e.action === "plan.print" && e.actor_user_id === w.users.officer.id)?.details).toMatchObject({ version: 3, language: "sv" });
    // No text of the plan in the log.
    expect(JSON.stringify(events)).not.toContain("Komvux");
    expect((await verifyAuditChain(t.deps.db)).ok).toBe(true);
  });
});
