import type { AttendanceMark, AttendanceSession } from "../domain/attendance.ts";
import type { Db, Tx } from "./context.ts";
import { expectedFrom, loadMemberships, type ScheduleItem, scheduleItems } from "./schedule.ts";

// The schedule and the registers as the attendance rules want them: sessions that took place (or will),
// each with who was expected, and the marks recorded. No policy check here: the services that call it
// (attendance, the monthly report, the caseload) check access and log what they show.
//
// A session is identified by its schedule ref (the session row's id once written down, else
// "<seriesId>.<date>"), so an occurrence nobody recorded yet still counts as scheduled time. Cancelled
// sessions and occurrences skipped for a holiday are not sessions anyone was expected at.

export interface AttendanceData {
  /** The schedule items behind `sessions`, by ref. */
  items: Map<string, ScheduleItem>;
  sessions: AttendanceSession[];
  marks: AttendanceMark[];
}

export async function loadAttendanceData(db: Db | Tx, programId: string, from: string, to: string, options: { personId?: string } = {}): Promise<AttendanceData> {
  const [all, memberships] = await Promise.all([scheduleItems(db, programId, from, to, { includeSkipped: false }), loadMemberships(db, programId, from, to)]);
  const items = new Map<string, ScheduleItem>();
  const sessions: AttendanceSession[] = [];
  const refBySessionId = new Map<string, string>();
  for (const item of all) {
    if (item.status === "cancelled" || item.status === "skipped") continue;
    let expected = expectedFrom(memberships, item).map((e) => e.personId);
    if (options.personId) expected = expected.filter((id) => id === options.personId);
    if (options.personId && expected.length === 0) continue;
    items.set(item.ref, item);
    if (item.sessionId) refBySessionId.set(item.sessionId, item.ref);
    sessions.push({ id: item.ref, date: item.date, start: item.start, end: item.end, kind: item.kind, expected });
  }
  const ids = [...refBySessionId.keys()];
  const rows = ids.length
    ? await db
        .selectFrom("attendance")
        .select(["session_id", "person_id", "status", "minutes_late"])
        .where("session_id", "in", ids)
        .$if(options.personId !== undefined, (q) => q.where("person_id", "=", options.personId!))
        .execute()
    : [];
  const marks: AttendanceMark[] = rows.map((r) => ({ sessionId: refBySessionId.get(r.session_id)!, personId: r.person_id, status: r.status, minutesLate: r.minutes_late }));
  return { items, sessions, marks };
}
