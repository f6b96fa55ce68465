import { createRoute, z } from "@hono/zod-openapi";
import { correctNote, getJournal, getNoteForCorrection, writeNote } from "../../services/journal.ts";
import { JOURNAL_KINDS, JOURNAL_VISIBILITIES, journalNoteSchema } from "../../services/schemas/journal.ts";
import { type Api, Created, handle, isoDate, isoDateTime, json, jsonBody, jsonInput, oneOf, problems, registerInputSchemas, toJson } from "../intake/common.ts";
import { enrolmentAnd, enrolmentParam, JOURNEY_TAGS, ParticipantSchema } from "./shared.ts";

// The participant's journal: dated notes by the program's staff, for the staff only or shared with the
// participant's case officers while their consent covers them. Notes are never changed: a correction is a
// new note pointing to the one it corrects. The same use cases as the journal pages.

const NoteLinkSchema = z
  .object({
    id: z.uuid(),
    noteDate: isoDate(),
    createdAt: isoDateTime(),
    visible: z.boolean().openapi({ description: "Whether you may see that note (a case officer does not see staff-only notes)." }),
  })
  .openapi("JournalNoteLink");

const NoteSchema = z
  .object({
    id: z.uuid(),
    noteDate: isoDate(),
    kind: z.enum(JOURNAL_KINDS),
    visibility: z.enum(JOURNAL_VISIBILITIES).openapi({ description: "staff: the program's staff only; shared: also the participant's case officers while consent allows." }),
    body: z.string(),
    authorId: z.uuid(),
    authorName: z.string(),
    createdAt: isoDateTime(),
    corrects: NoteLinkSchema.nullable().openapi({ description: "The note this one corrects." }),
    correctedBy: NoteLinkSchema.nullable().openapi({ description: "The note that corrects this one (then this one no longer stands)." }),
  })
  .openapi("JournalNote");

const SharedWithSchema = z
  .array(z.object({ name: z.string(), authority: z.string() }))
  .openapi({ description: "For writers: who would see a shared note now (the participant's case officers whom consent covers)." });

export const JournalSchema = z
  .object({
    enrolmentId: z.uuid(),
    participant: ParticipantSchema,
    programName: z.string(),
    scope: z.enum(["all", "shared"]).openapi({ description: "all: the program's staff; shared: a case officer, who sees shared notes only." }),
    notes: z.array(NoteSchema).openapi({ description: "Newest first, filtered." }),
    total: z.number().int().openapi({ description: "How many notes you may see without filters." }),
    authors: z.array(z.object({ id: z.uuid(), name: z.string() })).openapi({ description: "The choices for the author filter." }),
    filter: z.object({ kind: z.enum(JOURNAL_KINDS).optional(), author: z.uuid().optional(), from: isoDate().optional(), to: isoDate().optional() }),
    canWrite: z.boolean(),
    sharedWith: SharedWithSchema,
    today: isoDate(),
  })
  .openapi("Journal");

export const NoteForCorrectionSchema = z
  .object({
    enrolmentId: z.uuid(),
    participant: ParticipantSchema,
    note: NoteSchema,
    newest: NoteLinkSchema.nullable().openapi({ description: "When this note has been corrected already: the note that stands now (correct that one instead)." }),
    sharedWith: SharedWithSchema,
    today: isoDate(),
  })
  .openapi("JournalNoteForCorrection");

const tags = [JOURNEY_TAGS.journal];
const noteParams = enrolmentAnd("noteId", "The note's id");

const journalRoute = createRoute({
  method: "get",
  path: "/v1/enrolments/{id}/journal",
  tags,
  summary: "The participant's journal, newest first, with filters (the notes shown are recorded in the audit log)",
  description: "The program's staff see every note; a case officer whom the participant's consent covers sees the shared ones.",
  request: {
    params: enrolmentParam,
    query: z.object({
      kind: oneOf(JOURNAL_KINDS).optional(),
      author: z.string().optional().openapi({ description: "An author's id." }),
      from: z.string().optional().openapi({ description: "Notes dated on or after (YYYY-MM-DD)." }),
      to: z.string().optional().openapi({ description: "Notes dated on or before (YYYY-MM-DD)." }),
    }),
  },
  responses: {
    200: json(JournalSchema, "The notes you may see"),
    ...problems({ 403: "You may not read the participant's journal", 404: "No such enrolment that you may see (without consent a case officer sees none)", 422: "Invalid filters" }),
  },
});

const writeRoute = createRoute({
  method: "post",
  path: "/v1/enrolments/{id}/journal/notes",
  tags,
  summary: "Write a note in the participant's journal",
  request: { params: enrolmentParam, body: jsonInput("JournalNoteInput") },
  responses: {
    201: json(Created, "Written"),
    ...problems({ 403: "Only the program's staff write the journal", 404: "No such enrolment that you may see", 422: "Invalid fields" }),
  },
});

const noteRoute = createRoute({
  method: "get",
  path: "/v1/enrolments/{id}/journal/notes/{noteId}",
  tags,
  summary: "One note, for writing its correction (recorded in the audit log)",
  request: { params: noteParams },
  responses: {
    200: json(NoteForCorrectionSchema, "The note"),
    ...problems({ 403: "Only the program's staff write the journal", 404: "No such enrolment or note" }),
  },
});

const correctRoute = createRoute({
  method: "post",
  path: "/v1/enrolments/{id}/journal/notes/{noteId}/corrections",
  tags,
  summary: "Correct a note: a new note that points to it (the original is kept as it was)",
  description: "Only the note that stands can be corrected: a note corrected already answers 422 (formErrors: journal.errors.alreadyCorrected).",
  request: { params: noteParams, body: jsonInput("JournalNoteInput") },
  responses: {
    201: json(Created, "The correction"),
    ...problems({ 403: "Only the program's staff write the journal", 404: "No such enrolment or note", 422: "Invalid fields, or the note was corrected already" }),
  },
});

export function registerJournalRoutes(api: Api) {
  registerInputSchemas(api, { JournalNoteInput: journalNoteSchema });

  api.openapi(journalRoute, (c) => handle(c, async (ctx) => c.json(toJson(await getJournal(ctx, c.req.valid("param").id, c.req.valid("query"))), 200)));

  api.openapi(writeRoute, (c) =>
    handle(c, async (ctx) => {
      const enrolmentId = c.req.valid("param").id;
      const { id } = await writeNote(ctx, enrolmentId, await jsonBody(c));
      c.header("Location", `/api/v1/enrolments/${enrolmentId}/journal/notes/${id}`);
      return c.json({ id }, 201);
    }),
  );

  api.openapi(noteRoute, (c) =>
    handle(c, async (ctx) => {
      const { id, noteId } = c.req.valid("param");
      return c.json(toJson(await getNoteForCorrection(ctx, id, noteId)), 200);
    }),
  );

  api.openapi(correctRoute, (c) =>
    handle(c, async (ctx) => {
      const { id: enrolmentId, noteId } = c.req.valid("param");
      const { id } = await correctNote(ctx, enrolmentId, noteId, await jsonBody(c));
      c.header("Location", `/api/v1/enrolments/${enrolmentId}/journal/notes/${id}`);
      return c.json({ id }, 201);
    }),
  );
}
