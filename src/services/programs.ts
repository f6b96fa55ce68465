import { decide, type Subject } from "../domain/policy.ts";
import type { Db } from "./context.ts";

/** The programs whose page a user may open: their staff (groups and waiting list) and those who see the numbers. */
export async function programPages(db: Db, subject: Subject): Promise<{ id: string; name: string }[]> {
  const ids = [...new Set(subject.assignments.map((a) => a.programId).filter((id): id is string => id !== null))];
  const federations = [...new Set(subject.assignments.filter((a) => a.role === "steering_group" && a.federationId).map((a) => a.federationId!))];
  if (!ids.length && !federations.length) return [];
  const programs = await db
    .selectFrom("programs")
    .select(["id", "name", "federation_id"])
    .where((eb) => eb.or([...(ids.length ? [eb("id", "in", ids)] : []), ...(federations.length ? [eb("federation_id", "in", federations)] : [])]))
    .where("active", "=", true)
    .orderBy("name")
    .execute();
  return programs
    .filter((p) => {
      const resource = { type: "program" as const, programId: p.id, federationId: p.federation_id };
      return decide(subject, "placement.manage", resource).allowed || decide(subject, "aggregates.view", resource).allowed;
    })
    .map((p) => ({ id: p.id, name: p.name }));
}
