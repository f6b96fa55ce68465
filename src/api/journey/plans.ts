import { createRoute, z } from "@hono/zod-openapi";
import { ACCEPTANCE_METHODS, ACTION_STATUSES, ACTION_WHO, GOAL_KINDS, PLAN_STAGES } from "../../domain/plan.ts";
import { LOCALES } from "../../i18n/index.ts";
import { agreeActions, comparePlanVersions, getPlan, getPlanVersion, planPdf, recordAcceptance, savePlan, startFinalPlan } from "../../services/plans.ts";
import { acceptanceSchema, agreeActionsSchema, finalPlanSchema, planSchema } from "../../services/schemas/plans.ts";
import { type Api, attachment, Created, handle, isoDate, isoDateTime, json, jsonBody, jsonInput, problems, registerInputSchemas, toJson } from "../intake/common.ts";
import { AuthorityRefSchema, enrolmentAnd, enrolmentParam, JOURNEY_TAGS } from "./shared.ts";

// The participant's living plan: versions (never changed once saved), comparing two, agreeing actions, the
// plan for the future at exit, the participant's acceptance and the printed plan. The same use cases as the
// plan pages.

const LongTermGoalSchema = z.object({ kind: z.enum(GOAL_KINDS).nullable(), text: z.string() });
const SubGoalSchema = z.object({ id: z.string(), text: z.string() }).openapi("PlanSubGoal");
const ObstacleSchema = z.object({ id: z.string(), text: z.string(), howToOvercome: z.string() }).openapi("PlanObstacle");
const ActionSchema = z
  .object({
    id: z.string(),
    what: z.string(),
    who: z.enum(ACTION_WHO),
    authorityId: z.uuid().nullable().openapi({ description: "When who is authority: which member authority." }),
    byWhen: isoDate().nullable(),
    status: z.enum(ACTION_STATUSES),
    agreed: z.boolean(),
  })
  .openapi("PlanAction");

export const PlanContentSchema = z
  .object({
    longTermGoal: LongTermGoalSchema,
    subGoals: z.array(SubGoalSchema),
    obstacles: z.array(ObstacleSchema),
    actions: z.array(ActionSchema),
    recommendations: z.string().openapi({ description: "The plan for the future (written for the exit)." }),
  })
  .openapi("PlanContent");

const CHANGE_KINDS = ["added", "removed", "changed"] as const;

const ChangeSchema = z
  .object({
    path: z.string().openapi({ description: 'What changed: "longTermGoal", "recommendations", "stage" or "<list>.<item id>".' }),
    change: z.enum(CHANGE_KINDS),
    fields: z.array(z.string()).optional().openapi({ description: "For a changed item: which of its fields." }),
  })
  .openapi("PlanChange");

const AcceptanceSchema = z
  .object({
    id: z.uuid(),
    version: z.number().int(),
    acceptedOn: isoDate(),
    method: z.enum(ACCEPTANCE_METHODS),
    note: z.string(),
    recordedBy: z.string(),
    recordedAt: isoDateTime(),
  })
  .openapi("PlanAcceptance");

const PlanHeaderSchema = z
  .object({
    enrolmentId: z.uuid(),
    personId: z.uuid(),
    reference: z.string(),
    personName: z.string().nullable().openapi({ description: "Null when masked (protected identity)." }),
    preferredLanguage: z.string().openapi({ description: "The participant's language (ISO 639), for the printed plan." }),
    programName: z.string(),
    coordinatorName: z.string(),
    startDate: isoDate(),
    plannedEndDate: isoDate(),
    endedOn: isoDate().nullable(),
  })
  .openapi("PlanHeader");

const VersionSchema = z
  .object({
    version: z.number().int(),
    stage: z.enum(PLAN_STAGES),
    content: PlanContentSchema,
    authorName: z.string(),
    createdAt: isoDateTime(),
    changes: z.array(ChangeSchema).openapi({ description: "What changed from the version before." }),
    acceptances: z.array(AcceptanceSchema),
  })
  .openapi("PlanVersion");

const SECTIONS = ["longTermGoal", "subGoals", "obstacles", "actions", "recommendations", "stage"] as const;

export const PlanSchema = z
  .object({
    header: PlanHeaderSchema,
    current: VersionSchema.nullable().openapi({ description: "The plan as it stands; null before the first save." }),
    versions: z.array(
      z.object({
        version: z.number().int(),
        stage: z.enum(PLAN_STAGES),
        authorName: z.string(),
        createdAt: isoDateTime(),
        changes: z.array(ChangeSchema),
        summary: z.array(z.object({ section: z.enum(SECTIONS), added: z.number().int(), removed: z.number().int(), changed: z.number().int() })),
        acceptances: z.array(AcceptanceSchema),
      }),
    ).openapi({ description: "Every version, newest first." }),
    acceptance: z.object({ state: z.enum(["none", "current", "outdated"]), latest: AcceptanceSchema.nullable() }),
    acceptedFinal: z
      .object({ version: z.number().int(), acceptedOn: isoDate() })
      .nullable()
      .openapi({ description: "The accepted plan for the future (what an exit according to plan needs)." }),
    summary: z.object({
      subGoals: z.number().int(),
      obstacles: z.number().int(),
      actions: z.number().int(),
      open: z.number().int(),
      done: z.number().int(),
      cancelled: z.number().int(),
      overdue: z.number().int(),
      dueSoon: z.number().int(),
      agreed: z.number().int(),
      openNotAgreed: z.number().int(),
      hasGoal: z.boolean(),
    }),
    authorities: z.array(AuthorityRefSchema).openapi({ description: "The choices for an action's authorityId." }),
    canManage: z.boolean(),
    today: isoDate(),
  })
  .openapi("Plan");

export const PlanVersionPageSchema = z
  .object({
    header: PlanHeaderSchema,
    version: VersionSchema,
    currentVersion: z.number().int(),
    versionNumbers: z.array(z.number().int()).openapi({ description: "Every version number, newest first." }),
    authorities: z.array(AuthorityRefSchema),
    canManage: z.boolean(),
    today: isoDate(),
  })
  .openapi("PlanVersionPage");

const compared = <T extends z.ZodType>(item: T) =>
  z.array(z.object({ id: z.string(), before: item.nullable(), after: item.nullable(), change: z.enum([...CHANGE_KINDS, "unchanged"]), fields: z.array(z.string()) }));

export const PlanComparisonSchema = z
  .object({
    header: PlanHeaderSchema,
    from: VersionSchema,
    to: VersionSchema,
    comparison: z.object({
      longTermGoal: z.object({ before: LongTermGoalSchema, after: LongTermGoalSchema, change: z.enum(["changed", "unchanged"]), fields: z.array(z.string()) }),
      subGoals: compared(SubGoalSchema),
      obstacles: compared(ObstacleSchema),
      actions: compared(ActionSchema),
      recommendations: z.object({ before: z.string(), after: z.string(), change: z.enum([...CHANGE_KINDS, "unchanged"]) }),
    }),
    changes: z.array(ChangeSchema).openapi({ description: "What changed from `from` to `to`." }),
    versions: z.array(z.object({ version: z.number().int(), createdAt: isoDateTime(), authorName: z.string(), stage: z.enum(PLAN_STAGES) })),
    authorities: z.array(AuthorityRefSchema),
  })
  .openapi("PlanComparison");

const SaveResultSchema = z
  .object({
    version: z.number().int().openapi({ description: "The plan's version after the save: send it as baseVersion next time." }),
    changed: z.boolean().openapi({ description: "False when nothing changed (then no version was made)." }),
  })
  .openapi("PlanSaveResult");

const tags = [JOURNEY_TAGS.plan];
const stale = "Stale baseVersion: someone saved the plan meanwhile (currentVersion given)";

const getPlanRoute = createRoute({
  method: "get",
  path: "/v1/enrolments/{id}/plan",
  tags,
  summary: "The plan as it stands, with every version and the acceptances (recorded in the audit log)",
  request: { params: enrolmentParam },
  responses: {
    200: json(PlanSchema, "The plan"),
    ...problems({ 403: "You may not see the participant's plan", 404: "No such enrolment that you may see" }),
  },
});

const savePlanRoute = createRoute({
  method: "put",
  path: "/v1/enrolments/{id}/plan",
  tags,
  summary: "Save the whole plan (a new version when anything changed)",
  description:
    "Send the plan as the edit page does, with baseVersion: the version you read (0 before the first save). Items keep their id; " +
    "a new item has none. Rows left empty are dropped. Nothing changed: no new version.",
  request: { params: enrolmentParam, body: jsonInput("PlanInput") },
  responses: {
    200: json(SaveResultSchema, "Saved"),
    ...problems({ 403: "Only the program's staff change the plan", 404: "No such enrolment that you may see", 409: stale, 422: "Invalid fields" }),
  },
});

const versionRoute = createRoute({
  method: "get",
  path: "/v1/enrolments/{id}/plan/versions/{version}",
  tags,
  summary: "One version of the plan as it was saved",
  request: { params: enrolmentAnd("version", "The version number (1, 2, ...)") },
  responses: {
    200: json(PlanVersionPageSchema, "The version"),
    ...problems({ 403: "You may not see the participant's plan", 404: "No such enrolment or version" }),
  },
});

const compareRoute = createRoute({
  method: "get",
  path: "/v1/enrolments/{id}/plan/compare",
  tags,
  summary: "Two versions side by side (any two, in either order), with what was added, removed and changed",
  request: {
    params: enrolmentParam,
    query: z.object({ from: z.string().openapi({ description: "A version number", example: "1" }), to: z.string().openapi({ description: "A version number", example: "2" }) }),
  },
  responses: {
    200: json(PlanComparisonSchema, "The comparison"),
    ...problems({ 403: "You may not see the participant's plan", 404: "No such enrolment or version", 422: "from or to missing" }),
  },
});

const agreeRoute = createRoute({
  method: "post",
  path: "/v1/enrolments/{id}/plan/agree",
  tags,
  summary: "Mark actions as agreed with the participant (a new version)",
  request: { params: enrolmentParam, body: jsonInput("PlanAgreeActionsInput") },
  responses: {
    200: json(SaveResultSchema, "Saved"),
    ...problems({ 403: "Only the program's staff change the plan", 404: "No such enrolment that you may see", 409: stale, 422: "Invalid fields" }),
  },
});

const finalRoute = createRoute({
  method: "post",
  path: "/v1/enrolments/{id}/plan/final",
  tags,
  summary: "Write the plan for the future for the exit: the plan as it stands with the recommendations, as a final version",
  request: { params: enrolmentParam, body: jsonInput("PlanFinalInput") },
  responses: {
    200: json(SaveResultSchema, "Saved"),
    ...problems({ 403: "Only the program's staff change the plan", 404: "No such enrolment that you may see", 409: stale, 422: "Invalid fields" }),
  },
});

const acceptRoute = createRoute({
  method: "post",
  path: "/v1/enrolments/{id}/plan/acceptances",
  tags,
  summary: "Record that the participant accepted a version: when, how, and a note",
  request: { params: enrolmentParam, body: jsonInput("PlanAcceptanceInput") },
  responses: {
    201: json(Created, "Recorded"),
    ...problems({ 403: "Only the program's staff record the acceptance", 404: "No such enrolment that you may see", 422: "Invalid fields (e.g. no such version, a date in the future)" }),
  },
});

const pdfRoute = createRoute({
  method: "get",
  path: "/v1/enrolments/{id}/plan.pdf",
  tags,
  summary: "The plan as a PDF (recorded in the audit log)",
  description: "In the participant's language where Spelplan has it, else in lang (default: your own language).",
  request: {
    params: enrolmentParam,
    query: z.object({
      version: z.string().optional().openapi({ description: "A version number; default the current one." }),
      lang: z.enum(LOCALES).optional().openapi({ description: "The language when the participant's own is not one Spelplan has." }),
    }),
  },
  responses: {
    200: { description: "The plan", content: { "application/pdf": { schema: { type: "string", contentMediaType: "application/pdf" } } } },
    ...problems({ 403: "You may not see the participant's plan", 404: "No such enrolment or version (or no plan yet)", 422: "Invalid query" }),
  },
});

export function registerPlanRoutes(api: Api) {
  registerInputSchemas(api, {
    PlanInput: planSchema,
    PlanAgreeActionsInput: agreeActionsSchema,
    PlanFinalInput: finalPlanSchema,
    PlanAcceptanceInput: acceptanceSchema,
  });

  api.openapi(getPlanRoute, (c) => handle(c, async (ctx) => c.json(toJson(await getPlan(ctx, c.req.valid("param").id)), 200)));

  api.openapi(savePlanRoute, (c) => handle(c, async (ctx) => c.json(await savePlan(ctx, c.req.valid("param").id, await jsonBody(c)), 200)));

  api.openapi(versionRoute, (c) =>
    handle(c, async (ctx) => {
      const { id, version } = c.req.valid("param");
      return c.json(toJson(await getPlanVersion(ctx, id, version)), 200);
    }),
  );

  api.openapi(compareRoute, (c) =>
    handle(c, async (ctx) => {
      const { from, to } = c.req.valid("query");
      return c.json(toJson(await comparePlanVersions(ctx, c.req.valid("param").id, from, to)), 200);
    }),
  );

  api.openapi(agreeRoute, (c) => handle(c, async (ctx) => c.json(await agreeActions(ctx, c.req.valid("param").id, await jsonBody(c)), 200)));

  api.openapi(finalRoute, (c) => handle(c, async (ctx) => c.json(await startFinalPlan(ctx, c.req.valid("param").id, await jsonBody(c)), 200)));

  api.openapi(acceptRoute, (c) =>
    handle(c, async (ctx) => {
      const enrolmentId = c.req.valid("param").id;
      const { id } = await recordAcceptance(ctx, enrolmentId, await jsonBody(c));
      c.header("Location", `/api/v1/enrolments/${enrolmentId}/plan`);
      return c.json({ id }, 201);
    }),
  );

  api.openapi(pdfRoute, (c) =>
    handle(c, async (ctx) => {
      const { version, lang } = c.req.valid("query");
      const { fileName, pdf } = await planPdf(ctx, c.req.valid("param").id, version ?? null, lang ?? c.var.t.locale);
      return c.body(new Uint8Array(pdf), 200, { "Content-Type": "application/pdf", "Content-Disposition": attachment(fileName) });
    }),
  );
}
