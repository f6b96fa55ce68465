import { addDays, isValidDate, type Slot, type SlotException, type WeeklyRule, weeklySlots, type Weekday } from "../domain/calendar.ts";
import { decide, type Resource } from "../domain/policy.ts";
import { isUuid } from "./access.ts";
import { auditByActor } from "./audit.ts";
import { type Db, isoToday, type ServiceContext, type Tx } from "./context.ts";
import { ForbiddenError, NotFoundError, ValidationError } from "./errors.ts";
import { notify } from "./notifications.ts";
import { validate } from "./schemas/common.ts";
import { bookingSchema, slotExceptionSchema, studyVisitScheduleSchema } from "./schemas/intake.ts";

// Study visits: a recurring slot (KRUS: every other Tuesday 13-14 in even ISO weeks) where people
// come with their case officer to see the program. Slots can be cancelled or moved one at a time.
// Case officers book visitors and see their own bookings; the program's staff see them all.

export interface StudyVisitSchedule {
  weekday: Weekday;
  weeks: "every" | "even" | "odd";
  startTime: string;
  endTime: string;
  capacity: number;
  location: string;
}

export const KRUS_STUDY_VISITS: StudyVisitSchedule = { weekday: 2, weeks: "even", startTime: "13:00", endTime: "14:00", capacity: 6, location: "" };

export interface BookingView {
  id: string;
  slotDate: string;
  visitorName: string;
  accompanyingName: string;
  note: string;
  status: "booked" | "cancelled" | "attended" | "no_show";
  bookedBy: string;
  requestId: string | null;
  mine: boolean;
}

export interface SlotView extends Slot {
  capacity: number;
  booked: number;
  /** All bookings for the program's staff; the reader's own for others. */
  bookings: BookingView[];
  bookable: boolean;
}

async function programOf(db: Db | Tx, programId: string) {
  if (!isUuid(programId)) throw new NotFoundError("program");
  const program = await db.selectFrom("programs").select(["id", "name", "federation_id"]).where("id", "=", programId).executeTakeFirst();
  if (!program) throw new NotFoundError("program");
  return program;
}

const resourceOf = (program: { id: string; federation_id: string }): Resource => ({ type: "program", programId: program.id, federationId: program.federation_id });

function mayBook(ctx: ServiceContext, program: { id: string; federation_id: string }) {
  return decide(ctx.actor.subject, "studyVisit.book", resourceOf(program));
}
function mayManage(ctx: ServiceContext, program: { id: string; federation_id: string }) {
  return decide(ctx.actor.subject, "studyVisit.manage", resourceOf(program));
}

async function scheduleOf(db: Db | Tx, programId: string): Promise<StudyVisitSchedule | null> {
  const row = await db.selectFrom("study_visit_schedules").selectAll().where("program_id", "=", programId).executeTakeFirst();
  return row ? { weekday: row.weekday as Weekday, weeks: row.weeks, startTime: row.start_time, endTime: row.end_time, capacity: row.capacity, location: row.location } : null;
}

function ruleOf(s: StudyVisitSchedule): WeeklyRule {
  return { weekday: s.weekday, weeks: s.weeks, start: s.startTime, end: s.endTime };
}

async function exceptionsOf(db: Db | Tx, programId: string): Promise<SlotException[]> {
  const rows = await db.selectFrom("study_visit_exceptions").selectAll().where("program_id", "=", programId).execute();
  return rows.map((r) => ({
    date: r.original_date,
    ...(r.cancelled ? { cancelled: true } : {}),
    ...(r.moved_date && r.moved_start && r.moved_end ? { movedTo: { date: r.moved_date, start: r.moved_start, end: r.moved_end } } : {}),
    ...(r.note ? { note: r.note } : {}),
  }));
}

export async function getStudyVisitSchedule(ctx: ServiceContext, programId: string): Promise<StudyVisitSchedule | null> {
  const program = await programOf(ctx.db, programId);
  if (!mayBook(ctx, program).allowed) throw new ForbiddenError();
  return scheduleOf(ctx.db, programId);
}

export async function setStudyVisitSchedule(ctx: ServiceContext, programId: string, input: unknown): Promise<void> {
  const data = validate(studyVisitScheduleSchema, input);
  await ctx.db.transaction().execute(async (tx) => {
    const program = await programOf(tx, programId);
    const decision = mayManage(ctx, program);
    if (!decision.allowed) throw new ForbiddenError();
    const values = { weekday: data.weekday, weeks: data.weeks, start_time: data.startTime, end_time: data.endTime, capacity: data.capacity, location: data.location ?? "", updated_at: ctx.now() };
    await tx.insertInto("study_visit_schedules").values({ program_id: programId, ...values }).onConflict((oc) => oc.column("program_id").doUpdateSet(values)).execute();
    await auditByActor(tx, ctx, decision.role, { action: "studyVisit.schedule", entityType: "program", entityId: programId, programId, federationId: program.federation_id, details: { ...data } });
  });
}

type BookingRow = {
  id: string;
  slot_date: string;
  visitor_name: string;
  accompanying_name: string;
  note: string;
  status: BookingView["status"];
  booked_by: string;
  request_id: string | null;
  display_name: string;
};

function bookingQuery(db: Db | Tx, programId: string) {
  return db
    .selectFrom("study_visit_bookings as b")
    .innerJoin("users as u", "u.id", "b.booked_by")
    .select(["b.id", "b.slot_date", "b.visitor_name", "b.accompanying_name", "b.note", "b.status", "b.booked_by", "b.request_id", "u.display_name"])
    .where("b.program_id", "=", programId);
}

function bookingView(ctx: ServiceContext, b: BookingRow): BookingView {
  return {
    id: b.id,
    slotDate: b.slot_date,
    visitorName: b.visitor_name,
    accompanyingName: b.accompanying_name,
    note: b.note,
    status: b.status,
    bookedBy: b.display_name,
    requestId: b.request_id,
    mine: b.booked_by === ctx.actor.user.id,
  };
}

/** The slots with their (active) bookings: all of them for the program's staff, the reader's own for others. */
async function slotViews(ctx: ServiceContext, programId: string, schedule: StudyVisitSchedule, slots: Slot[], manage: boolean): Promise<SlotView[]> {
  const today = isoToday(ctx.now());
  const bookings = slots.length
    ? await bookingQuery(ctx.db, programId)
        .where("b.slot_date", "in", slots.map((s) => s.originalDate))
        .orderBy("b.created_at")
        .execute()
    : [];
  return slots.map((slot) => {
    const forSlot = bookings.filter((b) => b.slot_date === slot.originalDate && b.status !== "cancelled");
    const booked = forSlot.length;
    return {
      ...slot,
      capacity: schedule.capacity,
      booked,
      // A slot that has taken place (or was moved to a day gone by) cannot be booked any more.
      bookable: slot.status !== "cancelled" && slot.date >= today && booked < schedule.capacity,
      bookings: forSlot.filter((b) => manage || b.booked_by === ctx.actor.user.id).map((b) => bookingView(ctx, b)),
    };
  });
}

export interface ListSlotsOptions {
  /** Also the slots of this many weeks back (for recording who came); default none. */
  pastWeeks?: number;
}

/** The slots of the coming weeks with their bookings (all of them for the program's staff). */
export async function listSlots(
  ctx: ServiceContext,
  programId: string,
  weeks = 12,
  options: ListSlotsOptions = {},
): Promise<{
  programName: string;
  schedule: StudyVisitSchedule | null;
  slots: SlotView[];
  canManage: boolean;
  /** Today's date as the service saw it: slots before it lie in the past. */
  today: string;
  /** Coming bookings on days the schedule no longer gives (after the weekday or weeks changed). */
  outsideSchedule: BookingView[];
}> {
  const program = await programOf(ctx.db, programId);
  const book = mayBook(ctx, program);
  if (!book.allowed) throw new ForbiddenError();
  const manage = mayManage(ctx, program).allowed;
  const schedule = await scheduleOf(ctx.db, programId);
  const today = isoToday(ctx.now());
  if (!schedule) return { programName: program.name, schedule: null, slots: [], canManage: manage, today, outsideSchedule: [] };
  const pastWeeks = Math.max(0, Math.floor(options.pastWeeks ?? 0));
  const slots = weeklySlots(ruleOf(schedule), addDays(today, -pastWeeks * 7), addDays(today, weeks * 7), await exceptionsOf(ctx.db, programId));
  const rule = ruleOf(schedule);
  const coming = await bookingQuery(ctx.db, programId).where("b.status", "=", "booked").where("b.slot_date", ">=", today).orderBy("b.slot_date").orderBy("b.created_at").execute();
  const outsideSchedule = coming
    .filter((b) => weeklySlots(rule, b.slot_date, b.slot_date).length === 0)
    .filter((b) => manage || b.booked_by === ctx.actor.user.id)
    .map((b) => bookingView(ctx, b));
  return { programName: program.name, schedule, canManage: manage, today, slots: await slotViews(ctx, programId, schedule, slots, manage), outsideSchedule };
}

/** One slot (past or coming) with its bookings, by the date the schedule gives it. */
export async function getSlot(
  ctx: ServiceContext,
  programId: string,
  originalDate: string,
): Promise<{ programName: string; schedule: StudyVisitSchedule; slot: SlotView; canManage: boolean; today: string }> {
  const program = await programOf(ctx.db, programId);
  if (!mayBook(ctx, program).allowed) throw new ForbiddenError();
  const manage = mayManage(ctx, program).allowed;
  const schedule = await scheduleOf(ctx.db, programId);
  if (!schedule || !isValidDate(originalDate)) throw new NotFoundError("slot");
  const [slot] = weeklySlots(ruleOf(schedule), originalDate, originalDate, await exceptionsOf(ctx.db, programId));
  if (!slot) throw new NotFoundError("slot");
  const [view] = await slotViews(ctx, programId, schedule, [slot], manage);
  return { programName: program.name, schedule, slot: view!, canManage: manage, today: isoToday(ctx.now()) };
}

/** The programs whose study visits the user may book (case officers) or run (the program's staff). */
export async function studyVisitPrograms(ctx: ServiceContext): Promise<{ id: string; name: string; hasSchedule: boolean }[]> {
  const ids = [...new Set(ctx.actor.subject.assignments.map((a) => a.programId).filter((id): id is string => id !== null))];
  if (!ids.length) return [];
  const programs = await ctx.db
    .selectFrom("programs as p")
    .leftJoin("study_visit_schedules as s", "s.program_id", "p.id")
    .select(["p.id", "p.name", "p.federation_id", "s.program_id as scheduled"])
    .where("p.id", "in", ids)
    .where("p.active", "=", true)
    .orderBy("p.name")
    .execute();
  return programs.filter((p) => mayBook(ctx, p).allowed).map((p) => ({ id: p.id, name: p.name, hasSchedule: p.scheduled !== null }));
}

/** Cancels or moves one slot (a holiday), or puts it back as the rule gives it. */
export async function setSlotException(ctx: ServiceContext, programId: string, originalDate: string, input: unknown): Promise<void> {
  const data = validate(slotExceptionSchema, input);
  await ctx.db.transaction().execute(async (tx) => {
    const program = await programOf(tx, programId);
    const decision = mayManage(ctx, program);
    if (!decision.allowed) throw new ForbiddenError();
    const schedule = await scheduleOf(tx, programId);
    if (!schedule || !isValidDate(originalDate) || !weeklySlots(ruleOf(schedule), originalDate, originalDate).length) throw new NotFoundError("slot");
    // A slot can only be moved to a day that has not gone by.
    if (data.action === "move" && data.movedDate! < isoToday(ctx.now())) throw new ValidationError({ movedDate: ["studyVisit.errors.movedToPast"] });
    await tx.deleteFrom("study_visit_exceptions").where("program_id", "=", programId).where("original_date", "=", originalDate).execute();
    if (data.action !== "restore") {
      await tx
        .insertInto("study_visit_exceptions")
        .values({
          program_id: programId,
          original_date: originalDate,
          cancelled: data.action === "cancel",
          moved_date: data.action === "move" ? data.movedDate! : null,
          moved_start: data.action === "move" ? data.movedStart! : null,
          moved_end: data.action === "move" ? data.movedEnd! : null,
          note: data.note ?? "",
          created_by: ctx.actor.user.id,
        })
        .execute();
    }
    // Nobody should come to a visit that is not there: whoever booked a visitor on the slot is told.
    if (data.action !== "restore") {
      const bookers = await tx
        .selectFrom("study_visit_bookings")
        .select("booked_by")
        .where("program_id", "=", programId)
        .where("slot_date", "=", originalDate)
        .where("status", "=", "booked")
        .execute();
      await notify(tx, ctx.now(), ctx.publicUrl, {
        userIds: bookers.map((b) => b.booked_by).filter((id) => id !== ctx.actor.user.id),
        kind: data.action === "cancel" ? "studyVisit.cancelled" : "studyVisit.moved",
        params: { program: program.name, date: originalDate, ...(data.action === "move" ? { start: data.movedDate!, time: data.movedStart! } : {}) },
        link: `/programs/${programId}/study-visits`,
      });
    }
    await auditByActor(tx, ctx, decision.role, { action: "studyVisit.slot", entityType: "program", entityId: programId, programId, federationId: program.federation_id, details: { originalDate, ...data } });
  });
}

/** Books a visitor (a name or just initials) on a slot that is not full or cancelled. */
export async function bookStudyVisit(ctx: ServiceContext, programId: string, input: unknown): Promise<{ id: string }> {
  const data = validate(bookingSchema, input);
  return ctx.db.transaction().execute(async (tx) => {
    const program = await programOf(tx, programId);
    const decision = mayBook(ctx, program);
    if (!decision.allowed) throw new ForbiddenError();
    const schedule = await scheduleOf(tx, programId);
    const today = isoToday(ctx.now());
    const slot = schedule ? weeklySlots(ruleOf(schedule), data.slotDate, data.slotDate, await exceptionsOf(tx, programId))[0] : undefined;
    if (!schedule || !slot || slot.status === "cancelled" || slot.date < today) throw new ValidationError({ slotDate: ["studyVisit.errors.noSuchSlot"] });
    const booked = await tx
      .selectFrom("study_visit_bookings")
      .select((eb) => eb.fn.countAll<string>().as("n"))
      .where("program_id", "=", programId)
      .where("slot_date", "=", data.slotDate)
      .where("status", "<>", "cancelled")
      .executeTakeFirstOrThrow();
    if (Number(booked.n) >= schedule.capacity) throw new ValidationError({ slotDate: ["studyVisit.errors.full"] });
    const now = ctx.now();
    const row = await tx
      .insertInto("study_visit_bookings")
      .values({
        program_id: programId,
        slot_date: data.slotDate,
        visitor_name: data.visitorName,
        accompanying_user_id: decision.role === "case_officer" ? ctx.actor.user.id : null,
        accompanying_name: data.accompanyingName ?? (decision.role === "case_officer" ? ctx.actor.user.displayName : ""),
        note: data.note ?? "",
        booked_by: ctx.actor.user.id,
        created_at: now,
        updated_at: now,
      })
      .returning("id")
      .executeTakeFirstOrThrow();
    await auditByActor(tx, ctx, decision.role, { action: "studyVisit.book", entityType: "study_visit_booking", entityId: row.id, programId, federationId: program.federation_id, details: { slotDate: data.slotDate } });
    return row;
  });
}

async function bookingFor(tx: Tx, ctx: ServiceContext, bookingId: string) {
  if (!isUuid(bookingId)) throw new NotFoundError("booking");
  const booking = await tx.selectFrom("study_visit_bookings").selectAll().where("id", "=", bookingId).executeTakeFirst();
  if (!booking) throw new NotFoundError("booking");
  const program = await programOf(tx, booking.program_id);
  const manage = mayManage(ctx, program);
  const book = mayBook(ctx, program);
  if (manage.allowed) return { booking, program, role: manage.role };
  // Others only their own bookings.
  if (book.allowed && booking.booked_by === ctx.actor.user.id) return { booking, program, role: book.role };
  throw new NotFoundError("booking");
}

/** A booking, for turning the visitor into an interest request without typing the name again. */
export async function getBooking(ctx: ServiceContext, bookingId: string): Promise<BookingView & { programId: string }> {
  return ctx.db.transaction().execute(async (tx) => {
    const { booking } = await bookingFor(tx, ctx, bookingId);
    const author = await tx.selectFrom("users").select("display_name").where("id", "=", booking.booked_by).executeTakeFirstOrThrow();
    return {
      id: booking.id,
      programId: booking.program_id,
      slotDate: booking.slot_date,
      visitorName: booking.visitor_name,
      accompanyingName: booking.accompanying_name,
      note: booking.note,
      status: booking.status,
      bookedBy: author.display_name,
      requestId: booking.request_id,
      mine: booking.booked_by === ctx.actor.user.id,
    };
  });
}

/** Cancels a booking, or records whether the visitor came (program staff). */
export async function setBookingStatus(ctx: ServiceContext, bookingId: string, status: "cancelled" | "attended" | "no_show" | "booked"): Promise<void> {
  await ctx.db.transaction().execute(async (tx) => {
    const { booking, program, role } = await bookingFor(tx, ctx, bookingId);
    if (status !== "cancelled" && !mayManage(ctx, program).allowed) throw new ForbiddenError();
    await tx.updateTable("study_visit_bookings").set({ status, updated_at: ctx.now() }).where("id", "=", booking.id).execute();
    await auditByActor(tx, ctx, role, { action: "studyVisit.status", entityType: "study_visit_booking", entityId: booking.id, programId: program.id, federationId: program.federation_id, details: { status } });
  });
}
