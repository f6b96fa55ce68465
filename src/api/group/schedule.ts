import { createRoute, z } from "@hono/zod-openapi";
import { isoToday, type ServiceContext } from "../../services/context.ts";
import {
  addKind,
  addRoom,
  addTopic,
  archiveKind,
  archiveRoom,
  archiveTopic,
  archiveVenue,
  cancelSession,
  createSeries,
  createSession,
  createVenue,
  getVenue,
  listKinds,
  listSeries,
  listTopics,
  listVenues,
  myFeeds,
  removeException,
  renewFeed,
  schedulePage,
  sessionPage,
  setException,
  updateSeries,
  updateSessionNotes,
  updateVenue,
} from "../../services/schedule.ts";
import { ValidationError } from "../../services/errors.ts";
import { activityKindSchema, cancelSessionSchema, exceptionSchema, feedSchema, roomSchema, seriesSchema, sessionNotesSchema, sessionSchema, venueSchema } from "../../services/schemas/schedule.ts";
import { addDays } from "../../domain/calendar.ts";
import { type Api, Created, handle, idParam, isoDate, isoDateTime, json, jsonBody, jsonInput, noContent, problems, registerInputSchemas, toJson } from "../intake/common.ts";

// The schedule: activity kinds, venues with rooms and the accessibility checklist, recurring series with
// their exceptions, one-off sessions, the schedule of a period, one session, and calendar feeds. The same
// use cases as the schedule's pages (policy, validation, audit log).

/** The schedule's tags (the intake API's test leaves these paths to the schedule's own test). */
export const SCHEDULE_TAGS = { schedule: "Schedule", venues: "Venues" } as const;

const GroupKindSchema = z.enum(["ordinary", "pre_group"]);
const ProgramRefSchema = z.object({ id: z.uuid(), name: z.string() }).openapi("ProgramRef");

const ScheduleItemSchema = z
  .object({
    ref: z.string().openapi({ description: "The session's address: its id once written down, else <seriesId>.<originalDate>." }),
    sessionId: z.uuid().nullable(),
    seriesId: z.uuid().nullable(),
    originalDate: isoDate().nullable(),
    kind: z.string(),
    title: z.string(),
    topic: z.string().nullable(),
    date: isoDate(),
    start: z.string().openapi({ example: "09:00" }),
    end: z.string().openapi({ example: "12:00" }),
    startsAt: isoDateTime(),
    endsAt: isoDateTime(),
    status: z.enum(["scheduled", "changed", "cancelled", "skipped"]),
    skippedFor: z.array(z.string()).openapi({ description: "The holidays (keys) that made it skipped." }),
    note: z.string(),
    notes: z.string(),
    venueId: z.uuid().nullable(),
    roomId: z.uuid().nullable(),
    groupKinds: z.array(GroupKindSchema),
    leaderIds: z.array(z.uuid()),
    personIds: z.array(z.uuid()).openapi({ description: "The people listed by name; empty for those who may not manage the schedule." }),
  })
  .openapi("ScheduleItem");

export const ScheduleSchema = z
  .object({
    program: ProgramRefSchema,
    from: isoDate(),
    to: isoDate(),
    items: z.array(ScheduleItemSchema),
    venues: z.record(z.string(), z.object({ id: z.uuid(), name: z.string(), address: z.string() })),
    rooms: z.record(z.string(), z.string()),
    leaders: z.record(z.string(), z.string()),
    kindLabels: z.record(z.string(), z.string()),
    topicLabels: z.record(z.string(), z.string()).openapi({ description: "The program's own topics' labels by key (archived ones too); the 7TJUGO topics are labelled by the client." }),
    holidays: z.array(z.object({ date: isoDate(), key: z.string(), name: z.string() })),
    canManage: z.boolean(),
    today: isoDate(),
  })
  .openapi("Schedule");

const ChecklistEntrySchema = z.object({ status: z.enum(["yes", "partly", "no", "unknown"]), note: z.string() });
const RoomSchema = z.object({ id: z.uuid(), name: z.string(), capacity: z.number().int().nullable(), notes: z.string(), archived: z.boolean() }).openapi("Room");
export const VenueSchema = z
  .object({
    id: z.uuid(),
    programId: z.uuid(),
    name: z.string(),
    address: z.string(),
    notes: z.string(),
    accessibility: z.record(z.string(), ChecklistEntrySchema).openapi({ description: "KRUT's checklist: every item with its status and note." }),
    rooms: z.array(RoomSchema),
    archived: z.boolean(),
  })
  .openapi("Venue");
const vocabularyEntry = () => z.object({ key: z.string(), builtIn: z.boolean(), label: z.string().nullable().openapi({ description: "Only the program's own carry a label." }), archived: z.boolean() });
const KindSchema = vocabularyEntry().openapi("ActivityKind");
const TopicSchema = vocabularyEntry().openapi("ActivityTopic");
const ExceptionSchema = z
  .object({ originalDate: isoDate(), kind: z.enum(["cancelled", "changed"]), date: isoDate().nullable(), startTime: z.string().nullable(), endTime: z.string().nullable(), venueId: z.uuid().nullable(), note: z.string() })
  .openapi("OccurrenceException");
const SeriesSchema = z
  .object({
    id: z.uuid(),
    programId: z.uuid(),
    kind: z.string(),
    title: z.string(),
    topic: z.string().nullable(),
    weekdays: z.array(z.number().int()),
    startTime: z.string(),
    endTime: z.string(),
    firstDate: isoDate(),
    lastDate: isoDate(),
    weeks: z.enum(["every", "even", "odd"]),
    skipHolidays: z.enum(["all", "public", "none"]),
    venueId: z.uuid().nullable(),
    roomId: z.uuid().nullable(),
    groupKinds: z.array(GroupKindSchema),
    leaderIds: z.array(z.uuid()),
    personIds: z.array(z.uuid()),
    notes: z.string(),
    exceptions: z.array(ExceptionSchema),
  })
  .openapi("ActivitySeries");
export const SessionPageSchema = z
  .object({
    program: ProgramRefSchema,
    item: ScheduleItemSchema,
    venue: VenueSchema.nullable(),
    room: RoomSchema.nullable(),
    leaders: z.array(z.object({ userId: z.uuid(), name: z.string() })),
    kindLabel: z.string().nullable(),
    topicLabel: z.string().nullable().openapi({ description: "The label of the program's own topic (null for a 7TJUGO one or none)." }),
    topics: z.array(TopicSchema),
    participants: z
      .array(z.object({ personId: z.uuid(), reference: z.string(), name: z.string().nullable(), via: z.enum(["ordinary", "pre_group", "listed"]) }))
      .nullable()
      .openapi({ description: "Who is expected: only for those who may take the register (staff; a volunteer leading it)." }),
    exception: ExceptionSchema.nullable(),
    canManage: z.boolean(),
    canRecord: z.boolean(),
  })
  .openapi("SessionPage");
const FeedSchema = z.object({ scope: z.enum(["mine", "ordinary", "pre_group"]), programId: z.uuid(), programName: z.string(), createdAt: isoDateTime() }).openapi("CalendarFeed");
const NewFeedSchema = z.object({ token: z.string(), path: z.string(), url: z.string() }).openapi("NewCalendarFeed");

const tags = [SCHEDULE_TAGS.schedule];
const venueTags = [SCHEDULE_TAGS.venues];
const programParam = idParam("The program's id");
const viewProblems = { 404: "No such program whose activities you may see" } as const;
const manageProblems = { 403: "Only coordinators and managers change the schedule", 404: "No such program, venue, series or session that you may see" } as const;
const twoParams = <K extends string>(name: K, description: string) =>
  z.object({ id: z.string().openapi({ param: { name: "id", in: "path" }, description: "The id" }), ...({ [name]: z.string().openapi({ param: { name, in: "path" }, description }) } as Record<K, z.ZodString>) });

const scheduleRoute = createRoute({
  method: "get",
  path: "/v1/programs/{id}/schedule",
  tags,
  summary: "The sessions of a period: series occurrences (cancelled and holiday-skipped ones too) merged with sessions written down and one-offs",
  request: {
    params: programParam,
    query: z.object({
      from: isoDate().optional().openapi({ description: "Default: today" }),
      to: isoDate().optional().openapi({ description: "Default: six days after from (at most 400 days after)" }),
      mine: z.enum(["true", "false"]).optional().openapi({ description: "Only the sessions you lead" }),
      group: GroupKindSchema.optional().openapi({ description: "Only one group's sessions" }),
    }),
  },
  responses: { 200: json(ScheduleSchema, "The schedule"), ...problems({ ...viewProblems, 422: "Invalid period" }) },
});

/** The list, add and archive routes of a vocabulary the program extends (activity kinds, topics). */
function vocabularyRoutes(path: string, field: "kinds" | "topics", entry: z.ZodType, input: string, noun: { one: string; many: string; builtIn: string }) {
  return {
    list: createRoute({ method: "get", path, tags, summary: `${noun.builtIn} and the program's own`, request: { params: programParam }, responses: { 200: json(z.object({ [field]: z.array(entry), canManage: z.boolean() } as Record<string, z.ZodType>), `The ${noun.many}`), ...problems(viewProblems) } }),
    add: createRoute({ method: "post", path, tags, summary: `Add one of the program's own ${noun.many} (its key is made from the label)`, request: { params: programParam, body: jsonInput(input) }, responses: { 201: json(z.object({ key: z.string() }), "Added"), ...problems({ ...manageProblems, 422: "Invalid fields (or the program already has one by that name)" }) } }),
    archive: createRoute({ method: "post", path: `${path}/{key}/archive`, tags, summary: `Archive one of the program's own ${noun.many}`, request: { params: twoParams("key", `The ${noun.one}'s key`) }, responses: { 204: noContent("Archived"), ...problems(manageProblems) } }),
  };
}

/** Serves a vocabulary's routes through its services. */
function registerVocabulary(
  api: Api,
  routes: ReturnType<typeof vocabularyRoutes>,
  use: {
    list: (ctx: ServiceContext, programId: string) => Promise<Record<string, unknown>>;
    add: (ctx: ServiceContext, programId: string, input: unknown) => Promise<{ key: string }>;
    archive: (ctx: ServiceContext, programId: string, key: string) => Promise<void>;
  },
) {
  api.openapi(routes.list, (c) => handle(c, async (ctx) => c.json(await use.list(ctx, c.req.valid("param").id), 200)));
  api.openapi(routes.add, (c) => handle(c, async (ctx) => c.json(await use.add(ctx, c.req.valid("param").id, await jsonBody(c)), 201)));
  api.openapi(routes.archive, (c) =>
    handle(c, async (ctx) => {
      const { id, key } = c.req.valid("param");
      await use.archive(ctx, id, key);
      return c.body(null, 204);
    }),
  );
}

const kindRoutes = vocabularyRoutes("/v1/programs/{id}/activity-kinds", "kinds", KindSchema, "ActivityKindInput", { one: "kind", many: "kinds", builtIn: "Spelplan's activity kinds" });
const topicRoutes = vocabularyRoutes("/v1/programs/{id}/topics", "topics", TopicSchema, "ActivityTopicInput", { one: "topic", many: "topics", builtIn: "The 7TJUGO session topics" });

const venuesRoute = createRoute({ method: "get", path: "/v1/programs/{id}/venues", tags: venueTags, summary: "The program's venues with rooms and accessibility checklists", request: { params: programParam }, responses: { 200: json(z.object({ venues: z.array(VenueSchema), canManage: z.boolean() }), "The venues"), ...problems(viewProblems) } });
const createVenueRoute = createRoute({ method: "post", path: "/v1/programs/{id}/venues", tags: venueTags, summary: "Add a venue", request: { params: programParam, body: jsonInput("VenueInput") }, responses: { 201: json(Created, "Added"), ...problems({ ...manageProblems, 422: "Invalid fields" }) } });
const venueRoute = createRoute({ method: "get", path: "/v1/venues/{id}", tags: venueTags, summary: "One venue", request: { params: idParam("The venue's id") }, responses: { 200: json(VenueSchema, "The venue"), ...problems({ 404: "No such venue that you may see" }) } });
const updateVenueRoute = createRoute({ method: "put", path: "/v1/venues/{id}", tags: venueTags, summary: "Change a venue (name, address, notes, the whole checklist)", request: { params: idParam("The venue's id"), body: jsonInput("VenueInput") }, responses: { 204: noContent("Saved"), ...problems({ ...manageProblems, 422: "Invalid fields" }) } });
const archiveVenueRoute = createRoute({ method: "post", path: "/v1/venues/{id}/archive", tags: venueTags, summary: "Archive a venue (no new series or sessions there; those there keep it)", request: { params: idParam("The venue's id") }, responses: { 204: noContent("Archived"), ...problems(manageProblems) } });
const addRoomRoute = createRoute({ method: "post", path: "/v1/venues/{id}/rooms", tags: venueTags, summary: "Add a room to a venue", request: { params: idParam("The venue's id"), body: jsonInput("RoomInput") }, responses: { 201: json(Created, "Added"), ...problems({ ...manageProblems, 422: "Invalid fields" }) } });
const archiveRoomRoute = createRoute({ method: "post", path: "/v1/venues/{id}/rooms/{roomId}/archive", tags: venueTags, summary: "Archive a room", request: { params: twoParams("roomId", "The room's id") }, responses: { 204: noContent("Archived"), ...problems(manageProblems) } });

const seriesListRoute = createRoute({ method: "get", path: "/v1/programs/{id}/series", tags, summary: "The program's recurring series with their exceptions", request: { params: programParam }, responses: { 200: json(z.object({ series: z.array(SeriesSchema) }), "The series"), ...problems(viewProblems) } });
const createSeriesRoute = createRoute({ method: "post", path: "/v1/programs/{id}/series", tags, summary: "Create a recurring series", request: { params: programParam, body: jsonInput("SeriesInput") }, responses: { 201: json(Created, "Created"), ...problems({ ...manageProblems, 422: "Invalid fields" }) } });
const updateSeriesRoute = createRoute({
  method: "put",
  path: "/v1/series/{id}",
  tags,
  summary: "Change a series (exceptions on dates the rule no longer gives are removed and listed)",
  request: { params: idParam("The series' id"), body: jsonInput("SeriesInput") },
  responses: { 200: json(z.object({ removedExceptions: z.array(isoDate()) }), "Saved"), ...problems({ ...manageProblems, 422: "Invalid fields" }) },
});
const setExceptionRoute = createRoute({ method: "post", path: "/v1/series/{id}/exceptions", tags, summary: "Cancel one occurrence (with a note) or change its date, time or place", request: { params: idParam("The series' id"), body: jsonInput("ExceptionInput") }, responses: { 204: noContent("Saved"), ...problems({ ...manageProblems, 422: "Invalid fields" }) } });
const removeExceptionRoute = createRoute({ method: "delete", path: "/v1/series/{id}/exceptions/{originalDate}", tags, summary: "Take an exception back", request: { params: twoParams("originalDate", "The occurrence's date by the rule") }, responses: { 204: noContent("Removed"), ...problems(manageProblems) } });

const createSessionRoute = createRoute({ method: "post", path: "/v1/programs/{id}/sessions", tags, summary: "Create a one-off session", request: { params: programParam, body: jsonInput("SessionInput") }, responses: { 201: json(Created, "Created"), ...problems({ ...manageProblems, 422: "Invalid fields" }) } });
const sessionRoute = createRoute({
  method: "get",
  path: "/v1/sessions/{id}",
  tags,
  summary: "One session (or an occurrence not yet written down, by <seriesId>.<originalDate>): time, place and checklist, leaders, groups, who is expected",
  request: { params: idParam("The session's ref") },
  responses: { 200: json(SessionPageSchema, "The session"), ...problems({ 404: "No such session that you may see" }) },
});
const sessionNotesRoute = createRoute({ method: "put", path: "/v1/sessions/{id}/notes", tags, summary: "Topic and notes (writes an occurrence down)", request: { params: idParam("The session's ref"), body: jsonInput("SessionNotesInput") }, responses: { 200: json(Created, "Saved (the session's id)"), ...problems({ ...manageProblems, 422: "Invalid fields" }) } });
const cancelSessionRoute = createRoute({ method: "post", path: "/v1/sessions/{id}/cancel", tags, summary: "Cancel a session or an occurrence", request: { params: idParam("The session's ref"), body: { required: false, content: { "application/json": { schema: { $ref: "#/components/schemas/CancelSessionInput" } } } } }, responses: { 204: noContent("Cancelled"), ...problems({ ...manageProblems, 422: "Invalid fields" }) } });

const feedsRoute = createRoute({ method: "get", path: "/v1/calendar-feeds", tags, summary: "Your active calendar feeds (their URLs are shown only when made)", responses: { 200: json(z.object({ feeds: z.array(FeedSchema) }), "The feeds"), ...problems({}) } });
const renewFeedRoute = createRoute({
  method: "post",
  path: "/v1/programs/{id}/calendar-feeds",
  tags,
  summary: "Make or renew a secret iCalendar URL (your sessions, or a group's); the old one stops working",
  request: { params: programParam, body: jsonInput("CalendarFeedInput") },
  responses: { 201: json(NewFeedSchema, "The new feed (shown once)"), ...problems({ ...viewProblems, 422: "Invalid fields" }) },
});

export function registerScheduleRoutes(api: Api) {
  registerInputSchemas(api, {
    ActivityKindInput: activityKindSchema,
    ActivityTopicInput: activityKindSchema,
    VenueInput: venueSchema,
    RoomInput: roomSchema,
    SeriesInput: seriesSchema,
    ExceptionInput: exceptionSchema,
    SessionInput: sessionSchema,
    SessionNotesInput: sessionNotesSchema,
    CancelSessionInput: cancelSessionSchema,
    CalendarFeedInput: feedSchema,
  });

  api.openapi(scheduleRoute, (c) =>
    handle(c, async (ctx) => {
      const q = c.req.valid("query");
      const from = q.from ?? isoToday(ctx.now());
      const to = q.to ?? addDays(from, 6);
      if (to < from || addDays(from, 400) < to) throw new ValidationError({ to: ["errors.invalid"] });
      const filter = { ...(q.mine === "true" ? { leaderUserId: ctx.actor.user.id } : {}), ...(q.group ? { groupKind: q.group } : {}) };
      return c.json(toJson(await schedulePage(ctx, c.req.valid("param").id, from, to, filter)), 200);
    }),
  );

  registerVocabulary(api, kindRoutes, {
    list: async (ctx, id) => {
      const { kinds, canManage } = await listKinds(ctx, id);
      return { kinds, canManage };
    },
    add: addKind,
    archive: archiveKind,
  });
  registerVocabulary(api, topicRoutes, {
    list: async (ctx, id) => {
      const { topics, canManage } = await listTopics(ctx, id);
      return { topics, canManage };
    },
    add: addTopic,
    archive: archiveTopic,
  });

  api.openapi(venuesRoute, (c) =>
    handle(c, async (ctx) => {
      const { venues, canManage } = await listVenues(ctx, c.req.valid("param").id);
      return c.json({ venues, canManage }, 200);
    }),
  );
  api.openapi(createVenueRoute, (c) =>
    handle(c, async (ctx) => {
      const { id } = await createVenue(ctx, c.req.valid("param").id, await jsonBody(c));
      c.header("Location", `/api/v1/venues/${id}`);
      return c.json({ id }, 201);
    }),
  );
  api.openapi(venueRoute, (c) => handle(c, async (ctx) => c.json((await getVenue(ctx, c.req.valid("param").id)).venue, 200)));
  api.openapi(updateVenueRoute, (c) =>
    handle(c, async (ctx) => {
      await updateVenue(ctx, c.req.valid("param").id, await jsonBody(c));
      return c.body(null, 204);
    }),
  );
  api.openapi(archiveVenueRoute, (c) =>
    handle(c, async (ctx) => {
      await archiveVenue(ctx, c.req.valid("param").id);
      return c.body(null, 204);
    }),
  );
  api.openapi(addRoomRoute, (c) => handle(c, async (ctx) => c.json(await addRoom(ctx, c.req.valid("param").id, await jsonBody(c)), 201)));
  api.openapi(archiveRoomRoute, (c) =>
    handle(c, async (ctx) => {
      const { id, roomId } = c.req.valid("param");
      await archiveRoom(ctx, id, roomId);
      return c.body(null, 204);
    }),
  );

  api.openapi(seriesListRoute, (c) => handle(c, async (ctx) => c.json({ series: await listSeries(ctx, c.req.valid("param").id) }, 200)));
  api.openapi(createSeriesRoute, (c) =>
    handle(c, async (ctx) => {
      const { id } = await createSeries(ctx, c.req.valid("param").id, await jsonBody(c));
      return c.json({ id }, 201);
    }),
  );
  api.openapi(updateSeriesRoute, (c) => handle(c, async (ctx) => c.json(await updateSeries(ctx, c.req.valid("param").id, await jsonBody(c)), 200)));
  api.openapi(setExceptionRoute, (c) =>
    handle(c, async (ctx) => {
      await setException(ctx, c.req.valid("param").id, await jsonBody(c));
      return c.body(null, 204);
    }),
  );
  api.openapi(removeExceptionRoute, (c) =>
    handle(c, async (ctx) => {
      const { id, originalDate } = c.req.valid("param");
      await removeException(ctx, id, originalDate);
      return c.body(null, 204);
    }),
  );

  api.openapi(createSessionRoute, (c) =>
    handle(c, async (ctx) => {
      const { id } = await createSession(ctx, c.req.valid("param").id, await jsonBody(c));
      c.header("Location", `/api/v1/sessions/${id}`);
      return c.json({ id }, 201);
    }),
  );
  api.openapi(sessionRoute, (c) => handle(c, async (ctx) => c.json(toJson(await sessionPage(ctx, c.req.valid("param").id)), 200)));
  api.openapi(sessionNotesRoute, (c) => handle(c, async (ctx) => c.json(await updateSessionNotes(ctx, c.req.valid("param").id, await jsonBody(c)), 200)));
  api.openapi(cancelSessionRoute, (c) =>
    handle(c, async (ctx) => {
      await cancelSession(ctx, c.req.valid("param").id, await jsonBody(c));
      return c.body(null, 204);
    }),
  );

  api.openapi(feedsRoute, (c) => handle(c, async (ctx) => c.json(toJson({ feeds: await myFeeds(ctx) }), 200)));
  api.openapi(renewFeedRoute, (c) =>
    handle(c, async (ctx) => {
      const { token, path } = await renewFeed(ctx, c.req.valid("param").id, await jsonBody(c));
      return c.json({ token, path, url: new URL(path, ctx.publicUrl).toString() }, 201);
    }),
  );
}
