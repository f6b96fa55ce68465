import { createRoute, z } from "@hono/zod-openapi";
import { CURRENCIES, type Currency, formatMoney, type Minor } from "../../domain/money.ts";
import { FINSAM_SEXES, type SuppressedFinsamCounts, type SuppressedFinsamYear } from "../../domain/national-reporting.ts";
import type { ServiceContext } from "../../services/context.ts";
import { type FinsamMoney, type FinsamView, finsamFigures, outcomeExport } from "../../services/national-reporting.ts";
import { type Api, attachment, handle, isoDate, json, problems } from "../intake/common.ts";

// National reporting: the figures Uppföljning Finsam asks for, per program and per federation (each program the
// caller may see and their total), and the SUS-shaped outcome export (pseudonymised) as CSV or .xlsx. The same
// use cases, policy and audit events as the pages: the steering group gets suppressed figures (a count is
// either `{ "shown": n }` or `{ "suppressed": "fewer_than_5" | "hidden" }`) and never the outcome export.

export const REPORTS_TAG = "Reports";
const tags = [REPORTS_TAG];

const CountSchema = z
  .union([z.object({ shown: z.number().int() }), z.object({ suppressed: z.enum(["fewer_than_5", "hidden"]) })])
  .openapi("ReportCount", { description: "A count of people: shown, or suppressed (1-4 people: fewer_than_5; a figure that could be worked out from the others: hidden)." });
const CountsSchema = z
  .object({
    new: CountSchema.openapi({ description: "Started in the year" }),
    ongoing: CountSchema.openapi({ description: "Active in the year, started before it" }),
    ended: CountSchema.openapi({ description: "Left during the year (nothing goes on after it)" }),
    participants: CountSchema.openapi({ description: "All participants of the year (new + ongoing)" }),
  })
  .openapi("FinsamCounts");
const BySexSchema = z.object(Object.fromEntries(FINSAM_SEXES.map((s) => [s, CountsSchema])) as Record<(typeof FINSAM_SEXES)[number], typeof CountsSchema>);
const MoneySchema = z.object({ minor: z.number().int(), formatted: z.string() }).openapi("ReportMoney");

const FiguresSchema = {
  bySex: BySexSchema,
  total: CountsSchema,
  budgetedParticipants: z.number().int().openapi({ description: "The year's participants goal (the program's own, or the default 30)" }),
  currency: z.enum(CURRENCIES).nullable(),
  budget: MoneySchema.nullable().openapi({ description: "The year's budget total; null when the caller may not read the budget" }),
  actual: MoneySchema.nullable().openapi({ description: "The year's actual costs; null when the caller may not read the budget" }),
};

export const FinsamSchema = z
  .object({
    scope: z.object({ type: z.enum(["program", "federation"]), id: z.uuid(), name: z.string() }),
    federation: z.object({ id: z.uuid(), name: z.string() }),
    year: z.number().int(),
    period: z.object({ from: isoDate(), to: isoDate() }),
    suppressed: z.boolean(),
    programs: z.array(
      z.object({
        program: z.object({ id: z.uuid(), name: z.string() }),
        suppressed: z.boolean(),
        budgetedDefault: z.boolean(),
        canExport: z.boolean(),
        ...FiguresSchema,
      }),
    ),
    total: z.object(FiguresSchema).nullable().openapi({ description: "The federation's total (federation scope only): a sum shown only when every program's part is shown" }),
    years: z.array(z.number().int()),
  })
  .openapi("FinsamFigures");

const yearParam = z.string().openapi({ param: { name: "year", in: "path" }, description: "The year (2000-2100)", example: "2026" });
const programYear = z.object({ id: z.string().openapi({ param: { name: "id", in: "path" }, description: "The program's id" }), year: yearParam });
const federationYear = z.object({ id: z.string().openapi({ param: { name: "id", in: "path" }, description: "The federation's id" }), year: yearParam });
const period = z.object({
  from: z.string().openapi({ param: { name: "from", in: "query" }, description: "First day (YYYY-MM-DD)", example: "2026-01-01" }),
  to: z.string().openapi({ param: { name: "to", in: "query" }, description: "Last day (YYYY-MM-DD), at most ten years after from", example: "2026-12-31" }),
});

const programFinsamRoute = createRoute({
  method: "get",
  path: "/v1/programs/{id}/reports/finsam/{year}",
  tags,
  summary: "A program's Finsam figures for a year: participants by sex (new, ongoing, ended), budgeted participants, budget and actual costs (recorded in the audit log)",
  request: { params: programYear },
  responses: { 200: json(FinsamSchema, "The figures (suppressed for callers who see aggregates only)"), ...problems({ 404: "No such program or year, or not yours to see" }) },
});

const federationFinsamRoute = createRoute({
  method: "get",
  path: "/v1/federations/{id}/reports/finsam/{year}",
  tags,
  summary: "A federation's Finsam figures for a year: each of its programs the caller may see, and their total (recorded in the audit log)",
  request: { params: federationYear },
  responses: { 200: json(FinsamSchema, "The figures"), ...problems({ 404: "No such federation or year, or none of its programs is yours to see" }) },
});

const XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
const outcomeDescription =
  "One row per enrolment active in the period, in the shape of SUS: pseudonym (stable per program and person, not reversible), sex, age band at start, " +
  "education level, income source and occupation before and after, days in the program, status, exit kind and reason. People with protected identity " +
  "or without consent to follow-up registration: sex and start year only. The manager and coordinators only; recorded in the audit log with the period and format.";
const outcomeRoute = (format: "csv" | "xlsx") =>
  createRoute({
    method: "get",
    path: `/v1/programs/{id}/reports/outcome.${format}`,
    tags,
    summary: `The SUS-shaped outcome export for a period as ${format === "csv" ? "CSV (UTF-8 with BOM, semicolons)" : "Excel (.xlsx)"}`,
    description: outcomeDescription,
    request: { params: programYear.pick({ id: true }), query: period },
    responses: {
      200: { description: "The file", content: { [format === "csv" ? "text/csv" : XLSX]: { schema: { type: "string", ...(format === "xlsx" ? { format: "binary" } : {}) } } } },
      ...problems({ 403: "Only the program's manager and coordinators export outcomes (never the steering group)", 404: "No such program", 422: "Invalid period" }),
    },
  });

function moneyJson(ctx: ServiceContext, money: FinsamMoney | null): { currency: Currency | null; budget: { minor: Minor; formatted: string } | null; actual: { minor: Minor; formatted: string } | null } {
  if (!money) return { currency: null, budget: null, actual: null };
  const m = (minor: Minor) => ({ minor, formatted: formatMoney(minor, money.currency, ctx.actor.user.locale) });
  return { currency: money.currency, budget: m(money.budget), actual: m(money.actual) };
}

const counts = (c: SuppressedFinsamCounts) => ({ new: c.new, ongoing: c.ongoing, ended: c.ended, participants: c.participants });
const figures = (f: SuppressedFinsamYear) => ({ bySex: Object.fromEntries(FINSAM_SEXES.map((s) => [s, counts(f.bySex[s])])) as Record<(typeof FINSAM_SEXES)[number], ReturnType<typeof counts>>, total: counts(f.total) });

function finsamJson(ctx: ServiceContext, view: FinsamView) {
  return {
    scope: view.scope,
    federation: view.federation,
    year: view.year,
    period: view.period,
    suppressed: view.suppressed,
    programs: view.programs.map((p) => ({
      program: p.program,
      suppressed: p.suppressed,
      budgetedDefault: p.budgetedDefault,
      canExport: p.canExport,
      ...figures(p.figures),
      budgetedParticipants: p.budgeted,
      ...moneyJson(ctx, p.money),
    })),
    total: view.total ? { ...figures(view.total.figures), budgetedParticipants: view.total.budgeted, ...moneyJson(ctx, view.total.money) } : null,
    years: view.years,
  };
}

/** National reporting's endpoints. */
export function registerReportRoutes(api: Api) {
  api.openapi(programFinsamRoute, (c) =>
    handle(c, async (ctx) => {
      const { id, year } = c.req.valid("param");
      return c.json(finsamJson(ctx, await finsamFigures(ctx, { programId: id, year }, "json")), 200);
    }),
  );

  api.openapi(federationFinsamRoute, (c) =>
    handle(c, async (ctx) => {
      const { id, year } = c.req.valid("param");
      return c.json(finsamJson(ctx, await finsamFigures(ctx, { federationId: id, year }, "json")), 200);
    }),
  );

  for (const format of ["csv", "xlsx"] as const) {
    api.openapi(outcomeRoute(format), (c) =>
      handle(c, async (ctx) => {
        const { id } = c.req.valid("param");
        const { from, to } = c.req.valid("query");
        const file = await outcomeExport(ctx, { programId: id, from, to, format }, ctx.actor.user.locale);
        const body = typeof file.body === "string" ? file.body : new Uint8Array(file.body);
        return c.body(body, 200, { "Content-Type": file.contentType, "Content-Disposition": attachment(file.fileName), "Cache-Control": "private, no-store", "X-Content-Type-Options": "nosniff" });
      }),
    );
  }
}
