import { Migrator } from "kysely/migration";
import { afterAll, beforeAll, expect, it } from "vitest";
import { createTestDatabase, describeEachDatabase, type TestDatabase } from "../../tests/support/db.ts";
import { createWorld, type World } from "../../tests/support/world.ts";
import { migrationProvider } from "./migrations/index.ts";

// The group-life tables keep their own rules, whatever code writes to them: times that end after they start,
// money in whole positive öre, minutes late only for a late arrival, one written-down session per occurrence.

describeEachDatabase("group-life tables", (flavour) => {
  let t: TestDatabase;
  let w: World;
  const now = new Date("2027-01-11T08:00:00Z");

  beforeAll(async () => {
    t = await createTestDatabase(flavour);
    w = await createWorld(t.deps);
  });
  afterAll(() => t.close());

  const series = (values: Partial<{ start_time: string; end_time: string; first_date: string; last_date: string; weekdays: number[] }> = {}) =>
    t.deps.db
      .insertInto("activity_series")
      .values({
        program_id: w.programId,
        kind: "groupSession",
        title: "Gruppen",
        weekdays: [1, 2, 3],
        start_time: "09:00",
        end_time: "12:00",
        first_date: "2027-01-11",
        last_date: "2027-06-11",
        group_kinds: ["ordinary"],
        created_by: w.users.coordinator.id,
        created_at: now,
        updated_at: now,
        ...values,
      })
      .returning("id")
      .executeTakeFirstOrThrow();

  it("refuses a series that ends before it starts, a term that ends before it begins, and weekdays that are not ISO days", async () => {
    expect((await series()).id).toMatch(/^[0-9a-f-]{36}$/);
    await expect(series({ start_time: "12:00", end_time: "09:00" })).rejects.toThrow();
    await expect(series({ start_time: "9:00" })).rejects.toThrow();
    await expect(series({ first_date: "2027-06-11", last_date: "2027-01-11" })).rejects.toThrow();
    await expect(series({ weekdays: [0] })).rejects.toThrow();
    await expect(series({ weekdays: [] })).rejects.toThrow();
  });

  it("keeps one written-down session per occurrence, and minutes late only for someone who came late", async () => {
    const { id: seriesId } = await series();
    const session = (originalDate: string | null) =>
      t.deps.db
        .insertInto("activity_sessions")
        .values({ program_id: w.programId, series_id: originalDate ? seriesId : null, original_date: originalDate, kind: "groupSession", title: "Gruppen", date: "2027-01-11", start_time: "09:00", end_time: "12:00", created_by: w.users.coordinator.id, created_at: now, updated_at: now })
        .returning("id")
        .executeTakeFirstOrThrow();
    const first = await session("2027-01-11");
    await expect(session("2027-01-11")).rejects.toThrow();
    // One-off sessions need no series.
    await session(null);
    const mark = (status: "present" | "late", minutes: number | null, personId: string) =>
      t.deps.db.insertInto("attendance").values({ session_id: first.id, person_id: personId, status, minutes_late: minutes, recorded_by: w.users.volunteer.id, recorded_at: now }).execute();
    await expect(mark("present", 10, w.people.ella)).rejects.toThrow();
    await expect(mark("late", 0, w.people.ella)).rejects.toThrow();
    await mark("late", 15, w.people.ella);
    await mark("present", null, w.people.oscar);
    await expect(mark("present", null, w.people.oscar)).rejects.toThrow();
  });

  it("holds money as whole, positive öre", async () => {
    const disburse = (amount: number) =>
      t.deps.db
        .insertInto("travel_disbursements")
        .values({ program_id: w.programId, person_id: w.people.ella, date: "2027-01-12", amount_minor: amount, currency: "SEK", purpose: "Busskort", paid_by: "Sara", recorded_by: w.users.coordinator.id, recorded_at: now })
        .execute();
    await disburse(35_000);
    await expect(disburse(0)).rejects.toThrow();
    await expect(disburse(-100)).rejects.toThrow();
    await expect(disburse(12.5)).rejects.toThrow();
    const rows = await t.deps.db.selectFrom("travel_disbursements").select("amount_minor").execute();
    expect(rows).toEqual([{ amount_minor: 35_000 }]);
  });

  it("can be taken down and put back", async () => {
    // On a database of its own, so the other tests' rows do not stand in the way.
    const fresh = await createTestDatabase(flavour);
    try {
      const m = new Migrator({ db: fresh.deps.db, provider: migrationProvider });
      expect((await m.getMigrations()).at(-1)).toMatchObject({ name: "0012_occupation_at_start", executedAt: expect.any(Date) });
      expect((await m.migrateTo("0005_journal")).error).toBeUndefined();
      await expect(fresh.deps.db.selectFrom("calendar_feeds").select("id").execute()).rejects.toThrow();
      expect((await m.migrateToLatest()).error).toBeUndefined();
      expect(await fresh.deps.db.selectFrom("calendar_feeds").select("id").execute()).toEqual([]);
    } finally {
      await fresh.close();
    }
  });
});
