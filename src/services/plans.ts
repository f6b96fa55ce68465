import type { Db, Tx } from "./context.ts";

// The living plan of an enrolment: append-only versions (full snapshots) and the participant's acceptances.

/**
 * The accepted final plan of an enrolment, if there is one: the newest version is a final plan (the plan
 * for the future, written for the exit) and the participant has accepted that very version. An exit
 * "according to plan" needs it.
 */
export async function acceptedFinalPlan(db: Db | Tx, enrolmentId: string): Promise<{ version: number; acceptedOn: string } | null> {
  const row = await db
    .selectFrom("plans as p")
    .innerJoin("plan_versions as v", (j) => j.onRef("v.plan_id", "=", "p.id").onRef("v.version", "=", "p.current_version"))
    .innerJoin("plan_acceptances as a", (j) => j.onRef("a.plan_id", "=", "p.id").onRef("a.version", "=", "v.version"))
    .select(["v.version", "a.accepted_on"])
    .where("p.enrolment_id", "=", enrolmentId)
    .where("v.stage", "=", "final")
    .orderBy("a.accepted_on", "desc")
    .executeTakeFirst();
  return row ? { version: row.version, acceptedOn: row.accepted_on } : null;
}
