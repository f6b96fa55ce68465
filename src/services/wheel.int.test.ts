import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEFAULT_WHEEL_AREAS, type WheelArea } from "../domain/wheel.ts";
import { createTestDatabase, describeEachDatabase, type TestDatabase } from "../../tests/support/db.ts";
import { consentDirectly, enrolDirectly } from "../../tests/support/journey.ts";
import { createWorld, type UserKey, type World } from "../../tests/support/world.ts";
import { verifyAuditChain } from "./audit.ts";
import { ConflictError, ForbiddenError, NotFoundError, ValidationError } from "./errors.ts";
import {
  moveWheelArea,
  programWheel,
  recordReading,
  removeWheelArea,
  saveWheelArea,
  wheelOverview,
  wheelReadingForm,
  wheelStatistics,
} from "./wheel.ts";

// The life-area wheel as its pages use it: the program's instrument (the default until the program adjusts
// it, every change a new version), readings by the participant and the coordinator, the comparison of the
// two, the next reading due, the figures for the statistics, and who may do what.

const KEYS = DEFAULT_WHEEL_AREAS.map((a) => a.key);
const scores = (values: number[]) => Object.fromEntries(KEYS.map((k, i) => [k, String(values[i % values.length])]));

async function enrolmentFor(t: TestDatabase, w: World, personId: string, startDate: string): Promise<string> {
  const { enrolmentId } = await enrolDirectly(t.deps, w, {
    personId,
    startDate,
    plannedEnd: "2027-09-01",
    incomeSource: "sickness_benefit",
    createdAt: new Date("2026-08-25T08:00:00Z"),
    request: { accepted: true, incomeSource: "sickness_benefit" },
    placement: { acceptedOn: "2026-08-20" },
  });
  return enrolmentId;
}

describeEachDatabase("the life-area wheel", (flavour) => {
  let t: TestDatabase;
  let w: World;
  let ella: string;
  let alva: string;
  let oscar: string;
  const ctx = (user: UserKey) => w.ctx(user);
  const events = (action: string) => t.deps.db.selectFrom("audit_events").selectAll().where("action", "=", action).orderBy("seq").execute();

  beforeAll(async () => {
    t = await createTestDatabase(flavour);
    w = await createWorld(t.deps);
    ella = await enrolmentFor(t, w, w.people.ella, "2026-09-01");
    alva = await enrolmentFor(t, w, w.people.protectedAlva, "2026-09-01");
    oscar = await enrolmentFor(t, w, w.people.oscar, "2026-11-02");
  });
  afterAll(() => t.close());

  it("uses Spelplan's default set until the program adjusts it, stored once on first use", async () => {
    const before = await t.deps.db.selectFrom("wheel_instruments").selectAll().execute();
    expect(before).toEqual([]);
    const form = await wheelReadingForm(await ctx("coordinator"), ella);
    expect(form.instrument).toMatchObject({ origin: "default", version: 1 });
    expect(form.instrument.areas.map((a) => a.key)).toEqual(KEYS);
    await wheelOverview(await ctx("manager"), oscar);
    await programWheel(await ctx("manager"), w.programId);
    const rows = await t.deps.db.selectFrom("wheel_instruments").selectAll().execute();
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ program_id: null, version: 1, created_by: null });
    expect(rows[0]!.areas).toEqual(DEFAULT_WHEEL_AREAS);
    // Nothing is due but the start reading yet.
    expect(form.next).toEqual({ date: "2026-09-01", occasion: "start", state: "overdue" });
  });

  it("records readings by the participant and by the coordinator, and shows them side by side where they differ", async () => {
    const coordinator = await ctx("coordinator");
    const { instrument } = await wheelReadingForm(coordinator, ella);
    const own = await recordReading(coordinator, ella, {
      instrumentId: instrument.id,
      ratedBy: "participant",
      occasion: "start",
      readingDate: "2026-09-03",
      scores: scores([2, 3, 4, 5, 6, 7, 8, 9, 10]),
      note: "Ella skattade själv vid första mötet.",
    });
    const theirs = await recordReading(coordinator, ella, {
      instrumentId: instrument.id,
      ratedBy: "coordinator",
      occasion: "start",
      readingDate: "2026-09-05",
      scores: scores([5, 3, 4, 5, 6, 7, 8, 9, 6]),
    });
    const view = await wheelOverview(await ctx("therapist"), ella);
    expect(view.readings.map((r) => r.id)).toEqual([theirs.id, own.id]);
    expect(view.readings[1]).toMatchObject({ ratedBy: "participant", occasion: "start", date: "2026-09-03", instrumentOrigin: "default", instrumentVersion: 1, recordedByName: "Test coordinator", note: "Ella skattade själv vid första mötet." });
    expect(view.readings[1]!.scores).toEqual({ housing: 2, economy: 3, family_network: 4, activity: 5, health: 6, daily_routines: 7, social_skills: 8, motivation: 9, own_resources: 10 });
    // The chart by default: the first and the latest.
    expect(view.chart).toEqual([own.id, theirs.id]);
    expect(view.comparisons).toHaveLength(1);
    expect(view.comparisons[0]).toMatchObject({ participantId: own.id, coordinatorId: theirs.id, differing: 2 });
    expect(view.comparisons[0]!.areas.filter((a) => a.differs).map((a) => [a.key, a.from, a.to])).toEqual([
      ["housing", 2, 5],
      ["own_resources", 10, 6],
    ]);
    // Next: three months after the latest reading. The therapist reads but may not record.
    expect(view.next).toEqual({ date: "2026-12-05", occasion: "during", state: "soon" });
    expect(view.canRecord).toBe(false);
    expect(view.canAdjust).toBe(false);
    expect(view.person).toMatchObject({ name: "Ella Johansson" });
    // The reader chooses up to three readings for the chart.
    const chosen = await wheelOverview(coordinator, ella, [theirs.id, own.id, "nonsense"]);
    expect(chosen.chart).toEqual([own.id, theirs.id]);
    expect(chosen.tooMany).toBe(false);
    expect(chosen.canRecord).toBe(true);
  });

  it("refuses a missing score at its own field, a date in the future, and a form opened before the wheel changed", async () => {
    const coordinator = await ctx("coordinator");
    const { instrument } = await wheelReadingForm(coordinator, oscar);
    const { health: _health, ...withoutHealth } = scores([5]);
    const base = { instrumentId: instrument.id, ratedBy: "coordinator", occasion: "start", readingDate: "2026-11-05" };
    const missing = await recordReading(coordinator, oscar, { ...base, scores: withoutHealth }).catch((e: unknown) => e);
    expect(missing).toBeInstanceOf(ValidationError);
    expect((missing as ValidationError).fieldErrors).toEqual({ "scores.health": ["wheel.errors.chooseScore"] });
    const outOfRange = await recordReading(coordinator, oscar, { ...base, scores: { ...scores([5]), economy: "11" } }).catch((e: unknown) => e);
    expect((outOfRange as ValidationError).fieldErrors).toEqual({ "scores.economy": ["wheel.errors.chooseScore"] });
    const future = await recordReading(coordinator, oscar, { ...base, readingDate: "2026-11-24", scores: scores([5]) }).catch((e: unknown) => e);
    expect((future as ValidationError).fieldErrors).toEqual({ readingDate: ["wheel.errors.future"] });
    const early = await recordReading(coordinator, oscar, { ...base, readingDate: "2026-08-01", scores: scores([5]) }).catch((e: unknown) => e);
    expect((early as ValidationError).fieldErrors).toEqual({ readingDate: ["wheel.errors.beforeStart"] });
    const unknownVersion = await recordReading(coordinator, oscar, { ...base, instrumentId: "7f0c1f9e-3c1a-4d1e-9a55-1c2b3d4e5f60", scores: scores([5]) }).catch((e: unknown) => e);
    expect((unknownVersion as ValidationError).formErrors).toEqual(["wheel.errors.instrumentChanged"]);
    expect(await t.deps.db.selectFrom("wheel_readings").select("id").where("enrolment_id", "=", oscar).execute()).toEqual([]);
  });

  it("lets the program adjust its wheel: every change a new version, old readings keep theirs", async () => {
    const manager = await ctx("manager");
    const before = await programWheel(manager, w.programId);
    expect(before.current).toMatchObject({ origin: "default", version: 1 });
    expect(before.versions).toEqual([]);
    expect(before.defaultReadings).toBe(2);
    const defaultId = before.current.id;

    const housing = structuredClone(DEFAULT_WHEEL_AREAS[0]!) as WheelArea;
    housing.steps.sv[0] = "Jag saknar bostad just nu.";
    const changed = await saveWheelArea(manager, w.programId, "housing", { instrumentId: defaultId, group: housing.group, label: housing.label, steps: housing.steps });
    expect(changed).toMatchObject({ version: 1, changed: true, key: "housing" });
    // Saving the same again changes nothing: no new version.
    const same = await saveWheelArea(manager, w.programId, "housing", { instrumentId: changed.instrumentId, group: housing.group, label: housing.label, steps: housing.steps });
    expect(same).toEqual({ ...changed, changed: false });
    // A change that starts from an old version is refused: someone else changed it meanwhile.
    await expect(saveWheelArea(manager, w.programId, "housing", { instrumentId: defaultId, group: housing.group, label: housing.label, steps: housing.steps })).rejects.toBeInstanceOf(ConflictError);

    const leisure = {
      instrumentId: changed.instrumentId,
      group: "life",
      label: { sv: "Fritid", nb: "Fritid", en: "Free time" },
      steps: {
        sv: Array.from({ length: 10 }, (_, i) => `Fritid steg ${i + 1}.`),
        nb: Array.from({ length: 10 }, (_, i) => `Fritid trinn ${i + 1}.`),
        en: Array.from({ length: 10 }, (_, i) => `Free time step ${i + 1}.`),
      },
    };
    const added = await saveWheelArea(await ctx("coordinator"), w.programId, null, leisure);
    expect(added).toMatchObject({ version: 2, key: "fritid" });
    const removed = await removeWheelArea(manager, w.programId, { instrumentId: added.instrumentId, key: "economy" });
    const moved = await moveWheelArea(manager, w.programId, { instrumentId: removed.instrumentId, key: "fritid", direction: "up" });
    const after = await programWheel(manager, w.programId);
    expect(after.current).toMatchObject({ id: moved.instrumentId, origin: "program", version: 4, createdByName: "Test manager" });
    expect(after.current.areas.map((a) => a.key)).toEqual(["housing", "family_network", "activity", "health", "daily_routines", "social_skills", "motivation", "fritid", "own_resources"]);
    expect(after.current.areas[0]!.steps.sv[0]).toBe("Jag saknar bostad just nu.");
    expect(after.versions.map((v) => v.version)).toEqual([4, 3, 2, 1]);

    // Old readings keep the default version; a new one is made with the program's newest.
    const coordinator = await ctx("coordinator");
    const form = await wheelReadingForm(coordinator, ella);
    expect(form.instrument.id).toBe(moved.instrumentId);
    const stale = await recordReading(coordinator, ella, { instrumentId: defaultId, ratedBy: "coordinator", occasion: "during", readingDate: "2026-11-20", scores: scores([6]) }).catch((e: unknown) => e);
    expect((stale as ValidationError).formErrors).toEqual(["wheel.errors.instrumentChanged"]);
    const newScores = Object.fromEntries(form.instrument.areas.map((a, i) => [a.key, i + 2]));
    const latest = await recordReading(coordinator, ella, { instrumentId: form.instrument.id, ratedBy: "coordinator", occasion: "during", readingDate: "2026-11-20", scores: newScores });
    const view = await wheelOverview(coordinator, ella);
    expect(view.readings.map((r) => [r.instrumentOrigin, r.instrumentVersion])).toEqual([
      ["program", 4],
      ["default", 1],
      ["default", 1],
    ]);
    // The chart: the first and the latest reading; the removed area is still an axis (old readings rated it).
    expect(view.chart).toEqual([view.readings[2]!.id, latest.id]);
    expect(view.axes.map((a) => [a.key, a.current])).toEqual([...after.current.areas.map((a) => [a.key, true]), ["economy", false]]);
    expect(view.axes.at(-1)!.label.sv).toBe("Ekonomi");
    expect(view.next).toEqual({ date: "2027-02-20", occasion: "during", state: "later" });
    const stored = await t.deps.db.selectFrom("wheel_readings").select(["instrument_id"]).where("enrolment_id", "=", ella).orderBy("recorded_at").execute();
    expect(stored.map((r) => r.instrument_id)).toEqual([defaultId, defaultId, moved.instrumentId]);
    expect((await programWheel(manager, w.programId)).versions[0]!.readings).toBe(1);
  });

  it("keeps at least three areas, and refuses a new area without all its steps", async () => {
    const manager = await ctx("manager");
    let current = (await programWheel(manager, w.programId)).current;
    const incomplete = await saveWheelArea(manager, w.programId, null, {
      instrumentId: current.id,
      group: "life",
      label: { sv: "Fritid", nb: "", en: "Free time" },
      steps: { sv: ["Bara ett steg."], nb: [], en: [] },
    }).catch((e: unknown) => e);
    expect(incomplete).toBeInstanceOf(ValidationError);
    const fields = (incomplete as ValidationError).fieldErrors;
    expect(fields["label.nb"]).toEqual(["errors.required"]);
    expect(fields["steps.sv.1"]).toEqual(["errors.required"]);
    expect(fields["steps.en.9"]).toEqual(["errors.required"]);
    for (const key of current.areas.slice(3).map((a) => a.key)) {
      const result = await removeWheelArea(manager, w.programId, { instrumentId: current.id, key });
      current = (await programWheel(manager, w.programId)).current;
      expect(current.id).toBe(result.instrumentId);
    }
    expect(current.areas).toHaveLength(3);
    const last = await removeWheelArea(manager, w.programId, { instrumentId: current.id, key: current.areas[0]!.key }).catch((e: unknown) => e);
    expect((last as ValidationError).formErrors).toEqual(["wheel.errors.tooFewAreas"]);
    await expect(removeWheelArea(manager, w.programId, { instrumentId: current.id, key: "no_such_area" })).rejects.toBeInstanceOf(NotFoundError);
  });

  describe("who may do what", () => {
    it("hides the wheel from those who may not see the participant's journey (404), and refuses recording to readers (403)", async () => {
      const form = await wheelReadingForm(await ctx("coordinator"), alva);
      const reading = { instrumentId: form.instrument.id, ratedBy: "coordinator", occasion: "start", readingDate: "2026-09-02", scores: Object.fromEntries(form.instrument.areas.map((a) => [a.key, 5])) };
      for (const user of ["volunteer", "steering", "team", "officerOtherProgram", "participant", "noRole", "federationAdmin"] as const) {
        await expect(wheelOverview(await ctx(user), ella), user).rejects.toBeInstanceOf(NotFoundError);
        await expect(recordReading(await ctx(user), ella, reading), user).rejects.toBeInstanceOf(NotFoundError);
      }
      // The case officer sees the journey only while a valid consent covers their authority.
      await expect(wheelOverview(await ctx("officer"), ella)).rejects.toBeInstanceOf(NotFoundError);
      await consentDirectly(t.deps, w, { personId: w.people.ella, authorities: [w.authorities.fk], givenOn: "2026-08-01", validUntil: "2028-08-01", recordedAt: new Date("2026-08-01T10:00:00Z") });
      const officerView = await wheelOverview(await ctx("officer"), ella);
      expect(officerView.canRecord).toBe(false);
      await expect(recordReading(await ctx("officer"), ella, reading)).rejects.toBeInstanceOf(ForbiddenError);
      await expect(recordReading(await ctx("therapist"), alva, reading)).rejects.toBeInstanceOf(ForbiddenError);
      await expect(wheelReadingForm(await ctx("therapist"), alva)).rejects.toBeInstanceOf(ForbiddenError);
      for (const id of ["not-a-uuid", "7f0c1f9e-3c1a-4d1e-9a55-1c2b3d4e5f60"]) await expect(wheelOverview(await ctx("coordinator"), id)).rejects.toBeInstanceOf(NotFoundError);
      // The manager records too; protected identity is masked for staff not working with the person.
      await recordReading(await ctx("manager"), alva, reading);
      expect((await wheelOverview(await ctx("manager"), alva)).person).toMatchObject({ name: null });
      expect((await wheelOverview(await ctx("coordinator"), alva)).person).toMatchObject({ name: "Alva Eriksson" });
    });

    it("lets the program's manager and coordinators adjust the wheel, and nobody else", async () => {
      for (const user of ["therapist", "officer", "team", "steering", "volunteer", "participant", "federationAdmin", "officerOtherProgram"] as const) {
        await expect(programWheel(await ctx(user), w.programId), user).rejects.toBeInstanceOf(ForbiddenError);
        await expect(moveWheelArea(await ctx(user), w.programId, { instrumentId: "7f0c1f9e-3c1a-4d1e-9a55-1c2b3d4e5f60", key: "housing", direction: "down" }), user).rejects.toBeInstanceOf(ForbiddenError);
      }
      await expect(programWheel(await ctx("manager"), "7f0c1f9e-3c1a-4d1e-9a55-1c2b3d4e5f60")).rejects.toBeInstanceOf(NotFoundError);
      await expect(programWheel(await ctx("manager"), w.otherProgramId)).rejects.toBeInstanceOf(ForbiddenError);
    });
  });

  it("gives the program's figures from first to last reading, counts only, to those who see the program's figures", async () => {
    const stats = await wheelStatistics(await ctx("steering"), w.programId, { ratedBy: "coordinator" });
    // Ella: coordinator readings on 2026-09-05 and 2026-11-20 (areas in common: the eight still in both).
    expect(stats.participants).toBe(1);
    expect(stats.improved + stats.same + stats.lower).toBe(1);
    expect(stats.areas.map((a) => a.key)).not.toContain("fritid");
    expect(stats.areas.find((a) => a.key === "housing")).toEqual({ key: "housing", participants: 1, meanChange: -3 });
    expect(await wheelStatistics(await ctx("manager"), w.programId, { ratedBy: "participant" })).toMatchObject({ participants: 0, meanChange: null });
    await expect(wheelStatistics(await ctx("volunteer"), w.programId, { ratedBy: "coordinator" })).rejects.toBeInstanceOf(ForbiddenError);
  });

  it("records every read and every change in the audit log, without the scores", async () => {
    const views = await events("wheel.view");
    expect(views.length).toBeGreaterThan(3);
    expect(views[0]).toMatchObject({ entity_type: "enrolment", actor_role: "manager", program_id: w.programId, federation_id: w.federationId });
    const therapistView = views.find((e) => e.actor_role === "therapist")!;
    expect(therapistView).toMatchObject({ entity_id: ella, person_id: w.people.ella, actor_user_id: w.users.therapist.id, ip: "192.0.2.10" });
    const records = await events("wheel.record");
    expect(records).toHaveLength(4);
    expect(records[0]).toMatchObject({ entity_type: "wheel_reading", actor_role: "coordinator", person_id: w.people.ella });
    expect(records[0]!.details).toMatchObject({ enrolmentId: ella, ratedBy: "participant", occasion: "start", areas: 9 });
    expect(JSON.stringify(records.map((r) => r.details))).not.toMatch(/scores|housing|Ella/);
    expect(records.at(-1)).toMatchObject({ actor_role: "manager", person_id: w.people.protectedAlva });
    const changes = await events("wheel.instrumentChange");
    expect(changes.map((e) => (e.details as { change: string }).change)).toEqual(["area_changed", "area_added", "area_removed", "area_moved", ...Array(6).fill("area_removed")]);
    expect(changes[1]).toMatchObject({ actor_role: "coordinator", entity_type: "wheel_instrument", program_id: w.programId, person_id: null });
    expect(await verifyAuditChain(t.deps.db)).toMatchObject({ ok: true });
  });
});
