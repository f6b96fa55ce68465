import type { AgeBand } from "../domain/intake.ts";
import { decide, hasCapability, type Resource } from "../domain/policy.ts";
import { isUuid } from "./access.ts";
import { auditByActor } from "./audit.ts";
import { isoToday, type ServiceContext } from "./context.ts";
import { ForbiddenError, NotFoundError, ValidationError } from "./errors.ts";
import { appendToAgenda, nextPlannedMeeting } from "./meetings.ts";
import { validate } from "./schemas/common.ts";
import { consultationSchema } from "./schemas/intake.ts";

// Consultations: an officer brings a case to the collaboration team for advice without saying who the
// person is (age band, sex, situation, question). The advice goes back to the officer. They count toward
// the team's yearly goal of cases.

export interface ConsultationView {
  id: string;
  programId: string;
  programName: string;
  ageBand: AgeBand;
  sex: string;
  situation: string;
  question: string;
  status: "submitted" | "answered" | "withdrawn";
  advice: string;
  answeredAt: Date | null;
  author: string;
  authority: string | null;
  createdAt: Date;
  meetingDate: string | null;
  /** The meeting the consultation is on (or was answered at); null for readers who may not open meetings. */
  meetingId: string | null;
  canWithdraw: boolean;
  /** The reader asked it. */
  mine: boolean;
}

/** The programs the reader may bring a consultation to. */
export async function consultationPrograms(ctx: ServiceContext): Promise<{ id: string; name: string }[]> {
  const ids = [...new Set(ctx.actor.subject.assignments.map((a) => a.programId).filter((id): id is string => id !== null))];
  if (!ids.length) return [];
  const programs = await ctx.db.selectFrom("programs").select(["id", "name", "federation_id"]).where("id", "in", ids).where("active", "=", true).orderBy("name").execute();
  return programs
    .filter((p) => decide(ctx.actor.subject, "consultation.create", { type: "program", programId: p.id, federationId: p.federation_id }).allowed)
    .map((p) => ({ id: p.id, name: p.name }));
}

export async function createConsultation(ctx: ServiceContext, input: unknown): Promise<{ id: string }> {
  if (!hasCapability(ctx.actor.subject, "consultation.create")) throw new ForbiddenError();
  const data = validate(consultationSchema, input);
  return ctx.db.transaction().execute(async (tx) => {
    const program = await tx.selectFrom("programs").select(["id", "federation_id", "active"]).where("id", "=", data.programId).executeTakeFirst();
    const decision = program ? decide(ctx.actor.subject, "consultation.create", { type: "program", programId: program.id, federationId: program.federation_id }) : null;
    if (!program || !program.active || !decision?.allowed) throw new ValidationError({ programId: ["errors.choose"] });
    const assignment = ctx.actor.subject.assignments.find((a) => a.programId === program.id && a.authorityId);
    const now = ctx.now();
    const row = await tx
      .insertInto("consultations")
      .values({
        program_id: program.id,
        author_id: ctx.actor.user.id,
        authority_id: assignment?.authorityId ?? null,
        age_band: data.ageBand,
        sex: data.sex,
        situation: data.situation,
        question: data.question,
        created_at: now,
        updated_at: now,
      })
      .returning("id")
      .executeTakeFirstOrThrow();
    const meeting = await nextPlannedMeeting(tx, program.id, isoToday(now));
    if (meeting) await appendToAgenda(tx, meeting.id, { consultationId: row.id });
    await auditByActor(tx, ctx, decision.role, { action: "consultation.create", entityType: "consultation", entityId: row.id, programId: program.id, federationId: program.federation_id });
    return row;
  });
}

function resourceOf(row: { id: string; program_id: string; federation_id: string; author_id: string }): Resource {
  return { type: "consultation", consultationId: row.id, programId: row.program_id, federationId: row.federation_id, authorUserId: row.author_id };
}

function baseQuery(ctx: ServiceContext) {
  return ctx.db
    .selectFrom("consultations as c")
    .innerJoin("programs as pr", "pr.id", "c.program_id")
    .innerJoin("users as u", "u.id", "c.author_id")
    .leftJoin("authorities as a", "a.id", "c.authority_id")
    .selectAll("c")
    .select((eb) => [
      "pr.name as program_name",
      "pr.federation_id",
      "u.display_name as author_name",
      "a.name as authority_name",
      eb
        .selectFrom("agenda_items as ai")
        .innerJoin("team_meetings as m", "m.id", "ai.meeting_id")
        .whereRef("ai.consultation_id", "=", "c.id")
        .select((e) => e.fn.max<string>("m.date").as("d"))
        .as("meeting_date"),
      eb
        .selectFrom("agenda_items as ai")
        .innerJoin("team_meetings as m", "m.id", "ai.meeting_id")
        .whereRef("ai.consultation_id", "=", "c.id")
        .select("m.id")
        .orderBy("m.date", "desc")
        .limit(1)
        .as("meeting_id"),
    ]);
}

function toView(ctx: ServiceContext, r: Awaited<ReturnType<ReturnType<typeof baseQuery>["executeTakeFirstOrThrow"]>>): ConsultationView {
  return {
    id: r.id,
    programId: r.program_id,
    programName: r.program_name,
    ageBand: r.age_band as AgeBand,
    sex: r.sex,
    situation: r.situation,
    question: r.question,
    status: r.status,
    advice: r.advice,
    answeredAt: r.answered_at,
    author: r.author_name,
    authority: r.authority_name,
    createdAt: r.created_at,
    meetingDate: r.meeting_date,
    meetingId: decide(ctx.actor.subject, "meeting.view", { type: "program", programId: r.program_id, federationId: r.federation_id }).allowed ? (r.meeting_id ?? r.answered_meeting_id) : null,
    canWithdraw: r.status === "submitted" && r.author_id === ctx.actor.user.id,
    mine: r.author_id === ctx.actor.user.id,
  };
}

export async function listConsultations(ctx: ServiceContext): Promise<ConsultationView[]> {
  if (!hasCapability(ctx.actor.subject, "consultation.view")) throw new ForbiddenError();
  const programs = [...new Set(ctx.actor.subject.assignments.filter((a) => a.programId).map((a) => a.programId!))];
  const rows = await baseQuery(ctx)
    .where((eb) => eb.or([eb("c.author_id", "=", ctx.actor.user.id), ...(programs.length ? [eb("c.program_id", "in", programs)] : [])]))
    .orderBy("c.created_at", "desc")
    .limit(500)
    .execute();
  return rows.filter((r) => decide(ctx.actor.subject, "consultation.view", resourceOf(r)).allowed).map((r) => toView(ctx, r));
}

export async function getConsultation(ctx: ServiceContext, id: string): Promise<ConsultationView> {
  if (!isUuid(id)) throw new NotFoundError("consultation");
  const row = await baseQuery(ctx).where("c.id", "=", id).executeTakeFirst();
  if (!row || !decide(ctx.actor.subject, "consultation.view", resourceOf(row)).allowed) throw new NotFoundError("consultation");
  return toView(ctx, row);
}

/** The officer takes back a consultation that the team has not answered yet. */
export async function withdrawConsultation(ctx: ServiceContext, id: string): Promise<void> {
  if (!isUuid(id)) throw new NotFoundError("consultation");
  await ctx.db.transaction().execute(async (tx) => {
    const row = await tx.selectFrom("consultations as c").innerJoin("programs as pr", "pr.id", "c.program_id").selectAll("c").select("pr.federation_id").where("c.id", "=", id).executeTakeFirst();
    if (!row) throw new NotFoundError("consultation");
    const decision = decide(ctx.actor.subject, "consultation.view", resourceOf(row));
    if (!decision.allowed) throw new NotFoundError("consultation");
    if (row.author_id !== ctx.actor.user.id || row.status !== "submitted") throw new ValidationError({}, ["consultation.errors.notWithdrawable"]);
    await tx.updateTable("consultations").set({ status: "withdrawn", updated_at: ctx.now() }).where("id", "=", id).execute();
    const planned = await tx.selectFrom("team_meetings").select("id").where("program_id", "=", row.program_id).where("status", "=", "planned").execute();
    if (planned.length) await tx.deleteFrom("agenda_items").where("consultation_id", "=", id).where("meeting_id", "in", planned.map((m) => m.id)).execute();
    await auditByActor(tx, ctx, decision.role, { action: "consultation.withdraw", entityType: "consultation", entityId: id, programId: row.program_id, federationId: row.federation_id });
  });
}
