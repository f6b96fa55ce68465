import { addDays } from "../domain/calendar.ts";
import { isoToday, type Deps } from "./context.ts";
import { planFromSettings } from "./meetings.ts";

// Work the server does by itself, not on anyone's behalf: no actor, no policy, only what keeps the
// program's calendar and mail flowing. Each run is idempotent.

/** How far ahead the collaboration team's meetings are planned (their agendas fill as requests arrive). */
export const PLAN_AHEAD_DAYS = 182;

/** Plans the team meetings of every program with a cadence up to half a year ahead. Returns how many were added. */
export async function planMeetingsAhead(deps: Deps): Promise<number> {
  const today = isoToday(deps.now());
  const programs = await deps.db
    .selectFrom("team_meeting_settings as s")
    .innerJoin("programs as p", "p.id", "s.program_id")
    .select("s.program_id")
    .where("p.active", "=", true)
    .execute();
  let added = 0;
  for (const { program_id } of programs) {
    added += await deps.db.transaction().execute((tx) => planFromSettings(tx, program_id, today, addDays(today, PLAN_AHEAD_DAYS)));
  }
  return added;
}
