import type { AttendanceStatus } from "../domain/attendance.ts";
import type { EnrolmentFact, ExitFact } from "../domain/goals.ts";
import type { ProgramFigureFacts } from "../domain/program-figures.ts";
import { type Db, isoToday, type Tx } from "./context.ts";

// The facts behind the program's other yearly figures (domain/program-figures.ts): read once per dashboard,
// for the whole history (the domain picks the period's). Nothing here decides who sees what: the goals
// service does, with the same policy as the goals.

/** Jobs, as opposed to internships: what "days to the first job" counts. */
const JOB_KINDS = ["competitive", "subsidised"] as const;

export async function loadProgramFigureFacts(
  db: Db | Tx,
  programId: string,
  known: { enrolments: readonly EnrolmentFact[]; exits: readonly ExitFact[] },
): Promise<ProgramFigureFacts> {
  const [groups, placements, marks, readings, jobs] = await Promise.all([
    db.selectFrom("program_groups").select((eb) => eb.fn.coalesce(eb.fn.sum<string>("capacity"), eb.lit(0)).as("places")).where("program_id", "=", programId).where("kind", "=", "ordinary").executeTakeFirst(),
    db
      .selectFrom("enrolments as e")
      .innerJoin("placements as pl", "pl.id", "e.placement_id")
      .select(["e.id", "e.start_date", "pl.accepted_on", "pl.place", "pl.placed_at", "pl.moved_at"])
      .where("e.program_id", "=", programId)
      .execute(),
    db
      .selectFrom("attendance as a")
      .innerJoin("activity_sessions as s", "s.id", "a.session_id")
      .select(["a.person_id", "s.date", "a.status"])
      .where("s.program_id", "=", programId)
      .where("s.status", "=", "scheduled")
      .execute(),
    db
      .selectFrom("wheel_readings")
      .select(["enrolment_id", "instrument_id", "reading_date", "recorded_at", "scores"])
      .where("program_id", "=", programId)
      .where("rated_by", "=", "participant")
      .execute(),
    db.selectFrom("work_placements").select(["enrolment_id", "start_date"]).where("program_id", "=", programId).where("kind", "in", JOB_KINDS).execute(),
  ]);
  const startOf = new Map(known.enrolments.map((e) => [e.id, e.startDate]));
  const jobStarts = new Map<string, string[]>();
  for (const j of jobs) (jobStarts.get(j.enrolment_id) ?? jobStarts.set(j.enrolment_id, []).get(j.enrolment_id)!).push(j.start_date);
  return {
    capacity: Number(groups?.places ?? 0),
    enrolments: known.enrolments.map((e) => ({ enrolmentId: e.id, startDate: e.startDate, endDate: e.endDate })),
    waits: placements.map((p) => ({
      enrolmentId: p.id,
      acceptedOn: p.accepted_on,
      startDate: p.start_date,
      // A move to the ordinary group ends a stay in the pre-group (or on the waiting list).
      preGroup: p.moved_at !== null ? { from: isoToday(p.placed_at), movedOn: isoToday(p.moved_at) } : p.place === "ordinary" ? null : { from: isoToday(p.placed_at), movedOn: null },
    })),
    marks: marks.map((m) => ({ personId: m.person_id, date: m.date, status: m.status as AttendanceStatus })),
    wheel: readings.map((r) => ({ enrolmentId: r.enrolment_id, instrumentId: r.instrument_id, date: r.reading_date, recordedAt: r.recorded_at.toISOString(), scores: r.scores })),
    jobs: [...jobStarts.entries()].flatMap(([enrolmentId, starts]) => {
      const enrolmentStart = startOf.get(enrolmentId);
      return enrolmentStart ? [{ enrolmentId, enrolmentStart, jobStarts: starts }] : [];
    }),
    exits: known.exits.flatMap((x) => {
      const startDate = startOf.get(x.enrolmentId);
      return startDate ? [{ exitId: x.id, enrolmentId: x.enrolmentId, startDate, exitDate: x.exitDate }] : [];
    }),
  };
}
