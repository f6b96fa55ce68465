import { createRoute, z } from "@hono/zod-openapi";
import { type MonthlyReportPage, monthlyReportCsv, monthlyReportPage, monthlyReportPdf, ReportIncompleteError, type ReportTotals, signMonthlyReport } from "../../services/attendance-report.ts";
import { signMonthlyReportSchema } from "../../services/schemas/attendance-report.ts";
import { translator } from "../../i18n/index.ts";
import { type Api, attachment, Created, handle, isoDate, isoDateTime, json, jsonBody, jsonInput, problems, registerInputSchemas } from "../intake/common.ts";
import { problem } from "../problems.ts";
import { ParticipantSchema } from "../journey/shared.ts";

// A participant's monthly attendance report for the authority that pays their benefit: the report as JSON
// (scheduled against attended minutes per day, totals, rate, the sign-offs), as CSV and as PDF, and the
// coordinator's sign-off. The same use cases, policy and audit events as the pages.

export const ATTENDANCE_REPORT_TAG = "Attendance reports";
const tags = [ATTENDANCE_REPORT_TAG];

const STATUSES = ["present", "late", "absent_with_notice", "absent_without_notice", "sick"] as const;

const TotalsSchema = z
  .object({
    scheduledMinutes: z.number().int(),
    attendedMinutes: z.number().int(),
    excusedMinutes: z.number().int(),
    unexcusedMinutes: z.number().int(),
    unrecordedMinutes: z.number().int(),
    sessions: z.number().int().openapi({ description: "Sessions the participant was expected at." }),
    attendedSessions: z.number().int(),
    excusedSessions: z.number().int(),
    unexcusedSessions: z.number().int(),
    unrecordedSessions: z.number().int(),
    percent: z.number().int().nullable().openapi({ description: "attended / (attended + unexcused), floored; null when nothing counted." }),
  })
  .openapi("AttendanceReportTotals");

const DaySchema = z
  .object({
    date: isoDate(),
    scheduledMinutes: z.number().int().openapi({ description: "The union of the day's sessions (overlaps once)." }),
    attendedMinutes: z.number().int().openapi({ description: "Present: the whole session; late: from the start plus the minutes late." }),
    excusedMinutes: z.number().int(),
    unexcusedMinutes: z.number().int(),
    unrecordedMinutes: z.number().int(),
    sessions: z.array(
      z.object({
        ref: z.string().openapi({ description: "The session's address (GET /api/v1/sessions/{ref})." }),
        title: z.string(),
        kind: z.string(),
        start: z.string().openapi({ example: "09:00" }),
        end: z.string().openapi({ example: "12:00" }),
        status: z.enum(STATUSES).nullable().openapi({ description: "Null: not recorded yet." }),
        minutesLate: z.number().int(),
        scheduledMinutes: z.number().int(),
        attendedMinutes: z.number().int(),
      }),
    ),
  })
  .openapi("AttendanceReportDay");

const SignoffSchema = z
  .object({ id: z.uuid(), signedAt: isoDateTime(), signedBy: z.string(), authority: z.object({ id: z.uuid(), name: z.string() }).nullable(), totals: TotalsSchema })
  .openapi("AttendanceReportSignoff");

export const MonthlyReportSchema = z
  .object({
    enrolmentId: z.uuid(),
    program: z.object({ id: z.uuid(), name: z.string() }),
    participant: ParticipantSchema,
    month: z.string().openapi({ example: "2026-10" }),
    from: isoDate().openapi({ description: "The first day the report covers (the enrolment's start, if later than the 1st)." }),
    to: isoDate().openapi({ description: "The last day the report covers (the day the enrolment ended, if earlier)." }),
    incomeSource: z.string(),
    authority: z
      .object({ id: z.uuid(), name: z.string(), basis: z.enum(["income_source", "referrer"]) })
      .nullable()
      .openapi({ description: "The authority that pays the benefit: by the income source, else the referring authority." }),
    days: z.array(DaySchema).openapi({ description: "Only days with sessions the participant was expected at." }),
    totals: TotalsSchema,
    complete: z.boolean().openapi({ description: "Every session is recorded: only then can it be signed off." }),
    fingerprint: z.string().openapi({ description: "Send it as `shown` when signing off: refused if the register changed in between." }),
    signoffs: z.object({
      latest: SignoffSchema.nullable(),
      earlier: z.number().int(),
      changedFromEarlier: z.boolean(),
      changedSinceSigned: z.boolean(),
    }),
    sign: z.object({ allowed: z.boolean(), monthOver: z.boolean(), opensOn: isoDate(), complete: z.boolean() }),
    months: z.array(z.string()).openapi({ description: "Months that have a report, the latest first." }),
    today: isoDate(),
  })
  .openapi("MonthlyAttendanceReport");

const params = z.object({
  id: z.string().openapi({ param: { name: "id", in: "path" }, description: "The enrolment's id" }),
  month: z.string().openapi({ param: { name: "month", in: "path" }, description: "YYYY-MM", example: "2026-10" }),
});
const denied = { 403: "Only the program's staff read attendance (case officers, volunteers and the steering group do not)", 404: "No such enrolment or month that you may see" };

const reportRoute = createRoute({
  method: "get",
  path: "/v1/enrolments/{id}/attendance-report/{month}",
  tags,
  summary: "A participant's attendance report for a month (recorded in the audit log)",
  request: { params },
  responses: { 200: json(MonthlyReportSchema, "The report"), ...problems(denied) },
});

const csvRoute = createRoute({
  method: "get",
  path: "/v1/enrolments/{id}/attendance-report/{month}/report.csv",
  tags,
  summary: "The report as CSV for Excel (UTF-8 with BOM, semicolons, hours with a decimal comma in sv/nb; recorded in the audit log)",
  request: { params },
  responses: { 200: { description: "The CSV", content: { "text/csv": { schema: { type: "string" } } } }, ...problems(denied) },
});

const pdfRoute = createRoute({
  method: "get",
  path: "/v1/enrolments/{id}/attendance-report/{month}/report.pdf",
  tags,
  summary: "The report as a tagged PDF in your language (recorded in the audit log)",
  request: { params },
  responses: { 200: { description: "The PDF", content: { "application/pdf": { schema: { type: "string", contentMediaType: "application/pdf" } } } }, ...problems(denied) },
});

const signRoute = createRoute({
  method: "post",
  path: "/v1/enrolments/{id}/attendance-report/{month}/sign-offs",
  tags,
  summary: "Sign off the month's report (coordinators and the manager)",
  description:
    "Possible from the last day of the month, and only when every session is recorded (otherwise 422 with attendanceReport.errors.incomplete " +
    "and `unrecordedSessions`). confirmed must be true. Signing again after a correction is a new sign-off; the latest counts.",
  request: { params, body: jsonInput("AttendanceReportSignInput") },
  responses: { 201: json(Created, "Signed off"), ...problems({ ...denied, 403: "Only coordinators and the manager sign off", 422: "Not confirmed, the month is not over, sessions not recorded, or the register changed" }) },
});

const totalsJson = (t: ReportTotals) => ({ ...t });

function reportJson(page: MonthlyReportPage) {
  return {
    enrolmentId: page.enrolmentId,
    program: page.program,
    participant: page.participant,
    month: page.month,
    from: page.from,
    to: page.to,
    incomeSource: page.enrolment.incomeSource,
    authority: page.authority,
    days: page.report.days.map((d) => ({
      date: d.date,
      scheduledMinutes: d.scheduledMinutes,
      attendedMinutes: d.attendedMinutes,
      excusedMinutes: d.excusedMinutes,
      unexcusedMinutes: d.unexcusedMinutes,
      unrecordedMinutes: d.unrecordedMinutes,
      sessions: d.sessions.map((s) => ({
        ref: s.sessionId,
        title: page.titles[s.sessionId] ?? "",
        kind: s.kind,
        start: s.start,
        end: s.end,
        status: s.status,
        minutesLate: s.minutesLate,
        scheduledMinutes: s.scheduledMinutes,
        attendedMinutes: s.attendedMinutes,
      })),
    })),
    totals: totalsJson(page.totals),
    complete: page.report.complete,
    fingerprint: page.fingerprint,
    signoffs: {
      latest: page.signoffs.latest ? { ...page.signoffs.latest, signedAt: page.signoffs.latest.signedAt.toISOString(), totals: totalsJson(page.signoffs.latest.totals) } : null,
      earlier: page.signoffs.earlier,
      changedFromEarlier: page.signoffs.changedFromEarlier,
      changedSinceSigned: page.signoffs.changedSinceSigned,
    },
    sign: page.sign,
    months: page.months,
    today: page.today,
  };
}

const en = translator("en");

/** The attendance report's endpoints. */
export function registerAttendanceReportRoutes(api: Api) {
  registerInputSchemas(api, { AttendanceReportSignInput: signMonthlyReportSchema });

  api.openapi(reportRoute, (c) =>
    handle(c, async (ctx) => {
      const { id, month } = c.req.valid("param");
      return c.json(reportJson(await monthlyReportPage(ctx, id, month)), 200);
    }),
  );

  api.openapi(csvRoute, (c) =>
    handle(c, async (ctx) => {
      const { id, month } = c.req.valid("param");
      const { fileName, csv } = await monthlyReportCsv(ctx, id, month, ctx.actor.user.locale);
      return c.body(csv, 200, { "Content-Type": "text/csv; charset=utf-8", "Content-Disposition": attachment(fileName), "Cache-Control": "private, no-store" });
    }),
  );

  api.openapi(pdfRoute, (c) =>
    handle(c, async (ctx) => {
      const { id, month } = c.req.valid("param");
      const { fileName, pdf } = await monthlyReportPdf(ctx, id, month, ctx.actor.user.locale);
      return c.body(new Uint8Array(pdf), 200, { "Content-Type": "application/pdf", "Content-Disposition": attachment(fileName), "Cache-Control": "private, no-store" });
    }),
  );

  api.openapi(signRoute, (c) =>
    handle(c, async (ctx) => {
      const { id, month } = c.req.valid("param");
      try {
        const { id: signoffId } = await signMonthlyReport(ctx, id, month, await jsonBody(c));
        c.header("Location", `/api/v1/enrolments/${id}/attendance-report/${month}`);
        return c.json({ id: signoffId }, 201);
      } catch (error) {
        if (!(error instanceof ReportIncompleteError)) throw error;
        // As every validation problem, with how many sessions are still to be recorded.
        const code = "attendanceReport.errors.incomplete";
        return problem(c, 422, "validation", "The request has invalid fields", {
          detail: `${en(code)} ${error.unrecorded} ${error.unrecorded === 1 ? "session is" : "sessions are"} not recorded yet.`,
          errors: [],
          formErrors: [{ code, message: en(code) }],
          unrecordedSessions: error.unrecorded,
          unrecordedMinutes: error.unrecordedMinutes,
        }) as never;
      }
    }),
  );
}
