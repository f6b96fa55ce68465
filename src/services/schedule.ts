import { addDays, compareDates, isValidDate, weekdayOf, type Weekday } from "../domain/calendar.ts";
import { swedishHolidaysBetween } from "../domain/holidays.ts";
import { icalendar, type IcalEvent, occurrenceIcalStatus, occurrenceUid } from "../domain/ical.ts";
import { type Action, decide, type Resource } from "../domain/policy.ts";
import {
  DEFAULT_ACTIVITY_KINDS,
  DEFAULT_TOPICS,
  exceptionsOutsideRule,
  type Occurrence,
  type OccurrenceException,
  type OccurrenceStatus,
  type RecurringSeries,
  seriesOccurrences,
  seriesRuleDates,
  zonedInstant,
} from "../domain/schedule.ts";
import { translator } from "../i18n/index.ts";
import type { AccessibilityStatus, GroupKind } from "../persistence/schema-group.ts";
import { isUuid, loadPeople } from "./access.ts";
import { auditByActor } from "./audit.ts";
import { loadActor } from "./auth.ts";
import { type Db, type Deps, isoToday, type ServiceContext, type Tx } from "./context.ts";
import { newToken, sha256 } from "./crypto.ts";
import { ForbiddenError, NotFoundError, ValidationError } from "./errors.ts";
import { validate } from "./schemas/common.ts";
import {
  ACCESSIBILITY_ITEMS,
  type AccessibilityItem,
  activityKindSchema,
  cancelSessionSchema,
  exceptionSchema,
  feedSchema,
  roomSchema,
  seriesSchema,
  sessionNotesSchema,
  sessionSchema,
  venueSchema,
} from "./schemas/schedule.ts";

// The schedule of group life: the program's own activity kinds, venues with rooms and KRUT's
// accessibility checklist, recurring series with per-occurrence exceptions, one-off sessions, and
// calendar feeds. Occurrences of a series are computed (domain/schedule.ts) and written down as an
// activity_sessions row only when something is recorded for them (ensureSession), so attendance has a
// row to point at. Everyone who may see the program's activities sees the schedule; only who leads a
// session, or the program's staff, see who is expected there (volunteers see nothing of case data).
//
// For the attendance step: `sessionsBetween`, `ensureSession`, `expectedParticipants`,
// `sessionResource` and `parseSessionRef` are the entry points.

// ---------------------------------------------------------------------------------------------------
// Access

interface ProgramRow {
  id: string;
  name: string;
  federation_id: string;
}

async function programOf(db: Db | Tx, programId: string): Promise<ProgramRow> {
  if (!isUuid(programId)) throw new NotFoundError("program");
  const program = await db.selectFrom("programs").select(["id", "name", "federation_id"]).where("id", "=", programId).executeTakeFirst();
  if (!program) throw new NotFoundError("program");
  return program;
}

type ScheduleAction = Extract<Action, "activities.view" | "activities.manage">;

const programResource = (program: ProgramRow): Resource => ({ type: "program", programId: program.id, federationId: program.federation_id });

/** The program, when the actor may do `action` on its activities (403 otherwise), and the granting role. */
async function programFor(db: Db | Tx, ctx: ServiceContext, programId: string, need: ScheduleAction) {
  const program = await programOf(db, programId);
  const decision = decide(ctx.actor.subject, need, programResource(program));
  if (!decision.allowed) {
    // Someone who may see the program's activities learns that it exists; others do not.
    if (need === "activities.manage" && decide(ctx.actor.subject, "activities.view", programResource(program)).allowed) throw new ForbiddenError();
    throw new NotFoundError("program");
  }
  return { program, role: decision.role };
}

function canManage(ctx: ServiceContext, program: ProgramRow): boolean {
  return decide(ctx.actor.subject, "activities.manage", programResource(program)).allowed;
}

/** The programs whose schedule the actor may see. */
export async function schedulePrograms(ctx: ServiceContext): Promise<{ id: string; name: string; canManage: boolean }[]> {
  const ids = [...new Set(ctx.actor.subject.assignments.map((a) => a.programId).filter((id): id is string => id !== null))];
  if (!ids.length) return [];
  const rows = await ctx.db.selectFrom("programs").select(["id", "name", "federation_id"]).where("id", "in", ids).where("active", "=", true).orderBy("name").execute();
  return rows
    .filter((p) => decide(ctx.actor.subject, "activities.view", programResource(p)).allowed)
    .map((p) => ({ id: p.id, name: p.name, canManage: canManage(ctx, p) }));
}

// ---------------------------------------------------------------------------------------------------
// Activity kinds and session topics: Spelplan's own (labelled through i18n) and the program's

/** A kind or a topic. */
export interface VocabularyView {
  key: string;
  builtIn: boolean;
  /** A program's own carry their label; the built-in ones are labelled through i18n (activityKind.<key>, topic.<key>). */
  label: string | null;
  archived: boolean;
}
export type KindView = VocabularyView;
export type TopicView = VocabularyView;

/** The two lists a program extends the same way: where its own are kept, and how they are named in errors and the audit log. */
const VOCABULARIES = {
  kind: { table: "activity_kinds", defaults: DEFAULT_ACTIVITY_KINDS, fallback: "kind", exists: "schedule.errors.kindExists", entity: "activityKind" },
  topic: { table: "activity_topics", defaults: DEFAULT_TOPICS, fallback: "topic", exists: "schedule.errors.topicExists", entity: "activityTopic" },
} as const;
type Vocabulary = keyof typeof VOCABULARIES;

/** The program's own kinds or topics (archived ones too), oldest first. */
async function customEntries(db: Db | Tx, which: Vocabulary, programId: string) {
  // Both tables have the same columns.
  const table = VOCABULARIES[which].table as "activity_kinds";
  return db.selectFrom(table).select(["key", "label", "archived_at"]).where("program_id", "=", programId).orderBy("created_at").execute();
}
const customKinds = (db: Db | Tx, programId: string) => customEntries(db, "kind", programId);
const customTopics = (db: Db | Tx, programId: string) => customEntries(db, "topic", programId);

/** The labels of the program's own entries by key (archived ones too: old sessions keep showing theirs). */
const labelsOf = (custom: readonly { key: string; label: string }[]): Record<string, string> => Object.fromEntries(custom.map((k) => [k.key, k.label]));

/** Whether a key may be chosen: a built-in one, or the program's own not archived (or archived but what the thing already had). */
function isChoosable(which: Vocabulary, custom: readonly { key: string; archived_at: Date | null }[], key: string, kept?: string | null): boolean {
  return (VOCABULARIES[which].defaults as readonly string[]).includes(key) || custom.some((k) => k.key === key && (k.archived_at === null || kept === key));
}

/** Spelplan's entries followed by the program's own. */
function vocabularyViews(which: Vocabulary, custom: readonly { key: string; label: string; archived_at: Date | null }[]): VocabularyView[] {
  return [
    ...VOCABULARIES[which].defaults.map((key) => ({ key, builtIn: true, label: null, archived: false })),
    ...custom.map((k) => ({ key: k.key, builtIn: false, label: k.label, archived: k.archived_at !== null })),
  ];
}

async function listVocabulary(ctx: ServiceContext, which: Vocabulary, programId: string) {
  const { program } = await programFor(ctx.db, ctx, programId, "activities.view");
  const entries = vocabularyViews(which, await customEntries(ctx.db, which, program.id));
  return { program: { id: program.id, name: program.name }, entries, canManage: canManage(ctx, program) };
}

/** Spelplan's kinds followed by the program's own (archived ones last, marked). */
export async function listKinds(ctx: ServiceContext, programId: string): Promise<{ program: { id: string; name: string }; kinds: KindView[]; canManage: boolean }> {
  const { entries, ...rest } = await listVocabulary(ctx, "kind", programId);
  return { ...rest, kinds: entries };
}

/** The 7TJUGO topics followed by the program's own (archived ones marked). */
export async function listTopics(ctx: ServiceContext, programId: string): Promise<{ program: { id: string; name: string }; topics: TopicView[]; canManage: boolean }> {
  const { entries, ...rest } = await listVocabulary(ctx, "topic", programId);
  return { ...rest, topics: entries };
}

/** A key from a label: "Båtutflykt" -> "batutflykt"; made unique among those taken. */
function keyFor(label: string, taken: ReadonlySet<string>, fallback = "kind"): string {
  let base = label
    .normalize("NFD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "")
    .slice(0, 34);
  if (!/^[a-z]/.test(base)) base = `${fallback[0]}-${base}`.replace(/-+$/, "");
  if (base.length < 2) base = fallback;
  let key = base;
  for (let i = 2; taken.has(key); i += 1) key = `${base}-${i}`;
  return key;
}

async function addEntry(ctx: ServiceContext, which: Vocabulary, programId: string, input: unknown): Promise<{ key: string }> {
  const data = validate(activityKindSchema, input);
  const vocabulary = VOCABULARIES[which];
  return ctx.db.transaction().execute(async (tx) => {
    const { program, role } = await programFor(tx, ctx, programId, "activities.manage");
    const custom = await customEntries(tx, which, program.id);
    if (custom.some((k) => k.archived_at === null && k.label.toLowerCase() === data.label.toLowerCase())) {
      throw new ValidationError({ label: [vocabulary.exists] });
    }
    const key = keyFor(data.label, new Set<string>([...vocabulary.defaults, ...custom.map((k) => k.key)]), vocabulary.fallback);
    await tx
      .insertInto(vocabulary.table as "activity_kinds")
      .values({ program_id: program.id, key, label: data.label, created_by: ctx.actor.user.id, created_at: ctx.now() })
      .execute();
    await auditByActor(tx, ctx, role, { action: `${vocabulary.entity}.add`, entityType: "program", entityId: program.id, programId: program.id, federationId: program.federation_id, details: { key, label: data.label } });
    return { key };
  });
}

async function archiveEntry(ctx: ServiceContext, which: Vocabulary, programId: string, key: string): Promise<void> {
  const vocabulary = VOCABULARIES[which];
  await ctx.db.transaction().execute(async (tx) => {
    const { program, role } = await programFor(tx, ctx, programId, "activities.manage");
    const row = await tx
      .updateTable(vocabulary.table as "activity_kinds")
      .set({ archived_at: ctx.now() })
      .where("program_id", "=", program.id)
      .where("key", "=", key)
      .where("archived_at", "is", null)
      .returning("id")
      .executeTakeFirst();
    if (!row) throw new NotFoundError(vocabulary.entity);
    await auditByActor(tx, ctx, role, { action: `${vocabulary.entity}.archive`, entityType: "program", entityId: program.id, programId: program.id, federationId: program.federation_id, details: { key } });
  });
}

/** Adds one of the program's own activity kinds. */
export const addKind = (ctx: ServiceContext, programId: string, input: unknown): Promise<{ key: string }> => addEntry(ctx, "kind", programId, input);

/** Archives a program's own kind: no new series or sessions of it; those there are keep it. */
export const archiveKind = (ctx: ServiceContext, programId: string, key: string): Promise<void> => archiveEntry(ctx, "kind", programId, key);

/** Adds one of the program's own session topics beside the 7TJUGO ones. */
export const addTopic = (ctx: ServiceContext, programId: string, input: unknown): Promise<{ key: string }> => addEntry(ctx, "topic", programId, input);

/** Archives a program's own topic: it cannot be chosen any more; series and sessions that have it keep it (and its label). */
export const archiveTopic = (ctx: ServiceContext, programId: string, key: string): Promise<void> => archiveEntry(ctx, "topic", programId, key);

// ---------------------------------------------------------------------------------------------------
// Venues

export type Checklist = Record<AccessibilityItem, { status: AccessibilityStatus; note: string }>;

export interface RoomView {
  id: string;
  name: string;
  capacity: number | null;
  notes: string;
  archived: boolean;
}

export interface VenueView {
  id: string;
  programId: string;
  name: string;
  address: string;
  notes: string;
  /** Every item of KRUT's checklist, "unknown" where nothing was said. */
  accessibility: Checklist;
  rooms: RoomView[];
  archived: boolean;
}

function checklistOf(stored: Record<string, { status: AccessibilityStatus; note: string }> | null | undefined): Checklist {
  return Object.fromEntries(
    ACCESSIBILITY_ITEMS.map((item) => [item, { status: stored?.[item]?.status ?? "unknown", note: stored?.[item]?.note ?? "" }]),
  ) as Checklist;
}

async function venueViews(db: Db | Tx, where: { programId?: string; ids?: string[] }): Promise<VenueView[]> {
  let query = db.selectFrom("venues").selectAll().orderBy("name");
  if (where.programId) query = query.where("program_id", "=", where.programId);
  if (where.ids) {
    if (!where.ids.length) return [];
    query = query.where("id", "in", where.ids);
  }
  const venues = await query.execute();
  const rooms = venues.length ? await db.selectFrom("venue_rooms").selectAll().where("venue_id", "in", venues.map((v) => v.id)).orderBy("name").execute() : [];
  return venues.map((v) => ({
    id: v.id,
    programId: v.program_id,
    name: v.name,
    address: v.address,
    notes: v.notes,
    accessibility: checklistOf(v.accessibility),
    rooms: rooms.filter((r) => r.venue_id === v.id).map((r) => ({ id: r.id, name: r.name, capacity: r.capacity, notes: r.notes, archived: r.archived_at !== null })),
    archived: v.archived_at !== null,
  }));
}

/** The program's venues with their rooms and checklists. */
export async function listVenues(ctx: ServiceContext, programId: string): Promise<{ program: { id: string; name: string }; venues: VenueView[]; canManage: boolean }> {
  const { program } = await programFor(ctx.db, ctx, programId, "activities.view");
  return { program: { id: program.id, name: program.name }, venues: await venueViews(ctx.db, { programId: program.id }), canManage: canManage(ctx, program) };
}

async function venueRow(db: Db | Tx, ctx: ServiceContext, venueId: string, need: ScheduleAction) {
  if (!isUuid(venueId)) throw new NotFoundError("venue");
  const row = await db.selectFrom("venues").select(["id", "program_id"]).where("id", "=", venueId).executeTakeFirst();
  if (!row) throw new NotFoundError("venue");
  const access = await programFor(db, ctx, row.program_id, need);
  return { ...access, venueId: row.id };
}

export async function getVenue(ctx: ServiceContext, venueId: string): Promise<{ program: { id: string; name: string }; venue: VenueView; canManage: boolean }> {
  const { program } = await venueRow(ctx.db, ctx, venueId, "activities.view");
  const [venue] = await venueViews(ctx.db, { ids: [venueId] });
  return { program: { id: program.id, name: program.name }, venue: venue!, canManage: canManage(ctx, program) };
}

function storedChecklist(input: Partial<Record<AccessibilityItem, { status: AccessibilityStatus; note?: string | undefined } | undefined>> | undefined): string {
  return JSON.stringify(checklistOf(Object.fromEntries(Object.entries(input ?? {}).map(([k, v]) => [k, { status: v?.status ?? "unknown", note: v?.note ?? "" }]))));
}

export async function createVenue(ctx: ServiceContext, programId: string, input: unknown): Promise<{ id: string }> {
  const data = validate(venueSchema, input);
  return ctx.db.transaction().execute(async (tx) => {
    const { program, role } = await programFor(tx, ctx, programId, "activities.manage");
    const now = ctx.now();
    const row = await tx
      .insertInto("venues")
      .values({ program_id: program.id, name: data.name, address: data.address ?? "", notes: data.notes ?? "", accessibility: storedChecklist(data.accessibility), created_at: now, updated_at: now })
      .returning("id")
      .executeTakeFirstOrThrow();
    await auditByActor(tx, ctx, role, { action: "venue.create", entityType: "venue", entityId: row.id, programId: program.id, federationId: program.federation_id, details: { name: data.name } });
    return row;
  });
}

export async function updateVenue(ctx: ServiceContext, venueId: string, input: unknown): Promise<void> {
  const data = validate(venueSchema, input);
  await ctx.db.transaction().execute(async (tx) => {
    const { program, role } = await venueRow(tx, ctx, venueId, "activities.manage");
    await tx
      .updateTable("venues")
      .set({ name: data.name, address: data.address ?? "", notes: data.notes ?? "", accessibility: storedChecklist(data.accessibility), updated_at: ctx.now() })
      .where("id", "=", venueId)
      .execute();
    await auditByActor(tx, ctx, role, { action: "venue.update", entityType: "venue", entityId: venueId, programId: program.id, federationId: program.federation_id, details: { name: data.name } });
  });
}

export async function archiveVenue(ctx: ServiceContext, venueId: string): Promise<void> {
  await ctx.db.transaction().execute(async (tx) => {
    const { program, role } = await venueRow(tx, ctx, venueId, "activities.manage");
    await tx.updateTable("venues").set({ archived_at: ctx.now(), updated_at: ctx.now() }).where("id", "=", venueId).where("archived_at", "is", null).execute();
    await auditByActor(tx, ctx, role, { action: "venue.archive", entityType: "venue", entityId: venueId, programId: program.id, federationId: program.federation_id });
  });
}

export async function addRoom(ctx: ServiceContext, venueId: string, input: unknown): Promise<{ id: string }> {
  const data = validate(roomSchema, input);
  return ctx.db.transaction().execute(async (tx) => {
    const { program, role } = await venueRow(tx, ctx, venueId, "activities.manage");
    const row = await tx
      .insertInto("venue_rooms")
      .values({ venue_id: venueId, name: data.name, capacity: data.capacity ?? null, notes: data.notes ?? "" })
      .returning("id")
      .executeTakeFirstOrThrow();
    await auditByActor(tx, ctx, role, { action: "venueRoom.add", entityType: "venue", entityId: venueId, programId: program.id, federationId: program.federation_id, details: { roomId: row.id, name: data.name } });
    return row;
  });
}

export async function archiveRoom(ctx: ServiceContext, venueId: string, roomId: string): Promise<void> {
  await ctx.db.transaction().execute(async (tx) => {
    const { program, role } = await venueRow(tx, ctx, venueId, "activities.manage");
    if (!isUuid(roomId)) throw new NotFoundError("room");
    const row = await tx.updateTable("venue_rooms").set({ archived_at: ctx.now() }).where("id", "=", roomId).where("venue_id", "=", venueId).where("archived_at", "is", null).returning("id").executeTakeFirst();
    if (!row) throw new NotFoundError("room");
    await auditByActor(tx, ctx, role, { action: "venueRoom.archive", entityType: "venue", entityId: venueId, programId: program.id, federationId: program.federation_id, details: { roomId } });
  });
}

// ---------------------------------------------------------------------------------------------------
// Who can lead and take part

export interface LeaderCandidate {
  userId: string;
  name: string;
  roles: string[];
}

const LEADER_ROLES = ["manager", "coordinator", "therapist", "volunteer"];

/** The program's staff and volunteers: who can lead a session. */
export async function leaderCandidates(db: Db | Tx, programId: string): Promise<LeaderCandidate[]> {
  const rows = await db
    .selectFrom("role_assignments as ra")
    .innerJoin("users as u", "u.id", "ra.user_id")
    .select(["u.id", "u.display_name", "ra.role"])
    .where("ra.program_id", "=", programId)
    .where("ra.ended_at", "is", null)
    .where("ra.role", "in", LEADER_ROLES)
    .orderBy("u.display_name")
    .execute();
  const byId = new Map<string, LeaderCandidate>();
  for (const r of rows) {
    const c = byId.get(r.id) ?? { userId: r.id, name: r.display_name, roles: [] };
    if (!c.roles.includes(r.role)) c.roles.push(r.role);
    byId.set(r.id, c);
  }
  return [...byId.values()];
}

export interface PersonCandidate {
  personId: string;
  /** Null when masked (protected identity). */
  name: string | null;
  reference: string;
}

/** The people in the program's register the actor may see, to list in a series or session. */
async function personCandidates(db: Db | Tx, ctx: ServiceContext, programId: string): Promise<PersonCandidate[]> {
  const rows = await db.selectFrom("people").select("id").where("program_id", "=", programId).execute();
  const loaded = await loadPeople(db, rows.map((r) => r.id), isoToday(ctx.now()));
  return [...loaded.values()]
    .filter((p) => decide(ctx.actor.subject, "person.view", p.resource).allowed)
    .map((p) => ({
      personId: p.row.id,
      reference: p.row.reference,
      name: p.resource.protectedIdentity && !decide(ctx.actor.subject, "person.viewProtected", p.resource).allowed ? null : `${p.row.first_name} ${p.row.last_name}`,
    }))
    .sort((a, b) => (a.name === null ? 1 : 0) - (b.name === null ? 1 : 0) || (a.name ?? a.reference).localeCompare(b.name ?? b.reference, "sv"));
}

// ---------------------------------------------------------------------------------------------------
// Series

export interface SeriesView {
  id: string;
  programId: string;
  kind: string;
  title: string;
  topic: string | null;
  weekdays: Weekday[];
  startTime: string;
  endTime: string;
  firstDate: string;
  lastDate: string;
  weeks: "every" | "even" | "odd";
  skipHolidays: "all" | "public" | "none";
  venueId: string | null;
  roomId: string | null;
  groupKinds: GroupKind[];
  leaderIds: string[];
  personIds: string[];
  notes: string;
  exceptions: ExceptionView[];
}

export interface ExceptionView {
  originalDate: string;
  kind: "cancelled" | "changed";
  date: string | null;
  startTime: string | null;
  endTime: string | null;
  venueId: string | null;
  note: string;
}

async function seriesViews(db: Db | Tx, where: { programId?: string; ids?: string[]; from?: string; to?: string }): Promise<SeriesView[]> {
  let query = db.selectFrom("activity_series").selectAll().orderBy("first_date").orderBy("start_time").orderBy("title");
  if (where.programId) query = query.where("program_id", "=", where.programId);
  if (where.ids) {
    if (!where.ids.length) return [];
    query = query.where("id", "in", where.ids);
  }
  // A changed occurrence may move a little outside its term: take the series a while either side.
  if (where.from) query = query.where("last_date", ">=", addDays(where.from, -62));
  if (where.to) query = query.where("first_date", "<=", addDays(where.to, 62));
  const rows = await query.execute();
  if (!rows.length) return [];
  const ids = rows.map((r) => r.id);
  const [leaders, people, exceptions] = await Promise.all([
    db.selectFrom("activity_series_leaders").selectAll().where("series_id", "in", ids).execute(),
    db.selectFrom("activity_series_people").selectAll().where("series_id", "in", ids).execute(),
    db.selectFrom("activity_exceptions").selectAll().where("series_id", "in", ids).orderBy("original_date").execute(),
  ]);
  return rows.map((r) => ({
    id: r.id,
    programId: r.program_id,
    kind: r.kind,
    title: r.title,
    topic: r.topic,
    weekdays: [...r.weekdays].map(Number).sort() as Weekday[],
    startTime: r.start_time,
    endTime: r.end_time,
    firstDate: r.first_date,
    lastDate: r.last_date,
    weeks: r.weeks,
    skipHolidays: r.skip_holidays,
    venueId: r.venue_id,
    roomId: r.room_id,
    groupKinds: r.group_kinds,
    leaderIds: leaders.filter((l) => l.series_id === r.id).map((l) => l.user_id),
    personIds: people.filter((p) => p.series_id === r.id).map((p) => p.person_id),
    notes: r.notes,
    exceptions: exceptions
      .filter((e) => e.series_id === r.id)
      .map((e) => ({ originalDate: e.original_date, kind: e.kind, date: e.date, startTime: e.start_time, endTime: e.end_time, venueId: e.venue_id, note: e.note })),
  }));
}

function toRecurring(s: SeriesView): RecurringSeries {
  return {
    id: s.id,
    weekdays: s.weekdays,
    start: s.startTime,
    end: s.endTime,
    firstDate: s.firstDate,
    lastDate: s.lastDate,
    weeks: s.weeks,
    skipHolidays: s.skipHolidays,
    exceptions: s.exceptions.map(toDomainException),
  };
}

function toDomainException(e: ExceptionView): OccurrenceException {
  const note = e.note ? { note: e.note } : {};
  if (e.kind === "cancelled") return { originalDate: e.originalDate, kind: "cancelled", ...note };
  return {
    originalDate: e.originalDate,
    kind: "changed",
    ...(e.date ? { date: e.date } : {}),
    ...(e.startTime ? { start: e.startTime } : {}),
    ...(e.endTime ? { end: e.endTime } : {}),
    ...(e.venueId ? { placeId: e.venueId } : {}),
    ...note,
  };
}

/** What a series or session form refers to must exist in the program: its kind, topic, place, leaders, people. */
async function checkReferences(
  tx: Tx,
  programId: string,
  data: { kind: string; topic?: string | undefined; venueId?: string | undefined; roomId?: string | undefined; leaderIds: string[]; personIds: string[] },
  keep: { kind?: string; topic?: string | null; venueId?: string | null } = {},
): Promise<void> {
  const errors: Record<string, string[]> = {};
  if (!isChoosable("kind", await customKinds(tx, programId), data.kind, keep.kind)) errors.kind = ["schedule.errors.kind"];
  if (data.topic !== undefined && !isChoosable("topic", await customTopics(tx, programId), data.topic, keep.topic)) errors.topic = ["schedule.errors.topic"];
  if (data.venueId) {
    const venue = await tx.selectFrom("venues").select(["id", "archived_at"]).where("id", "=", data.venueId).where("program_id", "=", programId).executeTakeFirst();
    if (!venue) errors.venueId = ["errors.invalid"];
    else if (venue.archived_at !== null && keep.venueId !== venue.id) errors.venueId = ["schedule.errors.venueArchived"];
  }
  if (data.roomId) {
    const room = data.venueId ? await tx.selectFrom("venue_rooms").select("id").where("id", "=", data.roomId).where("venue_id", "=", data.venueId).executeTakeFirst() : undefined;
    if (!room) errors.roomId = ["schedule.errors.room"];
  }
  if (data.leaderIds.length) {
    const allowed = new Set((await leaderCandidates(tx, programId)).map((c) => c.userId));
    if (data.leaderIds.some((id) => !allowed.has(id.toLowerCase()))) errors.leaderIds = ["errors.invalid"];
  }
  if (data.personIds.length) {
    const found = await tx.selectFrom("people").select("id").where("program_id", "=", programId).where("id", "in", data.personIds).execute();
    if (found.length !== new Set(data.personIds.map((id) => id.toLowerCase())).size) errors.personIds = ["errors.invalid"];
  }
  if (Object.keys(errors).length) throw new ValidationError(errors);
}

export interface SeriesFormPage {
  program: { id: string; name: string };
  kinds: KindView[];
  /** The 7TJUGO topics and the program's own (archived ones marked: the form offers them only to what has them). */
  topics: TopicView[];
  venues: VenueView[];
  leaders: LeaderCandidate[];
  people: PersonCandidate[];
  series: SeriesView | null;
  /** The series' occurrences (for the exceptions), when editing. */
  occurrences: Occurrence[];
  canManage: boolean;
}

/** What the series form needs: kinds, topics, venues, who can lead, who can be listed; and the series when editing. */
export async function seriesFormPage(ctx: ServiceContext, programId: string, seriesId?: string): Promise<SeriesFormPage> {
  const { program } = await programFor(ctx.db, ctx, programId, "activities.view");
  let series: SeriesView | null = null;
  if (seriesId !== undefined) {
    if (!isUuid(seriesId)) throw new NotFoundError("series");
    [series = null] = await seriesViews(ctx.db, { programId: program.id, ids: [seriesId] });
    if (!series) throw new NotFoundError("series");
  }
  const manage = canManage(ctx, program);
  const { kinds } = await listKinds(ctx, program.id);
  const { topics } = await listTopics(ctx, program.id);
  return {
    program: { id: program.id, name: program.name },
    kinds,
    topics,
    venues: (await venueViews(ctx.db, { programId: program.id })).filter((v) => !v.archived || v.id === series?.venueId),
    leaders: await leaderCandidates(ctx.db, program.id),
    people: manage ? await personCandidates(ctx.db, ctx, program.id) : [],
    series: series && !manage ? { ...series, personIds: [] } : series,
    occurrences: series ? seriesOccurrences(toRecurring(series)) : [],
    canManage: manage,
  };
}

/** The program's series (for the list on the schedule page). */
export async function listSeries(ctx: ServiceContext, programId: string): Promise<SeriesView[]> {
  const { program } = await programFor(ctx.db, ctx, programId, "activities.view");
  const manage = canManage(ctx, program);
  return (await seriesViews(ctx.db, { programId: program.id })).map((s) => (manage ? s : { ...s, personIds: [] }));
}

async function writeParticipation(tx: Tx, table: "series" | "session", id: string, leaderIds: string[], personIds: string[]) {
  const leaders = [...new Set(leaderIds.map((x) => x.toLowerCase()))];
  const people = [...new Set(personIds.map((x) => x.toLowerCase()))];
  if (table === "series") {
    await tx.deleteFrom("activity_series_leaders").where("series_id", "=", id).execute();
    await tx.deleteFrom("activity_series_people").where("series_id", "=", id).execute();
    if (leaders.length) await tx.insertInto("activity_series_leaders").values(leaders.map((user_id) => ({ series_id: id, user_id }))).execute();
    if (people.length) await tx.insertInto("activity_series_people").values(people.map((person_id) => ({ series_id: id, person_id }))).execute();
  } else {
    await tx.deleteFrom("activity_session_leaders").where("session_id", "=", id).execute();
    await tx.deleteFrom("activity_session_people").where("session_id", "=", id).execute();
    if (leaders.length) await tx.insertInto("activity_session_leaders").values(leaders.map((user_id) => ({ session_id: id, user_id }))).execute();
    if (people.length) await tx.insertInto("activity_session_people").values(people.map((person_id) => ({ session_id: id, person_id }))).execute();
  }
}

/** Creates a recurring series (e.g. Monday to Wednesday 09:00-12:00 for the ordinary group over a term). */
export async function createSeries(ctx: ServiceContext, programId: string, input: unknown): Promise<{ id: string }> {
  const data = validate(seriesSchema, input);
  return ctx.db.transaction().execute(async (tx) => {
    const { program, role } = await programFor(tx, ctx, programId, "activities.manage");
    await checkReferences(tx, program.id, data);
    const now = ctx.now();
    const row = await tx
      .insertInto("activity_series")
      .values({
        program_id: program.id,
        kind: data.kind,
        title: data.title,
        topic: data.topic ?? null,
        weekdays: [...new Set(data.weekdays)].sort(),
        start_time: data.startTime,
        end_time: data.endTime,
        first_date: data.firstDate,
        last_date: data.lastDate,
        weeks: data.weeks,
        skip_holidays: data.skipHolidays,
        venue_id: data.venueId ?? null,
        room_id: data.roomId ?? null,
        group_kinds: [...new Set(data.groupKinds)],
        notes: data.notes ?? "",
        created_by: ctx.actor.user.id,
        created_at: now,
        updated_at: now,
      })
      .returning("id")
      .executeTakeFirstOrThrow();
    await writeParticipation(tx, "series", row.id, data.leaderIds, data.personIds);
    await auditByActor(tx, ctx, role, {
      action: "activitySeries.create",
      entityType: "activity_series",
      entityId: row.id,
      programId: program.id,
      federationId: program.federation_id,
      details: { kind: data.kind, weekdays: data.weekdays, firstDate: data.firstDate, lastDate: data.lastDate, groupKinds: data.groupKinds, people: data.personIds.length },
    });
    return row;
  });
}

async function seriesForUpdate(tx: Tx, ctx: ServiceContext, seriesId: string) {
  if (!isUuid(seriesId)) throw new NotFoundError("series");
  const row = await tx.selectFrom("activity_series").select(["id", "program_id", "kind"]).where("id", "=", seriesId).forUpdate().executeTakeFirst();
  if (!row) throw new NotFoundError("series");
  const access = await programFor(tx, ctx, row.program_id, "activities.manage");
  const [series] = await seriesViews(tx, { ids: [row.id] });
  return { ...access, series: series! };
}

/**
 * Changes a series. Exceptions for dates the rule no longer gives are removed (and said in the audit
 * event); occurrences already written down as sessions keep what was recorded for them.
 */
export async function updateSeries(ctx: ServiceContext, seriesId: string, input: unknown): Promise<{ removedExceptions: string[] }> {
  const data = validate(seriesSchema, input);
  return ctx.db.transaction().execute(async (tx) => {
    const { program, role, series } = await seriesForUpdate(tx, ctx, seriesId);
    await checkReferences(tx, program.id, data, { kind: series.kind, topic: series.topic, venueId: series.venueId });
    const next: RecurringSeries = {
      ...toRecurring(series),
      weekdays: [...new Set(data.weekdays)] as Weekday[],
      start: data.startTime,
      end: data.endTime,
      firstDate: data.firstDate,
      lastDate: data.lastDate,
      weeks: data.weeks,
      skipHolidays: data.skipHolidays,
    };
    const outside = exceptionsOutsideRule(next).map((e) => e.originalDate);
    if (outside.length) await tx.deleteFrom("activity_exceptions").where("series_id", "=", series.id).where("original_date", "in", outside).execute();
    await tx
      .updateTable("activity_series")
      .set({
        kind: data.kind,
        title: data.title,
        topic: data.topic ?? null,
        weekdays: [...new Set(data.weekdays)].sort(),
        start_time: data.startTime,
        end_time: data.endTime,
        first_date: data.firstDate,
        last_date: data.lastDate,
        weeks: data.weeks,
        skip_holidays: data.skipHolidays,
        venue_id: data.venueId ?? null,
        room_id: data.roomId ?? null,
        group_kinds: [...new Set(data.groupKinds)],
        notes: data.notes ?? "",
        updated_at: ctx.now(),
      })
      .where("id", "=", series.id)
      .execute();
    await writeParticipation(tx, "series", series.id, data.leaderIds, data.personIds);
    await auditByActor(tx, ctx, role, {
      action: "activitySeries.update",
      entityType: "activity_series",
      entityId: series.id,
      programId: program.id,
      federationId: program.federation_id,
      details: { kind: data.kind, weekdays: data.weekdays, firstDate: data.firstDate, lastDate: data.lastDate, removedExceptions: outside },
    });
    return { removedExceptions: outside };
  });
}

/**
 * Cancels one occurrence (with a note) or changes its date, time or place. When the occurrence is
 * already written down as a session, the session follows.
 */
export async function setException(ctx: ServiceContext, seriesId: string, input: unknown): Promise<void> {
  const data = validate(exceptionSchema, input);
  await ctx.db.transaction().execute(async (tx) => {
    const { program, role, series } = await seriesForUpdate(tx, ctx, seriesId);
    if (!seriesRuleDates(toRecurring(series)).includes(data.originalDate)) throw new ValidationError({ originalDate: ["schedule.errors.noOccurrence"] });
    if (data.kind === "changed") {
      const [start, end] = [data.startTime ?? series.startTime, data.endTime ?? series.endTime];
      if (end <= start) throw new ValidationError({ endTime: ["schedule.errors.endBeforeStart"] });
      if (data.venueId) {
        const venue = await tx.selectFrom("venues").select("id").where("id", "=", data.venueId).where("program_id", "=", program.id).executeTakeFirst();
        if (!venue) throw new ValidationError({ venueId: ["errors.invalid"] });
      }
    }
    const values = {
      kind: data.kind,
      date: data.kind === "changed" ? (data.date ?? null) : null,
      start_time: data.kind === "changed" ? (data.startTime ?? null) : null,
      end_time: data.kind === "changed" ? (data.endTime ?? null) : null,
      venue_id: data.kind === "changed" ? (data.venueId ?? null) : null,
      note: data.note ?? "",
      created_by: ctx.actor.user.id,
      created_at: ctx.now(),
    };
    await tx
      .insertInto("activity_exceptions")
      .values({ series_id: series.id, original_date: data.originalDate, ...values })
      .onConflict((oc) => oc.columns(["series_id", "original_date"]).doUpdateSet(values))
      .execute();
    // A session already written down for the occurrence follows the change.
    const written = await tx.selectFrom("activity_sessions").select("id").where("series_id", "=", series.id).where("original_date", "=", data.originalDate).executeTakeFirst();
    if (written) {
      await tx
        .updateTable("activity_sessions")
        .set(
          data.kind === "cancelled"
            ? { status: "cancelled", updated_at: ctx.now() }
            : {
                status: "scheduled",
                date: data.date ?? data.originalDate,
                start_time: data.startTime ?? series.startTime,
                end_time: data.endTime ?? series.endTime,
                ...(data.venueId ? { venue_id: data.venueId, room_id: null } : {}),
                updated_at: ctx.now(),
              },
        )
        .where("id", "=", written.id)
        .execute();
    }
    await auditByActor(tx, ctx, role, {
      action: "activityException.set",
      entityType: "activity_series",
      entityId: series.id,
      programId: program.id,
      federationId: program.federation_id,
      details: { originalDate: data.originalDate, kind: data.kind, ...(data.date ? { date: data.date } : {}) },
    });
  });
}

/** Takes an exception back: the occurrence is held as the rule says again. */
export async function removeException(ctx: ServiceContext, seriesId: string, originalDate: string): Promise<void> {
  await ctx.db.transaction().execute(async (tx) => {
    const { program, role, series } = await seriesForUpdate(tx, ctx, seriesId);
    if (!isValidDate(originalDate)) throw new NotFoundError("exception");
    const removed = await tx.deleteFrom("activity_exceptions").where("series_id", "=", series.id).where("original_date", "=", originalDate).returning("id").executeTakeFirst();
    if (!removed) throw new NotFoundError("exception");
    const written = await tx.selectFrom("activity_sessions").select("id").where("series_id", "=", series.id).where("original_date", "=", originalDate).executeTakeFirst();
    if (written) {
      await tx
        .updateTable("activity_sessions")
        .set({ status: "scheduled", date: originalDate, start_time: series.startTime, end_time: series.endTime, venue_id: series.venueId, room_id: series.roomId, updated_at: ctx.now() })
        .where("id", "=", written.id)
        .execute();
    }
    await auditByActor(tx, ctx, role, { action: "activityException.remove", entityType: "activity_series", entityId: series.id, programId: program.id, federationId: program.federation_id, details: { originalDate } });
  });
}

// ---------------------------------------------------------------------------------------------------
// Sessions: one-offs, and occurrences written down

/** Creates a one-off session (a lecture, a study visit to a workplace, ...). */
export async function createSession(ctx: ServiceContext, programId: string, input: unknown): Promise<{ id: string }> {
  const data = validate(sessionSchema, input);
  return ctx.db.transaction().execute(async (tx) => {
    const { program, role } = await programFor(tx, ctx, programId, "activities.manage");
    await checkReferences(tx, program.id, data);
    const now = ctx.now();
    const row = await tx
      .insertInto("activity_sessions")
      .values({
        program_id: program.id,
        kind: data.kind,
        title: data.title,
        topic: data.topic ?? null,
        date: data.date,
        start_time: data.startTime,
        end_time: data.endTime,
        venue_id: data.venueId ?? null,
        room_id: data.roomId ?? null,
        group_kinds: [...new Set(data.groupKinds)],
        notes: data.notes ?? "",
        created_by: ctx.actor.user.id,
        created_at: now,
        updated_at: now,
      })
      .returning("id")
      .executeTakeFirstOrThrow();
    await writeParticipation(tx, "session", row.id, data.leaderIds, data.personIds);
    await auditByActor(tx, ctx, role, {
      action: "activitySession.create",
      entityType: "activity_session",
      entityId: row.id,
      programId: program.id,
      federationId: program.federation_id,
      details: { kind: data.kind, date: data.date, groupKinds: data.groupKinds, people: data.personIds.length },
    });
    return row;
  });
}

/** A session's address in URLs and the API: its id once written down, else "<seriesId>.<originalDate>". */
export type SessionRef = { sessionId: string } | { seriesId: string; originalDate: string };

export function parseSessionRef(ref: string): SessionRef | null {
  if (isUuid(ref)) return { sessionId: ref.toLowerCase() };
  const m = /^([0-9a-f-]{36})\.(\d{4}-\d{2}-\d{2})$/i.exec(ref);
  if (m && isUuid(m[1]!) && isValidDate(m[2]!)) return { seriesId: m[1]!.toLowerCase(), originalDate: m[2]! };
  return null;
}

export const occurrenceRef = (seriesId: string, originalDate: string): string => `${seriesId}.${originalDate}`;

/**
 * Writes a series' occurrence down as an activity_sessions row (once: a second call returns the same
 * row), copying its date, time, place, kind, title, topic, groups, leaders and listed people as they are
 * now, so attendance and notes can refer to it. A cancelled occurrence is written down as cancelled; a
 * holiday-skipped one, or a date the rule does not give, is refused. Call it inside the caller's
 * transaction, after the caller's policy check; `by` is who caused it (created_by).
 */
export async function ensureSession(tx: Tx, seriesId: string, originalDate: string, by: { userId: string; now: Date }): Promise<{ id: string; created: boolean }> {
  if (!isUuid(seriesId) || !isValidDate(originalDate)) throw new NotFoundError("session");
  const existing = await tx.selectFrom("activity_sessions").select("id").where("series_id", "=", seriesId).where("original_date", "=", originalDate).executeTakeFirst();
  if (existing) return { id: existing.id, created: false };
  // Serialise writers of the same series so two registers opened at once write one row.
  await tx.selectFrom("activity_series").select("id").where("id", "=", seriesId).forUpdate().executeTakeFirst();
  const again = await tx.selectFrom("activity_sessions").select("id").where("series_id", "=", seriesId).where("original_date", "=", originalDate).executeTakeFirst();
  if (again) return { id: again.id, created: false };
  const [series] = await seriesViews(tx, { ids: [seriesId] });
  if (!series) throw new NotFoundError("session");
  const occurrence = seriesOccurrences(toRecurring(series)).find((o) => o.originalDate === originalDate);
  if (!occurrence) throw new NotFoundError("session");
  if (occurrence.status === "skipped") throw new ValidationError({}, ["schedule.errors.notHeld"]);
  const row = await tx
    .insertInto("activity_sessions")
    .values({
      program_id: series.programId,
      series_id: series.id,
      original_date: originalDate,
      kind: series.kind,
      title: series.title,
      topic: series.topic,
      date: occurrence.date,
      start_time: occurrence.start,
      end_time: occurrence.end,
      venue_id: occurrence.placeId ?? series.venueId,
      room_id: occurrence.placeId && occurrence.placeId !== series.venueId ? null : series.roomId,
      group_kinds: series.groupKinds,
      status: occurrence.status === "cancelled" ? "cancelled" : "scheduled",
      notes: "",
      created_by: by.userId,
      created_at: by.now,
      updated_at: by.now,
    })
    .returning("id")
    .executeTakeFirstOrThrow();
  await writeParticipation(tx, "session", row.id, series.leaderIds, series.personIds);
  return { id: row.id, created: true };
}

/** The policy's view of a written-down session (for "attendance.record"). */
export async function sessionResource(db: Db | Tx, sessionId: string): Promise<Extract<Resource, { type: "session" }> | null> {
  if (!isUuid(sessionId)) return null;
  const row = await db.selectFrom("activity_sessions as s").innerJoin("programs as p", "p.id", "s.program_id").select(["s.id", "s.program_id", "p.federation_id"]).where("s.id", "=", sessionId).executeTakeFirst();
  if (!row) return null;
  const leaders = await db.selectFrom("activity_session_leaders").select("user_id").where("session_id", "=", row.id).execute();
  return { type: "session", sessionId: row.id, programId: row.program_id, federationId: row.federation_id, leaderUserIds: leaders.map((l) => l.user_id) };
}

export interface ExpectedParticipant {
  personId: string;
  /** Why they are expected: a member of the ordinary group or the pre-group that day, or listed by name. */
  via: GroupKind | "listed";
}

/** Who belonged to the program's groups over a stretch of days: the rows that decide who is expected. */
export interface Memberships {
  /** Enrolments (the ordinary group): from the start date to the day it ended (inclusive), or open. */
  enrolments: { personId: string; start: string; endedOn: string | null }[];
  /** Places in the pre-group, or in the ordinary group after a move from the pre-group (the time before the move counts). */
  placements: { personId: string; place: string; placedAt: Date; movedAt: Date | null; endedAt: Date | null }[];
}

/** The memberships that can matter for sessions between two dates (one query per kind, for any number of sessions). */
export async function loadMemberships(db: Db | Tx, programId: string, from: string, to: string): Promise<Memberships> {
  const endOfLast = new Date(zonedInstant(addDays(to, 1), "00:00").instant);
  const startOfFirst = new Date(zonedInstant(from, "00:00").instant);
  const [enrolments, placements] = await Promise.all([
    db
      .selectFrom("enrolments")
      .select(["person_id", "start_date", "ended_on"])
      .where("program_id", "=", programId)
      .where("start_date", "<=", to)
      .where((eb) => eb.or([eb("ended_on", "is", null), eb("ended_on", ">=", from)]))
      .execute(),
    db
      .selectFrom("placements")
      .select(["person_id", "place", "placed_at", "moved_at", "ended_at"])
      .where("program_id", "=", programId)
      .where("placed_at", "<", endOfLast)
      .where((eb) => eb.or([eb("ended_at", "is", null), eb("ended_at", ">=", startOfFirst)]))
      .where((eb) => eb.or([eb("place", "=", "pre_group"), eb.and([eb("place", "=", "ordinary"), eb("moved_at", "is not", null)])]))
      .execute(),
  ]);
  return {
    enrolments: enrolments.map((e) => ({ personId: e.person_id, start: e.start_date, endedOn: e.ended_on })),
    placements: placements.map((p) => ({ personId: p.person_id, place: p.place, placedAt: p.placed_at, movedAt: p.moved_at, endedAt: p.ended_at })),
  };
}

/**
 * Who is expected at a session on its date: members of its groups then (the ordinary group: an active
 * enrolment that day; the pre-group: a place in the pre-group that day) and the people listed. Each
 * person once (a listed member is expected through the group).
 */
export function expectedFrom(memberships: Memberships, session: { date: string; groupKinds: readonly GroupKind[]; personIds: readonly string[] }): ExpectedParticipant[] {
  const result = new Map<string, ExpectedParticipant>();
  const { date } = session;
  if (session.groupKinds.includes("ordinary")) {
    for (const e of memberships.enrolments) {
      if (e.start <= date && (e.endedOn === null || e.endedOn >= date)) result.set(e.personId, { personId: e.personId, via: "ordinary" });
    }
  }
  if (session.groupKinds.includes("pre_group")) {
    // In the pre-group that day: placed there by then, not yet moved on or ended (dates in Swedish time).
    const endOfDay = new Date(zonedInstant(addDays(date, 1), "00:00").instant).getTime();
    const startOfDay = new Date(zonedInstant(date, "00:00").instant).getTime();
    for (const p of memberships.placements) {
      if (p.placedAt.getTime() >= endOfDay) continue;
      if (p.endedAt !== null && p.endedAt.getTime() < startOfDay) continue;
      const inPreGroup = p.place === "pre_group" || (p.place === "ordinary" && p.movedAt !== null && p.movedAt.getTime() >= endOfDay);
      if (inPreGroup && !result.has(p.personId)) result.set(p.personId, { personId: p.personId, via: "pre_group" });
    }
  }
  for (const id of session.personIds) if (!result.has(id)) result.set(id, { personId: id, via: "listed" });
  return [...result.values()];
}

/** Who is expected at one session (see expectedFrom). */
export async function expectedParticipants(
  db: Db | Tx,
  programId: string,
  session: { date: string; groupKinds: readonly GroupKind[]; personIds: readonly string[] },
): Promise<ExpectedParticipant[]> {
  return expectedFrom(await loadMemberships(db, programId, session.date, session.date), session);
}

// ---------------------------------------------------------------------------------------------------
// The schedule: series occurrences merged with the sessions written down

export interface ScheduleItem {
  /** The session's address (parseSessionRef). */
  ref: string;
  /** Set once written down (or for a one-off). */
  sessionId: string | null;
  seriesId: string | null;
  originalDate: string | null;
  kind: string;
  title: string;
  topic: string | null;
  date: string;
  start: string;
  end: string;
  startsAt: string;
  endsAt: string;
  status: OccurrenceStatus;
  /** The holidays that made a series occurrence skipped (their keys). */
  skippedFor: string[];
  /** The exception's note for a cancelled or changed occurrence. */
  note: string;
  notes: string;
  venueId: string | null;
  roomId: string | null;
  groupKinds: GroupKind[];
  leaderIds: string[];
  /** Only in the services: never sent to those who may not see case data (see publicItem). */
  personIds: string[];
}

export interface ScheduleFilter {
  /** Sessions this user leads. */
  leaderUserId?: string;
  /** Sessions of this group. */
  groupKind?: GroupKind;
  /** Also list occurrences skipped for a holiday (the views do; feeds and registers do not). Default true. */
  includeSkipped?: boolean;
}

function rowStatus(row: { status: "scheduled" | "cancelled" }, exception: ExceptionView | undefined): OccurrenceStatus {
  if (row.status === "cancelled") return "cancelled";
  return exception?.kind === "changed" ? "changed" : "scheduled";
}

/** The schedule between two dates without a policy check: for the services here and the feeds. */
export async function scheduleItems(db: Db | Tx, programId: string, from: string, to: string, filter: ScheduleFilter = {}): Promise<ScheduleItem[]> {
  if (!isValidDate(from) || !isValidDate(to) || compareDates(from, to) > 0) throw new ValidationError({ from: ["errors.date"] });
  const series = await seriesViews(db, { programId, from, to });
  const seriesById = new Map(series.map((s) => [s.id, s]));
  const rows = await db
    .selectFrom("activity_sessions")
    .selectAll()
    .where("program_id", "=", programId)
    .where((eb) =>
      eb.or([
        eb.and([eb("date", ">=", from), eb("date", "<=", to)]),
        ...(series.length ? [eb.and([eb("series_id", "in", series.map((s) => s.id)), eb("original_date", ">=", addDays(from, -62)), eb("original_date", "<=", addDays(to, 62))])] : []),
      ]),
    )
    .execute();
  const rowIds = rows.map((r) => r.id);
  const [leaders, people] = rowIds.length
    ? await Promise.all([
        db.selectFrom("activity_session_leaders").selectAll().where("session_id", "in", rowIds).execute(),
        db.selectFrom("activity_session_people").selectAll().where("session_id", "in", rowIds).execute(),
      ])
    : [[], []];
  const written = new Set(rows.filter((r) => r.series_id).map((r) => `${r.series_id}|${r.original_date}`));
  const items: ScheduleItem[] = [];
  for (const s of series) {
    for (const o of seriesOccurrences(toRecurring(s), from, to)) {
      if (written.has(`${s.id}|${o.originalDate}`)) continue;
      items.push({
        ref: occurrenceRef(s.id, o.originalDate),
        sessionId: null,
        seriesId: s.id,
        originalDate: o.originalDate,
        kind: s.kind,
        title: s.title,
        topic: s.topic,
        date: o.date,
        start: o.start,
        end: o.end,
        startsAt: o.startsAt,
        endsAt: o.endsAt,
        status: o.status,
        skippedFor: (o.skippedFor ?? []).map((h) => h.key),
        note: o.note ?? "",
        notes: s.notes,
        venueId: o.placeId ?? s.venueId,
        roomId: o.placeId && o.placeId !== s.venueId ? null : s.roomId,
        groupKinds: s.groupKinds,
        leaderIds: s.leaderIds,
        personIds: s.personIds,
      });
    }
  }
  for (const r of rows) {
    if (r.date < from || r.date > to) continue;
    const exception = r.series_id ? seriesById.get(r.series_id)?.exceptions.find((e) => e.originalDate === r.original_date) : undefined;
    items.push({
      ref: r.id,
      sessionId: r.id,
      seriesId: r.series_id,
      originalDate: r.original_date,
      kind: r.kind,
      title: r.title,
      topic: r.topic,
      date: r.date,
      start: r.start_time,
      end: r.end_time,
      startsAt: zonedInstant(r.date, r.start_time).instant,
      endsAt: zonedInstant(r.date, r.end_time).instant,
      status: rowStatus(r, exception),
      skippedFor: [],
      note: exception?.note ?? "",
      notes: r.notes,
      venueId: r.venue_id,
      roomId: r.room_id,
      groupKinds: r.group_kinds,
      leaderIds: leaders.filter((l) => l.session_id === r.id).map((l) => l.user_id),
      personIds: people.filter((p) => p.session_id === r.id).map((p) => p.person_id),
    });
  }
  return items
    .filter((i) => filter.includeSkipped !== false || i.status !== "skipped")
    .filter((i) => !filter.leaderUserId || i.leaderIds.includes(filter.leaderUserId))
    .filter((i) => !filter.groupKind || i.groupKinds.includes(filter.groupKind))
    .sort((a, b) => (a.startsAt < b.startsAt ? -1 : a.startsAt > b.startsAt ? 1 : a.title.localeCompare(b.title, "sv")));
}

/**
 * The program's sessions between two dates (inclusive): every series' occurrences (cancelled and
 * holiday-skipped ones included, with their status) merged with the sessions written down (which
 * replace their occurrence) and the one-offs, in order of start. Needs "activities.view".
 * `personIds` is emptied for those who may not manage the schedule.
 */
export async function sessionsBetween(ctx: ServiceContext, programId: string, from: string, to: string, filter: ScheduleFilter = {}): Promise<ScheduleItem[]> {
  const { program } = await programFor(ctx.db, ctx, programId, "activities.view");
  const items = await scheduleItems(ctx.db, program.id, from, to, filter);
  return canManage(ctx, program) ? items : items.map((i) => ({ ...i, personIds: [] }));
}

export interface SchedulePage {
  program: { id: string; name: string };
  from: string;
  to: string;
  items: ScheduleItem[];
  venues: Record<string, { id: string; name: string; address: string }>;
  rooms: Record<string, string>;
  leaders: Record<string, string>;
  /** Custom kinds' labels by key (built-in ones through i18n). */
  kindLabels: Record<string, string>;
  /** Custom topics' labels by key, archived ones too (the 7TJUGO ones through i18n). */
  topicLabels: Record<string, string>;
  holidays: { date: string; key: string; name: string }[];
  canManage: boolean;
  today: string;
}

async function names(db: Db | Tx, programId: string, items: readonly ScheduleItem[]) {
  const venueIds = [...new Set(items.map((i) => i.venueId).filter((v): v is string => v !== null))];
  const venues = await venueViews(db, { ids: venueIds });
  const userIds = [...new Set(items.flatMap((i) => i.leaderIds))];
  const users = userIds.length ? await db.selectFrom("users").select(["id", "display_name"]).where("id", "in", userIds).execute() : [];
  return {
    venues: Object.fromEntries(venues.map((v) => [v.id, { id: v.id, name: v.name, address: v.address }])),
    rooms: Object.fromEntries(venues.flatMap((v) => v.rooms.map((r) => [r.id, r.name]))),
    leaders: Object.fromEntries(users.map((u) => [u.id, u.display_name])),
    kindLabels: labelsOf(await customKinds(db, programId)),
    topicLabels: labelsOf(await customTopics(db, programId)),
  };
}

/** The schedule page: the sessions of a period with the names the page shows. */
export async function schedulePage(ctx: ServiceContext, programId: string, from: string, to: string, filter: ScheduleFilter = {}): Promise<SchedulePage> {
  const { program } = await programFor(ctx.db, ctx, programId, "activities.view");
  const items = await sessionsBetween(ctx, program.id, from, to, filter);
  return {
    program: { id: program.id, name: program.name },
    from,
    to,
    items,
    ...(await names(ctx.db, program.id, items)),
    holidays: swedishHolidaysBetween(from, to).map((h) => ({ date: h.date, key: h.key, name: h.name })),
    canManage: canManage(ctx, program),
    today: isoToday(ctx.now()),
  };
}

/**
 * One participant's schedule: the sessions they are expected at (through their group on the day, or
 * listed). Needs "person.view" on the person (the program's staff), and is recorded in the audit log.
 */
export async function participantSchedule(ctx: ServiceContext, personId: string, from: string, to: string): Promise<SchedulePage & { person: { id: string; reference: string; name: string | null } }> {
  const today = isoToday(ctx.now());
  return ctx.db.transaction().execute(async (tx) => {
    const loaded = (await loadPeople(tx, [personId], today)).get(personId);
    if (!loaded) throw new NotFoundError("person");
    const decision = decide(ctx.actor.subject, "person.view", loaded.resource);
    if (!decision.allowed) throw new NotFoundError("person");
    const { program } = await programFor(tx, ctx, loaded.row.program_id, "activities.view");
    const all = await scheduleItems(tx, program.id, from, to);
    const mine: ScheduleItem[] = [];
    for (const item of all) {
      if (item.personIds.includes(personId)) mine.push(item);
      else if (item.groupKinds.length) {
        const expected = await expectedParticipants(tx, program.id, { date: item.date, groupKinds: item.groupKinds, personIds: [] });
        if (expected.some((e) => e.personId === personId)) mine.push(item);
      }
    }
    await auditByActor(tx, ctx, decision.role, { action: "schedule.viewPerson", entityType: "person", entityId: personId, personId, programId: program.id, federationId: program.federation_id, details: { from, to } });
    const masked = loaded.resource.protectedIdentity && !decide(ctx.actor.subject, "person.viewProtected", loaded.resource).allowed;
    return {
      program: { id: program.id, name: program.name },
      person: { id: personId, reference: loaded.row.reference, name: masked ? null : `${loaded.row.first_name} ${loaded.row.last_name}` },
      from,
      to,
      items: mine,
      ...(await names(tx, program.id, mine)),
      holidays: swedishHolidaysBetween(from, to).map((h) => ({ date: h.date, key: h.key, name: h.name })),
      canManage: canManage(ctx, program),
      today,
    };
  });
}

// ---------------------------------------------------------------------------------------------------
// One session

export interface SessionPage {
  program: { id: string; name: string };
  item: ScheduleItem;
  venue: VenueView | null;
  room: RoomView | null;
  leaders: { userId: string; name: string }[];
  kindLabel: string | null;
  /** The label of a program's own topic (the 7TJUGO ones through i18n, topic.<key>). */
  topicLabel: string | null;
  /** The topics to choose from in the notes form (archived ones marked). */
  topics: TopicView[];
  /** Who is expected, when the reader may take the register (staff; a volunteer who leads it); else null. */
  participants: { personId: string; reference: string; name: string | null; via: ExpectedParticipant["via"] }[] | null;
  /** The series' exception for this occurrence, if any. */
  exception: ExceptionView | null;
  canManage: boolean;
  /** May take the register (attendance.record): staff, or a volunteer leading it. */
  canRecord: boolean;
}

/** A session by its ref, with its program, when the actor may see the program's activities (else not found). */
export async function itemByRef(db: Db | Tx, ctx: ServiceContext, ref: string) {
  const parsed = parseSessionRef(ref);
  if (!parsed) throw new NotFoundError("session");
  let programId: string;
  let date: string;
  if ("sessionId" in parsed) {
    const row = await db.selectFrom("activity_sessions").select(["program_id", "date"]).where("id", "=", parsed.sessionId).executeTakeFirst();
    if (!row) throw new NotFoundError("session");
    [programId, date] = [row.program_id, row.date];
  } else {
    const row = await db.selectFrom("activity_series").select("program_id").where("id", "=", parsed.seriesId).executeTakeFirst();
    if (!row) throw new NotFoundError("session");
    const written = await db.selectFrom("activity_sessions").select("id").where("series_id", "=", parsed.seriesId).where("original_date", "=", parsed.originalDate).executeTakeFirst();
    if (written) return itemByRef(db, ctx, written.id);
    programId = row.program_id;
    const [series] = await seriesViews(db, { ids: [parsed.seriesId] });
    const occurrence = seriesOccurrences(toRecurring(series!)).find((o) => o.originalDate === parsed.originalDate);
    if (!occurrence) throw new NotFoundError("session");
    date = occurrence.date;
  }
  const access = await programFor(db, ctx, programId, "activities.view");
  const items = await scheduleItems(db, programId, date, date);
  const item = items.find((i) => ("sessionId" in parsed ? i.sessionId === parsed.sessionId : i.seriesId === parsed.seriesId && i.originalDate === parsed.originalDate));
  if (!item) throw new NotFoundError("session");
  return { ...access, item };
}

/** A session (or an occurrence not yet written down): time, place with its checklist, leaders, groups, topic, notes, and who is expected. */
export async function sessionPage(ctx: ServiceContext, ref: string): Promise<SessionPage> {
  return ctx.db.transaction().execute(async (tx) => {
    const { program, item } = await itemByRef(tx, ctx, ref);
    const manage = canManage(ctx, program);
    const resource: Resource = { type: "session", sessionId: item.sessionId ?? item.ref, programId: program.id, federationId: program.federation_id, leaderUserIds: item.leaderIds };
    const record = decide(ctx.actor.subject, "attendance.record", resource);
    const [venue = null] = item.venueId ? await venueViews(tx, { ids: [item.venueId] }) : [];
    const leaders = item.leaderIds.length ? await tx.selectFrom("users").select(["id", "display_name"]).where("id", "in", item.leaderIds).orderBy("display_name").execute() : [];
    const kindLabels = labelsOf(await customKinds(tx, program.id));
    const topics = await customTopics(tx, program.id);
    const topicLabels = labelsOf(topics);
    let participants: SessionPage["participants"] = null;
    if (record.allowed && item.status !== "skipped") {
      const expected = await expectedParticipants(tx, program.id, item);
      const loaded = await loadPeople(tx, expected.map((e) => e.personId), isoToday(ctx.now()));
      participants = expected
        .map((e) => {
          const p = loaded.get(e.personId)!;
          const masked = p.resource.protectedIdentity && !decide(ctx.actor.subject, "person.viewProtected", p.resource).allowed;
          return { personId: e.personId, reference: p.row.reference, name: masked ? null : `${p.row.first_name} ${p.row.last_name}`, via: e.via };
        })
        .sort((a, b) => (a.name === null ? 1 : 0) - (b.name === null ? 1 : 0) || (a.name ?? a.reference).localeCompare(b.name ?? b.reference, "sv"));
      // Names of participants were shown: who saw them is logged.
      await auditByActor(tx, ctx, record.role, {
        action: "activitySession.view",
        entityType: item.sessionId ? "activity_session" : "activity_series",
        entityId: item.sessionId ?? item.seriesId!,
        programId: program.id,
        federationId: program.federation_id,
        details: { date: item.date, ...(item.originalDate ? { originalDate: item.originalDate } : {}), shown: participants.length },
      });
    }
    let exception: ExceptionView | null = null;
    if (item.seriesId) {
      const row = await tx.selectFrom("activity_exceptions").selectAll().where("series_id", "=", item.seriesId).where("original_date", "=", item.originalDate!).executeTakeFirst();
      if (row) exception = { originalDate: row.original_date, kind: row.kind, date: row.date, startTime: row.start_time, endTime: row.end_time, venueId: row.venue_id, note: row.note };
    }
    return {
      program: { id: program.id, name: program.name },
      item: manage ? item : { ...item, personIds: [] },
      venue,
      room: venue?.rooms.find((r) => r.id === item.roomId) ?? null,
      leaders: leaders.map((l) => ({ userId: l.id, name: l.display_name })),
      kindLabel: kindLabels[item.kind] ?? null,
      topicLabel: (item.topic ? topicLabels[item.topic] : undefined) ?? null,
      topics: vocabularyViews("topic", topics),
      participants,
      exception,
      canManage: manage,
      canRecord: record.allowed,
    };
  });
}

/** Notes and topic of a session: writes the occurrence down when it is not yet. */
export async function updateSessionNotes(ctx: ServiceContext, ref: string, input: unknown): Promise<{ id: string }> {
  const data = validate(sessionNotesSchema, input);
  return ctx.db.transaction().execute(async (tx) => {
    const { program, role, item } = await itemByRefForManage(tx, ctx, ref);
    if (data.topic !== undefined && !isChoosable("topic", await customTopics(tx, program.id), data.topic, item.topic)) throw new ValidationError({ topic: ["schedule.errors.topic"] });
    const id = item.sessionId ?? (await ensureSession(tx, item.seriesId!, item.originalDate!, { userId: ctx.actor.user.id, now: ctx.now() })).id;
    await tx.updateTable("activity_sessions").set({ topic: data.topic ?? null, notes: data.notes ?? "", updated_at: ctx.now() }).where("id", "=", id).execute();
    await auditByActor(tx, ctx, role, { action: "activitySession.update", entityType: "activity_session", entityId: id, programId: program.id, federationId: program.federation_id, details: { date: item.date } });
    return { id };
  });
}

async function itemByRefForManage(tx: Tx, ctx: ServiceContext, ref: string) {
  const found = await itemByRef(tx, ctx, ref);
  const decision = decide(ctx.actor.subject, "activities.manage", programResource(found.program));
  if (!decision.allowed) throw new ForbiddenError();
  return { ...found, role: decision.role };
}

/** Cancels a one-off session (an occurrence of a series is cancelled through its exception). */
export async function cancelSession(ctx: ServiceContext, ref: string, input: unknown): Promise<void> {
  const data = validate(cancelSessionSchema, input);
  await ctx.db.transaction().execute(async (tx) => {
    const { program, role, item } = await itemByRefForManage(tx, ctx, ref);
    if (item.seriesId) {
      await tx
        .insertInto("activity_exceptions")
        .values({ series_id: item.seriesId, original_date: item.originalDate!, kind: "cancelled", note: data.note ?? "", created_by: ctx.actor.user.id, created_at: ctx.now() })
        .onConflict((oc) => oc.columns(["series_id", "original_date"]).doUpdateSet({ kind: "cancelled", date: null, start_time: null, end_time: null, venue_id: null, note: data.note ?? "" }))
        .execute();
    }
    if (item.sessionId) {
      await tx
        .updateTable("activity_sessions")
        .set({ status: "cancelled", ...(item.seriesId ? {} : { notes: [item.notes, data.note].filter(Boolean).join("\n") }), updated_at: ctx.now() })
        .where("id", "=", item.sessionId)
        .execute();
    }
    await auditByActor(tx, ctx, role, {
      action: "activitySession.cancel",
      entityType: item.sessionId ? "activity_session" : "activity_series",
      entityId: item.sessionId ?? item.seriesId!,
      programId: program.id,
      federationId: program.federation_id,
      details: { date: item.date },
    });
  });
}

// ---------------------------------------------------------------------------------------------------
// Calendar feeds: secret URLs, stored hashed

const FEED_PREFIX = "spc_";

export interface FeedView {
  scope: "mine" | "ordinary" | "pre_group";
  programId: string;
  programName: string;
  createdAt: Date;
}

/** The actor's active calendar feeds (the URLs themselves are shown once, when made or renewed). */
export async function myFeeds(ctx: ServiceContext): Promise<FeedView[]> {
  const rows = await ctx.db
    .selectFrom("calendar_feeds as f")
    .innerJoin("programs as p", "p.id", "f.program_id")
    .select(["f.group_kind", "f.program_id", "p.name", "f.created_at"])
    .where("f.user_id", "=", ctx.actor.user.id)
    .where("f.revoked_at", "is", null)
    .orderBy("p.name")
    .orderBy("f.created_at")
    .execute();
  return rows.map((r) => ({ scope: r.group_kind ?? "mine", programId: r.program_id, programName: r.name, createdAt: r.created_at }));
}

/**
 * Makes a new secret feed URL for the actor (their own sessions, or a group's), revoking the one they
 * had for the same program and scope. Returns the token (shown once) and its path.
 */
export async function renewFeed(ctx: ServiceContext, programId: string, input: unknown): Promise<{ token: string; path: string }> {
  const data = validate(feedSchema, input);
  return ctx.db.transaction().execute(async (tx) => {
    const { program, role } = await programFor(tx, ctx, programId, "activities.view");
    const groupKind = data.scope === "mine" ? null : data.scope;
    const now = ctx.now();
    await tx
      .updateTable("calendar_feeds")
      .set({ revoked_at: now })
      .where("user_id", "=", ctx.actor.user.id)
      .where("program_id", "=", program.id)
      .where((eb) => (groupKind === null ? eb("group_kind", "is", null) : eb("group_kind", "=", groupKind)))
      .where("revoked_at", "is", null)
      .execute();
    const token = newToken(FEED_PREFIX);
    const row = await tx
      .insertInto("calendar_feeds")
      .values({ user_id: ctx.actor.user.id, program_id: program.id, group_kind: groupKind, token_hash: sha256(token), created_at: now })
      .returning("id")
      .executeTakeFirstOrThrow();
    await auditByActor(tx, ctx, role, { action: "calendarFeed.renew", entityType: "calendar_feed", entityId: row.id, programId: program.id, federationId: program.federation_id, details: { scope: data.scope } });
    return { token, path: `/calendar/${token}.ics` };
  });
}

/** How far back and ahead a feed reaches. */
export const FEED_DAYS_BACK = 60;
export const FEED_DAYS_AHEAD = 366;

/**
 * The iCalendar text of a feed, or null for an unknown or revoked token or an owner who may no longer
 * see the program's activities. Only the activity, its time and its place: never who takes part.
 */
export async function feedByToken(deps: Deps, token: string): Promise<string | null> {
  if (!/^spc_[A-Za-z0-9_-]{43}$/.test(token)) return null;
  const feed = await deps.db
    .selectFrom("calendar_feeds as f")
    .innerJoin("programs as p", "p.id", "f.program_id")
    .select(["f.user_id", "f.program_id", "f.group_kind", "p.name", "p.federation_id"])
    .where("f.token_hash", "=", sha256(token))
    .where("f.revoked_at", "is", null)
    .executeTakeFirst();
  if (!feed) return null;
  const actor = await loadActor(deps.db, feed.user_id);
  if (!actor || !decide(actor.subject, "activities.view", { type: "program", programId: feed.program_id, federationId: feed.federation_id }).allowed) return null;
  const now = deps.now();
  const today = isoToday(now);
  const items = await scheduleItems(deps.db, feed.program_id, addDays(today, -FEED_DAYS_BACK), addDays(today, FEED_DAYS_AHEAD), {
    includeSkipped: false,
    ...(feed.group_kind ? { groupKind: feed.group_kind } : { leaderUserId: feed.user_id }),
  });
  const t = translator(actor.user.locale);
  const { venues, rooms, kindLabels, topicLabels } = await names(deps.db, feed.program_id, items);
  const events: IcalEvent[] = items.map((item) => {
    const status = occurrenceIcalStatus(item) ?? "CANCELLED";
    const venue = item.venueId ? venues[item.venueId] : undefined;
    const location = venue ? [item.roomId ? rooms[item.roomId] : undefined, venue.name, venue.address].filter(Boolean).join(", ") : undefined;
    const kind = kindLabels[item.kind] ?? t(`activityKind.${item.kind}`);
    const topic = item.topic ? (topicLabels[item.topic] ?? t(`topic.${item.topic}`)) : null;
    return {
      uid: item.seriesId && item.originalDate ? occurrenceUid({ seriesId: item.seriesId, originalDate: item.originalDate }) : `session-${item.sessionId}@spelplan`,
      startsAt: item.startsAt,
      endsAt: item.endsAt,
      summary: item.title,
      description: [kind, topic, item.status === "cancelled" ? t("schedule.status.cancelled") : null].filter(Boolean).join(" · "),
      ...(location ? { location } : {}),
      status,
      sequence: item.status === "scheduled" ? 0 : 1,
      categories: [kind],
    };
  });
  const name = feed.group_kind ? `${feed.name} – ${t(`schedule.group.${feed.group_kind}`)}` : `${feed.name} – ${t("schedule.feed.mine")}`;
  return icalendar({ name, generatedAt: now.toISOString(), events });
}

/** Today's ISO week, for the default view. */
export function weekOf(date: string): { monday: string; sunday: string } {
  const monday = addDays(date, 1 - weekdayOf(date));
  return { monday, sunday: addDays(monday, 6) };
}
