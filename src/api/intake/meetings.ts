import { createRoute, z } from "@hono/zod-openapi";
import { AGE_BANDS, OUTCOMES } from "../../domain/intake.ts";
import { SEXES } from "../../domain/person.ts";
import { LOCALES } from "../../i18n/index.ts";
import { createConsultation, getConsultation, listConsultations, withdrawConsultation } from "../../services/consultations.ts";
import {
  adviseConsultation,
  assessRequest,
  createMeeting,
  getMeeting,
  getMeetingSettings,
  listMeetings,
  moveAgendaItem,
  recordAttendance,
  setMeetingSettings,
  setMeetingStatus,
  teamCaseCount,
} from "../../services/meetings.ts";
import { meetingMinutesPdf } from "../../services/minutes.ts";
import { consultationSchema } from "../../services/schemas/intake.ts";
import { adviceSchema, assessmentSchema, attendanceSchema, meetingSchema, meetingSettingsSchema } from "../../services/schemas/meeting.ts";
import { type Api, attachment, Created, handle, idParam, isoDate, isoDateTime, json, jsonBody, jsonInput, noContent, oneOf, problems, registerInputSchemas, toJson } from "./common.ts";
import { EligibilitySchema } from "./requests.ts";

// Consultations and the collaboration team's meetings: the same use cases as the meeting pages. What a
// reader sees of each agenda item follows the policy (consent decides for the team's members).

const MEETING_STATUSES = ["planned", "held", "cancelled"] as const;
const CONSULTATION_STATUSES = ["submitted", "answered", "withdrawn"] as const;

export const ConsultationSchema = z
  .object({
    id: z.uuid(),
    programId: z.uuid(),
    programName: z.string(),
    ageBand: z.enum(AGE_BANDS),
    sex: oneOf(SEXES),
    situation: z.string(),
    question: z.string(),
    status: z.enum(CONSULTATION_STATUSES),
    advice: z.string(),
    answeredAt: isoDateTime().nullable(),
    author: z.string(),
    authority: z.string().nullable(),
    createdAt: isoDateTime(),
    meetingDate: isoDate().nullable(),
    meetingId: z.uuid().nullable().openapi({ description: "The meeting it is on (or was answered at); null if you may not open meetings." }),
    canWithdraw: z.boolean(),
    mine: z.boolean(),
  })
  .openapi("Consultation");

const MeetingSummarySchema = z
  .object({
    id: z.uuid(),
    date: isoDate(),
    startTime: z.string(),
    endTime: z.string(),
    location: z.string(),
    status: z.enum(MEETING_STATUSES),
    items: z.number().int().openapi({ description: "Items on the agenda." }),
  })
  .openapi("MeetingSummary");

const answer = z.boolean().nullable().openapi({ description: "true: yes; false: no; null: not answered." });

export const AgendaItemSchema = z
  .object({
    id: z.uuid(),
    position: z.number().int(),
    kind: z.enum(["request", "consultation"]),
    hidden: z.boolean().openapi({ description: "True when you may not see the item's content (the person's consent does not cover your authority)." }),
    requestId: z.uuid().nullable(),
    consultationId: z.uuid().nullable(),
    personName: z.string().nullable(),
    personReference: z.string().nullable(),
    referrer: z.string().nullable(),
    authority: z.string().nullable(),
    eligibility: EligibilitySchema.nullable(),
    status: z.string().openapi({ description: "The request's or consultation's status now." }),
    assessment: z
      .object({
        ownOptionsTried: answer,
        ableWithSupport: answer,
        wantsToTakePart: answer,
        outcome: z.enum(OUTCOMES),
        recommendation: z.string(),
        postponeReason: z.string(),
        place: z.enum(["ordinary", "pre_group", "waiting"]).nullable(),
      })
      .nullable(),
    consultation: z
      .object({ ageBand: z.enum(AGE_BANDS), sex: oneOf(SEXES), situation: z.string(), question: z.string(), advice: z.string(), status: z.string() })
      .nullable(),
  })
  .openapi("AgendaItem");

export const MeetingSchema = MeetingSummarySchema.extend({
  programId: z.uuid(),
  programName: z.string(),
  notes: z.string(),
  attendance: z.array(z.object({ userId: z.uuid(), name: z.string(), authority: z.string(), present: z.boolean().nullable() })),
  agenda: z.array(AgendaItemSchema),
  permissions: z.object({ manage: z.boolean(), decide: z.boolean() }),
  nextMeeting: z.object({ id: z.uuid(), date: isoDate() }).nullable(),
}).openapi("Meeting");

const MeetingSettingsSchema = z
  .object({ anchor: isoDate(), intervalWeeks: z.number().int(), startTime: z.string(), durationMinutes: z.number().int(), location: z.string() })
  .openapi("MeetingSettings");

const consultationTags = ["Consultations"];
const meetingTags = ["Collaboration team meetings"];
const programParam = idParam("The program's id");
const meetingParam = idParam("The meeting's id");
const itemParam = idParam("The agenda item's id");
const consultationParam = idParam("The consultation's id");

const listConsultationsRoute = createRoute({
  method: "get",
  path: "/v1/consultations",
  tags: consultationTags,
  summary: "The consultations you may see",
  description: "Your own; for the program's staff and the team, the program's.",
  responses: {
    200: json(z.object({ items: z.array(ConsultationSchema) }), "The consultations, newest first"),
    ...problems({ 403: "Your roles never allow consultations" }),
  },
});

const createConsultationRoute = createRoute({
  method: "post",
  path: "/v1/consultations",
  tags: consultationTags,
  summary: "Bring a case to the team for advice, without saying who the person is",
  description: "It goes on the agenda of the next planned meeting. The texts must not contain an identity number.",
  request: { body: jsonInput("ConsultationInput") },
  responses: {
    201: json(Created, "Sent"),
    ...problems({ 403: "Your roles never allow consultations", 422: "Invalid fields" }),
  },
});

const getConsultationRoute = createRoute({
  method: "get",
  path: "/v1/consultations/{id}",
  tags: consultationTags,
  summary: "One consultation, with the team's advice once given",
  request: { params: consultationParam },
  responses: {
    200: json(ConsultationSchema, "The consultation"),
    ...problems({ 404: "No such consultation that you may see" }),
  },
});

const withdrawConsultationRoute = createRoute({
  method: "post",
  path: "/v1/consultations/{id}/withdraw",
  tags: consultationTags,
  summary: "Take back a consultation the team has not answered",
  request: { params: consultationParam },
  responses: {
    204: noContent("Withdrawn"),
    ...problems({ 404: "No such consultation that you may see", 422: "Not yours, or already answered" }),
  },
});

const listMeetingsRoute = createRoute({
  method: "get",
  path: "/v1/programs/{id}/meetings",
  tags: meetingTags,
  summary: "The program's team meetings: coming and past",
  request: { params: programParam },
  responses: {
    200: json(z.object({ upcoming: z.array(MeetingSummarySchema), past: z.array(MeetingSummarySchema), canManage: z.boolean() }), "The meetings"),
    ...problems({ 403: "Your roles do not allow seeing the team's meetings", 404: "No such program" }),
  },
});

const createMeetingRoute = createRoute({
  method: "post",
  path: "/v1/programs/{id}/meetings",
  tags: meetingTags,
  summary: "Plan a single meeting outside the cadence",
  request: { params: programParam, body: jsonInput("MeetingInput") },
  responses: {
    201: json(Created, "Planned"),
    ...problems({ 403: "Only the program's staff plan meetings", 404: "No such program", 422: "Invalid fields, or there is a meeting that day" }),
  },
});

const getSettingsRoute = createRoute({
  method: "get",
  path: "/v1/programs/{id}/meeting-settings",
  tags: meetingTags,
  summary: "The team's meeting cadence",
  request: { params: programParam },
  responses: {
    200: json(z.object({ settings: MeetingSettingsSchema.nullable() }), "The cadence (null when none is set)"),
    ...problems({ 403: "Your roles do not allow seeing the team's meetings", 404: "No such program" }),
  },
});

const setSettingsRoute = createRoute({
  method: "put",
  path: "/v1/programs/{id}/meeting-settings",
  tags: meetingTags,
  summary: "Set the team's meeting cadence; the meetings of the coming half year are planned by it",
  request: { params: programParam, body: jsonInput("MeetingSettingsInput") },
  responses: {
    200: json(z.object({ planned: z.number().int().openapi({ description: "Meetings added." }) }), "Saved"),
    ...problems({ 403: "Only the program's staff plan meetings", 404: "No such program", 422: "Invalid fields" }),
  },
});

const caseCountRoute = createRoute({
  method: "get",
  path: "/v1/programs/{id}/team-cases",
  tags: meetingTags,
  summary: "Cases the team has handled in a year (decided requests and answered consultations) against its goal",
  request: { params: programParam, query: z.object({ year: z.coerce.number().int().min(2000).max(2100).optional() }) },
  responses: {
    200: json(
      z.object({ year: z.number().int(), goal: z.number().int(), requests: z.number().int(), consultations: z.number().int(), total: z.number().int() }).openapi("TeamCaseCount"),
      "The count",
    ),
    ...problems({ 403: "Your roles do not allow seeing the team's meetings", 404: "No such program", 422: "Invalid query" }),
  },
});

const getMeetingRoute = createRoute({
  method: "get",
  path: "/v1/meetings/{id}",
  tags: meetingTags,
  summary: "One meeting with attendance and agenda, as you may see it (the read is recorded in the audit log)",
  request: { params: meetingParam },
  responses: {
    200: json(MeetingSchema, "The meeting"),
    ...problems({ 403: "Your roles do not allow seeing the team's meetings", 404: "No such meeting" }),
  },
});

const meetingStatusRoute = createRoute({
  method: "patch",
  path: "/v1/meetings/{id}",
  tags: meetingTags,
  summary: "Mark a meeting held, or cancel it (what was not dealt with moves to the next meeting)",
  request: {
    params: meetingParam,
    body: { required: true, content: { "application/json": { schema: z.object({ status: z.enum(MEETING_STATUSES) }).openapi("MeetingStatus") } } },
  },
  responses: {
    204: noContent("Saved"),
    ...problems({ 403: "Only the program's staff manage meetings", 404: "No such meeting", 415: "Not JSON", 422: "Invalid status" }),
  },
});

const attendanceRoute = createRoute({
  method: "put",
  path: "/v1/meetings/{id}/attendance",
  tags: meetingTags,
  summary: "Record which of the team's members took part",
  description: "present: the user ids of the members present; the other members are recorded absent.",
  request: { params: meetingParam, body: jsonInput("AttendanceInput") },
  responses: {
    204: noContent("Saved"),
    ...problems({ 403: "Your roles do not allow recording the meeting", 404: "No such meeting", 422: "Invalid fields" }),
  },
});

const minutesRoute = createRoute({
  method: "get",
  path: "/v1/meetings/{id}/minutes",
  tags: meetingTags,
  summary: "The minutes as a PDF, listing only what you may see (recorded in the audit log)",
  request: {
    params: meetingParam,
    query: z.object({ lang: z.enum(LOCALES).optional().openapi({ description: "The language of the minutes; default your own." }) }),
  },
  responses: {
    200: { description: "The minutes", content: { "application/pdf": { schema: { type: "string", contentMediaType: "application/pdf" } } } },
    ...problems({ 403: "Your roles do not allow seeing the team's meetings", 404: "No such meeting", 422: "Invalid query" }),
  },
});

const assessRoute = createRoute({
  method: "post",
  path: "/v1/agenda-items/{id}/assessment",
  tags: meetingTags,
  summary: "The team's answers to the three questions and its decision about a request",
  description:
    "accept: a place in the ordinary group if one is free, else the pre-group or the list. not_ready: the recommendation " +
    "goes back to the referring officer. postpone: the request moves to the next meeting, with the reason.",
  request: { params: itemParam, body: jsonInput("AssessmentInput") },
  responses: {
    200: json(
      z.object({ outcome: z.enum(OUTCOMES), place: oneOf(["ordinary", "pre_group", "waiting"]).nullable().openapi({ description: "Where an accepted person got a place." }) }),
      "Decided",
    ),
    ...problems({
      403: "Your roles do not allow deciding, or the person's consent does not cover your authority",
      404: "No such agenda item, or it is not a request",
      422: "Invalid fields, or the request is not open for a decision",
    }),
  },
});

const adviceRoute = createRoute({
  method: "post",
  path: "/v1/agenda-items/{id}/advice",
  tags: meetingTags,
  summary: "The team's advice on a consultation (returned to the officer who asked)",
  request: { params: itemParam, body: jsonInput("AdviceInput") },
  responses: {
    204: noContent("Saved"),
    ...problems({ 403: "Your roles do not allow deciding", 404: "No such agenda item, or it is not a consultation", 422: "Invalid fields, or the consultation was withdrawn" }),
  },
});

const moveRoute = createRoute({
  method: "post",
  path: "/v1/agenda-items/{id}/move",
  tags: meetingTags,
  summary: "Move an item up or down the agenda, or to the next planned meeting",
  request: {
    params: itemParam,
    body: { required: true, content: { "application/json": { schema: z.object({ direction: z.enum(["up", "down", "next"]) }).openapi("AgendaMove") } } },
  },
  responses: {
    204: noContent("Moved"),
    ...problems({ 403: "Only the program's staff arrange the agenda", 404: "No such agenda item", 415: "Not JSON", 422: "Invalid direction, or no next meeting is planned" }),
  },
});

export function registerMeetingRoutes(api: Api) {
  registerInputSchemas(api, {
    ConsultationInput: consultationSchema,
    MeetingInput: meetingSchema,
    MeetingSettingsInput: meetingSettingsSchema,
    AttendanceInput: attendanceSchema,
    AssessmentInput: assessmentSchema,
    AdviceInput: adviceSchema,
  });

  api.openapi(listConsultationsRoute, (c) => handle(c, async (ctx) => c.json({ items: toJson(await listConsultations(ctx)) }, 200)));

  api.openapi(createConsultationRoute, (c) =>
    handle(c, async (ctx) => {
      const { id } = await createConsultation(ctx, await jsonBody(c));
      c.header("Location", `/api/v1/consultations/${id}`);
      return c.json({ id }, 201);
    }),
  );

  api.openapi(getConsultationRoute, (c) => handle(c, async (ctx) => c.json(toJson(await getConsultation(ctx, c.req.valid("param").id)), 200)));

  api.openapi(withdrawConsultationRoute, (c) =>
    handle(c, async (ctx) => {
      await withdrawConsultation(ctx, c.req.valid("param").id);
      return c.body(null, 204);
    }),
  );

  api.openapi(listMeetingsRoute, (c) => handle(c, async (ctx) => c.json(await listMeetings(ctx, c.req.valid("param").id), 200)));

  api.openapi(createMeetingRoute, (c) =>
    handle(c, async (ctx) => {
      const { id } = await createMeeting(ctx, c.req.valid("param").id, await jsonBody(c));
      c.header("Location", `/api/v1/meetings/${id}`);
      return c.json({ id }, 201);
    }),
  );

  api.openapi(getSettingsRoute, (c) => handle(c, async (ctx) => c.json({ settings: await getMeetingSettings(ctx, c.req.valid("param").id) }, 200)));

  api.openapi(setSettingsRoute, (c) => handle(c, async (ctx) => c.json(await setMeetingSettings(ctx, c.req.valid("param").id, await jsonBody(c)), 200)));

  api.openapi(caseCountRoute, (c) => handle(c, async (ctx) => c.json(await teamCaseCount(ctx, c.req.valid("param").id, c.req.valid("query").year), 200)));

  api.openapi(getMeetingRoute, (c) => handle(c, async (ctx) => c.json(toJson(await getMeeting(ctx, c.req.valid("param").id)), 200)));

  api.openapi(meetingStatusRoute, (c) =>
    handle(c, async (ctx) => {
      await setMeetingStatus(ctx, c.req.valid("param").id, c.req.valid("json").status);
      return c.body(null, 204);
    }),
  );

  api.openapi(attendanceRoute, (c) =>
    handle(c, async (ctx) => {
      await recordAttendance(ctx, c.req.valid("param").id, await jsonBody(c));
      return c.body(null, 204);
    }),
  );

  api.openapi(minutesRoute, (c) =>
    handle(c, async (ctx) => {
      const { fileName, pdf } = await meetingMinutesPdf(ctx, c.req.valid("param").id, c.req.valid("query").lang ?? c.var.t.locale);
      return c.body(new Uint8Array(pdf), 200, { "Content-Type": "application/pdf", "Content-Disposition": attachment(fileName) });
    }),
  );

  api.openapi(assessRoute, (c) => handle(c, async (ctx) => c.json(await assessRequest(ctx, c.req.valid("param").id, await jsonBody(c)), 200)));

  api.openapi(adviceRoute, (c) =>
    handle(c, async (ctx) => {
      await adviseConsultation(ctx, c.req.valid("param").id, await jsonBody(c));
      return c.body(null, 204);
    }),
  );

  api.openapi(moveRoute, (c) =>
    handle(c, async (ctx) => {
      await moveAgendaItem(ctx, c.req.valid("param").id, c.req.valid("json").direction);
      return c.body(null, 204);
    }),
  );
}
