import { createRoute, z } from "@hono/zod-openapi";
import { BUDGET_LINE_KINDS, FUNDER_KINDS } from "../../domain/budget.ts";
import { CURRENCIES, type Currency, formatMoney, type Minor } from "../../domain/money.ts";
import { translator } from "../../i18n/index.ts";
import {
  addFundingSource,
  budgetYearCsv,
  type BudgetYearView,
  CsvImportError,
  endFundingSource,
  getBudgetYear,
  importActualCosts,
  recordActualCost,
  removeFundingSource,
  setBudgetLines,
} from "../../services/budget.ts";
import type { UploadedFile } from "../../services/consents.ts";
import type { ServiceContext } from "../../services/context.ts";
import { actualCostSchema, budgetLinesSchema, endFundingSchema, fundingSourceSchema } from "../../services/schemas/budget.ts";
import { problem } from "../problems.ts";
import { type Api, attachment, Created, handle, isMultipart, isoDate, isoDateTime, json, jsonBody, jsonInput, multipartBody, noContent, problems, registerInputSchemas } from "../intake/common.ts";
import { jsonBodyWith } from "../journey/shared.ts";

// Budget and funding per program: the year's budget lines, actual costs per month and line (one at a time or a
// CSV import, all or nothing), funding sources with their periods, totals, cost per participant, the CSV export.
// The same use cases, policy and audit events as the pages. Amounts are integers of öre/øre (`minor`) with the
// amount formatted in the caller's language; in request bodies `amount` is an integer of öre/øre or a string in
// kronor ("1 234,50").

export const BUDGET_TAG = "Budget";
const tags = [BUDGET_TAG];

const MoneySchema = z.object({ minor: z.number().int(), formatted: z.string() }).openapi("BudgetMoney");
const LineKind = z.enum(BUDGET_LINE_KINDS);

const LineSummarySchema = z.object({
  budget: MoneySchema,
  actual: MoneySchema,
  remaining: MoneySchema.openapi({ description: "Budget minus actual; negative when overspent." }),
  overspent: z.boolean(),
  usedTenths: z.number().int().nullable().openapi({ description: "Actual / budget in tenths of a percent (half up); null without a budget." }),
});

export const BudgetYearSchema = z
  .object({
    program: z.object({ id: z.uuid(), name: z.string() }),
    year: z.number().int(),
    currency: z.enum(CURRENCIES),
    canManage: z.boolean(),
    lines: z.array(LineSummarySchema.extend({ line: LineKind, set: z.boolean(), note: z.string() })),
    total: LineSummarySchema,
    months: z.array(
      z.object({
        month: z.string().openapi({ example: "2027-03" }),
        total: MoneySchema,
        costs: z.array(z.object({ line: LineKind, amount: MoneySchema, note: z.string(), source: z.enum(["manual", "import"]), recordedBy: z.string(), recordedAt: isoDateTime() })),
      }),
    ),
    funding: z.object({
      sources: z.array(
        z.object({
          id: z.uuid(),
          funder: z.string(),
          kind: z.enum(FUNDER_KINDS),
          amount: MoneySchema,
          from: isoDate(),
          to: isoDate(),
          note: z.string(),
          share: MoneySchema.openapi({ description: "The part of the amount that falls in the year, pro rata by days (cumulative rounding: the shares of all years add up to the amount)." }),
        }),
      ),
      total: MoneySchema,
      gap: MoneySchema.openapi({ description: "Budget total minus funding total: positive is not funded, negative is funding beyond the budget." }),
      covered: z.boolean(),
    }),
    participants: z.number().int().openapi({ description: "People with an enrolment in the program active on some day of the year." }),
    costPerParticipant: MoneySchema.nullable(),
    years: z.array(z.number().int()),
  })
  .openapi("BudgetYear");

const programParam = z.object({ id: z.string().openapi({ param: { name: "id", in: "path" }, description: "The program's id" }) });
const yearParams = programParam.extend({ year: z.string().openapi({ param: { name: "year", in: "path" }, description: "The year (2000-2100)", example: "2027" }) });
const fundingParams = programParam.extend({ fundingId: z.string().openapi({ param: { name: "fundingId", in: "path" }, description: "The funding source's id" }) });
const denied = { 403: "Only the program's manager changes the budget; the manager, coordinators and steering group read it", 404: "No such program" };

const yearRoute = createRoute({
  method: "get",
  path: "/v1/programs/{id}/budget/{year}",
  tags,
  summary: "The year's budget: lines, actual costs per month, funding, totals, cost per participant (recorded in the audit log)",
  request: { params: yearParams },
  responses: { 200: json(BudgetYearSchema, "The year"), ...problems({ ...denied, 404: "No such program or year" }) },
});

const linesRoute = createRoute({
  method: "put",
  path: "/v1/programs/{id}/budget/{year}/lines",
  tags,
  summary: "Set the year's budget lines",
  description: 'lines: { "<line>": { "amount": öre or "kronor", "note": "..." } }. A line given with an empty amount is removed; lines not given stay.',
  request: { params: yearParams, body: jsonInput("BudgetLinesInput") },
  responses: { 204: noContent("Saved"), ...problems({ ...denied, 422: "Invalid fields" }) },
});

const costRoute = createRoute({
  method: "put",
  path: "/v1/programs/{id}/budget/actual-costs",
  tags,
  summary: "Record or replace one month's actual cost for one line (a credit may be negative)",
  request: { params: programParam, body: jsonInput("ActualCostInput") },
  responses: { 204: noContent("Saved"), ...problems({ ...denied, 422: "Invalid fields" }) },
});

const importRoute = createRoute({
  method: "post",
  path: "/v1/programs/{id}/budget/{year}/actual-costs/import",
  tags,
  summary: "Import a year's actual costs from CSV (all or nothing)",
  description:
    "The CSV as the body (text/csv, UTF-8) or as multipart/form-data in the field file. Columns month;line;amount[;note] with a header row, " +
    "semicolons, decimal comma. Any bad row and nothing is written: the 422 problem lists every row in `rows` with its line number.",
  request: {
    params: yearParams,
    body: {
      required: true,
      content: {
        "text/csv": { schema: { type: "string" } },
        "multipart/form-data": { schema: { type: "object", properties: { file: { type: "string", contentMediaType: "text/csv" } } } },
      },
    },
  },
  responses: { 200: json(z.object({ count: z.number().int() }), "Imported"), ...problems({ ...denied, 422: "The file has bad rows (see rows) or is missing" }) },
});

const addFundingRoute = createRoute({
  method: "post",
  path: "/v1/programs/{id}/budget/funding",
  tags,
  summary: "Add a funding source (who pays, what kind, how much, for which period)",
  request: { params: programParam, body: jsonInput("FundingSourceInput") },
  responses: { 201: json(Created, "Added"), ...problems({ ...denied, 422: "Invalid fields" }) },
});

const endFundingRoute = createRoute({
  method: "post",
  path: "/v1/programs/{id}/budget/funding/{fundingId}/end",
  tags,
  summary: "End a funding source early (its last day)",
  request: { params: fundingParams, body: jsonInput("EndFundingInput") },
  responses: { 204: noContent("Ended"), ...problems({ ...denied, 404: "No such program or funding source", 422: "Invalid date" }) },
});

const removeFundingRoute = createRoute({
  method: "delete",
  path: "/v1/programs/{id}/budget/funding/{fundingId}",
  tags,
  summary: "Remove a funding source entered by mistake",
  request: { params: fundingParams },
  responses: { 204: noContent("Removed"), ...problems({ ...denied, 404: "No such program or funding source" }) },
});

const csvRoute = createRoute({
  method: "get",
  path: "/v1/programs/{id}/budget/{year}/export.csv",
  tags,
  summary: "The year as CSV for Excel (UTF-8 with BOM, semicolons, decimal comma; recorded in the audit log)",
  request: { params: yearParams },
  responses: { 200: { description: "The CSV", content: { "text/csv": { schema: { type: "string" } } } }, ...problems({ ...denied, 404: "No such program or year" }) },
});

function moneyOf(ctx: ServiceContext, currency: Currency) {
  return (minor: Minor) => ({ minor, formatted: formatMoney(minor, currency, ctx.actor.user.locale) });
}

function yearJson(ctx: ServiceContext, view: BudgetYearView) {
  const money = moneyOf(ctx, view.currency);
  const { summary } = view;
  const line = (l: { budget: Minor; actual: Minor; remaining: Minor; overspent: boolean; usedTenths: number | null }) => ({
    budget: money(l.budget),
    actual: money(l.actual),
    remaining: money(l.remaining),
    overspent: l.overspent,
    usedTenths: l.usedTenths,
  });
  const lineNotes = new Map(view.lines.map((l) => [l.line, l]));
  return {
    program: view.program,
    year: view.year,
    currency: view.currency,
    canManage: view.canManage,
    lines: summary.lines.map((l) => ({ line: l.line, set: lineNotes.get(l.line)?.amount !== null, note: lineNotes.get(l.line)?.note ?? "", ...line(l) })),
    total: line(summary.total),
    months: summary.months.map((m) => ({
      month: m.month,
      total: money(m.total),
      costs: view.actuals
        .filter((a) => a.month === m.month)
        .map((a) => ({ line: a.line, amount: money(a.amount), note: a.note, source: a.source, recordedBy: a.recordedBy, recordedAt: a.recordedAt.toISOString() })),
    })),
    funding: {
      sources: view.funding.map((f) => ({ id: f.id, funder: f.funder, kind: f.kind, amount: money(f.amount), from: f.from, to: f.to, note: f.note, share: money(f.share) })),
      total: money(summary.funding.total),
      gap: money(summary.funding.gap),
      covered: summary.funding.covered,
    },
    participants: summary.participants,
    costPerParticipant: summary.costPerParticipant === null ? null : money(summary.costPerParticipant),
    years: view.years,
  };
}

async function csvUpload(c: Parameters<typeof jsonBody>[0]): Promise<UploadedFile | null> {
  if (isMultipart(c)) {
    const { file } = await multipartBody(c, "file");
    return file ? { name: file.name, type: file.type, bytes: new Uint8Array(await file.arrayBuffer()) } : null;
  }
  const bytes = new Uint8Array(await c.req.arrayBuffer());
  return bytes.length > 0 ? { name: "import.csv", type: "text/csv", bytes } : null;
}

const en = translator("en");

/** Budget and funding's endpoints. */
export function registerBudgetRoutes(api: Api) {
  registerInputSchemas(api, {
    BudgetLinesInput: budgetLinesSchema.omit({ year: true }),
    ActualCostInput: actualCostSchema,
    FundingSourceInput: fundingSourceSchema,
    EndFundingInput: endFundingSchema,
  });

  api.openapi(yearRoute, (c) =>
    handle(c, async (ctx) => {
      const { id, year } = c.req.valid("param");
      return c.json(yearJson(ctx, await getBudgetYear(ctx, id, year)), 200);
    }),
  );

  api.openapi(linesRoute, (c) =>
    handle(c, async (ctx) => {
      const { id, year } = c.req.valid("param");
      await setBudgetLines(ctx, id, await jsonBodyWith(c, { year }));
      return c.body(null, 204);
    }),
  );

  api.openapi(costRoute, (c) =>
    handle(c, async (ctx) => {
      await recordActualCost(ctx, c.req.valid("param").id, await jsonBody(c));
      return c.body(null, 204);
    }),
  );

  api.openapi(importRoute, (c) =>
    handle(c, async (ctx) => {
      const { id, year } = c.req.valid("param");
      try {
        const result = await importActualCosts(ctx, id, { year }, await csvUpload(c));
        return c.json(result, 200);
      } catch (error) {
        if (!(error instanceof CsvImportError)) throw error;
        return problem(c, 422, "validation", "The file has bad rows and nothing was imported", {
          detail: "See rows: each bad row with its line number.",
          errors: [{ field: "file", code: "budget.errors.csvRows", message: en("budget.errors.csvRows") }],
          formErrors: [],
          rows: error.rows.map((r) => ({ line: r.line, code: r.code, value: r.value ?? null, message: en(`budget.errors.row.${r.code}`, { line: r.line, value: r.value ?? "" }) })),
        }) as never;
      }
    }),
  );

  api.openapi(addFundingRoute, (c) =>
    handle(c, async (ctx) => {
      const programId = c.req.valid("param").id;
      const { id } = await addFundingSource(ctx, programId, await jsonBody(c));
      c.header("Location", `/api/v1/programs/${programId}/budget/funding/${id}`);
      return c.json({ id }, 201);
    }),
  );

  api.openapi(endFundingRoute, (c) =>
    handle(c, async (ctx) => {
      const { id, fundingId } = c.req.valid("param");
      await endFundingSource(ctx, id, fundingId, await jsonBody(c));
      return c.body(null, 204);
    }),
  );

  api.openapi(removeFundingRoute, (c) =>
    handle(c, async (ctx) => {
      const { id, fundingId } = c.req.valid("param");
      await removeFundingSource(ctx, id, fundingId);
      return c.body(null, 204);
    }),
  );

  api.openapi(csvRoute, (c) =>
    handle(c, async (ctx) => {
      const { id, year } = c.req.valid("param");
      const { fileName, csv } = await budgetYearCsv(ctx, id, year, ctx.actor.user.locale);
      return c.body(csv, 200, { "Content-Type": "text/csv; charset=utf-8", "Content-Disposition": attachment(fileName), "Cache-Control": "private, no-store" });
    }),
  );
}
