import { createRoute, z } from "@hono/zod-openapi";
import { cancelFollowUp, followUpPage, followUpsPage, holdFollowUp, scheduleFollowUp } from "../../services/followups.ts";
import { followUpCancelSchema, followUpHoldSchema, followUpScheduleSchema } from "../../services/schemas/exits.ts";
import { type Api, Created, handle, isoDate, isoDateTime, json, jsonBody, jsonInput, noContent, problems, ref, registerInputSchemas, toJson } from "../intake/common.ts";
import { AttendeeCandidateSchema, AttendeeSchema, DueStateSchema, enrolmentAnd, enrolmentParam, JOURNEY_TAGS, JourneyHeaderSchema } from "./shared.ts";

// Follow-up meetings of the participant, the coordinator and the referring officer (by default every eight
// weeks): booked, documented when held, or cancelled. The same use cases as the follow-up pages.

const FollowUpSchema = z
  .object({
    id: z.uuid(),
    plannedDate: isoDate(),
    plannedTime: z.string().nullable().openapi({ example: "10:00" }),
    place: z.string(),
    status: z.enum(["planned", "held", "cancelled"]),
    heldOn: isoDate().nullable(),
    attendees: z.array(AttendeeSchema).openapi({ description: "Invited; once held, who came." }),
    notes: z.string(),
    remindedAt: isoDateTime().nullable(),
    due: DueStateSchema.nullable().openapi({ description: "Where a planned one stands today." }),
  })
  .openapi("FollowUp");

export const FollowUpsSchema = z
  .object({
    header: JourneyHeaderSchema,
    coming: z.array(FollowUpSchema).openapi({ description: "Still planned, the earliest first." }),
    held: z.array(FollowUpSchema).openapi({ description: "Held, the latest first." }),
    cancelled: z.array(FollowUpSchema),
    next: z.object({ date: isoDate(), booked: z.boolean(), state: DueStateSchema }).openapi({ description: "The one booked, or when one should be held by." }),
    proposedDate: isoDate(),
    candidates: z.array(AttendeeCandidateSchema).openapi({ description: "Who can be invited (the values for attendees)." }),
    canManage: z.boolean(),
    canSchedule: z.boolean().openapi({ description: "Booking is closed once the exit is recorded." }),
    today: isoDate(),
  })
  .openapi("FollowUps");

export const FollowUpPageSchema = z
  .object({
    header: JourneyHeaderSchema,
    followUp: FollowUpSchema,
    candidates: z.array(AttendeeCandidateSchema),
    invited: z.object({ choices: z.array(z.string()), others: z.string() }).openapi({ description: "Who was invited, as attendees and otherAttendees." }),
    canManage: z.boolean(),
    today: isoDate(),
  })
  .openapi("FollowUpPage");

const tags = [JOURNEY_TAGS.followUps];
const followUpParams = enrolmentAnd("followUpId", "The follow-up's id");
const manageProblems = { 403: "Only the program's staff book and document follow-ups", 404: "No such enrolment or follow-up" } as const;

const listRoute = createRoute({
  method: "get",
  path: "/v1/enrolments/{id}/follow-ups",
  tags,
  summary: "The follow-up meetings, coming and held, with the next one proposed (recorded in the audit log)",
  request: { params: enrolmentParam },
  responses: {
    200: json(FollowUpsSchema, "The follow-ups"),
    ...problems({ 403: "You may not see the participant's journey", 404: "No such enrolment that you may see" }),
  },
});

const scheduleRoute = createRoute({
  method: "post",
  path: "/v1/enrolments/{id}/follow-ups",
  tags,
  summary: "Book a follow-up meeting (the staff invited are told)",
  request: { params: enrolmentParam, body: jsonInput("FollowUpScheduleInput") },
  responses: { 201: json(Created, "Booked"), ...problems({ ...manageProblems, 422: "Invalid fields, or the participant has left (formErrors)" }) },
});

const oneRoute = createRoute({
  method: "get",
  path: "/v1/enrolments/{id}/follow-ups/{followUpId}",
  tags,
  summary: "One follow-up meeting: its booking, and its documentation once held",
  request: { params: followUpParams },
  responses: {
    200: json(FollowUpPageSchema, "The follow-up"),
    ...problems({ 403: "You may not see the participant's journey", 404: "No such enrolment or follow-up" }),
  },
});

const holdRoute = createRoute({
  method: "post",
  path: "/v1/enrolments/{id}/follow-ups/{followUpId}/hold",
  tags,
  summary: "Document a held follow-up: when, who came, and notes",
  request: { params: followUpParams, body: jsonInput("FollowUpHoldInput") },
  responses: { 204: noContent("Documented"), ...problems({ ...manageProblems, 422: "Invalid fields, or it is no longer planned" }) },
});

const cancelRoute = createRoute({
  method: "post",
  path: "/v1/enrolments/{id}/follow-ups/{followUpId}/cancel",
  tags,
  summary: "Cancel a planned follow-up (the staff who were told are told again)",
  request: { params: followUpParams, body: { required: false, content: { "application/json": { schema: ref("FollowUpCancelInput") } } } },
  responses: { 204: noContent("Cancelled"), ...problems({ ...manageProblems, 422: "Invalid fields, or it is no longer planned" }) },
});

export function registerFollowUpRoutes(api: Api) {
  registerInputSchemas(api, { FollowUpScheduleInput: followUpScheduleSchema, FollowUpHoldInput: followUpHoldSchema, FollowUpCancelInput: followUpCancelSchema });

  api.openapi(listRoute, (c) => handle(c, async (ctx) => c.json(toJson(await followUpsPage(ctx, c.req.valid("param").id)), 200)));

  api.openapi(scheduleRoute, (c) =>
    handle(c, async (ctx) => {
      const enrolmentId = c.req.valid("param").id;
      const { id } = await scheduleFollowUp(ctx, enrolmentId, await jsonBody(c));
      c.header("Location", `/api/v1/enrolments/${enrolmentId}/follow-ups/${id}`);
      return c.json({ id }, 201);
    }),
  );

  api.openapi(oneRoute, (c) =>
    handle(c, async (ctx) => {
      const { id, followUpId } = c.req.valid("param");
      return c.json(toJson(await followUpPage(ctx, id, followUpId)), 200);
    }),
  );

  api.openapi(holdRoute, (c) =>
    handle(c, async (ctx) => {
      const { id, followUpId } = c.req.valid("param");
      await holdFollowUp(ctx, id, followUpId, await jsonBody(c));
      return c.body(null, 204);
    }),
  );

  api.openapi(cancelRoute, (c) =>
    handle(c, async (ctx) => {
      const { id, followUpId } = c.req.valid("param");
      await cancelFollowUp(ctx, id, followUpId, await jsonBody(c));
      return c.body(null, 204);
    }),
  );
}
