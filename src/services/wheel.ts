import type { Selectable } from "kysely";
import { addDays } from "../domain/calendar.ts";
import { dueState, type DueState, nextReading } from "../domain/journey-dates.ts";
import { decide, type Subject } from "../domain/policy.ts";
import {
  type AreaComparison,
  changeFromFirstToLast,
  chartReadings,
  compareRaters,
  DEFAULT_WHEEL_AREAS,
  MAX_CHART_READINGS,
  moveArea,
  newAreaKey,
  pairReadings,
  programWheelStatistics,
  type ProgramWheelStatistics,
  sameAreas,
  validateInstrument,
  validateScores,
  type WheelArea,
  type WheelLanguage,
  type WheelScores,
} from "../domain/wheel.ts";
import type { DB } from "../persistence/schema.ts";
import { isUuid } from "./access.ts";
import { auditByActor } from "./audit.ts";
import { type Db, isoToday, type ServiceContext, type Tx } from "./context.ts";
import { ConflictError, ForbiddenError, NotFoundError, ValidationError } from "./errors.ts";
import { type LoadedEnrolment, loadEnrolment, may } from "./journey-access.ts";
import { validate } from "./schemas/common.ts";
import { moveWheelAreaSchema, readingSchema, removeWheelAreaSchema, wheelAreaSchema } from "./schemas/wheel.ts";

// The life-area wheel (domain/wheel.ts): the program's instrument and the participant's readings.
//
// A program uses Spelplan's default set (stored with program_id NULL, inserted on first use, and again as
// a new version when the texts shipped with Spelplan change) until it adjusts it; every adjustment is a new
// version of the program's own instrument, and a reading keeps the version it was made with. Adjusting the
// program's instrument is program work for its manager and coordinators ("placement.manage" on the
// program, the program-level action they hold); readings are the participant's journey
// ("participant.view" to read, "participant.manage" to record), reached through loadEnrolment.

type InstrumentRow = Selectable<DB["wheel_instruments"]>;

export interface InstrumentVersion {
  id: string;
  /** "default": Spelplan's own set; "program": the program's adjusted one. */
  origin: "default" | "program";
  version: number;
  areas: WheelArea[];
  createdAt: Date;
  createdByName: string | null;
}

function toVersion(row: InstrumentRow, createdByName: string | null = null): InstrumentVersion {
  return {
    id: row.id,
    origin: row.program_id === null ? "default" : "program",
    version: row.version,
    areas: row.areas,
    createdAt: row.created_at,
    createdByName,
  };
}

/** Spelplan's default set as stored; stored on first use, and as a new version when the shipped texts change. */
export async function defaultInstrument(db: Db | Tx, now: Date): Promise<InstrumentRow> {
  const latest = () => db.selectFrom("wheel_instruments").selectAll().where("program_id", "is", null).orderBy("version", "desc").limit(1).executeTakeFirst();
  const row = await latest();
  if (row && sameAreas(row.areas, DEFAULT_WHEEL_AREAS)) return row;
  // Two first uses at once: one insert wins, the other does nothing and reads the winner's row.
  await db
    .insertInto("wheel_instruments")
    .values({ program_id: null, version: (row?.version ?? 0) + 1, areas: JSON.stringify(DEFAULT_WHEEL_AREAS), created_by: null, created_at: now })
    .onConflict((oc) => oc.doNothing())
    .execute();
  return (await latest())!;
}

/** The instrument a program uses now: its own newest version, or the default set. */
export async function currentInstrument(db: Db | Tx, programId: string, now: Date): Promise<InstrumentRow> {
  const own = await db.selectFrom("wheel_instruments").selectAll().where("program_id", "=", programId).orderBy("version", "desc").limit(1).executeTakeFirst();
  return own ?? defaultInstrument(db, now);
}

// ---------------------------------------------------------------------------------------------------------
// The program's instrument

async function programFor(db: Db | Tx, ctx: ServiceContext, programId: string) {
  if (!isUuid(programId)) throw new NotFoundError("program");
  const program = await db.selectFrom("programs").select(["id", "name", "federation_id"]).where("id", "=", programId).executeTakeFirst();
  if (!program) throw new NotFoundError("program");
  const decision = decide(ctx.actor.subject, "placement.manage", { type: "program", programId: program.id, federationId: program.federation_id });
  if (!decision.allowed) throw new ForbiddenError();
  return { program, role: decision.role };
}

/** Whether the reader may adjust the program's instrument (for a link to the page). */
export function mayAdjustInstrument(subject: Subject, program: { id: string; federationId: string }): boolean {
  return decide(subject, "placement.manage", { type: "program", programId: program.id, federationId: program.federationId }).allowed;
}

export interface ProgramWheelView {
  programId: string;
  programName: string;
  current: InstrumentVersion;
  /** The program's own versions, newest first, with how many readings each was used for. */
  versions: (InstrumentVersion & { readings: number })[];
  /** Readings made with the default set in this program. */
  defaultReadings: number;
}

export async function programWheel(ctx: ServiceContext, programId: string): Promise<ProgramWheelView> {
  return ctx.db.transaction().execute(async (tx) => {
    const { program } = await programFor(tx, ctx, programId);
    const current = await currentInstrument(tx, program.id, ctx.now());
    const rows = await tx
      .selectFrom("wheel_instruments as i")
      .leftJoin("users as u", "u.id", "i.created_by")
      .selectAll("i")
      .select((eb) => [
        "u.display_name",
        eb.selectFrom("wheel_readings as r").whereRef("r.instrument_id", "=", "i.id").where("r.program_id", "=", program.id).select(eb.fn.countAll<string>().as("n")).as("readings"),
      ])
      .where("i.program_id", "=", program.id)
      .orderBy("i.version", "desc")
      .execute();
    const defaultReadings = await tx
      .selectFrom("wheel_readings as r")
      .innerJoin("wheel_instruments as i", "i.id", "r.instrument_id")
      .select((eb) => eb.fn.countAll<string>().as("n"))
      .where("r.program_id", "=", program.id)
      .where("i.program_id", "is", null)
      .executeTakeFirstOrThrow();
    const creator = rows.find((r) => r.id === current.id)?.display_name ?? null;
    return {
      programId: program.id,
      programName: program.name,
      current: toVersion(current, creator),
      versions: rows.map((r) => ({ ...toVersion(r, r.display_name), readings: Number(r.readings ?? 0) })),
      defaultReadings: Number(defaultReadings.n),
    };
  });
}

export interface InstrumentChange {
  instrumentId: string;
  version: number;
  /** False when the change changed nothing (no new version). */
  changed: boolean;
  key: string | null;
}

/**
 * Saves a new version of the program's instrument made from the current one by `change`, after checking
 * that the change starts from the current version (someone else may have changed it meanwhile) and that the
 * result is a valid instrument. A change that changes nothing saves nothing.
 */
async function changeInstrument(
  ctx: ServiceContext,
  programId: string,
  basedOn: string,
  change: (areas: WheelArea[]) => { areas: WheelArea[]; key: string | null; kind: "area_added" | "area_changed" | "area_removed" | "area_moved" },
): Promise<InstrumentChange> {
  return ctx.db.transaction().execute(async (tx) => {
    const { program, role } = await programFor(tx, ctx, programId);
    // One change at a time per program, so versions follow each other without gaps or clashes.
    await tx.selectFrom("programs").select("id").where("id", "=", program.id).forUpdate().execute();
    const current = await currentInstrument(tx, program.id, ctx.now());
    if (current.id !== basedOn) throw new ConflictError("stale_version");
    const result = change(structuredClone(current.areas));
    const problems = validateInstrument(result.areas);
    if (problems.length > 0) {
      const codes = new Set(problems.map((p) => p.code));
      if (codes.has("too_few_areas")) throw new ValidationError({}, ["wheel.errors.tooFewAreas"]);
      if (codes.has("too_many_areas")) throw new ValidationError({}, ["wheel.errors.tooManyAreas"]);
      throw new ValidationError({}, ["wheel.errors.instrument"]);
    }
    if (sameAreas(result.areas, current.areas)) return { instrumentId: current.id, version: current.version, changed: false, key: result.key };
    const last = await tx.selectFrom("wheel_instruments").select("version").where("program_id", "=", program.id).orderBy("version", "desc").limit(1).executeTakeFirst();
    const row = await tx
      .insertInto("wheel_instruments")
      .values({ program_id: program.id, version: (last?.version ?? 0) + 1, areas: JSON.stringify(result.areas), created_by: ctx.actor.user.id, created_at: ctx.now() })
      .returning(["id", "version"])
      .executeTakeFirstOrThrow();
    await auditByActor(tx, ctx, role, {
      action: "wheel.instrumentChange",
      entityType: "wheel_instrument",
      entityId: row.id,
      programId: program.id,
      federationId: program.federation_id,
      details: { version: row.version, basedOn: current.id, change: result.kind, area: result.key, areas: result.areas.length },
    });
    return { instrumentId: row.id, version: row.version, changed: true, key: result.key };
  });
}

/** Changes one area's name, group and step texts (`key`), or adds a new area (`key` null). */
export async function saveWheelArea(ctx: ServiceContext, programId: string, key: string | null, input: unknown): Promise<InstrumentChange> {
  const data = validate(wheelAreaSchema, input);
  return changeInstrument(ctx, programId, data.instrumentId, (areas) => {
    const fields = { group: data.group, label: data.label, steps: data.steps };
    if (key === null) {
      const newKey = newAreaKey(data.label.sv, areas.map((a) => a.key));
      return { areas: [...areas, { key: newKey, ...fields }], key: newKey, kind: "area_added" };
    }
    const index = areas.findIndex((a) => a.key === key);
    if (index < 0) throw new NotFoundError("wheel_area");
    areas[index] = { key, ...fields };
    return { areas, key, kind: "area_changed" };
  });
}

export async function removeWheelArea(ctx: ServiceContext, programId: string, input: unknown): Promise<InstrumentChange> {
  const data = validate(removeWheelAreaSchema, input);
  return changeInstrument(ctx, programId, data.instrumentId, (areas) => {
    if (!areas.some((a) => a.key === data.key)) throw new NotFoundError("wheel_area");
    return { areas: areas.filter((a) => a.key !== data.key), key: data.key, kind: "area_removed" };
  });
}

export async function moveWheelArea(ctx: ServiceContext, programId: string, input: unknown): Promise<InstrumentChange> {
  const data = validate(moveWheelAreaSchema, input);
  return changeInstrument(ctx, programId, data.instrumentId, (areas) => {
    if (!areas.some((a) => a.key === data.key)) throw new NotFoundError("wheel_area");
    return { areas: moveArea(areas, data.key, data.direction), key: data.key, kind: "area_moved" };
  });
}

// ---------------------------------------------------------------------------------------------------------
// Readings

export interface WheelPerson {
  id: string;
  reference: string;
  /** Null when masked (protected identity, and the reader does not work directly with the person). */
  name: string | null;
}

function personOf(ctx: ServiceContext, loaded: LoadedEnrolment): WheelPerson {
  const { row, resource } = loaded.person;
  const masked = resource.protectedIdentity && !decide(ctx.actor.subject, "person.viewProtected", resource).allowed;
  return { id: row.id, reference: row.reference, name: masked ? null : `${row.first_name} ${row.last_name}` };
}

export interface WheelReading {
  id: string;
  ratedBy: "participant" | "coordinator";
  occasion: "start" | "during" | "exit";
  date: string;
  scores: WheelScores;
  note: string;
  instrumentId: string;
  instrumentVersion: number;
  instrumentOrigin: "default" | "program";
  recordedByName: string;
  recordedAt: Date;
}

/** One axis of the chart: an area of the current instrument, or of an older version a shown reading used. */
export interface WheelAxis {
  key: string;
  group: WheelArea["group"];
  label: Record<WheelLanguage, string>;
  /** False for areas the program's current instrument no longer has. */
  current: boolean;
}

export interface NextReadingDue {
  date: string;
  occasion: "start" | "during" | "exit";
  state: DueState;
}

export interface WheelOverview {
  enrolmentId: string;
  person: WheelPerson;
  programId: string;
  programName: string;
  instrument: InstrumentVersion;
  /** The areas in chart order: the current instrument's, then any others the readings rated. */
  axes: WheelAxis[];
  /** Every reading, newest first. */
  readings: WheelReading[];
  /** The readings the chart overlays, oldest first (ids). */
  chart: string[];
  /** More readings were asked for than the chart shows. */
  tooMany: boolean;
  /** The participant's and the coordinator's readings of the same occasion, side by side. */
  comparisons: { participantId: string; coordinatorId: string; areas: AreaComparison[]; differing: number }[];
  next: NextReadingDue | null;
  canRecord: boolean;
  /** The reader may adjust the program's instrument. */
  canAdjust: boolean;
  today: string;
}

async function exitDate(db: Db | Tx, loaded: LoadedEnrolment): Promise<string | null> {
  const exit = await db.selectFrom("exits").select("exit_date").where("enrolment_id", "=", loaded.enrolment.id).executeTakeFirst();
  return exit?.exit_date ?? loaded.enrolment.ended_on ?? null;
}

async function readingsOf(db: Db | Tx, enrolmentId: string): Promise<WheelReading[]> {
  const rows = await db
    .selectFrom("wheel_readings as r")
    .innerJoin("wheel_instruments as i", "i.id", "r.instrument_id")
    .innerJoin("users as u", "u.id", "r.recorded_by")
    .select([
      "r.id", "r.rated_by", "r.occasion", "r.reading_date", "r.scores", "r.note", "r.instrument_id", "r.recorded_at",
      "i.version", "i.program_id as instrument_program", "u.display_name",
    ])
    .where("r.enrolment_id", "=", enrolmentId)
    .orderBy("r.reading_date", "desc")
    .orderBy("r.recorded_at", "desc")
    .execute();
  return rows.map((r) => ({
    id: r.id,
    ratedBy: r.rated_by,
    occasion: r.occasion,
    date: r.reading_date,
    scores: r.scores,
    note: r.note,
    instrumentId: r.instrument_id,
    instrumentVersion: r.version,
    instrumentOrigin: r.instrument_program === null ? "default" : "program",
    recordedByName: r.display_name,
    recordedAt: r.recorded_at,
  }));
}

function nextDue(startDate: string, readings: readonly WheelReading[], exit: string | null, today: string): NextReadingDue | null {
  const next = nextReading({ startDate, readings: readings.map((r) => ({ date: r.date, occasion: r.occasion })), exitDate: exit });
  return next ? { ...next, state: dueState(next.date, today) } : null;
}

/**
 * The wheel page: every reading, the ones the chart overlays (`show`: reading ids the reader chose, at most
 * three; by default the first and the latest), the participant's and coordinator's
 * readings side by side, and when the next reading is due. Reading it is recorded in the audit log.
 */
export async function wheelOverview(ctx: ServiceContext, enrolmentId: string, show: readonly string[] = []): Promise<WheelOverview> {
  const today = isoToday(ctx.now());
  return ctx.db.transaction().execute(async (tx) => {
    const loaded = await loadEnrolment(tx, ctx, enrolmentId, "participant.view");
    const instrument = await currentInstrument(tx, loaded.program.id, ctx.now());
    const readings = await readingsOf(tx, loaded.enrolment.id);
    // Areas of older versions that readings rated, named as their newest version names them.
    const axes: WheelAxis[] = instrument.areas.map((a) => ({ key: a.key, group: a.group, label: a.label, current: true }));
    const usedIds = [...new Set(readings.map((r) => r.instrumentId))].filter((id) => id !== instrument.id);
    if (usedIds.length > 0) {
      const used = await tx.selectFrom("wheel_instruments").select(["id", "areas", "created_at"]).where("id", "in", usedIds).orderBy("created_at", "desc").execute();
      const rated = new Set(readings.flatMap((r) => Object.keys(r.scores)));
      for (const version of used) {
        for (const area of version.areas) {
          if (rated.has(area.key) && !axes.some((a) => a.key === area.key)) axes.push({ key: area.key, group: area.group, label: area.label, current: false });
        }
      }
    }
    const requested = show.filter((id) => readings.some((r) => r.id === id));
    const chart = chartReadings(readings, requested).map((r) => r.id);
    const keys = axes.map((a) => a.key);
    const comparisons = pairReadings(readings).map(({ participant, coordinator }) => {
      const areas = compareRaters(keys, participant.scores, coordinator.scores);
      return { participantId: participant.id, coordinatorId: coordinator.id, areas, differing: areas.filter((a) => a.differs).length };
    });
    await auditByActor(tx, ctx, loaded.role, {
      action: "wheel.view",
      entityType: "enrolment",
      entityId: loaded.enrolment.id,
      personId: loaded.enrolment.person_id,
      programId: loaded.program.id,
      federationId: loaded.program.federationId,
      details: { readings: readings.length },
    });
    return {
      enrolmentId: loaded.enrolment.id,
      person: personOf(ctx, loaded),
      programId: loaded.program.id,
      programName: loaded.program.name,
      instrument: toVersion(instrument),
      axes,
      readings,
      chart,
      tooMany: requested.length > MAX_CHART_READINGS,
      comparisons,
      next: nextDue(loaded.enrolment.start_date, readings, await exitDate(tx, loaded), today),
      canRecord: may(ctx, loaded, "participant.manage"),
      canAdjust: mayAdjustInstrument(ctx.actor.subject, loaded.program),
      today,
    };
  });
}

export interface ReadingForm {
  enrolmentId: string;
  person: WheelPerson;
  programName: string;
  instrument: InstrumentVersion;
  next: NextReadingDue | null;
  today: string;
}

/** What the reading form needs: the instrument version the reading will be made with, and what is due. */
export async function wheelReadingForm(ctx: ServiceContext, enrolmentId: string): Promise<ReadingForm> {
  const today = isoToday(ctx.now());
  return ctx.db.transaction().execute(async (tx) => {
    const loaded = await loadEnrolment(tx, ctx, enrolmentId, "participant.manage");
    const instrument = await currentInstrument(tx, loaded.program.id, ctx.now());
    const readings = await readingsOf(tx, loaded.enrolment.id);
    return {
      enrolmentId: loaded.enrolment.id,
      person: personOf(ctx, loaded),
      programName: loaded.program.name,
      instrument: toVersion(instrument),
      next: nextDue(loaded.enrolment.start_date, readings, await exitDate(tx, loaded), today),
      today,
    };
  });
}

/** How long before the enrolment's start a reading may be dated (the first meeting can come before it). */
const BEFORE_START_DAYS = 60;

/**
 * Records a reading by the participant or by the coordinator, with the program's current instrument: a
 * score for every area. A form opened before the instrument was changed is refused, so
 * that a score never stands against texts the rater did not see (the form shows the current texts again).
 */
export async function recordReading(ctx: ServiceContext, enrolmentId: string, input: unknown): Promise<{ id: string }> {
  const today = isoToday(ctx.now());
  return ctx.db.transaction().execute(async (tx) => {
    const loaded = await loadEnrolment(tx, ctx, enrolmentId, "participant.manage");
    const instrument = await currentInstrument(tx, loaded.program.id, ctx.now());
    // Made with another version than the current one (checked first: its areas are not the current ones).
    const basedOn = typeof input === "object" && input !== null ? (input as { instrumentId?: unknown }).instrumentId : undefined;
    if (typeof basedOn === "string" && basedOn.trim() !== instrument.id) throw new ValidationError({}, ["wheel.errors.instrumentChanged"]);
    const data = validate(readingSchema(instrument.areas.map((a) => a.key)), input);
    if (data.readingDate > today) throw new ValidationError({ readingDate: ["wheel.errors.future"] });
    if (data.readingDate < addDays(loaded.enrolment.start_date, -BEFORE_START_DAYS)) throw new ValidationError({ readingDate: ["wheel.errors.beforeStart"] });
    const problems = validateScores(instrument.areas, data.scores);
    if (problems.length > 0) throw new ValidationError(Object.fromEntries(problems.map((p) => [`scores.${p.key}`, ["wheel.errors.chooseScore"]])));
    const row = await tx
      .insertInto("wheel_readings")
      .values({
        enrolment_id: loaded.enrolment.id,
        person_id: loaded.enrolment.person_id,
        program_id: loaded.program.id,
        instrument_id: instrument.id,
        rated_by: data.ratedBy,
        occasion: data.occasion,
        reading_date: data.readingDate,
        scores: JSON.stringify(data.scores),
        note: data.note ?? "",
        recorded_by: ctx.actor.user.id,
        recorded_at: ctx.now(),
      })
      .returning("id")
      .executeTakeFirstOrThrow();
    // What was recorded, without the scores themselves (they are the participant's own data).
    await auditByActor(tx, ctx, loaded.role, {
      action: "wheel.record",
      entityType: "wheel_reading",
      entityId: row.id,
      personId: loaded.enrolment.person_id,
      programId: loaded.program.id,
      federationId: loaded.program.federationId,
      details: { enrolmentId: loaded.enrolment.id, ratedBy: data.ratedBy, occasion: data.occasion, instrumentId: instrument.id, areas: Object.keys(data.scores).length },
    });
    return row;
  });
}

// ---------------------------------------------------------------------------------------------------------
// Statistics

/**
 * The program's change from first to last reading (domain: changeFromFirstToLast, programWheelStatistics),
 * by the participants' own readings or by the coordinators': counts and means only, never who. For those
 * who see the program's figures ("aggregates.view").
 */
export async function wheelStatistics(ctx: ServiceContext, programId: string, options: { ratedBy: "participant" | "coordinator"; from?: string; to?: string }): Promise<ProgramWheelStatistics> {
  if (!isUuid(programId)) throw new NotFoundError("program");
  const program = await ctx.db.selectFrom("programs").select(["id", "federation_id"]).where("id", "=", programId).executeTakeFirst();
  if (!program) throw new NotFoundError("program");
  if (!decide(ctx.actor.subject, "aggregates.view", { type: "program", programId: program.id, federationId: program.federation_id }).allowed) throw new ForbiddenError();
  let query = ctx.db
    .selectFrom("wheel_readings")
    .select(["enrolment_id", "reading_date", "recorded_at", "scores"])
    .where("program_id", "=", program.id)
    .where("rated_by", "=", options.ratedBy);
  if (options.from) query = query.where("reading_date", ">=", options.from);
  if (options.to) query = query.where("reading_date", "<=", options.to);
  const rows = await query.execute();
  const byEnrolment = new Map<string, { date: string; recordedAt: Date; scores: WheelScores }[]>();
  for (const r of rows) (byEnrolment.get(r.enrolment_id) ?? byEnrolment.set(r.enrolment_id, []).get(r.enrolment_id)!).push({ date: r.reading_date, recordedAt: r.recorded_at, scores: r.scores });
  return programWheelStatistics([...byEnrolment.values()].map((readings) => changeFromFirstToLast(readings)));
}
