import { createRoute, z } from "@hono/zod-openapi";
import { MAX_SCORE, MIN_SCORE, WHEEL_GROUPS } from "../../domain/wheel.ts";
import { moveWheelAreaSchema, RATERS, readingSchema, removeWheelAreaSchema, wheelAreaSchema } from "../../services/schemas/wheel.ts";
import { moveWheelArea, programWheel, recordReading, removeWheelArea, saveWheelArea, wheelOverview, wheelReadingForm, wheelStatistics } from "../../services/wheel.ts";
import { type Api, Created, handle, idParam, isoDate, isoDateTime, json, jsonBody, jsonInput, problems, registerInputSchemas, toJson } from "../intake/common.ts";
import { DueStateSchema, enrolmentParam, JOURNEY_TAGS, jsonBodyWith, OCCASIONS } from "./shared.ts";

// The life-area wheel: the participant's readings (by the participant and by the coordinator), the
// program's instrument (its areas and their step texts, every change a new version) and the program's
// figures. The same use cases as the wheel pages.

const Languages = <T extends z.ZodType>(value: T) => z.object({ sv: value, nb: value, en: value });

const WheelAreaSchema = z
  .object({
    key: z.string(),
    group: z.enum(WHEEL_GROUPS),
    label: Languages(z.string()),
    steps: Languages(z.array(z.string())).openapi({ description: "Ten descriptions per language, for scores 1 to 10." }),
  })
  .openapi("WheelArea");

const InstrumentSchema = z
  .object({
    id: z.uuid().openapi({ description: "Send it as instrumentId with a reading or a change: made against another version, it is refused." }),
    origin: z.enum(["default", "program"]).openapi({ description: "default: Spelplan's own set; program: the program's adjusted one." }),
    version: z.number().int(),
    areas: z.array(WheelAreaSchema),
    createdAt: isoDateTime(),
    createdByName: z.string().nullable(),
  })
  .openapi("WheelInstrument");

const WheelPersonSchema = z.object({ id: z.uuid(), reference: z.string(), name: z.string().nullable().openapi({ description: "Null when masked." }) }).openapi("WheelPerson");

const NextReadingSchema = z.object({ date: isoDate(), occasion: z.enum(OCCASIONS), state: DueStateSchema }).openapi("NextReadingDue");

const ReadingSchema = z
  .object({
    id: z.uuid(),
    ratedBy: z.enum(RATERS),
    occasion: z.enum(OCCASIONS),
    date: isoDate(),
    scores: z.record(z.string(), z.number().int()).openapi({ description: "Area key to score 1-10." }),
    note: z.string(),
    instrumentId: z.uuid(),
    instrumentVersion: z.number().int(),
    instrumentOrigin: z.enum(["default", "program"]),
    recordedByName: z.string(),
    recordedAt: isoDateTime(),
  })
  .openapi("WheelReading");

export const WheelOverviewSchema = z
  .object({
    enrolmentId: z.uuid(),
    person: WheelPersonSchema,
    programId: z.uuid(),
    programName: z.string(),
    instrument: InstrumentSchema.openapi({ description: "The program's current instrument (new readings are made with it)." }),
    axes: z
      .array(z.object({ key: z.string(), group: z.enum(WHEEL_GROUPS), label: Languages(z.string()), current: z.boolean() }))
      .openapi({ description: "The areas in chart order: the current instrument's, then others that readings rated." }),
    readings: z.array(ReadingSchema).openapi({ description: "Every reading, newest first." }),
    chart: z.array(z.uuid()).openapi({ description: "The readings the chart overlays (ids), oldest first." }),
    tooMany: z.boolean(),
    comparisons: z
      .array(
        z.object({
          participantId: z.uuid(),
          coordinatorId: z.uuid(),
          areas: z.array(z.object({ key: z.string(), from: z.number().int().nullable(), to: z.number().int().nullable(), change: z.number().int().nullable(), differs: z.boolean() })),
          differing: z.number().int(),
        }),
      )
      .openapi({ description: "The participant's and the coordinator's readings of the same occasion, side by side (from: the participant, to: the coordinator)." }),
    next: NextReadingSchema.nullable(),
    canRecord: z.boolean(),
    canAdjust: z.boolean(),
    today: isoDate(),
  })
  .openapi("WheelOverview");

export const ReadingFormSchema = z
  .object({ enrolmentId: z.uuid(), person: WheelPersonSchema, programName: z.string(), instrument: InstrumentSchema, next: NextReadingSchema.nullable(), today: isoDate() })
  .openapi("WheelReadingForm");

export const ProgramWheelSchema = z
  .object({
    programId: z.uuid(),
    programName: z.string(),
    current: InstrumentSchema,
    versions: z.array(InstrumentSchema.extend({ readings: z.number().int() })).openapi({ description: "The program's own versions, newest first, with how many readings each was used for." }),
    defaultReadings: z.number().int().openapi({ description: "Readings made with the default set in this program." }),
  })
  .openapi("ProgramWheel");

const InstrumentChangeSchema = z
  .object({
    instrumentId: z.uuid().openapi({ description: "The instrument version after the change." }),
    version: z.number().int(),
    changed: z.boolean().openapi({ description: "False when the change changed nothing (no new version)." }),
    key: z.string().nullable().openapi({ description: "The area's key (for a new area: the one it was given)." }),
  })
  .openapi("WheelInstrumentChange");

export const WheelStatisticsSchema = z
  .object({
    participants: z.number().int().openapi({ description: "Participants with two readings or more by the chosen rater." }),
    improved: z.number().int(),
    same: z.number().int(),
    lower: z.number().int(),
    meanChange: z.number().nullable(),
    areas: z.array(z.object({ key: z.string(), participants: z.number().int(), meanChange: z.number() })),
  })
  .openapi("WheelStatistics", { description: "Counts and means only, never who." });

const tags = [JOURNEY_TAGS.wheel];
const programParam = idParam("The program's id");
const areaParams = z.object({
  id: z.string().openapi({ param: { name: "id", in: "path" }, description: "The program's id" }),
  key: z.string().openapi({ param: { name: "key", in: "path" }, description: "The area's key" }),
});
const instrumentProblems = {
  403: "Only the program's manager and coordinators adjust its wheel",
  404: "No such program (or area)",
  409: "Stale instrumentId: the instrument was changed meanwhile",
  422: "Invalid fields, or the result would not be a valid instrument (see formErrors)",
} as const;

const overviewRoute = createRoute({
  method: "get",
  path: "/v1/enrolments/{id}/wheel",
  tags,
  summary: "The participant's readings, the chart's choice and the two raters side by side (recorded in the audit log)",
  request: {
    params: enrolmentParam,
    query: z.object({
      show: z.union([z.string(), z.array(z.string())]).optional().openapi({ description: "Reading ids to overlay in the chart (repeat it; at most three). Default: the first and the latest." }),
    }),
  },
  responses: {
    200: json(WheelOverviewSchema, "The wheel"),
    ...problems({ 403: "You may not see the participant's journey", 404: "No such enrolment that you may see" }),
  },
});

const formRoute = createRoute({
  method: "get",
  path: "/v1/enrolments/{id}/wheel/reading-form",
  tags,
  summary: "What a new reading is made with: the current instrument (its id, areas and step texts) and what is due",
  request: { params: enrolmentParam },
  responses: {
    200: json(ReadingFormSchema, "The instrument and what is due"),
    ...problems({ 403: "Only the program's staff record readings", 404: "No such enrolment that you may see" }),
  },
});

const recordRoute = createRoute({
  method: "post",
  path: "/v1/enrolments/{id}/wheel/readings",
  tags,
  summary: "Record a reading by the participant or by the coordinator: a score for every area of the current instrument",
  description: "A reading made against another instrument version than the current one is refused (formErrors: wheel.errors.instrumentChanged).",
  request: { params: enrolmentParam, body: jsonInput("WheelReadingInput") },
  responses: {
    201: json(Created, "Recorded"),
    ...problems({ 403: "Only the program's staff record readings", 404: "No such enrolment that you may see", 422: "Invalid fields (a missing score at scores.<key>)" }),
  },
});

const programWheelRoute = createRoute({
  method: "get",
  path: "/v1/programs/{id}/wheel",
  tags,
  summary: "The program's instrument and its versions",
  request: { params: programParam },
  responses: {
    200: json(ProgramWheelSchema, "The instrument"),
    ...problems({ 403: instrumentProblems[403], 404: "No such program" }),
  },
});

const addAreaRoute = createRoute({
  method: "post",
  path: "/v1/programs/{id}/wheel/areas",
  tags,
  summary: "Add an area (a new version of the program's instrument)",
  request: { params: programParam, body: jsonInput("WheelAreaInput") },
  responses: { 201: json(InstrumentChangeSchema, "Added"), ...problems(instrumentProblems) },
});

const saveAreaRoute = createRoute({
  method: "put",
  path: "/v1/programs/{id}/wheel/areas/{key}",
  tags,
  summary: "Change an area's group, names and step texts (a new version when anything changed)",
  request: { params: areaParams, body: jsonInput("WheelAreaInput") },
  responses: { 200: json(InstrumentChangeSchema, "Saved"), ...problems(instrumentProblems) },
});

const removeAreaRoute = createRoute({
  method: "post",
  path: "/v1/programs/{id}/wheel/areas/{key}/remove",
  tags,
  summary: "Remove an area (a new version; readings made before keep theirs)",
  request: { params: areaParams, body: jsonInput("WheelAreaRemoval", "The key comes from the path.") },
  responses: { 200: json(InstrumentChangeSchema, "Removed"), ...problems(instrumentProblems) },
});

const moveAreaRoute = createRoute({
  method: "post",
  path: "/v1/programs/{id}/wheel/areas/{key}/move",
  tags,
  summary: "Move an area up or down (a new version)",
  request: { params: areaParams, body: jsonInput("WheelAreaMove", "The key comes from the path.") },
  responses: { 200: json(InstrumentChangeSchema, "Moved"), ...problems(instrumentProblems) },
});

const statisticsRoute = createRoute({
  method: "get",
  path: "/v1/programs/{id}/wheel/statistics",
  tags,
  summary: "The program's change from each participant's first to their last reading: counts and means only",
  request: {
    params: programParam,
    query: z.object({
      ratedBy: z.enum(RATERS).optional().openapi({ description: "Whose readings: the participants' own (default) or the coordinators'." }),
      from: isoDate().optional().openapi({ description: "Only readings on or after this date." }),
      to: isoDate().optional().openapi({ description: "Only readings on or before this date." }),
    }),
  },
  responses: {
    200: json(WheelStatisticsSchema, "The figures"),
    ...problems({ 403: "Your roles do not allow the program's figures", 404: "No such program", 422: "Invalid query" }),
  },
});

export function registerWheelRoutes(api: Api) {
  registerInputSchemas(api, {
    // The scores' areas are those of the current instrument (GET .../wheel/reading-form): documented as a map.
    WheelReadingInput: readingSchema([]).extend({ scores: z.record(z.string(), z.number().int().min(MIN_SCORE).max(MAX_SCORE)) }),
    WheelAreaInput: wheelAreaSchema,
    WheelAreaRemoval: removeWheelAreaSchema.omit({ key: true }),
    WheelAreaMove: moveWheelAreaSchema.omit({ key: true }),
  });

  api.openapi(overviewRoute, (c) => handle(c, async (ctx) => c.json(toJson(await wheelOverview(ctx, c.req.valid("param").id, c.req.queries("show") ?? [])), 200)));

  api.openapi(formRoute, (c) => handle(c, async (ctx) => c.json(toJson(await wheelReadingForm(ctx, c.req.valid("param").id)), 200)));

  api.openapi(recordRoute, (c) =>
    handle(c, async (ctx) => {
      const enrolmentId = c.req.valid("param").id;
      const { id } = await recordReading(ctx, enrolmentId, await jsonBody(c));
      c.header("Location", `/api/v1/enrolments/${enrolmentId}/wheel`);
      return c.json({ id }, 201);
    }),
  );

  api.openapi(programWheelRoute, (c) => handle(c, async (ctx) => c.json(toJson(await programWheel(ctx, c.req.valid("param").id)), 200)));

  api.openapi(addAreaRoute, (c) => handle(c, async (ctx) => c.json(await saveWheelArea(ctx, c.req.valid("param").id, null, await jsonBody(c)), 201)));

  api.openapi(saveAreaRoute, (c) =>
    handle(c, async (ctx) => {
      const { id, key } = c.req.valid("param");
      return c.json(await saveWheelArea(ctx, id, key, await jsonBody(c)), 200);
    }),
  );

  api.openapi(removeAreaRoute, (c) =>
    handle(c, async (ctx) => {
      const { id, key } = c.req.valid("param");
      return c.json(await removeWheelArea(ctx, id, await jsonBodyWith(c, { key })), 200);
    }),
  );

  api.openapi(moveAreaRoute, (c) =>
    handle(c, async (ctx) => {
      const { id, key } = c.req.valid("param");
      return c.json(await moveWheelArea(ctx, id, await jsonBodyWith(c, { key })), 200);
    }),
  );

  api.openapi(statisticsRoute, (c) =>
    handle(c, async (ctx) => {
      const { ratedBy, from, to } = c.req.valid("query");
      return c.json(await wheelStatistics(ctx, c.req.valid("param").id, { ratedBy: ratedBy ?? "participant", from, to }), 200);
    }),
  );
}
