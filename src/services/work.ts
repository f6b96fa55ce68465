import { decide } from "../domain/policy.ts";
import { isOngoing, type WorkKind, type WorkMeasures, workMeasures } from "../domain/work.ts";
import { isUuid } from "./access.ts";
import { auditByActor } from "./audit.ts";
import { isoToday, type ServiceContext, type Tx } from "./context.ts";
import { NotFoundError, ValidationError } from "./errors.ts";
import { type LoadedEnrolment, loadEnrolment, may } from "./journey-access.ts";
import { validate } from "./schemas/common.ts";
import { endWorkSchema, workPlacementSchema } from "./schemas/journal.ts";

// Supported Employment: the participant's work placements and jobs (employer, kind, start, end, hours per
// week), and what they add up to for reporting (src/domain/work.ts: days from the enrolment's start to the
// first competitive job, to the first employment, to the first work of any kind; hours per week now; weeks
// worked). Internships are work, not jobs: they count only in "work of any kind". Read by those who see the
// participant's journey, recorded by the coordinators and the manager. Placements are ended, never deleted.

export interface WorkPlacementView {
  id: string;
  employer: string;
  kind: WorkKind;
  startDate: string;
  endDate: string | null;
  hoursPerWeek: number;
  note: string;
  /** Going on today. */
  ongoing: boolean;
  /** Has not begun yet. */
  upcoming: boolean;
  /** Can still be ended (no end date, or one still to come). */
  canEnd: boolean;
}

export interface WorkView {
  enrolmentId: string;
  participant: { personId: string; reference: string; name: string | null };
  programName: string;
  enrolmentStart: string;
  placements: WorkPlacementView[];
  measures: WorkMeasures;
  canManage: boolean;
  today: string;
}

function participantOf(ctx: ServiceContext, loaded: LoadedEnrolment): WorkView["participant"] {
  const { row, resource } = loaded.person;
  const masked = resource.protectedIdentity && !decide(ctx.actor.subject, "person.viewProtected", resource).allowed;
  return { personId: row.id, reference: row.reference, name: masked ? null : `${row.first_name} ${row.last_name}` };
}

async function placementsOf(tx: Tx, enrolmentId: string, today: string): Promise<WorkPlacementView[]> {
  const rows = await tx
    .selectFrom("work_placements")
    .select(["id", "employer", "kind", "start_date", "end_date", "hours_per_week", "note"])
    .where("enrolment_id", "=", enrolmentId)
    .orderBy("start_date", "desc")
    .orderBy("created_at", "desc")
    .execute();
  return rows.map((r) => ({
    id: r.id,
    employer: r.employer,
    kind: r.kind,
    startDate: r.start_date,
    endDate: r.end_date,
    hoursPerWeek: Number(r.hours_per_week),
    note: r.note,
    ongoing: isOngoing({ startDate: r.start_date, endDate: r.end_date }, today),
    upcoming: r.start_date > today,
    canEnd: r.end_date === null || r.end_date > today,
  }));
}

/** The participant's placements and jobs with the measures, as of today. Reading them is audited. */
export async function getWork(ctx: ServiceContext, enrolmentId: string): Promise<WorkView> {
  const today = isoToday(ctx.now());
  return ctx.db.transaction().execute(async (tx) => {
    const loaded = await loadEnrolment(tx, ctx, enrolmentId, "participant.view");
    const placements = await placementsOf(tx, loaded.enrolment.id, today);
    await auditByActor(tx, ctx, loaded.role, {
      action: "work.view",
      entityType: "enrolment",
      entityId: loaded.enrolment.id,
      personId: loaded.enrolment.person_id,
      programId: loaded.program.id,
      federationId: loaded.program.federationId,
      details: { placementIds: placements.map((p) => p.id) },
    });
    return {
      enrolmentId: loaded.enrolment.id,
      participant: participantOf(ctx, loaded),
      programName: loaded.program.name,
      enrolmentStart: loaded.enrolment.start_date,
      placements,
      measures: workMeasures({ enrolmentStart: loaded.enrolment.start_date, spells: placements, asOf: today }),
      canManage: may(ctx, loaded, "participant.manage"),
      today,
    };
  });
}

/** Records a work placement or job. */
export async function addWork(ctx: ServiceContext, enrolmentId: string, input: unknown): Promise<{ id: string }> {
  const data = validate(workPlacementSchema, input);
  return ctx.db.transaction().execute(async (tx) => {
    const loaded = await loadEnrolment(tx, ctx, enrolmentId, "participant.manage");
    const now = ctx.now();
    const row = await tx
      .insertInto("work_placements")
      .values({
        enrolment_id: loaded.enrolment.id,
        person_id: loaded.enrolment.person_id,
        program_id: loaded.enrolment.program_id,
        employer: data.employer,
        kind: data.kind,
        start_date: data.startDate,
        end_date: data.endDate ?? null,
        hours_per_week: data.hoursPerWeek,
        note: data.note ?? "",
        created_by: ctx.actor.user.id,
        created_at: now,
        updated_at: now,
      })
      .returning("id")
      .executeTakeFirstOrThrow();
    // The employer is left out: together with the date it could point to the person.
    await auditByActor(tx, ctx, loaded.role, {
      action: "work.add",
      entityType: "work_placement",
      entityId: row.id,
      personId: loaded.enrolment.person_id,
      programId: loaded.program.id,
      federationId: loaded.program.federationId,
      details: { enrolmentId: loaded.enrolment.id, kind: data.kind, startDate: data.startDate, endDate: data.endDate ?? null, hoursPerWeek: data.hoursPerWeek },
    });
    return row;
  });
}

/** Ends a placement or job on its last day (also earlier than an end date given before). */
export async function endWork(ctx: ServiceContext, enrolmentId: string, placementId: string, input: unknown): Promise<void> {
  const data = validate(endWorkSchema, input);
  const today = isoToday(ctx.now());
  await ctx.db.transaction().execute(async (tx) => {
    const loaded = await loadEnrolment(tx, ctx, enrolmentId, "participant.manage");
    if (!isUuid(placementId)) throw new NotFoundError("work_placement");
    const placement = await tx
      .selectFrom("work_placements")
      .select(["id", "start_date", "end_date"])
      .where("id", "=", placementId)
      .where("enrolment_id", "=", loaded.enrolment.id)
      .executeTakeFirst();
    if (!placement) throw new NotFoundError("work_placement");
    if (placement.end_date !== null && placement.end_date <= today) throw new ValidationError({}, ["work.errors.ended"]);
    if (data.endDate < placement.start_date) throw new ValidationError({ endDate: ["work.errors.endBeforeStart"] });
    await tx.updateTable("work_placements").set({ end_date: data.endDate, updated_at: ctx.now() }).where("id", "=", placement.id).execute();
    await auditByActor(tx, ctx, loaded.role, {
      action: "work.end",
      entityType: "work_placement",
      entityId: placement.id,
      personId: loaded.enrolment.person_id,
      programId: loaded.program.id,
      federationId: loaded.program.federationId,
      details: { enrolmentId: loaded.enrolment.id, endDate: data.endDate, previousEndDate: placement.end_date },
    });
  });
}
