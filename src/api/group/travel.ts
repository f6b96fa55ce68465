import { createRoute, z } from "@hono/zod-openapi";
import { CURRENCIES, type Currency, formatMoney, type Minor } from "../../domain/money.ts";
import type { UploadedFile } from "../../services/consents.ts";
import type { ServiceContext } from "../../services/context.ts";
import { travelBudgetSchema, travelDisbursementSchema, voidDisbursementSchema } from "../../services/schemas/travel.ts";
import {
  type DisbursementView,
  getTravelReport,
  getTravelYear,
  recordDisbursement,
  setTravelBudget,
  travelReceipt,
  travelReportCsv,
  travelReportPdf,
  type TravelPerson,
  voidDisbursement,
} from "../../services/travel.ts";
import { type Api, attachment, Created, handle, isMultipart, isoDate, isoDateTime, json, jsonBody, jsonInput, multipartBody, noContent, problems, ref, registerInputSchemas } from "../intake/common.ts";
import { jsonBodyWith } from "../journey/shared.ts";

// Travel money (sv. reskassa): the year's budget, disbursements with receipts, voiding, the balance and the
// year's report (JSON, CSV, PDF). The same use cases, policy and audit events as the pages.
//
// Money is exact: every amount is an integer number of öre/øre (`minor`) with the same amount formatted
// in the caller's language (`formatted`). In request bodies `amount` is an integer number of öre/øre, or a
// string in kronor as a person types it ("1 234,50").

export const TRAVEL_TAG = "Travel money";
const tags = [TRAVEL_TAG];

const MoneySchema = z
  .object({
    minor: z.number().int().openapi({ description: "Whole öre/øre (1 krona = 100 öre).", example: 123450 }),
    formatted: z.string().openapi({ description: "The same amount in the caller's language.", example: "1 234,50 kr" }),
  })
  .openapi("Money");

const TravelPersonSchema = z
  .object({
    personId: z.uuid(),
    reference: z.string(),
    name: z.string().nullable().openapi({ description: "Null when masked (protected identity, and you do not work directly with the person)." }),
  })
  .openapi("TravelPerson");

const BalanceSchema = z
  .object({ budget: MoneySchema, disbursed: MoneySchema, balance: MoneySchema.openapi({ description: "Budget minus disbursed; negative when overspent." }), overspent: z.boolean() })
  .openapi("TravelBalance");

const DisbursementSchema = z
  .object({
    id: z.uuid(),
    person: TravelPersonSchema,
    date: isoDate(),
    amount: MoneySchema,
    currency: z.enum(CURRENCIES),
    purpose: z.string(),
    paidBy: z.string(),
    receipt: z
      .object({ name: z.string(), type: z.string(), size: z.number().int() })
      .nullable()
      .openapi({ description: "Download it from /api/v1/programs/{id}/travel/disbursements/{disbursementId}/receipt." }),
    recordedBy: z.string(),
    recordedAt: isoDateTime(),
    voided: z.object({ at: isoDateTime(), by: z.string(), reason: z.string() }).nullable().openapi({ description: "Voided disbursements stay in the list and count nowhere." }),
  })
  .openapi("TravelDisbursement");

export const TravelYearSchema = z
  .object({
    program: z.object({ id: z.uuid(), name: z.string() }),
    year: z.number().int(),
    currency: z.enum(CURRENCIES),
    budget: z.object({ amount: MoneySchema, setAt: isoDateTime(), setBy: z.string() }).nullable().openapi({ description: "Null: no budget for the year (the balance counts from 0)." }),
    balance: BalanceSchema,
    filter: z.object({ month: z.number().int().nullable(), personId: z.uuid().nullable() }),
    disbursements: z.array(DisbursementSchema).openapi({ description: "The year's disbursements that match the filter, the latest first, voided ones too." }),
    listTotal: MoneySchema.openapi({ description: "The sum of those in the list that are not voided." }),
    participants: z
      .array(TravelPersonSchema.extend({ current: z.boolean().openapi({ description: "Takes part in the program today." }) }))
      .openapi({ description: "Who took part in the program this year (a disbursement must be dated while the person took part)." }),
    years: z.array(z.number().int()),
    today: isoDate(),
  })
  .openapi("TravelYear");

export const TravelReportSchema = z
  .object({
    program: z.object({ id: z.uuid(), name: z.string() }),
    year: z.number().int(),
    currency: z.enum(CURRENCIES),
    budgetSet: z.boolean(),
    balance: BalanceSchema,
    count: z.number().int(),
    months: z.array(z.object({ month: z.string().openapi({ example: "2026-11" }), count: z.number().int(), total: MoneySchema })).openapi({ description: "All twelve months." }),
    participants: z.array(TravelPersonSchema.extend({ count: z.number().int(), total: MoneySchema })).openapi({ description: "Largest total first." }),
    voidedCount: z.number().int(),
  })
  .openapi("TravelReport");

const programParam = z.object({ id: z.string().openapi({ param: { name: "id", in: "path" }, description: "The program's id" }) });
const yearParams = programParam.extend({ year: z.string().openapi({ param: { name: "year", in: "path" }, description: "The year (2000-2100)", example: "2026" }) });
const disbursementParams = programParam.extend({ disbursementId: z.string().openapi({ param: { name: "disbursementId", in: "path" }, description: "The disbursement's id" }) });
const denied = { 403: "Only the program's coordinators and manager handle travel money", 404: "No such program" };

const yearRoute = createRoute({
  method: "get",
  path: "/v1/programs/{id}/travel/{year}",
  tags,
  summary: "The year's travel money: budget, balance and disbursements (recorded in the audit log)",
  request: {
    params: yearParams,
    query: z.object({
      month: z.string().optional().openapi({ description: "1-12: only that month's disbursements" }),
      personId: z.string().optional().openapi({ description: "Only this participant's disbursements" }),
    }),
  },
  responses: { 200: json(TravelYearSchema, "The year"), ...problems({ ...denied, 404: "No such program or year", 422: "Invalid filter" }) },
});

const budgetRoute = createRoute({
  method: "put",
  path: "/v1/programs/{id}/travel/{year}/budget",
  tags,
  summary: "Set the year's budget",
  description: "amount: an integer number of öre/øre, or a string in kronor (\"229 300\"). 0 is allowed.",
  request: { params: yearParams, body: jsonInput("TravelBudgetInput") },
  responses: { 204: noContent("Saved"), ...problems({ ...denied, 422: "Invalid fields" }) },
});

const recordRoute = createRoute({
  method: "post",
  path: "/v1/programs/{id}/travel/disbursements",
  tags,
  summary: "Record a disbursement to a participant",
  description:
    "As JSON, or as multipart/form-data with the same fields and the receipt in the field receipt (PDF, JPEG or PNG, at most 10 MB; " +
    "its content must match its type). amount: an integer number of öre/øre, or a string in kronor (\"1 234,50\"). The person must " +
    "take part in the program on the date (enrolled, or a place in the group or the pre-group).",
  request: {
    params: programParam,
    body: {
      required: true,
      content: {
        "application/json": { schema: ref("TravelDisbursementInput") },
        "multipart/form-data": {
          schema: {
            allOf: [
              ref("TravelDisbursementInput"),
              { type: "object", properties: { receipt: { type: "string", contentMediaType: "application/octet-stream", description: "The receipt (PDF, JPEG or PNG)." } } },
            ],
          },
        },
      },
    },
  },
  responses: { 201: json(Created, "Recorded"), ...problems({ ...denied, 415: "Neither JSON nor multipart/form-data", 422: "Invalid fields (the receipt in the field receipt)" }) },
});

const voidRoute = createRoute({
  method: "post",
  path: "/v1/programs/{id}/travel/disbursements/{disbursementId}/void",
  tags,
  summary: "Void a mistaken disbursement with a reason (it stays, and counts no longer)",
  request: { params: disbursementParams, body: jsonInput("TravelVoidInput") },
  responses: { 204: noContent("Voided"), ...problems({ ...denied, 404: "No such program or disbursement", 422: "No reason, or voided already" }) },
});

const receiptRoute = createRoute({
  method: "get",
  path: "/v1/programs/{id}/travel/disbursements/{disbursementId}/receipt",
  tags,
  summary: "Download a disbursement's receipt (recorded in the audit log)",
  request: { params: disbursementParams },
  responses: {
    200: {
      description: "The file, with its own content type",
      content: {
        "application/pdf": { schema: { type: "string", contentMediaType: "application/pdf" } },
        "image/jpeg": { schema: { type: "string", contentMediaType: "image/jpeg" } },
        "image/png": { schema: { type: "string", contentMediaType: "image/png" } },
      },
    },
    ...problems({ ...denied, 404: "No such program, disbursement or receipt" }),
  },
});

const reportRoute = createRoute({
  method: "get",
  path: "/v1/programs/{id}/travel/{year}/report",
  tags,
  summary: "The year's report per month and per participant (recorded in the audit log)",
  request: { params: yearParams },
  responses: { 200: json(TravelReportSchema, "The report"), ...problems({ ...denied, 404: "No such program or year" }) },
});

const reportCsvRoute = createRoute({
  method: "get",
  path: "/v1/programs/{id}/travel/{year}/report.csv",
  tags,
  summary: "The year's report as CSV for Excel (UTF-8 with BOM, semicolons, decimal comma; recorded in the audit log)",
  request: { params: yearParams },
  responses: { 200: { description: "The CSV", content: { "text/csv": { schema: { type: "string" } } } }, ...problems({ ...denied, 404: "No such program or year" }) },
});

const reportPdfRoute = createRoute({
  method: "get",
  path: "/v1/programs/{id}/travel/{year}/report.pdf",
  tags,
  summary: "The year's report as a tagged PDF in your language (recorded in the audit log)",
  request: { params: yearParams },
  responses: { 200: { description: "The PDF", content: { "application/pdf": { schema: { type: "string", contentMediaType: "application/pdf" } } } }, ...problems({ ...denied, 404: "No such program or year" }) },
});

function moneyOf(ctx: ServiceContext, currency: Currency) {
  return (minor: Minor) => ({ minor, formatted: formatMoney(minor, currency, ctx.actor.user.locale) });
}

const person = (p: TravelPerson) => ({ personId: p.personId, reference: p.reference, name: p.name });

function disbursementJson(ctx: ServiceContext, d: DisbursementView) {
  return {
    id: d.id,
    person: person(d.person),
    date: d.date,
    amount: moneyOf(ctx, d.currency)(d.amount),
    currency: d.currency,
    purpose: d.purpose,
    paidBy: d.paidBy,
    receipt: d.receipt,
    recordedBy: d.recordedBy,
    recordedAt: d.recordedAt.toISOString(),
    voided: d.voided ? { at: d.voided.at.toISOString(), by: d.voided.by, reason: d.voided.reason } : null,
  };
}

async function disbursementInput(c: Parameters<typeof jsonBody>[0]): Promise<{ input: unknown; receipt: UploadedFile | null }> {
  if (!isMultipart(c)) return { input: await jsonBody(c), receipt: null };
  const { fields, file } = await multipartBody(c, "receipt");
  return { input: fields, receipt: file ? { name: file.name, type: file.type, bytes: new Uint8Array(await file.arrayBuffer()) } : null };
}

/** Travel money's endpoints. */
export function registerTravelRoutes(api: Api) {
  registerInputSchemas(api, { TravelBudgetInput: travelBudgetSchema.omit({ year: true }), TravelDisbursementInput: travelDisbursementSchema, TravelVoidInput: voidDisbursementSchema });

  api.openapi(yearRoute, (c) =>
    handle(c, async (ctx) => {
      const { id, year } = c.req.valid("param");
      const view = await getTravelYear(ctx, id, year, c.req.valid("query"));
      const money = moneyOf(ctx, view.currency);
      return c.json(
        {
          program: view.program,
          year: view.year,
          currency: view.currency,
          budget: view.budget ? { amount: money(view.budget.amount), setAt: view.budget.setAt.toISOString(), setBy: view.budget.setBy } : null,
          balance: { budget: money(view.balance.budget), disbursed: money(view.balance.disbursed), balance: money(view.balance.balance), overspent: view.balance.overspent },
          filter: view.filter,
          disbursements: view.disbursements.map((d) => disbursementJson(ctx, d)),
          listTotal: money(view.listTotal),
          participants: view.participants.map((p) => ({ ...person(p), current: p.current })),
          years: view.years,
          today: view.today,
        },
        200,
      );
    }),
  );

  api.openapi(budgetRoute, (c) =>
    handle(c, async (ctx) => {
      const { id, year } = c.req.valid("param");
      await setTravelBudget(ctx, id, await jsonBodyWith(c, { year }));
      return c.body(null, 204);
    }),
  );

  api.openapi(recordRoute, (c) =>
    handle(c, async (ctx) => {
      const programId = c.req.valid("param").id;
      const { input, receipt } = await disbursementInput(c);
      const { id } = await recordDisbursement(ctx, programId, input, receipt);
      c.header("Location", `/api/v1/programs/${programId}/travel/disbursements/${id}`);
      return c.json({ id }, 201);
    }),
  );

  api.openapi(voidRoute, (c) =>
    handle(c, async (ctx) => {
      const { id, disbursementId } = c.req.valid("param");
      await voidDisbursement(ctx, id, disbursementId, await jsonBody(c));
      return c.body(null, 204);
    }),
  );

  api.openapi(receiptRoute, (c) =>
    handle(c, async (ctx) => {
      const { id, disbursementId } = c.req.valid("param");
      const file = await travelReceipt(ctx, id, disbursementId);
      return c.body(new Uint8Array(file.bytes), 200, { "Content-Type": file.type, "Content-Disposition": attachment(file.name), "Cache-Control": "private, no-store" });
    }),
  );

  api.openapi(reportRoute, (c) =>
    handle(c, async (ctx) => {
      const { id, year } = c.req.valid("param");
      const view = await getTravelReport(ctx, id, year);
      const { report } = view;
      const money = moneyOf(ctx, report.currency);
      return c.json(
        {
          program: view.program,
          year: view.year,
          currency: report.currency,
          budgetSet: view.budgetSet,
          balance: { budget: money(report.budget), disbursed: money(report.disbursed), balance: money(report.balance), overspent: report.overspent },
          count: report.count,
          months: report.months.map((m) => ({ month: m.month, count: m.count, total: money(m.total) })),
          participants: view.participants.map((p) => ({ ...person(p), count: p.count, total: money(p.total) })),
          voidedCount: view.voidedCount,
        },
        200,
      );
    }),
  );

  api.openapi(reportCsvRoute, (c) =>
    handle(c, async (ctx) => {
      const { id, year } = c.req.valid("param");
      const { fileName, csv } = await travelReportCsv(ctx, id, year, ctx.actor.user.locale);
      return c.body(csv, 200, { "Content-Type": "text/csv; charset=utf-8", "Content-Disposition": attachment(fileName), "Cache-Control": "private, no-store" });
    }),
  );

  api.openapi(reportPdfRoute, (c) =>
    handle(c, async (ctx) => {
      const { id, year } = c.req.valid("param");
      const { fileName, pdf } = await travelReportPdf(ctx, id, year, ctx.actor.user.locale);
      return c.body(new Uint8Array(pdf), 200, { "Content-Type": "application/pdf", "Content-Disposition": attachment(fileName), "Cache-Control": "private, no-store" });
    }),
  );
}
