import { createRoute, z } from "@hono/zod-openapi";
import { BREAKDOWN_DIMENSIONS, GOAL_KINDS } from "../../domain/goals.ts";
import { QUARTERS } from "../../domain/followup-overview.ts";
import { followUpOverview, quarterlyReportPdf } from "../../services/followup-overview.ts";
import { breakdownFilter, goalList, goalsDashboard, setGoals } from "../../services/goals.ts";
import { goalTargetsSchema } from "../../services/schemas/goals.ts";
import { type Api, attachment, handle, isoDate, json, jsonBody, jsonInput, problems, registerInputSchemas } from "../intake/common.ts";

// A program's goals through the JSON API: the dashboard of a year (each goal against its target with the figures
// behind it, earlier years, the group's other figures, the breakdowns of the year's participants), the list
// behind a figure (optionally one breakdown's row), and the year's targets. The same use cases, policy and
// audit events as the pages: readers who see aggregates only get suppressed figures (a count is `{ "shown": n }`
// or `{ "suppressed": "fewer_than_5" | "hidden" }`) and never a list.

export const GOALS_TAG = "Goals";
const tags = [GOALS_TAG];

const CellSchema = z
  .union([z.object({ shown: z.number().int() }), z.object({ suppressed: z.enum(["fewer_than_5", "hidden"]) })])
  .openapi("GoalCount", { description: "A count of people: shown, or suppressed (1-4 people: fewer_than_5; a figure that could be worked out from the others: hidden)." });
const guarded = <T extends z.ZodType>(schema: T) => z.union([z.object({ shown: schema }), z.object({ suppressed: z.literal("fewer_than_5") })]);
const GoalKind = z.enum(GOAL_KINDS);

export const GoalFigureSchema = z
  .object({
    kind: GoalKind,
    measure: z.enum(["count", "percent"]),
    target: z.number().int(),
    numerator: CellSchema,
    denominator: CellSchema.nullable().openapi({ description: "Null for counts" }),
    value: z.number().int().nullable().openapi({ description: "The count or floored whole percent; null when suppressed or nothing to measure" }),
    met: z.boolean().nullable(),
    pending: CellSchema.openapi({ description: "90-day follow-ups due but not answered yet" }),
  })
  .openapi("GoalFigure");

const DurationSchema = z.object({
  n: guarded(z.number().int()),
  stats: guarded(z.object({ median: z.number().int().nullable(), mean: z.number().nullable(), min: z.number().int().nullable(), max: z.number().int().nullable() })),
});

export const GoalsDashboardSchema = z
  .object({
    program: z.object({ id: z.uuid(), name: z.string() }),
    year: z.number().int(),
    today: isoDate(),
    isDefault: z.boolean().openapi({ description: "No targets saved for the year: KRUS's defaults apply" }),
    figures: z.array(GoalFigureSchema),
    trend: z.array(z.object({ month: z.string(), values: z.record(z.string(), z.number().int().nullable()) })).nullable().openapi({ description: "Cumulative from January; null for readers who see aggregates only" }),
    suppressed: z.boolean(),
    canList: z.boolean(),
    canManage: z.boolean(),
    years: z.array(z.number().int()),
    measures: z.object({
      occupancy: z.array(z.object({ month: z.string(), percent: guarded(z.number().int().nullable()) })),
      occupancyPercent: z.number().int().nullable(),
      waiting: DurationSchema,
      preGroup: DurationSchema,
      attendance: guarded(z.object({ percent: z.number().int().nullable(), counted: z.number().int(), attended: z.number().int(), excused: z.number().int() })),
      wheel: guarded(
        z.object({
          participants: z.number().int(),
          meanChange: z.number().nullable(),
          split: guarded(z.object({ improved: z.number().int(), same: z.number().int(), lower: z.number().int() })),
          areas: z.array(z.object({ key: z.string(), participants: z.number().int(), meanChange: guarded(z.number()) })),
        }),
      ),
      timeInProgram: DurationSchema,
      daysToFirstJob: DurationSchema,
    }),
    history: z.array(z.object({ year: z.number().int(), figures: z.array(GoalFigureSchema) })),
    breakdowns: z.array(z.object({ dimension: z.enum(BREAKDOWN_DIMENSIONS), rows: z.array(z.object({ value: z.string(), count: CellSchema })), total: CellSchema })),
  })
  .openapi("GoalsDashboard");

const ListRowSchema = z.object({
  counted: z.boolean(),
  person: z.object({ personId: z.uuid(), reference: z.string(), name: z.string().nullable().openapi({ description: "Null when masked (protected identity)" }) }).nullable().openapi({ description: "Null for anonymous consultations" }),
  href: z.string().nullable(),
  date: isoDate(),
  what: z.enum(["enrolment", "exit", "ninety_day", "interest_request", "consultation"]),
});

export const GoalListSchema = z
  .object({
    program: z.object({ id: z.uuid(), name: z.string() }),
    year: z.number().int(),
    kind: GoalKind,
    figure: GoalFigureSchema,
    rows: z.array(ListRowSchema),
    pending: z.array(ListRowSchema),
    filter: z.object({ dimension: z.enum(BREAKDOWN_DIMENSIONS), value: z.string() }).nullable(),
  })
  .openapi("GoalList");

const programParam = z.object({ id: z.string().openapi({ param: { name: "id", in: "path" }, description: "The program's id" }) });
const yearParams = programParam.extend({ year: z.string().openapi({ param: { name: "year", in: "path" }, description: "The year (2000-2100)", example: "2026" }) });
const listParams = yearParams.extend({ kind: z.string().openapi({ param: { name: "kind", in: "path" }, description: `One of ${GOAL_KINDS.join(", ")}` }) });
const listQuery = z.object({
  dimension: z.string().optional().openapi({ description: `Narrow to one breakdown's row: ${BREAKDOWN_DIMENSIONS.join(", ")}` }),
  value: z.string().optional().openapi({ description: "The row's value, e.g. female" }),
});
const denied = { 403: "Readers of aggregates only may not open lists; only the manager sets targets", 404: "No such program, year or goal" };

const dashboardRoute = createRoute({
  method: "get",
  path: "/v1/programs/{id}/goals/{year}",
  tags,
  summary: "The year's goals against their targets, earlier years, the group's other figures and breakdowns (recorded in the audit log)",
  request: { params: yearParams },
  responses: { 200: json(GoalsDashboardSchema, "The dashboard"), ...problems(denied) },
});

const listRoute = createRoute({
  method: "get",
  path: "/v1/programs/{id}/goals/{year}/{kind}",
  tags,
  summary: "The list behind a goal's figure, for the program's staff (recorded in the audit log)",
  request: { params: listParams, query: listQuery },
  responses: { 200: json(GoalListSchema, "Who counts"), ...problems(denied) },
});

const setRoute = createRoute({
  method: "put",
  path: "/v1/programs/{id}/goals/{year}",
  tags,
  summary: "Set the year's targets (the program's manager)",
  request: { params: yearParams, body: jsonInput("GoalTargetsInput") },
  responses: { 204: { description: "Saved" }, ...problems({ ...denied, 422: "A target is not a whole number, negative, over 100 % or too large" }) },
});

const OverviewCellSchema = z.object({ numerator: CellSchema, denominator: CellSchema.nullable(), value: z.number().int().nullable() });

export const FollowUpOverviewSchema = z
  .object({
    federation: z.object({ id: z.uuid(), name: z.string() }),
    year: z.number().int(),
    quarter: z.number().int().min(1).max(4).nullable().openapi({ description: "Null: the whole year (so far)" }),
    period: z.object({ from: isoDate(), to: isoDate() }),
    today: isoDate(),
    programs: z.array(z.object({ id: z.uuid(), name: z.string() })),
    goals: z.array(
      z.object({
        kind: GoalKind,
        measure: z.enum(["count", "percent"]),
        programs: z.array(OverviewCellSchema.extend({ programId: z.uuid(), target: z.number().int(), met: z.boolean().nullable() })),
        total: OverviewCellSchema.openapi({ description: "All programs pooled: the sum of numerators over the sum of denominators" }),
      }),
    ),
    suppressed: z.boolean(),
    years: z.array(z.number().int()),
  })
  .openapi("FollowUpOverview");

const federationParam = z.object({ id: z.string().openapi({ param: { name: "id", in: "path" }, description: "The federation's id" }) });
const overviewQuery = z.object({
  year: z.string().optional().openapi({ description: "The year (default: this year)", example: "2026" }),
  quarter: z.string().optional().openapi({ description: "1-4: from 1 January to the quarter's end (default: the whole year so far)" }),
});

const overviewRoute = createRoute({
  method: "get",
  path: "/v1/federations/{id}/followup",
  tags,
  summary: "Every program's goals in the federation that the caller may see, with their total; aggregates only (recorded in the audit log)",
  request: { params: federationParam, query: overviewQuery },
  responses: { 200: json(FollowUpOverviewSchema, "The overview"), ...problems({ 404: "No such federation or period, or none of its programs for the caller" }) },
});

const quarterlyRoute = createRoute({
  method: "get",
  path: "/v1/federations/{id}/followup/{year}/{quarter}/report.pdf",
  tags,
  summary: "The steering group's quarterly report as a tagged PDF (recorded in the audit log)",
  request: {
    params: federationParam.extend({
      year: z.string().openapi({ param: { name: "year", in: "path" }, example: "2026" }),
      quarter: z.string().openapi({ param: { name: "quarter", in: "path" }, description: `One of ${QUARTERS.join(", ")}` }),
    }),
  },
  responses: {
    200: { description: "The PDF", content: { "application/pdf": { schema: { type: "string", contentMediaType: "application/pdf" } } } },
    ...problems({ 404: "No such federation or quarter, or none of its programs for the caller" }),
  },
});

export function registerGoalsRoutes(api: Api) {
  api.openapi(overviewRoute, (c) =>
    handle(c, async (ctx) => {
      const { year, quarter } = c.req.valid("query");
      return c.json(await followUpOverview(ctx, c.req.valid("param").id, year, quarter), 200);
    }),
  );

  api.openapi(quarterlyRoute, (c) =>
    handle(c, async (ctx) => {
      const { id, year, quarter } = c.req.valid("param");
      const { fileName, pdf } = await quarterlyReportPdf(ctx, id, year, quarter, ctx.actor.user.locale);
      return c.body(new Uint8Array(pdf), 200, { "Content-Type": "application/pdf", "Content-Disposition": attachment(fileName), "Cache-Control": "private, no-store" });
    }),
  );

  registerInputSchemas(api, { GoalTargetsInput: goalTargetsSchema });

  api.openapi(dashboardRoute, (c) =>
    handle(c, async (ctx) => {
      const { id, year } = c.req.valid("param");
      return c.json(await goalsDashboard(ctx, id, year), 200);
    }),
  );

  api.openapi(listRoute, (c) =>
    handle(c, async (ctx) => {
      const { id, year, kind } = c.req.valid("param");
      const { dimension, value } = c.req.valid("query");
      return c.json(await goalList(ctx, id, year, kind, breakdownFilter(dimension ?? null, value ?? null)), 200);
    }),
  );

  api.openapi(setRoute, (c) =>
    handle(c, async (ctx) => {
      const { id, year } = c.req.valid("param");
      await setGoals(ctx, id, year, await jsonBody(c));
      return c.body(null, 204);
    }),
  );
}
