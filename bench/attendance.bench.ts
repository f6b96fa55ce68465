import { afterAll, beforeAll, describe, test } from "vitest";
import { type AttendanceMark, type AttendanceSession, evaluateAbsenceRules, monthlyAttendanceReport } from "../src/domain/attendance.ts";
import { addDays, weekdayOf } from "../src/domain/calendar.ts";
import { recordAttendance } from "../src/services/attendance.ts";
import type { ServiceContext } from "../src/services/context.ts";
import { createSeries, occurrenceRef } from "../src/services/schedule.ts";
import { createTestDatabase, type TestDatabase } from "../tests/support/db.ts";
import { enrolDirectly } from "../tests/support/journey.ts";
import { createWorld, type World } from "../tests/support/world.ts";

// Attendance's hot paths: the absence rules over a term for a full group (run after every register for
// each person whose mark changed), the monthly report, and saving a register with four months of history.

const STATUSES = ["present", "present", "present", "late", "present", "absent_with_notice", "present", "sick", "present", "absent_without_notice"] as const;

describe("domain: a term of a full group (15 people, 5 sessions a week, 18 weeks)", () => {
  const people = Array.from({ length: 15 }, (_, i) => `p${i}`);
  const sessions: AttendanceSession[] = [];
  for (let day = 0, date = "2026-08-17"; day < 18 * 7; day += 1, date = addDays(date, 1)) {
    const wd = weekdayOf(date);
    if (wd <= 3) sessions.push({ id: `g${day}`, date, start: "09:00", end: "12:00", kind: "groupSession", expected: people });
    if (wd === 2 || wd === 4) sessions.push({ id: `w${day}`, date, start: "13:00", end: "14:30", kind: "wellness", expected: people });
  }
  const marks: AttendanceMark[] = sessions.flatMap((s, i) => people.map((p, j) => ({ sessionId: s.id, personId: p, status: STATUSES[(i + j * 3) % STATUSES.length]!, minutesLate: null })));

  test("absence rules", async ({ bench }) => {
    const evaluate = evaluateAbsenceRules;
    await bench("evaluate both rules for one person over the term", () => {
      evaluate({ personId: "p7", sessions, marks, today: "2026-12-20" });
    }).run();
  });

  test("monthly report", async ({ bench }) => {
    const report = monthlyAttendanceReport;
    await bench("one person's month", () => {
      report({ personId: "p7", month: "2026-10", sessions, marks });
    }).run();
  });
});

describe("saving a register with four months of history (PGlite)", () => {
  let t: TestDatabase;
  let w: World;
  let coordinator: ServiceContext;
  let seriesId: string;
  beforeAll(async () => {
    t = await createTestDatabase("pglite");
    w = await createWorld(t.deps);
    await enrolDirectly(t.deps, w, { personId: w.people.ella, startDate: "2026-08-01" });
    coordinator = await w.ctx("coordinator");
    ({ id: seriesId } = await createSeries(coordinator, w.programId, {
      kind: "groupSession",
      title: "Gruppen",
      weekdays: ["1", "2", "3"],
      startTime: "09:00",
      endTime: "12:00",
      firstDate: "2026-08-17",
      lastDate: "2026-12-23",
      groupKinds: ["ordinary"],
    }));
    // Every register of the term before the one measured.
    for (let date = "2026-08-17", i = 0; date < "2026-12-14"; date = addDays(date, 1)) {
      if (weekdayOf(date) > 3) continue;
      t.clock.set(new Date(`${date}T12:00:00+01:00`));
      await recordAttendance(coordinator, occurrenceRef(seriesId, date), { marks: [{ personId: w.people.ella, status: STATUSES[i++ % STATUSES.length]! }] });
    }
    t.clock.set(new Date("2026-12-14T12:00:00+01:00"));
  }, 120_000);
  afterAll(() => t.close());

  test("register", async ({ bench }) => {
    let flip = false;
    await bench("save a changed mark and review the absence rules", async () => {
      flip = !flip;
      await recordAttendance(coordinator, occurrenceRef(seriesId, "2026-12-14"), { marks: [{ personId: w.people.ella, status: flip ? "late" : "present" }] });
    }).run();
  });
});
