import { createRoute, z } from "@hono/zod-openapi";
import { getBreakfastRota, type PlanResult, planBreakfastRota, replanBreakfastRota, type RotaPerson, swapBreakfastDuties } from "../../services/rota.ts";
import { rotaPeriodSchema, rotaSwapSchema } from "../../services/schemas/rota.ts";
import { type Api, Created, handle, idParam, isoDate, json, jsonBody, jsonInput, problems, registerInputSchemas } from "../intake/common.ts";

// The breakfast rota: who has breakfast duty on the ordinary group's group days, planned fairly, re-planned
// and swapped. The same use cases, policy and audit events as the page: everyone who may see the program's
// activities reads the rota, names only those who may also see its people; planning and swaps are for the
// program's coordinators and manager.

export const ROTA_TAG = "Breakfast rota";
const tags = [ROTA_TAG];

const RotaPersonSchema = z
  .object({
    personId: z.uuid(),
    reference: z.string(),
    name: z.string().nullable().openapi({ description: "Null when masked (protected identity, and you do not work directly with the person)." }),
  })
  .openapi("RotaPerson");

export const RotaSchema = z
  .object({
    program: z.object({ id: z.uuid(), name: z.string() }),
    from: isoDate(),
    to: isoDate(),
    today: isoDate(),
    perDay: z.number().int().openapi({ description: "People on duty per group day." }),
    seesNames: z.boolean().openapi({ description: "False: you may see the schedule but not the program's people; duties, counts and participants are then empty." }),
    canManage: z.boolean().openapi({ description: "You may plan, re-plan and swap." }),
    days: z
      .array(
        z.object({
          date: isoDate(),
          groupDay: z.boolean().openapi({ description: "False: a duty is kept for a date that is no longer a group day (cancelled)." }),
          past: z.boolean(),
          start: z.string().nullable().openapi({ description: "When the morning group session starts (HH:MM)." }),
          duties: z.array(z.object({ person: RotaPersonSchema, available: z.boolean().openapi({ description: "False: away that day (excused absence recorded) or no longer in the group." }) })),
          onDuty: z.number().int(),
          availableCount: z.number().int().openapi({ description: "How many in the ordinary group could have the duty that day." }),
          shortfall: z.number().int().openapi({ description: "Places without anyone available on duty (a group day from today on)." }),
        }),
      )
      .openapi({ description: "The period's group days, and dates that still have a duty." }),
    counts: z
      .array(z.object({ person: RotaPersonSchema, inPeriod: z.number().int(), total: z.number().int().openapi({ description: "Duties before the period and in it." }) }))
      .openapi({ description: "Per person in the ordinary group, fewest in all first." }),
    participants: z.array(RotaPersonSchema).openapi({ description: "The ordinary group during the period." }),
  })
  .openapi("BreakfastRota");

export const RotaPlanSchema = z
  .object({
    from: isoDate().openapi({ description: "The first day planned (today, or the period's start when later)." }),
    to: isoDate(),
    days: z.array(z.object({ date: isoDate(), personIds: z.array(z.uuid()), shortfall: z.number().int() })),
    duties: z.number().int().openapi({ description: "Duties written." }),
    shortfallDays: z.array(isoDate()).openapi({ description: "Group days with too few available." }),
  })
  .openapi("BreakfastRotaPlan");

const programParam = idParam("The program's id");
const denied = { 403: "Only the program's coordinators and manager plan the rota", 404: "No such program" };

const rotaRoute = createRoute({
  method: "get",
  path: "/v1/programs/{id}/breakfast",
  tags,
  summary: "The breakfast rota of a period (recorded in the audit log when it shows names)",
  request: {
    params: programParam,
    query: z.object({
      from: z.string().optional().openapi({ description: "YYYY-MM-DD; default today" }),
      to: z.string().optional().openapi({ description: "YYYY-MM-DD, at most 184 days after from; default four weeks from from" }),
    }),
  },
  responses: { 200: json(RotaSchema, "The rota"), ...problems({ 404: "No such program", 422: "Invalid period" }) },
});

const planRoute = (path: string, summary: string, description: string) =>
  createRoute({
    method: "post",
    path,
    tags,
    summary,
    description,
    request: { params: programParam, body: jsonInput("BreakfastRotaPeriod") },
    responses: { 200: json(RotaPlanSchema, "Planned"), ...problems({ ...denied, 422: "Invalid period, or all of it in the past" }) },
  });

const planPath = planRoute(
  "/v1/programs/{id}/breakfast/plan",
  "Plan the rota afresh for a period",
  "Days before today stay as they were; from today on each group day gets the fairest choice among those available, counting everyone's duties before.",
);
const replanPath = planRoute(
  "/v1/programs/{id}/breakfast/replan",
  "Re-plan the rota for a period",
  "Days before today stay; duties from today on that are still possible (agreed swaps too) stay; only what became free is filled.",
);

const swapRoute = createRoute({
  method: "post",
  path: "/v1/programs/{id}/breakfast/swaps",
  tags,
  summary: "Swap two duties between two participants",
  description: "aPersonId (on duty on aDate) takes bDate, and bPersonId (on duty on bDate) takes aDate. Both days from today on; each must be available on the other's day.",
  request: { params: programParam, body: jsonInput("BreakfastSwapInput") },
  responses: { 201: json(Created, "Swapped"), ...problems({ ...denied, 422: "Invalid fields, or the swap is not possible (the reason at the field)" }) },
});

const person = (p: RotaPerson) => ({ personId: p.personId, reference: p.reference, name: p.name });
const planJson = (plan: PlanResult) => ({ from: plan.from, to: plan.to, days: plan.days.map((d) => ({ date: d.date, personIds: d.personIds, shortfall: d.shortfall })), duties: plan.duties, shortfallDays: plan.shortfallDays });

/** The breakfast rota's endpoints. */
export function registerRotaRoutes(api: Api) {
  registerInputSchemas(api, { BreakfastRotaPeriod: rotaPeriodSchema, BreakfastSwapInput: rotaSwapSchema });

  api.openapi(rotaRoute, (c) =>
    handle(c, async (ctx) => {
      const view = await getBreakfastRota(ctx, c.req.valid("param").id, c.req.valid("query"));
      return c.json(
        {
          ...view,
          days: view.days.map((d) => ({ ...d, duties: d.duties.map((x) => ({ person: person(x.person), available: x.available })) })),
          counts: view.counts.map((x) => ({ person: person(x.person), inPeriod: x.inPeriod, total: x.total })),
          participants: view.participants.map(person),
        },
        200,
      );
    }),
  );

  api.openapi(planPath, (c) => handle(c, async (ctx) => c.json(planJson(await planBreakfastRota(ctx, c.req.valid("param").id, await jsonBody(c))), 200)));
  api.openapi(replanPath, (c) => handle(c, async (ctx) => c.json(planJson(await replanBreakfastRota(ctx, c.req.valid("param").id, await jsonBody(c))), 200)));

  api.openapi(swapRoute, (c) =>
    handle(c, async (ctx) => {
      const programId = c.req.valid("param").id;
      const { id } = await swapBreakfastDuties(ctx, programId, await jsonBody(c));
      return c.json({ id }, 201);
    }),
  );
}
