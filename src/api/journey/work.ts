import { createRoute, z } from "@hono/zod-openapi";
import { WORK_KINDS, WORK_SCOPES } from "../../domain/work.ts";
import { endWorkSchema, workPlacementSchema } from "../../services/schemas/journal.ts";
import { addWork, endWork, getWork } from "../../services/work.ts";
import { type Api, Created, handle, isoDate, json, jsonBody, jsonInput, noContent, problems, registerInputSchemas, toJson } from "../intake/common.ts";
import { enrolmentAnd, enrolmentParam, JOURNEY_TAGS, ParticipantSchema } from "./shared.ts";

// Supported Employment: the participant's work placements and jobs, and what they add up to (days to the
// first job, hours per week now, weeks worked). The same use cases as the work page.

const PlacementSchema = z
  .object({
    id: z.uuid(),
    employer: z.string(),
    kind: z.enum(WORK_KINDS),
    startDate: isoDate(),
    endDate: isoDate().nullable().openapi({ description: "The last day; null while it goes on." }),
    hoursPerWeek: z.number(),
    note: z.string(),
    ongoing: z.boolean().openapi({ description: "Going on today." }),
    upcoming: z.boolean().openapi({ description: "Has not begun yet." }),
    canEnd: z.boolean().openapi({ description: "Can still be ended (no end date, or one still to come)." }),
  })
  .openapi("WorkPlacement");

const ScopeMeasuresSchema = z.object({
  firstStart: isoDate().nullable(),
  daysToFirst: z.number().int().nullable().openapi({ description: "Days from the enrolment's start to firstStart." }),
  hoursPerWeekNow: z.number(),
  weeksWorked: z.number(),
  workingNow: z.boolean(),
});

export const WorkSchema = z
  .object({
    enrolmentId: z.uuid(),
    participant: ParticipantSchema,
    programName: z.string(),
    enrolmentStart: isoDate(),
    placements: z.array(PlacementSchema).openapi({ description: "The latest start first." }),
    measures: z
      .object(Object.fromEntries(WORK_SCOPES.map((s) => [s, ScopeMeasuresSchema])) as Record<(typeof WORK_SCOPES)[number], typeof ScopeMeasuresSchema>)
      .openapi({ description: "competitive: competitive jobs; employment: any job (subsidised too); any: work of any kind, internships too." }),
    canManage: z.boolean(),
    today: isoDate(),
  })
  .openapi("Work");

const tags = [JOURNEY_TAGS.work];

const workRoute = createRoute({
  method: "get",
  path: "/v1/enrolments/{id}/work",
  tags,
  summary: "The participant's work placements and jobs with the measures as of today (recorded in the audit log)",
  request: { params: enrolmentParam },
  responses: {
    200: json(WorkSchema, "The placements"),
    ...problems({ 403: "You may not see the participant's journey", 404: "No such enrolment that you may see" }),
  },
});

const addRoute = createRoute({
  method: "post",
  path: "/v1/enrolments/{id}/work/placements",
  tags,
  summary: "Record a work placement or job",
  request: { params: enrolmentParam, body: jsonInput("WorkPlacementInput") },
  responses: {
    201: json(Created, "Recorded"),
    ...problems({ 403: "Only the program's staff record work", 404: "No such enrolment that you may see", 422: "Invalid fields" }),
  },
});

const endRoute = createRoute({
  method: "post",
  path: "/v1/enrolments/{id}/work/placements/{placementId}/end",
  tags,
  summary: "End a placement or job on its last day",
  request: { params: enrolmentAnd("placementId", "The placement's id"), body: jsonInput("WorkEndInput") },
  responses: {
    204: noContent("Ended"),
    ...problems({ 403: "Only the program's staff record work", 404: "No such enrolment or placement", 422: "Invalid fields, or it has ended already" }),
  },
});

export function registerWorkRoutes(api: Api) {
  registerInputSchemas(api, { WorkPlacementInput: workPlacementSchema, WorkEndInput: endWorkSchema });

  api.openapi(workRoute, (c) => handle(c, async (ctx) => c.json(toJson(await getWork(ctx, c.req.valid("param").id)), 200)));

  api.openapi(addRoute, (c) =>
    handle(c, async (ctx) => {
      const enrolmentId = c.req.valid("param").id;
      const { id } = await addWork(ctx, enrolmentId, await jsonBody(c));
      c.header("Location", `/api/v1/enrolments/${enrolmentId}/work`);
      return c.json({ id }, 201);
    }),
  );

  api.openapi(endRoute, (c) =>
    handle(c, async (ctx) => {
      const { id, placementId } = c.req.valid("param");
      await endWork(ctx, id, placementId, await jsonBody(c));
      return c.body(null, 204);
    }),
  );
}
