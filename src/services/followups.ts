import type { Selectable } from "kysely";
import { followUpDateProblem, followUpHeldProblem, reminderDue } from "../domain/exit.ts";
import { dueState, type DueState, nextFollowUp } from "../domain/journey-dates.ts";
import { decide, type PersonResource } from "../domain/policy.ts";
import type { Attendee, FollowUpTable } from "../persistence/schema-journey.ts";
import { isUuid, loadPerson } from "./access.ts";
import { auditByActor } from "./audit.ts";
import { loadActor } from "./auth.ts";
import { type Db, type Deps, isoToday, type ServiceContext, type Tx } from "./context.ts";
import { NotFoundError, ValidationError } from "./errors.ts";
import { type LoadedEnrolment, loadEnrolment, may } from "./journey-access.ts";
import { notify, type NotificationKind } from "./notifications.ts";
import { validate } from "./schemas/common.ts";
import { followUpCancelSchema, followUpHoldSchema, followUpScheduleSchema, splitNames } from "./schemas/exits.ts";

// Follow-up meetings of the participant, the coordinator and the referring officer (and others from the
// network), by default every eight weeks: booked, reminded a few days before, documented when held
// (when, who came, notes), or cancelled. Notifications go only to those who may open the journey, and
// like every notification they name the person by reference only (the e-mail is not a safe channel).

/** How many days before a follow-up its reminder goes out, by default. */
export const REMINDER_DAYS_BEFORE = 2;

export interface JourneyHeader {
  enrolmentId: string;
  personId: string;
  reference: string;
  /** Null when masked (protected identity, reader not working with the person). */
  name: string | null;
  programId: string;
  programName: string;
  startDate: string;
  plannedEndDate: string;
  /** The exit date, once an exit is recorded. */
  exitDate: string | null;
}

/** The person and enrolment as the reader may see them, for the top of every page here. */
export function journeyHeader(ctx: ServiceContext, loaded: LoadedEnrolment, exitDate: string | null): JourneyHeader {
  const { person, enrolment, program } = loaded;
  const masked = person.resource.protectedIdentity && !decide(ctx.actor.subject, "person.viewProtected", person.resource).allowed;
  return {
    enrolmentId: enrolment.id,
    personId: person.row.id,
    reference: person.row.reference,
    name: masked ? null : `${person.row.first_name} ${person.row.last_name}`,
    programId: program.id,
    programName: program.name,
    startDate: enrolment.start_date,
    plannedEndDate: enrolment.planned_end_date,
    exitDate,
  };
}

// ---------------------------------------------------------------------------------------------------
// Who can take part

export interface AttendeeCandidate {
  /** The form's value: "participant", "coordinator", "referrer" or "contact:<id>". */
  value: string;
  kind: Attendee["kind"];
  /** Empty for the participant (the page names them). */
  name: string;
  /** The authority, organisation or role. */
  detail: string;
}

interface People {
  coordinator: { userId: string; name: string };
  referrer: { userId: string; name: string; authorityId: string; authority: string } | null;
  contacts: { id: string; name: string; organisation: string; role: string }[];
}

async function peopleAround(db: Db | Tx, enrolment: LoadedEnrolment["enrolment"]): Promise<People> {
  const coordinator = await db.selectFrom("users").select(["id", "display_name"]).where("id", "=", enrolment.coordinator_id).executeTakeFirstOrThrow();
  const referrer = await db
    .selectFrom("placements as pl")
    .innerJoin("interest_requests as r", "r.id", "pl.request_id")
    .innerJoin("users as u", "u.id", "r.author_id")
    .innerJoin("authorities as a", "a.id", "r.referring_authority_id")
    .select(["u.id", "u.display_name", "a.id as authority_id", "a.name as authority_name"])
    .where("pl.id", "=", enrolment.placement_id)
    .executeTakeFirst();
  const contacts = await db
    .selectFrom("network_contacts")
    .select(["id", "name", "organisation", "role"])
    .where("person_id", "=", enrolment.person_id)
    .where("program_id", "=", enrolment.program_id)
    .where("ended_at", "is", null)
    .orderBy("name")
    .execute();
  return {
    coordinator: { userId: coordinator.id, name: coordinator.display_name },
    referrer: referrer ? { userId: referrer.id, name: referrer.display_name, authorityId: referrer.authority_id, authority: referrer.authority_name } : null,
    contacts,
  };
}

function candidatesFrom(people: People): AttendeeCandidate[] {
  return [
    { value: "participant", kind: "participant", name: "", detail: "" },
    { value: "coordinator", kind: "coordinator", name: people.coordinator.name, detail: "" },
    ...(people.referrer ? [{ value: "referrer", kind: "case_officer" as const, name: people.referrer.name, detail: people.referrer.authority }] : []),
    ...people.contacts.map((c) => ({ value: `contact:${c.id}`, kind: "network" as const, name: c.name, detail: [c.role, c.organisation].filter(Boolean).join(", ") })),
  ];
}

/** Who can be invited to a follow-up or the exit meeting of an enrolment. */
export async function attendeeCandidates(db: Db | Tx, enrolment: LoadedEnrolment["enrolment"]): Promise<AttendeeCandidate[]> {
  return candidatesFrom(await peopleAround(db, enrolment));
}

/** The form's choices as stored attendees; an unknown choice is refused at the field. */
export async function resolveAttendees(db: Db | Tx, enrolment: LoadedEnrolment["enrolment"], field: string, choices: readonly string[], others: string | undefined): Promise<Attendee[]> {
  const people = await peopleAround(db, enrolment);
  const attendees: Attendee[] = [];
  for (const choice of [...new Set(choices)]) {
    if (choice === "participant") attendees.push({ kind: "participant", userId: null, contactId: null, name: "" });
    else if (choice === "coordinator") attendees.push({ kind: "coordinator", userId: people.coordinator.userId, contactId: null, name: people.coordinator.name });
    else if (choice === "referrer" && people.referrer) attendees.push({ kind: "case_officer", userId: people.referrer.userId, contactId: null, name: people.referrer.name });
    else {
      const contact = choice.startsWith("contact:") ? people.contacts.find((c) => c.id === choice.slice("contact:".length).toLowerCase()) : undefined;
      if (!contact) throw new ValidationError({ [field]: ["errors.invalid"] });
      attendees.push({ kind: "network", userId: null, contactId: contact.id, name: contact.name });
    }
  }
  for (const name of splitNames(others)) attendees.push({ kind: "other", userId: null, contactId: null, name });
  return attendees;
}

/** Stored attendees back as the form's choices (to propose who came from who was invited). */
export function attendeeChoices(attendees: readonly Attendee[]): { choices: string[]; others: string } {
  const choices: string[] = [];
  const others: string[] = [];
  for (const a of attendees) {
    if (a.kind === "participant") choices.push("participant");
    else if (a.kind === "coordinator") choices.push("coordinator");
    else if (a.kind === "case_officer") choices.push("referrer");
    else if (a.kind === "network" && a.contactId) choices.push(`contact:${a.contactId}`);
    else if (a.name) others.push(a.name);
  }
  return { choices, others: others.join(", ") };
}

/** Of these users, those who may open the participant's journey now (a notification must lead somewhere they may go). */
export async function whoMayView(db: Db | Tx, userIds: readonly string[], resource: PersonResource): Promise<string[]> {
  const allowed: string[] = [];
  for (const userId of new Set(userIds)) {
    const actor = await loadActor(db, userId);
    if (actor && decide(actor.subject, "participant.view", resource).allowed) allowed.push(userId);
  }
  return allowed;
}

// ---------------------------------------------------------------------------------------------------
// Reading

export interface FollowUpView {
  id: string;
  plannedDate: string;
  plannedTime: string | null;
  place: string;
  status: "planned" | "held" | "cancelled";
  heldOn: string | null;
  attendees: Attendee[];
  notes: string;
  remindedAt: Date | null;
  /** Where a planned one stands today. */
  due: DueState | null;
}

function toView(row: Selectable<FollowUpTable>, today: string): FollowUpView {
  return {
    id: row.id,
    plannedDate: row.planned_date,
    plannedTime: row.planned_time,
    place: row.place,
    status: row.status,
    heldOn: row.held_on,
    attendees: row.attendees,
    notes: row.notes,
    remindedAt: row.reminded_at,
    due: row.status === "planned" ? dueState(row.planned_date, today) : null,
  };
}

export interface FollowUpsPage {
  header: JourneyHeader;
  /** Still planned, the earliest first. */
  coming: FollowUpView[];
  /** Held, the latest first. */
  held: FollowUpView[];
  cancelled: FollowUpView[];
  /** The next follow-up: the one booked, or when one should be held by (8 weeks after the last). */
  next: { date: string; booked: boolean; state: DueState };
  /** The date the booking form proposes: the next one due, or today when that has gone by. */
  proposedDate: string;
  candidates: AttendeeCandidate[];
  canManage: boolean;
  /** Booking is closed once the exit is recorded. */
  canSchedule: boolean;
  today: string;
}

async function exitDateOf(db: Db | Tx, enrolmentId: string): Promise<string | null> {
  const row = await db.selectFrom("exits").select("exit_date").where("enrolment_id", "=", enrolmentId).executeTakeFirst();
  return row?.exit_date ?? null;
}

/** The follow-up meetings of an enrolment, coming and held, with the next one proposed. */
export async function followUpsPage(ctx: ServiceContext, enrolmentId: string): Promise<FollowUpsPage> {
  const today = isoToday(ctx.now());
  return ctx.db.transaction().execute(async (tx) => {
    const loaded = await loadEnrolment(tx, ctx, enrolmentId, "participant.view");
    const rows = await tx.selectFrom("follow_ups").selectAll().where("enrolment_id", "=", loaded.enrolment.id).orderBy("planned_date").orderBy("planned_time").execute();
    const views = rows.map((r) => toView(r, today));
    const exitDate = await exitDateOf(tx, loaded.enrolment.id);
    const next = nextFollowUp({
      startDate: loaded.enrolment.start_date,
      held: views.filter((v) => v.status === "held").map((v) => v.heldOn!),
      planned: views.filter((v) => v.status === "planned").map((v) => v.plannedDate),
    });
    const canManage = may(ctx, loaded, "participant.manage");
    await auditByActor(tx, ctx, loaded.role, {
      action: "followUp.view",
      entityType: "enrolment",
      entityId: loaded.enrolment.id,
      personId: loaded.person.row.id,
      programId: loaded.program.id,
      federationId: loaded.program.federationId,
      details: { shown: views.length },
    });
    return {
      header: journeyHeader(ctx, loaded, exitDate),
      coming: views.filter((v) => v.status === "planned"),
      held: views.filter((v) => v.status === "held").sort((a, b) => b.heldOn!.localeCompare(a.heldOn!)),
      cancelled: views.filter((v) => v.status === "cancelled"),
      next: { ...next, state: dueState(next.date, today) },
      proposedDate: next.date < today ? today : next.date,
      candidates: await attendeeCandidates(tx, loaded.enrolment),
      canManage,
      canSchedule: canManage && exitDate === null,
      today,
    };
  });
}

export interface FollowUpPage {
  header: JourneyHeader;
  followUp: FollowUpView;
  candidates: AttendeeCandidate[];
  /** Who was invited, as the form's choices (proposed as who came). */
  invited: { choices: string[]; others: string };
  canManage: boolean;
  today: string;
}

async function followUpRow(db: Db | Tx, enrolmentId: string, followUpId: string) {
  if (!isUuid(followUpId)) throw new NotFoundError("followUp");
  const row = await db.selectFrom("follow_ups").selectAll().where("id", "=", followUpId).where("enrolment_id", "=", enrolmentId).executeTakeFirst();
  if (!row) throw new NotFoundError("followUp");
  return row;
}

/** One follow-up meeting: its booking, and its documentation once held. */
export async function followUpPage(ctx: ServiceContext, enrolmentId: string, followUpId: string): Promise<FollowUpPage> {
  const today = isoToday(ctx.now());
  return ctx.db.transaction().execute(async (tx) => {
    const loaded = await loadEnrolment(tx, ctx, enrolmentId, "participant.view");
    const row = await followUpRow(tx, loaded.enrolment.id, followUpId);
    await auditByActor(tx, ctx, loaded.role, {
      action: "followUp.view",
      entityType: "follow_up",
      entityId: row.id,
      personId: loaded.person.row.id,
      programId: loaded.program.id,
      federationId: loaded.program.federationId,
    });
    return {
      header: journeyHeader(ctx, loaded, await exitDateOf(tx, loaded.enrolment.id)),
      followUp: toView(row, today),
      candidates: await attendeeCandidates(tx, loaded.enrolment),
      invited: attendeeChoices(row.attendees),
      canManage: may(ctx, loaded, "participant.manage"),
      today,
    };
  });
}

// ---------------------------------------------------------------------------------------------------
// Writing

/** The staff to tell about a follow-up: the coordinator, and the referring officer when invited. */
function staffToTell(enrolment: LoadedEnrolment["enrolment"], attendees: readonly Attendee[]): string[] {
  return [enrolment.coordinator_id, ...attendees.filter((a) => a.kind === "case_officer" && a.userId).map((a) => a.userId!)];
}

async function tellStaff(
  tx: Tx,
  deps: Pick<Deps, "publicUrl">,
  now: Date,
  input: { kind: NotificationKind; userIds: string[]; resource: PersonResource; reference: string; program: string; date: string; time: string | null; link: string },
) {
  const userIds = await whoMayView(tx, input.userIds, input.resource);
  await notify(tx, now, deps.publicUrl, {
    userIds,
    kind: input.kind,
    // References, dates and the program's name only: never the person's name, never the place typed in.
    params: { reference: input.reference, program: input.program, date: input.date, time: input.time ?? "" },
    link: input.link,
  });
}

/** Books a follow-up meeting (date, time, place, who takes part) and tells the staff invited. */
export async function scheduleFollowUp(ctx: ServiceContext, enrolmentId: string, input: unknown): Promise<{ id: string }> {
  const data = validate(followUpScheduleSchema, input);
  const today = isoToday(ctx.now());
  return ctx.db.transaction().execute(async (tx) => {
    const loaded = await loadEnrolment(tx, ctx, enrolmentId, "participant.manage");
    if ((await exitDateOf(tx, loaded.enrolment.id)) !== null) throw new ValidationError({}, ["followUps.errors.exited"]);
    const problem = followUpDateProblem({ plannedDate: data.plannedDate, startDate: loaded.enrolment.start_date, today });
    if (problem) throw new ValidationError({ plannedDate: [`followUps.errors.${problem}`] });
    const attendees = await resolveAttendees(tx, loaded.enrolment, "attendees", data.attendees, data.otherAttendees);
    const now = ctx.now();
    const row = await tx
      .insertInto("follow_ups")
      .values({
        enrolment_id: loaded.enrolment.id,
        person_id: loaded.person.row.id,
        program_id: loaded.program.id,
        planned_date: data.plannedDate,
        planned_time: data.plannedTime,
        place: data.place ?? "",
        attendees: JSON.stringify(attendees),
        created_by: ctx.actor.user.id,
        created_at: now,
        updated_at: now,
      })
      .returning("id")
      .executeTakeFirstOrThrow();
    await tellStaff(tx, ctx, now, {
      kind: "followUp.scheduled",
      userIds: staffToTell(loaded.enrolment, attendees).filter((id) => id !== ctx.actor.user.id),
      resource: loaded.person.resource,
      reference: loaded.person.row.reference,
      program: loaded.program.name,
      date: data.plannedDate,
      time: data.plannedTime,
      link: `/enrolments/${loaded.enrolment.id}/follow-ups/${row.id}`,
    });
    await auditByActor(tx, ctx, loaded.role, {
      action: "followUp.schedule",
      entityType: "follow_up",
      entityId: row.id,
      personId: loaded.person.row.id,
      programId: loaded.program.id,
      federationId: loaded.program.federationId,
      details: { plannedDate: data.plannedDate, attendees: attendees.map((a) => a.kind) },
    });
    return row;
  });
}

async function plannedForUpdate(tx: Tx, enrolmentId: string, followUpId: string) {
  if (!isUuid(followUpId)) throw new NotFoundError("followUp");
  const row = await tx.selectFrom("follow_ups").selectAll().where("id", "=", followUpId).where("enrolment_id", "=", enrolmentId).forUpdate().executeTakeFirst();
  if (!row) throw new NotFoundError("followUp");
  if (row.status !== "planned") throw new ValidationError({}, [`followUps.errors.already.${row.status}`]);
  return row;
}

/** Documents a held follow-up: when it was held, who came, and notes. */
export async function holdFollowUp(ctx: ServiceContext, enrolmentId: string, followUpId: string, input: unknown): Promise<void> {
  const data = validate(followUpHoldSchema, input);
  const today = isoToday(ctx.now());
  await ctx.db.transaction().execute(async (tx) => {
    const loaded = await loadEnrolment(tx, ctx, enrolmentId, "participant.manage");
    const row = await plannedForUpdate(tx, loaded.enrolment.id, followUpId);
    const problem = followUpHeldProblem({ heldOn: data.heldOn, startDate: loaded.enrolment.start_date, today });
    if (problem) throw new ValidationError({ heldOn: [`followUps.errors.${problem}`] });
    const attendees = await resolveAttendees(tx, loaded.enrolment, "attendees", data.attendees, data.otherAttendees);
    await tx
      .updateTable("follow_ups")
      .set({ status: "held", held_on: data.heldOn, attendees: JSON.stringify(attendees), notes: data.notes, updated_at: ctx.now() })
      .where("id", "=", row.id)
      .execute();
    await auditByActor(tx, ctx, loaded.role, {
      action: "followUp.hold",
      entityType: "follow_up",
      entityId: row.id,
      personId: loaded.person.row.id,
      programId: loaded.program.id,
      federationId: loaded.program.federationId,
      details: { heldOn: data.heldOn, attendees: attendees.map((a) => a.kind) },
    });
  });
}

/** Cancels a planned follow-up (with a note why, if given) and tells the staff who were told of it. */
export async function cancelFollowUp(ctx: ServiceContext, enrolmentId: string, followUpId: string, input: unknown): Promise<void> {
  const data = validate(followUpCancelSchema, input);
  await ctx.db.transaction().execute(async (tx) => {
    const loaded = await loadEnrolment(tx, ctx, enrolmentId, "participant.manage");
    const row = await plannedForUpdate(tx, loaded.enrolment.id, followUpId);
    const now = ctx.now();
    await tx.updateTable("follow_ups").set({ status: "cancelled", notes: data.note ?? "", updated_at: now }).where("id", "=", row.id).execute();
    // Only a meeting still to come is news to anyone.
    if (row.planned_date >= isoToday(now)) {
      await tellStaff(tx, ctx, now, {
        kind: "followUp.cancelled",
        userIds: staffToTell(loaded.enrolment, row.attendees).filter((id) => id !== ctx.actor.user.id),
        resource: loaded.person.resource,
        reference: loaded.person.row.reference,
        program: loaded.program.name,
        date: row.planned_date,
        time: row.planned_time,
        link: `/enrolments/${loaded.enrolment.id}/follow-ups`,
      });
    }
    await auditByActor(tx, ctx, loaded.role, {
      action: "followUp.cancel",
      entityType: "follow_up",
      entityId: row.id,
      personId: loaded.person.row.id,
      programId: loaded.program.id,
      federationId: loaded.program.federationId,
      details: { plannedDate: row.planned_date },
    });
  });
}

/** At exit: the follow-ups still booked after the exit date are cancelled (the 90-day follow-up takes over). */
export async function cancelFollowUpsAfter(tx: Tx, enrolmentId: string, exitDate: string, now: Date): Promise<number> {
  const rows = await tx
    .updateTable("follow_ups")
    .set({ status: "cancelled", updated_at: now })
    .where("enrolment_id", "=", enrolmentId)
    .where("status", "=", "planned")
    .where("planned_date", ">", exitDate)
    .returning("id")
    .execute();
  return rows.length;
}

// ---------------------------------------------------------------------------------------------------
// Reminders (a background job: no actor)

/**
 * Reminds the coordinator and the referring officer (when invited) of the follow-ups booked in the next
 * `daysBefore` days (2 by default), once each: `reminded_at` is claimed in the same transaction as the
 * notifications, so two runs at once cannot both send. Returns how many follow-ups were reminded of.
 */
export async function remindFollowUps(deps: Deps, options: { daysBefore?: number } = {}): Promise<number> {
  const daysBefore = options.daysBefore ?? REMINDER_DAYS_BEFORE;
  const now = deps.now();
  const today = isoToday(now);
  const candidates = await deps.db
    .selectFrom("follow_ups as f")
    .innerJoin("enrolments as e", "e.id", "f.enrolment_id")
    .select(["f.id", "f.planned_date"])
    .where("f.status", "=", "planned")
    .where("f.reminded_at", "is", null)
    .where("f.planned_date", ">=", today)
    // An exit recorded ahead of time leaves the follow-ups before it standing.
    .where((eb) => eb.or([eb("e.ended_on", "is", null), eb("e.ended_on", ">=", eb.ref("f.planned_date"))]))
    .orderBy("f.planned_date")
    .execute();
  let reminded = 0;
  for (const candidate of candidates.filter((c) => reminderDue(c.planned_date, today, daysBefore))) {
    const done = await deps.db.transaction().execute(async (tx) => {
      const claimed = await tx
        .updateTable("follow_ups")
        .set({ reminded_at: now })
        .where("id", "=", candidate.id)
        .where("status", "=", "planned")
        .where("reminded_at", "is", null)
        .returningAll()
        .executeTakeFirst();
      if (!claimed) return false;
      const enrolment = await tx.selectFrom("enrolments").selectAll().where("id", "=", claimed.enrolment_id).executeTakeFirstOrThrow();
      const person = await loadPerson(tx, claimed.person_id, today);
      const program = await tx.selectFrom("programs").select("name").where("id", "=", claimed.program_id).executeTakeFirstOrThrow();
      if (!person) return true;
      await tellStaff(tx, deps, now, {
        kind: "followUp.reminder",
        userIds: staffToTell(enrolment, claimed.attendees),
        resource: person.resource,
        reference: person.row.reference,
        program: program.name,
        date: claimed.planned_date,
        time: claimed.planned_time,
        link: `/enrolments/${enrolment.id}/follow-ups/${claimed.id}`,
      });
      return true;
    });
    if (done) reminded += 1;
  }
  return reminded;
}
