import { decide } from "../domain/policy.ts";
import { isUuid } from "./access.ts";
import { auditByActor } from "./audit.ts";
import { loadActor } from "./auth.ts";
import { isoToday, type ServiceContext, type Tx } from "./context.ts";
import { ForbiddenError, NotFoundError, ValidationError } from "./errors.ts";
import { type LoadedEnrolment, loadEnrolment, may } from "./journey-access.ts";
import { validate } from "./schemas/common.ts";
import { type JournalFilter, journalFilterSchema, type JournalKind, journalNoteSchema, type JournalVisibility } from "./schemas/journal.ts";

// The participant's journal: dated notes by the program's staff (the therapist too), of a type, either for
// the program's staff only or shared with the participant's case officers while a valid consent covers their
// authority. Notes are never changed after saving (the table refuses UPDATE and DELETE): a correction is a
// new note pointing to the one it corrects, and a note is corrected at most once, so corrections form a
// chain whose newest note is the one that stands.
//
// Who sees what: "journal.view" (program staff) sees every note; "journal.viewShared" (the participant's
// case officers with consent) sees the shared notes of chains whose newest note is shared too, so a note
// shared by mistake is withdrawn from them by a staff-only correction, without changing anything saved.
// Without consent they see nothing at all (the enrolment is not found for them).
//
// The text can hold health information: it goes only to the page that shows it. Audit events name notes by
// id, never their text; there are no notifications or e-mails about notes.

export interface JournalParticipant {
  personId: string;
  reference: string;
  /** Null when masked (protected identity, and the reader does not work directly with the person). */
  name: string | null;
}

export interface JournalNoteLink {
  id: string;
  noteDate: string;
  createdAt: Date;
  /** Whether the reader may see that note (a shared reader may not see a staff-only one). */
  visible: boolean;
}

export interface JournalNoteView {
  id: string;
  noteDate: string;
  kind: JournalKind;
  visibility: JournalVisibility;
  body: string;
  authorId: string;
  authorName: string;
  createdAt: Date;
  /** The note this one corrects. */
  corrects: JournalNoteLink | null;
  /** The note that corrects this one (then this one no longer stands). */
  correctedBy: JournalNoteLink | null;
}

export interface JournalView {
  enrolmentId: string;
  participant: JournalParticipant;
  programName: string;
  /** "all": the program's staff; "shared": a case officer, who sees shared notes only. */
  scope: "all" | "shared";
  notes: JournalNoteView[];
  /** How many notes the reader may see without filters. */
  total: number;
  /** Who wrote the notes the reader may see (for the author filter). */
  authors: { id: string; name: string }[];
  filter: JournalFilter;
  canWrite: boolean;
  /** For writers: who would see a shared note now (the participant's case officers that consent covers). */
  sharedWith: { name: string; authority: string }[];
  today: string;
}

type NoteRow = {
  id: string;
  note_date: string;
  kind: JournalKind;
  visibility: JournalVisibility;
  body: string;
  corrects_id: string | null;
  author_id: string;
  author_name: string;
  created_at: Date;
};

function participantOf(ctx: ServiceContext, loaded: LoadedEnrolment): JournalParticipant {
  const { row, resource } = loaded.person;
  const masked = resource.protectedIdentity && !decide(ctx.actor.subject, "person.viewProtected", resource).allowed;
  return { personId: row.id, reference: row.reference, name: masked ? null : `${row.first_name} ${row.last_name}` };
}

/** The enrolment for reading its journal: all notes for the program's staff, shared ones for case officers. */
async function loadForReading(tx: Tx, ctx: ServiceContext, enrolmentId: string): Promise<{ loaded: LoadedEnrolment; scope: "all" | "shared" }> {
  try {
    return { loaded: await loadEnrolment(tx, ctx, enrolmentId, "journal.view"), scope: "all" };
  } catch (error) {
    if (!(error instanceof ForbiddenError)) throw error;
    return { loaded: await loadEnrolment(tx, ctx, enrolmentId, "journal.viewShared"), scope: "shared" };
  }
}

async function notesOf(tx: Tx, loaded: LoadedEnrolment): Promise<NoteRow[]> {
  return tx
    .selectFrom("journal_notes as n")
    .innerJoin("users as u", "u.id", "n.author_id")
    .select(["n.id", "n.note_date", "n.kind", "n.visibility", "n.body", "n.corrects_id", "n.author_id", "u.display_name as author_name", "n.created_at"])
    .where("n.person_id", "=", loaded.enrolment.person_id)
    .where("n.program_id", "=", loaded.enrolment.program_id)
    .orderBy("n.note_date", "desc")
    .orderBy("n.created_at", "desc")
    .orderBy("n.id")
    .execute();
}

/** The notes as the reader may see them, with the links of each correction chain. */
function readable(rows: NoteRow[], scope: "all" | "shared"): JournalNoteView[] {
  const byId = new Map(rows.map((r) => [r.id, r]));
  const correctedBy = new Map<string, NoteRow>();
  for (const r of rows) if (r.corrects_id) correctedBy.set(r.corrects_id, r);
  const newest = (r: NoteRow): NoteRow => {
    let current = r;
    for (let next = correctedBy.get(current.id); next; next = correctedBy.get(current.id)) current = next;
    return current;
  };
  const visible = (r: NoteRow): boolean => scope === "all" || (r.visibility === "shared" && newest(r).visibility === "shared");
  const link = (r: NoteRow | undefined): JournalNoteLink | null => (r ? { id: r.id, noteDate: r.note_date, createdAt: r.created_at, visible: visible(r) } : null);
  return rows.filter(visible).map((r) => ({
    id: r.id,
    noteDate: r.note_date,
    kind: r.kind,
    visibility: r.visibility,
    body: r.body,
    authorId: r.author_id,
    authorName: r.author_name,
    createdAt: r.created_at,
    corrects: link(r.corrects_id ? byId.get(r.corrects_id) : undefined),
    correctedBy: link(correctedBy.get(r.id)),
  }));
}

/** The participant's case officers who would see a shared note now (the policy asked for each of them). */
async function sharedReaders(tx: Tx, loaded: LoadedEnrolment): Promise<JournalView["sharedWith"]> {
  const result: JournalView["sharedWith"] = [];
  for (const userId of loaded.person.resource.directStaffUserIds) {
    const actor = await loadActor(tx, userId);
    if (!actor) continue;
    const decision = decide(actor.subject, "journal.viewShared", loaded.person.resource);
    if (!decision.allowed || decide(actor.subject, "journal.view", loaded.person.resource).allowed) continue;
    const assignment = actor.subject.assignments.find((a) => a.id === decision.assignmentId);
    const authority = assignment?.authorityId
      ? await tx.selectFrom("authorities").select("name").where("id", "=", assignment.authorityId).executeTakeFirst()
      : undefined;
    result.push({ name: actor.user.displayName, authority: authority?.name ?? "" });
  }
  return result.sort((a, b) => a.name.localeCompare(b.name, "sv"));
}

/**
 * The journal of an enrolment's participant, newest first, with filters (type, author, period). What was
 * shown is recorded in the audit log, note by note (by id).
 */
export async function getJournal(ctx: ServiceContext, enrolmentId: string, filterInput: unknown = {}): Promise<JournalView> {
  const filter = validate(journalFilterSchema, filterInput);
  const today = isoToday(ctx.now());
  return ctx.db.transaction().execute(async (tx) => {
    const { loaded, scope } = await loadForReading(tx, ctx, enrolmentId);
    const all = readable(await notesOf(tx, loaded), scope);
    const notes = all.filter(
      (n) =>
        (filter.kind === undefined || n.kind === filter.kind) &&
        (filter.author === undefined || n.authorId === filter.author) &&
        (filter.from === undefined || n.noteDate >= filter.from) &&
        (filter.to === undefined || n.noteDate <= filter.to),
    );
    const authors = new Map<string, string>();
    for (const n of all) authors.set(n.authorId, n.authorName);
    const canWrite = may(ctx, loaded, "journal.write");
    await auditByActor(tx, ctx, loaded.role, {
      action: "journal.view",
      entityType: "enrolment",
      entityId: loaded.enrolment.id,
      personId: loaded.enrolment.person_id,
      programId: loaded.program.id,
      federationId: loaded.program.federationId,
      details: { scope, noteIds: notes.map((n) => n.id), filter: { ...filter } },
    });
    return {
      enrolmentId: loaded.enrolment.id,
      participant: participantOf(ctx, loaded),
      programName: loaded.program.name,
      scope,
      notes,
      total: all.length,
      authors: [...authors].map(([id, name]) => ({ id, name })).sort((a, b) => a.name.localeCompare(b.name, "sv")),
      filter,
      canWrite,
      sharedWith: canWrite ? await sharedReaders(tx, loaded) : [],
      today,
    };
  });
}

export interface NoteForCorrection {
  enrolmentId: string;
  participant: JournalParticipant;
  note: JournalNoteView;
  /** The note that stands now, when this one has been corrected already (correct that one instead). */
  newest: JournalNoteLink | null;
  sharedWith: JournalView["sharedWith"];
  today: string;
}

/** A note of the enrolment's participant (another participant's note is not found here). */
function findNote(rows: NoteRow[], noteId: string): NoteRow {
  const row = isUuid(noteId) ? rows.find((r) => r.id === noteId) : undefined;
  if (!row) throw new NotFoundError("note");
  return row;
}

/** One note, for writing its correction (the program's staff who write the journal). Audited as a read. */
export async function getNoteForCorrection(ctx: ServiceContext, enrolmentId: string, noteId: string): Promise<NoteForCorrection> {
  return ctx.db.transaction().execute(async (tx) => {
    const loaded = await loadEnrolment(tx, ctx, enrolmentId, "journal.write");
    const rows = await notesOf(tx, loaded);
    findNote(rows, noteId);
    const views = readable(rows, "all");
    const note = views.find((n) => n.id === noteId)!;
    let newest: JournalNoteView = note;
    while (newest.correctedBy) newest = views.find((n) => n.id === newest.correctedBy!.id)!;
    await auditByActor(tx, ctx, loaded.role, {
      action: "journal.view",
      entityType: "enrolment",
      entityId: loaded.enrolment.id,
      personId: loaded.enrolment.person_id,
      programId: loaded.program.id,
      federationId: loaded.program.federationId,
      details: { scope: "all", noteIds: [note.id], forCorrection: true },
    });
    return {
      enrolmentId: loaded.enrolment.id,
      participant: participantOf(ctx, loaded),
      note,
      newest: newest.id === note.id ? null : { id: newest.id, noteDate: newest.noteDate, createdAt: newest.createdAt, visible: true },
      sharedWith: await sharedReaders(tx, loaded),
      today: isoToday(ctx.now()),
    };
  });
}

function checkDate(noteDate: string, today: string) {
  if (noteDate > today) throw new ValidationError({ noteDate: ["journal.errors.future"] });
}

async function insertNote(tx: Tx, ctx: ServiceContext, loaded: LoadedEnrolment, input: ReturnType<typeof journalNoteSchema.parse>, correctsId: string | null) {
  return tx
    .insertInto("journal_notes")
    .values({
      person_id: loaded.enrolment.person_id,
      program_id: loaded.enrolment.program_id,
      enrolment_id: loaded.enrolment.id,
      note_date: input.noteDate,
      kind: input.kind,
      body: input.body,
      visibility: input.visibility,
      corrects_id: correctsId,
      author_id: ctx.actor.user.id,
      created_at: ctx.now(),
    })
    .returning("id")
    .executeTakeFirstOrThrow();
}

/** Writes a note in the participant's journal. */
export async function writeNote(ctx: ServiceContext, enrolmentId: string, input: unknown): Promise<{ id: string }> {
  const data = validate(journalNoteSchema, input);
  checkDate(data.noteDate, isoToday(ctx.now()));
  return ctx.db.transaction().execute(async (tx) => {
    const loaded = await loadEnrolment(tx, ctx, enrolmentId, "journal.write");
    const row = await insertNote(tx, ctx, loaded, data, null);
    await auditByActor(tx, ctx, loaded.role, {
      action: "journal.write",
      entityType: "journal_note",
      entityId: row.id,
      personId: loaded.enrolment.person_id,
      programId: loaded.program.id,
      federationId: loaded.program.federationId,
      details: { enrolmentId: loaded.enrolment.id, kind: data.kind, visibility: data.visibility, noteDate: data.noteDate },
    });
    return row;
  });
}

const UNIQUE_VIOLATION = "23505";
const isUniqueViolation = (error: unknown) => typeof error === "object" && error !== null && (error as { code?: unknown }).code === UNIQUE_VIOLATION;

/**
 * Corrects a note: a new note that points to it. Only the note that stands can be corrected (a corrected
 * note's correction is corrected instead), so the chain never forks, also when two people correct at once.
 */
export async function correctNote(ctx: ServiceContext, enrolmentId: string, noteId: string, input: unknown): Promise<{ id: string }> {
  const data = validate(journalNoteSchema, input);
  checkDate(data.noteDate, isoToday(ctx.now()));
  try {
    return await ctx.db.transaction().execute(async (tx) => {
      const loaded = await loadEnrolment(tx, ctx, enrolmentId, "journal.write");
      const original = findNote(await notesOf(tx, loaded), noteId);
      const already = await tx.selectFrom("journal_notes").select("id").where("corrects_id", "=", original.id).executeTakeFirst();
      if (already) throw new ValidationError({}, ["journal.errors.alreadyCorrected"]);
      const row = await insertNote(tx, ctx, loaded, data, original.id);
      await auditByActor(tx, ctx, loaded.role, {
        action: "journal.correct",
        entityType: "journal_note",
        entityId: row.id,
        personId: loaded.enrolment.person_id,
        programId: loaded.program.id,
        federationId: loaded.program.federationId,
        details: { enrolmentId: loaded.enrolment.id, correctsId: original.id, kind: data.kind, visibility: data.visibility, noteDate: data.noteDate },
      });
      return row;
    });
  } catch (error) {
    if (isUniqueViolation(error)) throw new ValidationError({}, ["journal.errors.alreadyCorrected"]);
    throw error;
  }
}
