import { afterAll, beforeAll, expect, it } from "vitest";
import { createTestDatabase, describeEachDatabase, type TestDatabase } from "../../tests/support/db.ts";
import { enrolDirectly } from "../../tests/support/journey.ts";
import { createWorld, type World } from "../../tests/support/world.ts";
import { verifyAuditChain } from "./audit.ts";
import { ForbiddenError, NotFoundError, ValidationError } from "./errors.ts";
import { breakfastForSchedule, getBreakfastRota, groupDays, planBreakfastRota, replanBreakfastRota, swapBreakfastDuties } from "./rota.ts";
import { createSeries, createSession, ensureSession, setException } from "./schedule.ts";

// The breakfast rota over a real schedule: group days are the ordinary group's morning sessions (not the
// afternoon, not the pre-group, not cancelled or holiday-skipped ones); the duties are shared fairly among
// those in the group that day without an excused absence recorded ahead; re-planning after someone leaves
// keeps what still works; swaps follow the rules; names only for the program's staff; all of it audited.

describeEachDatabase("the breakfast rota", (flavour) => {
  let t: TestDatabase;
  let w: World;
  let seriesId: string;
  let noa: string;
  // Today is Monday 2026-11-23 (the test clock); the default period runs to Sunday 2026-12-20.
  const PERIOD = { from: "2026-11-23", to: "2026-12-20" };
  // Monday to Wednesday, with Wednesday 2 December cancelled.
  const GROUP_DAYS = ["2026-11-23", "2026-11-24", "2026-11-25", "2026-11-30", "2026-12-01", "2026-12-07", "2026-12-08", "2026-12-09", "2026-12-14", "2026-12-15", "2026-12-16"];

  const dutiesOf = async () =>
    (await t.deps.db.selectFrom("breakfast_duties").select(["date", "person_id"]).where("program_id", "=", w.programId).orderBy("date").execute()).map((r) => [r.date, r.person_id] as const);
  const onDay = async (date: string) => (await dutiesOf()).filter(([d]) => d === date).map(([, p]) => p);
  const daysOf = async (personId: string) => (await dutiesOf()).filter(([, p]) => p === personId).map(([d]) => d);

  beforeAll(async () => {
    t = await createTestDatabase(flavour);
    w = await createWorld(t.deps);
    const person = await t.deps.db
      .insertInto("people")
      .values({ program_id: w.programId, reference: "P-NOA001", first_name: "Noa", last_name: "Berg", sex: "male", birth_date: "2000-05-05", preferred_language: "sv", protected_identity: false })
      .returning("id")
      .executeTakeFirstOrThrow();
    noa = person.id;
    for (const [personId, startDate] of [
      [w.people.ella, "2026-09-01"],
      [w.people.oscar, "2026-09-15"],
      [w.people.protectedAlva, "2026-10-01"],
      [noa, "2026-11-02"],
    ] as const) {
      await enrolDirectly(t.deps, w, { personId, startDate });
    }
    // Another program's participant is never on this rota.
    await enrolDirectly(t.deps, w, { personId: w.people.otherProgramJonas, startDate: "2026-09-01", programId: w.otherProgramId });
    const coordinator = await w.ctx("coordinator");
    const base = { kind: "groupSession", title: "Gruppen", groupKinds: ["ordinary"], firstDate: "2026-11-02", lastDate: "2027-01-31" };
    seriesId = (await createSeries(coordinator, w.programId, { ...base, weekdays: ["1", "2", "3"], startTime: "09:00", endTime: "12:00" })).id;
    // Not group days: the ordinary group's afternoon wellness, and the pre-group's morning.
    await createSeries(coordinator, w.programId, { ...base, kind: "wellness", title: "Friskvård", weekdays: ["4"], startTime: "13:00", endTime: "15:00" });
    await createSession(coordinator, w.programId, { kind: "preGroupSession", title: "Förgruppen", groupKinds: ["pre_group"], date: "2026-11-26", startTime: "09:00", endTime: "11:00" });
    await setException(coordinator, seriesId, { originalDate: "2026-12-02", kind: "cancelled", note: "Studiebesök" });
    // Ella has told us ahead that she is away on Wednesday 25 November.
    const by = { userId: w.users.coordinator.id, now: t.clock.now };
    const session = await t.deps.db.transaction().execute((tx) => ensureSession(tx, seriesId, "2026-11-25", by));
    await t.deps.db.insertInto("attendance").values({ session_id: session.id, person_id: w.people.ella, status: "absent_with_notice", minutes_late: null, recorded_by: w.users.coordinator.id, recorded_at: t.clock.now }).execute();
  });
  afterAll(() => t.close());

  it("finds the group days: the ordinary group's mornings, without cancelled or holiday-skipped ones", async () => {
    const { days } = await groupDays(t.deps.db, w.programId, PERIOD.from, PERIOD.to);
    expect(days.map((d) => d.date)).toEqual(GROUP_DAYS);
    expect([...days.find((d) => d.date === "2026-11-25")!.available].sort()).toEqual([w.people.oscar, w.people.protectedAlva, noa].sort());
    expect(days.find((d) => d.date === "2026-11-24")!.available).toHaveLength(4);
    // Epiphany (Wednesday 6 January) is skipped by the series: not a group day.
    const january = await groupDays(t.deps.db, w.programId, "2027-01-04", "2027-01-07");
    expect(january.days.map((d) => d.date)).toEqual(["2027-01-04", "2027-01-05"]);
  });

  it("plans the coming four weeks fairly, skipping someone away with notice", async () => {
    const coordinator = await w.ctx("coordinator");
    const plan = await planBreakfastRota(coordinator, w.programId, {});
    expect(plan).toMatchObject({ from: PERIOD.from, to: PERIOD.to, duties: 11, shortfallDays: [] });
    expect((await dutiesOf()).map(([d]) => d)).toEqual(GROUP_DAYS);
    // 11 breakfasts among 4: three each for three of them, two for one; never two the same day.
    const counts = [w.people.ella, w.people.oscar, w.people.protectedAlva, noa].map(async (p) => (await daysOf(p)).length);
    expect((await Promise.all(counts)).sort()).toEqual([2, 3, 3, 3]);
    expect(await onDay("2026-11-25")).not.toContain(w.people.ella);
    // The same input gives the same rota.
    const before = await dutiesOf();
    await planBreakfastRota(coordinator, w.programId, PERIOD);
    expect(await dutiesOf()).toEqual(before);

    const view = await getBreakfastRota(coordinator, w.programId);
    expect(view).toMatchObject({ ...PERIOD, seesNames: true, canManage: true, perDay: 1 });
    expect(view.days.map((d) => d.date)).toEqual(GROUP_DAYS);
    expect(view.days.every((d) => d.onDuty === 1 && d.shortfall === 0 && d.duties[0]!.available)).toBe(true);
    expect(view.counts.map((c) => c.inPeriod).sort()).toEqual([2, 3, 3, 3]);
    // The coordinator works directly with Alva (protected identity) and sees her name.
    expect(view.participants.map((p) => p.name).sort()).toEqual(["Alva Eriksson", "Ella Johansson", "Noa Berg", "Oscar Lindgren"]);
    await expect(planBreakfastRota(coordinator, w.programId, { from: "2026-11-01", to: "2026-11-20" })).rejects.toMatchObject({ fieldErrors: { to: ["rota.errors.periodPast"] } });
    await expect(getBreakfastRota(coordinator, w.programId, { from: "2026-12-01", to: "2026-11-01" })).rejects.toMatchObject({ fieldErrors: { to: ["rota.errors.toBeforeFrom"] } });
    await expect(getBreakfastRota(coordinator, w.programId, { from: "2026-01-01", to: "2026-12-31" })).rejects.toMatchObject({ fieldErrors: { to: ["rota.errors.periodTooLong"] } });
    await expect(getBreakfastRota(coordinator, w.programId, { from: "igår" })).rejects.toBeInstanceOf(ValidationError);
  });

  it("warns when someone on duty is away after planning, and shows the week's duties on the schedule", async () => {
    const coordinator = await w.ctx("coordinator");
    const [onDuty] = await onDay("2026-11-30");
    const by = { userId: w.users.coordinator.id, now: t.clock.now };
    const session = await t.deps.db.transaction().execute((tx) => ensureSession(tx, seriesId, "2026-11-30", by));
    await t.deps.db.insertInto("attendance").values({ session_id: session.id, person_id: onDuty!, status: "sick", minutes_late: null, recorded_by: w.users.coordinator.id, recorded_at: t.clock.now }).execute();
    const day = (await getBreakfastRota(coordinator, w.programId)).days.find((d) => d.date === "2026-11-30")!;
    expect(day).toMatchObject({ shortfall: 1, duties: [{ person: { personId: onDuty }, available: false }] });
    // Re-planning fills that day with someone else and keeps every other day.
    const before = await dutiesOf();
    await replanBreakfastRota(coordinator, w.programId, PERIOD);
    const after = await dutiesOf();
    expect(after.filter(([d]) => d !== "2026-11-30")).toEqual(before.filter(([d]) => d !== "2026-11-30"));
    expect(await onDay("2026-11-30")).not.toContain(onDuty);
    expect(await onDay("2026-11-30")).toHaveLength(1);

    const week = await breakfastForSchedule(coordinator, w.programId, "2026-11-23", "2026-11-29");
    expect(Object.keys(week!).sort()).toEqual(["2026-11-23", "2026-11-24", "2026-11-25"]);
    expect(week!["2026-11-23"]![0]!.name).toEqual(expect.any(String));
  });

  it("swaps two duties by the rules, and says why one cannot be swapped", async () => {
    const coordinator = await w.ctx("coordinator");
    const ellaDay = (await daysOf(w.people.ella)).find((d) => d > "2026-11-25")!;
    const oscarDay = (await daysOf(w.people.oscar)).find((d) => d > "2026-11-25")!;
    const counts = async () => Promise.all([w.people.ella, w.people.oscar].map(async (p) => (await daysOf(p)).length));
    const countsBefore = await counts();
    const swap = { aPersonId: w.people.ella, aDate: ellaDay, bPersonId: w.people.oscar, bDate: oscarDay };
    const { id } = await swapBreakfastDuties(coordinator, w.programId, swap);
    expect(await onDay(ellaDay)).toEqual([w.people.oscar]);
    expect(await onDay(oscarDay)).toEqual([w.people.ella]);
    expect(await counts()).toEqual(countsBefore);
    const stored = await t.deps.db.selectFrom("breakfast_swaps").selectAll().where("id", "=", id).executeTakeFirstOrThrow();
    expect(stored).toMatchObject({ a_person_id: w.people.ella, a_date: ellaDay, b_person_id: w.people.oscar, b_date: oscarDay, recorded_by: w.users.coordinator.id });

    const refused = (input: Record<string, string>) => swapBreakfastDuties(coordinator, w.programId, input);
    // Ella is on oscarDay now; swapping with herself, on the same day, on a day that is no group day.
    await expect(refused({ ...swap, aDate: oscarDay, bPersonId: w.people.ella })).rejects.toMatchObject({ fieldErrors: { bPersonId: ["rota.errors.swap.same_person"] } });
    await expect(refused({ aPersonId: w.people.ella, aDate: oscarDay, bPersonId: w.people.oscar, bDate: oscarDay })).rejects.toMatchObject({ fieldErrors: { bDate: ["rota.errors.swap.same_day"] } });
    await expect(refused({ aPersonId: w.people.ella, aDate: oscarDay, bPersonId: w.people.oscar, bDate: "2026-11-26" })).rejects.toMatchObject({ fieldErrors: { bDate: ["rota.errors.swap.unknown_day"] } });
    // Oscar does not have oscarDay any more.
    await expect(refused({ aPersonId: w.people.oscar, aDate: oscarDay, bPersonId: w.people.ella, bDate: ellaDay })).rejects.toMatchObject({ fieldErrors: { aDate: ["rota.errors.swap.not_on_duty"] } });
    // Ella is away on 25 November: she cannot take that day.
    const [onThe25th] = await onDay("2026-11-25");
    const ellaOther = (await daysOf(w.people.ella)).find((d) => d >= "2026-11-23" && !(onThe25th && d === "2026-11-25"))!;
    await expect(refused({ aPersonId: w.people.ella, aDate: ellaOther, bPersonId: onThe25th!, bDate: "2026-11-25" })).rejects.toMatchObject({ fieldErrors: { aPersonId: ["rota.errors.swap.not_available"] } });
    await expect(refused({ aPersonId: "", aDate: "", bPersonId: "x", bDate: "2026-13-01" })).rejects.toMatchObject({
      fieldErrors: { aPersonId: ["rota.errors.person"], aDate: ["errors.required"], bPersonId: ["rota.errors.person"], bDate: ["errors.date"] },
    });
    // Nothing changed by the refused ones.
    expect(await onDay(oscarDay)).toEqual([w.people.ella]);
  });

  it("re-plans after someone leaves: the past stays, what still works stays, the leaver's days are filled", async () => {
    const coordinator = await w.ctx("coordinator");
    t.clock.set(new Date("2026-11-30T09:00:00Z")); // Monday a week later
    const before = await dutiesOf();
    await t.deps.db.updateTable("enrolments").set({ ended_on: "2026-12-01" }).where("person_id", "=", w.people.ella).where("program_id", "=", w.programId).execute();
    await replanBreakfastRota(coordinator, w.programId, PERIOD);
    const after = await dutiesOf();
    // Last week's days are history.
    expect(after.filter(([d]) => d < "2026-11-30")).toEqual(before.filter(([d]) => d < "2026-11-30"));
    // Ella's duties after she left are gone; everyone else's are kept; every group day has someone.
    expect((await daysOf(w.people.ella)).filter((d) => d > "2026-12-01")).toEqual([]);
    const kept = before.filter(([d, p]) => d >= "2026-11-30" && !(p === w.people.ella && d > "2026-12-01"));
    expect(after).toEqual(expect.arrayContaining(kept));
    expect(after.map(([d]) => d)).toEqual(GROUP_DAYS);
    // A day before today cannot be swapped.
    const [first] = await onDay("2026-11-24");
    const laterDay = after.find(([d, p]) => d > "2026-11-30" && p !== first)!;
    await expect(swapBreakfastDuties(coordinator, w.programId, { aPersonId: first!, aDate: "2026-11-24", bPersonId: laterDay[1], bDate: laterDay[0] })).rejects.toMatchObject({
      fieldErrors: { aDate: ["rota.errors.swap.past_day"] },
    });
    const view = await getBreakfastRota(coordinator, w.programId, PERIOD);
    expect(view.days.filter((d) => d.past).map((d) => d.date)).toEqual(["2026-11-23", "2026-11-24", "2026-11-25"]);
    expect(view.days.some((d) => d.shortfall > 0)).toBe(false);
    t.clock.set(new Date("2026-11-23T09:00:00Z"));
  });

  it("shows names only to the program's staff, masks protected identities, and lets only coordinators and the manager plan", async () => {
    const volunteer = await w.ctx("volunteer");
    const seen = await getBreakfastRota(volunteer, w.programId, PERIOD);
    expect(seen).toMatchObject({ seesNames: false, canManage: false, counts: [], participants: [] });
    expect(seen.days.map((d) => d.date)).toEqual(GROUP_DAYS);
    expect(seen.days.every((d) => d.duties.length === 0 && d.onDuty === 1)).toBe(true);
    expect(JSON.stringify(seen)).not.toMatch(/Ella|Oscar|Alva|Noa|P-/);
    expect(await breakfastForSchedule(volunteer, w.programId, PERIOD.from, PERIOD.to)).toBeNull();
    await expect(planBreakfastRota(volunteer, w.programId, PERIOD)).rejects.toBeInstanceOf(ForbiddenError);
    await expect(replanBreakfastRota(volunteer, w.programId, PERIOD)).rejects.toBeInstanceOf(ForbiddenError);
    await expect(swapBreakfastDuties(volunteer, w.programId, { aPersonId: noa, aDate: "2026-12-07", bPersonId: w.people.oscar, bDate: "2026-12-08" })).rejects.toBeInstanceOf(ForbiddenError);

    const therapist = await w.ctx("therapist");
    const theirs = await getBreakfastRota(therapist, w.programId, PERIOD);
    expect(theirs).toMatchObject({ seesNames: true, canManage: false });
    // The therapist does not work directly with Alva: reference only.
    const alva = theirs.participants.find((p) => p.personId === w.people.protectedAlva)!;
    expect(alva.name).toBeNull();
    expect(alva.reference).toMatch(/^P-/);
    await expect(planBreakfastRota(therapist, w.programId, PERIOD)).rejects.toBeInstanceOf(ForbiddenError);

    await expect(planBreakfastRota(await w.ctx("manager"), w.programId, PERIOD)).resolves.toMatchObject({ duties: 11 });
    for (const user of ["officer", "steering", "team", "participant", "noRole"] as const) {
      const ctx = await w.ctx(user);
      await expect(getBreakfastRota(ctx, w.programId), user).rejects.toBeInstanceOf(NotFoundError);
      await expect(planBreakfastRota(ctx, w.programId), user).rejects.toBeInstanceOf(NotFoundError);
    }
    const coordinator = await w.ctx("coordinator");
    await expect(getBreakfastRota(coordinator, w.otherProgramId)).rejects.toBeInstanceOf(NotFoundError);
    await expect(getBreakfastRota(coordinator, "not-a-uuid")).rejects.toBeInstanceOf(NotFoundError);
  });

  it("records every read with names and every change in the audit log", async () => {
    const events = await t.deps.db.selectFrom("audit_events").select(["action", "actor_user_id", "actor_role", "entity_type", "details"]).where("action", "like", "rota.%").orderBy("seq").execute();
    const actions = events.map((e) => e.action);
    expect(actions.filter((a) => a === "rota.plan")).toHaveLength(3);
    expect(actions.filter((a) => a === "rota.replan")).toHaveLength(2);
    expect(actions.filter((a) => a === "rota.swap")).toHaveLength(1);
    expect(actions).toContain("rota.view");
    // The volunteer saw no names: nothing to record.
    expect(events.filter((e) => e.actor_user_id === w.users.volunteer.id)).toEqual([]);
    expect(events.find((e) => e.actor_user_id === w.users.therapist.id)).toMatchObject({ action: "rota.view", actor_role: "therapist" });
    expect(events.find((e) => e.action === "rota.plan")).toMatchObject({ actor_role: "coordinator", entity_type: "program", details: { from: PERIOD.from, to: PERIOD.to, duties: 11 } });
    expect(events.find((e) => e.action === "rota.swap")).toMatchObject({ entity_type: "breakfast_swap" });
    expect((await verifyAuditChain(t.deps.db)).ok).toBe(true);
  });
});
