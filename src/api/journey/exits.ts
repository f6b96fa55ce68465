import { createRoute, z } from "@hono/zod-openapi";
import { EXIT_KINDS, EXIT_OCCUPATIONS, EXIT_REASONS, NINETY_DAY_OUTCOMES } from "../../domain/exit.ts";
import { answerNinetyDay, endPassivePhase, exitPage, ninetyDayDueList, recordExit, startPassivePhase } from "../../services/exits.ts";
import { exitSchema, ninetyDaySchema, passiveEndSchema, passiveStartSchema } from "../../services/schemas/exits.ts";
import { type Api, Created, handle, idParam, isoDate, isoDateTime, json, jsonBody, jsonInput, noContent, problems, registerInputSchemas, toJson } from "../intake/common.ts";
import { AttendeeCandidateSchema, AttendeeSchema, DUE_STATES, enrolmentParam, JOURNEY_TAGS, JourneyHeaderSchema } from "./shared.ts";

// The exit and what follows it: the passive phase and the 90-day follow-up. The same use cases as the
// exit page. "According to plan" needs an accepted final plan (see the plan's endpoints).

const PASSIVE_REASONS = ["after_exit", "past_planned_end"] as const;

const ExitSchema = z
  .object({
    id: z.uuid(),
    exitDate: isoDate(),
    kind: z.enum(EXIT_KINDS),
    reason: z.enum(EXIT_REASONS),
    occupation: z.enum(EXIT_OCCUPATIONS),
    incomeSource: z.string(),
    meetingDate: isoDate().nullable(),
    meetingAttendees: z.array(AttendeeSchema),
    finalPlanVersion: z.number().int().nullable().openapi({ description: "The accepted final plan's version at the exit, if there was one." }),
    note: z.string(),
    recordedBy: z.string(),
    recordedAt: isoDateTime(),
  })
  .openapi("Exit");

const PassivePhaseSchema = z
  .object({ id: z.uuid(), startedOn: isoDate(), endedOn: isoDate().nullable(), reason: z.enum(PASSIVE_REASONS), note: z.string() })
  .openapi("PassivePhase");

export const ExitPageSchema = z
  .object({
    header: JourneyHeaderSchema,
    coordinatorName: z.string(),
    incomeSourceAtStart: z.string(),
    finalPlan: z
      .object({ version: z.number().int(), acceptedOn: isoDate() })
      .nullable()
      .openapi({ description: "The accepted final plan, if there is one (according_to_plan needs it)." }),
    planPath: z.string().openapi({ description: "Where the plan is written and accepted in the web interface." }),
    exit: ExitSchema.nullable(),
    passivePhases: z.array(PassivePhaseSchema),
    openPassivePhase: PassivePhaseSchema.nullable(),
    canStartPassive: z.boolean(),
    ninetyDay: z
      .object({
        dueOn: isoDate(),
        state: z.enum([...DUE_STATES, "answered"]),
        answeredOn: isoDate().nullable(),
        outcome: z.enum(NINETY_DAY_OUTCOMES).nullable(),
        note: z.string(),
      })
      .nullable()
      .openapi({ description: "Created by the exit." }),
    candidates: z.array(AttendeeCandidateSchema).openapi({ description: "Who can be named as at the exit meeting (the values for meetingAttendees)." }),
    plannedFollowUps: z.number().int(),
    canManage: z.boolean(),
    today: isoDate(),
  })
  .openapi("ExitPage");

export const NinetyDayDueSchema = z
  .object({
    enrolmentId: z.uuid(),
    personId: z.uuid(),
    reference: z.string(),
    name: z.string().nullable().openapi({ description: "Null when masked." }),
    coordinatorId: z.uuid(),
    coordinatorName: z.string(),
    exitDate: isoDate(),
    dueOn: isoDate(),
    state: z.enum(["due", "overdue"]),
  })
  .openapi("NinetyDayDue");

const tags = [JOURNEY_TAGS.exit];
const manageProblems = { 403: "Only the program's staff record the exit and what follows", 404: "No such enrolment that you may see" } as const;

const exitPageRoute = createRoute({
  method: "get",
  path: "/v1/enrolments/{id}/exit",
  tags,
  summary: "The exit: what the form needs before it, the summary, the passive phase and the 90-day follow-up after (recorded in the audit log)",
  request: { params: enrolmentParam },
  responses: {
    200: json(ExitPageSchema, "The exit"),
    ...problems({ 403: "You may not see the participant's journey", 404: "No such enrolment that you may see" }),
  },
});

const recordExitRoute = createRoute({
  method: "post",
  path: "/v1/enrolments/{id}/exit",
  tags,
  summary: "Record the exit (ends the enrolment and the place, cancels later follow-ups, creates the 90-day follow-up)",
  description: "The reason according_to_plan needs an accepted final plan: without one the answer is 422 at reason (exit.errors.needsAcceptedFinalPlan).",
  request: { params: enrolmentParam, body: jsonInput("ExitInput") },
  responses: { 201: json(Created, "Recorded"), ...problems({ ...manageProblems, 422: "Invalid fields, or an exit is recorded already" }) },
});

const passiveStartRoute = createRoute({
  method: "post",
  path: "/v1/enrolments/{id}/passive-phase/start",
  tags,
  summary: "Start a passive phase: after the exit, or past the planned end of the enrolment",
  request: { params: enrolmentParam, body: jsonInput("PassivePhaseStartInput") },
  responses: { 201: json(Created, "Started"), ...problems({ ...manageProblems, 422: "Invalid fields, not possible now, or one is open already" }) },
});

const passiveEndRoute = createRoute({
  method: "post",
  path: "/v1/enrolments/{id}/passive-phase/end",
  tags,
  summary: "End the open passive phase",
  request: { params: enrolmentParam, body: jsonInput("PassivePhaseEndInput") },
  responses: { 204: noContent("Ended"), ...problems({ ...manageProblems, 422: "Invalid fields, or none is open" }) },
});

const ninetyDayRoute = createRoute({
  method: "post",
  path: "/v1/enrolments/{id}/ninety-day",
  tags,
  summary: "Answer the 90-day follow-up once it is due",
  request: { params: enrolmentParam, body: jsonInput("NinetyDayInput") },
  responses: { 204: noContent("Answered"), ...problems({ ...manageProblems, 422: "Invalid fields; no exit, not due yet, or answered already (formErrors)" }) },
});

const ninetyDayDueRoute = createRoute({
  method: "get",
  path: "/v1/programs/{id}/ninety-day-due",
  tags,
  summary: "The program's 90-day follow-ups that are due or overdue and not answered, the oldest first (recorded in the audit log)",
  request: { params: idParam("The program's id") },
  responses: {
    200: json(z.object({ items: z.array(NinetyDayDueSchema) }), "The follow-ups due"),
    ...problems({ 403: "You have no caseload in the program", 404: "No such program" }),
  },
});

export function registerExitRoutes(api: Api) {
  registerInputSchemas(api, { ExitInput: exitSchema, PassivePhaseStartInput: passiveStartSchema, PassivePhaseEndInput: passiveEndSchema, NinetyDayInput: ninetyDaySchema });

  api.openapi(exitPageRoute, (c) => handle(c, async (ctx) => c.json(toJson(await exitPage(ctx, c.req.valid("param").id)), 200)));

  api.openapi(recordExitRoute, (c) =>
    handle(c, async (ctx) => {
      const enrolmentId = c.req.valid("param").id;
      const { id } = await recordExit(ctx, enrolmentId, await jsonBody(c));
      c.header("Location", `/api/v1/enrolments/${enrolmentId}/exit`);
      return c.json({ id }, 201);
    }),
  );

  api.openapi(passiveStartRoute, (c) =>
    handle(c, async (ctx) => {
      const enrolmentId = c.req.valid("param").id;
      const { id } = await startPassivePhase(ctx, enrolmentId, await jsonBody(c));
      c.header("Location", `/api/v1/enrolments/${enrolmentId}/exit`);
      return c.json({ id }, 201);
    }),
  );

  api.openapi(passiveEndRoute, (c) =>
    handle(c, async (ctx) => {
      await endPassivePhase(ctx, c.req.valid("param").id, await jsonBody(c));
      return c.body(null, 204);
    }),
  );

  api.openapi(ninetyDayRoute, (c) =>
    handle(c, async (ctx) => {
      await answerNinetyDay(ctx, c.req.valid("param").id, await jsonBody(c));
      return c.body(null, 204);
    }),
  );

  api.openapi(ninetyDayDueRoute, (c) => handle(c, async (ctx) => c.json({ items: toJson(await ninetyDayDueList(ctx, c.req.valid("param").id)) }, 200)));
}
