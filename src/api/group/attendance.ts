import { createRoute, z } from "@hono/zod-openapi";
import { ATTENDANCE_STATUSES, FOLLOW_UP_OUTCOMES } from "../../domain/attendance.ts";
import {
  type FollowUpView,
  getAbsenceRules,
  groupAttendance,
  participantAttendance,
  recordAttendance,
  recordFollowUpOutcome,
  registerPage,
  setAbsenceRules,
} from "../../services/attendance.ts";
import { absenceRulesSchema, followUpOutcomeSchema, registerSchema } from "../../services/schemas/attendance.ts";
import { type Api, handle, isoDate, isoDateTime, json, jsonBody, jsonInput, noContent, problems, registerInputSchemas } from "../intake/common.ts";

// Attendance: a session's register, a participant's and a program's attendance with rates and bands, the
// absence follow-ups and their outcomes, and the program's absence rules. The same use cases, policy and
// audit events as the pages (a volunteer takes the registers of the sessions they lead, and nothing else).

export const ATTENDANCE_TAG = "Attendance";
const tags = [ATTENDANCE_TAG];

const Status = z.enum(ATTENDANCE_STATUSES);

const PersonSchema = z
  .object({
    personId: z.uuid(),
    reference: z.string(),
    name: z.string().nullable().openapi({ description: "Null when masked (protected identity, and you do not work directly with the person)." }),
  })
  .openapi("AttendancePerson");

const RateSchema = z
  .object({
    expected: z.number().int(),
    attended: z.number().int().openapi({ description: "Present or late." }),
    present: z.number().int(),
    late: z.number().int(),
    excused: z.number().int().openapi({ description: "Absent with notice or sick: left out of the rate." }),
    absentWithNotice: z.number().int(),
    sick: z.number().int(),
    absentWithoutNotice: z.number().int(),
    unrecorded: z.number().int(),
    counted: z.number().int().openapi({ description: "The denominator: attended + absent without notice." }),
    percent: z.number().int().nullable().openapi({ description: "floor(100 * attended / counted); null when nothing counted." }),
    band: z.enum(["compliant", "partial", "not_compliant"]).nullable().openapi({ description: ">= 80 %, 50-79 %, < 50 %." }),
  })
  .openapi("AttendanceRate");

const PeriodRateSchema = z.object({ period: z.string().openapi({ description: "A week's Monday (YYYY-MM-DD) or a month (YYYY-MM)." }), rate: RateSchema }).openapi("AttendancePeriodRate");

export const RegisterSchema = z
  .object({
    session: z.object({ ref: z.string(), sessionId: z.uuid().nullable(), title: z.string(), kind: z.string(), date: isoDate(), start: z.string(), end: z.string(), programId: z.uuid() }),
    ahead: z.boolean().openapi({ description: "The session lies ahead: only absent_with_notice and sick are accepted." }),
    minutes: z.number().int(),
    lines: z.array(
      z.object({
        person: PersonSchema,
        via: z.enum(["ordinary", "pre_group", "listed"]),
        mark: z.object({ status: Status, minutesLate: z.number().int().nullable(), note: z.string(), recordedBy: z.string(), recordedAt: isoDateTime() }).nullable(),
      }),
    ),
  })
  .openapi("AttendanceRegister");

const FollowUpSchema = z
  .object({
    id: z.uuid(),
    rule: z.enum(["consecutive_unexcused", "low_rate"]),
    dueOn: isoDate(),
    createdAt: isoDateTime(),
    open: z.boolean().openapi({ description: "No outcome yet, or not reached." }),
    trigger: z.record(z.string(), z.unknown()).openapi({ description: "What the rule saw when the follow-up was made: the sessions, and for low_rate the window and its rate." }),
    outcome: z.object({ outcome: z.enum(FOLLOW_UP_OUTCOMES), on: isoDate(), note: z.string(), by: z.string() }).nullable(),
  })
  .openapi("AbsenceFollowUp");

const HistorySessionSchema = z
  .object({ ref: z.string(), date: isoDate(), start: z.string(), end: z.string(), title: z.string(), kind: z.string(), status: Status.nullable(), minutesLate: z.number().int() })
  .openapi("AttendanceHistorySession");

const RulesSchema = z
  .object({
    consecutiveUnexcused: z.number().int().openapi({ description: "Absences without notice in a row that make a follow-up (0: off)." }),
    excusedBreaksRun: z.boolean(),
    lowRatePercent: z.number().int().openapi({ description: "A rate below this over the window makes a follow-up (0: off)." }),
    windowDays: z.number().int(),
    minSessions: z.number().int(),
  })
  .openapi("AbsenceRules");

export const ParticipantAttendanceSchema = z
  .object({
    enrolmentId: z.uuid(),
    person: PersonSchema,
    from: isoDate(),
    to: isoDate(),
    rate: RateSchema,
    weeks: z.array(PeriodRateSchema),
    months: z.array(PeriodRateSchema),
    sessions: z.array(HistorySessionSchema),
    followUps: z.array(FollowUpSchema),
    rules: RulesSchema,
  })
  .openapi("ParticipantAttendance");

export const ProgramAttendanceSchema = z
  .object({
    program: z.object({ id: z.uuid(), name: z.string() }),
    from: isoDate(),
    to: isoDate(),
    group: z.enum(["ordinary", "pre_group"]).nullable(),
    rate: RateSchema,
    weeks: z.array(PeriodRateSchema),
    participants: z.array(z.object({ person: PersonSchema, enrolmentId: z.uuid().nullable(), rate: RateSchema, openFollowUps: z.number().int() })),
    bands: z.object({ compliant: z.number().int(), partial: z.number().int(), not_compliant: z.number().int(), none: z.number().int() }),
    unrecorded: z.array(z.object({ ref: z.string(), date: isoDate(), start: z.string(), title: z.string(), missing: z.number().int() })),
  })
  .openapi("ProgramAttendance");

const refParam = z.object({ ref: z.string().openapi({ param: { name: "ref", in: "path" }, description: "The session's id, or <seriesId>.<YYYY-MM-DD> for an occurrence of a series" }) });
const idParam = (what: string) => z.object({ id: z.string().openapi({ param: { name: "id", in: "path" }, description: `The ${what}'s id` }) });
const periodQuery = z.object({
  from: z.string().optional().openapi({ description: "YYYY-MM-DD (default: eight weeks before `to`)" }),
  to: z.string().optional().openapi({ description: "YYYY-MM-DD (default: today)" }),
});

const registerGet = createRoute({
  method: "get",
  path: "/v1/sessions/{ref}/register",
  tags,
  summary: "A session's register: everyone expected, with the marks so far (recorded in the audit log)",
  request: { params: refParam },
  responses: { 200: json(RegisterSchema, "The register"), ...problems({ 403: "You may not take this session's register", 404: "No such session", 422: "The session is cancelled or not held" }) },
});

const registerPut = createRoute({
  method: "put",
  path: "/v1/sessions/{ref}/register",
  tags,
  summary: "Save a session's register",
  description:
    "marks: one line per person (who must be expected). An empty or missing status takes a mark back; intent allPresent marks every line without a status as present. " +
    "Lines not sent are left as they are. Ahead of the day only absent_with_notice and sick are accepted. The program's absence rules are then checked for everyone whose mark changed.",
  request: { params: refParam, body: jsonInput("AttendanceRegisterInput") },
  responses: {
    200: json(z.object({ sessionId: z.uuid(), changed: z.number().int(), followUpsCreated: z.number().int() }).openapi("AttendanceSaved"), "Saved"),
    ...problems({ 403: "You may not take this session's register", 404: "No such session", 422: "Invalid lines" }),
  },
});

const participantGet = createRoute({
  method: "get",
  path: "/v1/enrolments/{id}/attendance",
  tags,
  summary: "A participant's attendance: rate and band, per week and month, the sessions and the absence follow-ups (recorded in the audit log)",
  request: { params: idParam("enrolment"), query: periodQuery },
  responses: {
    200: json(
      ParticipantAttendanceSchema,
      "The attendance",
    ),
    ...problems({ 403: "Only the program's staff read attendance", 404: "No such enrolment", 422: "Invalid period" }),
  },
});

const outcomePost = createRoute({
  method: "post",
  path: "/v1/absence-follow-ups/{id}/outcome",
  tags,
  summary: "Record what came of an absence follow-up (reached, not reached, new agreement)",
  description: "After not_reached the follow-up stays open and a new outcome can be recorded; reached and new_agreement settle it.",
  request: { params: idParam("follow-up"), body: jsonInput("AbsenceFollowUpOutcomeInput") },
  responses: { 204: noContent("Recorded"), ...problems({ 403: "Only coordinators and the manager record outcomes", 404: "No such follow-up", 422: "Invalid fields, or settled already" }) },
});

const programGet = createRoute({
  method: "get",
  path: "/v1/programs/{id}/attendance",
  tags,
  summary: "A program's attendance per participant and per week, with bands and the registers not yet taken (recorded in the audit log)",
  request: { params: idParam("program"), query: periodQuery.extend({ group: z.enum(["ordinary", "pre_group"]).optional() }) },
  responses: {
    200: json(
      ProgramAttendanceSchema,
      "The attendance",
    ),
    ...problems({ 403: "Only the program's staff read attendance", 404: "No such program", 422: "Invalid period" }),
  },
});

const rulesGet = createRoute({
  method: "get",
  path: "/v1/programs/{id}/absence-rules",
  tags,
  summary: "The program's absence rules",
  request: { params: idParam("program") },
  responses: { 200: json(z.object({ rules: RulesSchema, isDefault: z.boolean() }).openapi("AbsenceRulesView"), "The rules"), ...problems({ 403: "Only the program's staff", 404: "No such program" }) },
});

const rulesPut = createRoute({
  method: "put",
  path: "/v1/programs/{id}/absence-rules",
  tags,
  summary: "Set the program's absence rules (they apply from the next register taken)",
  request: { params: idParam("program"), body: jsonInput("AbsenceRulesInput") },
  responses: { 204: noContent("Saved"), ...problems({ 403: "Only coordinators and the manager", 404: "No such program", 422: "Invalid fields" }) },
});

const followUpJson = (f: FollowUpView) => ({ ...f, createdAt: f.createdAt.toISOString(), trigger: f.trigger as unknown as Record<string, unknown> });

/** Attendance's endpoints. */
export function registerAttendanceRoutes(api: Api) {
  registerInputSchemas(api, { AttendanceRegisterInput: registerSchema, AbsenceFollowUpOutcomeInput: followUpOutcomeSchema, AbsenceRulesInput: absenceRulesSchema });

  api.openapi(registerGet, (c) =>
    handle(c, async (ctx) => {
      const page = await registerPage(ctx, c.req.valid("param").ref);
      const { item } = page.session;
      return c.json(
        {
          session: { ref: item.ref, sessionId: item.sessionId, title: item.title, kind: item.kind, date: item.date, start: item.start, end: item.end, programId: page.session.program.id },
          ahead: page.ahead,
          minutes: page.minutes,
          lines: page.lines.map((l) => ({ person: l.person, via: l.via, mark: l.mark ? { ...l.mark, recordedAt: l.mark.recordedAt.toISOString() } : null })),
        },
        200,
      );
    }),
  );

  api.openapi(registerPut, (c) =>
    handle(c, async (ctx) => {
      const saved = await recordAttendance(ctx, c.req.valid("param").ref, await jsonBody(c));
      return c.json(saved, 200);
    }),
  );

  api.openapi(participantGet, (c) =>
    handle(c, async (ctx) => {
      const view = await participantAttendance(ctx, c.req.valid("param").id, c.req.valid("query"));
      return c.json(
        {
          enrolmentId: view.enrolmentId,
          person: view.person,
          from: view.from,
          to: view.to,
          rate: view.rate,
          weeks: view.weeks,
          months: view.months,
          sessions: view.sessions,
          followUps: view.followUps.map(followUpJson),
          rules: view.rules,
        },
        200,
      );
    }),
  );

  api.openapi(outcomePost, (c) =>
    handle(c, async (ctx) => {
      await recordFollowUpOutcome(ctx, c.req.valid("param").id, await jsonBody(c));
      return c.body(null, 204);
    }),
  );

  api.openapi(programGet, (c) =>
    handle(c, async (ctx) => {
      const view = await groupAttendance(ctx, c.req.valid("param").id, c.req.valid("query"));
      const { today: _today, ...rest } = view;
      return c.json(rest, 200);
    }),
  );

  api.openapi(rulesGet, (c) =>
    handle(c, async (ctx) => {
      const page = await getAbsenceRules(ctx, c.req.valid("param").id);
      return c.json({ rules: page.rules, isDefault: page.isDefault }, 200);
    }),
  );

  api.openapi(rulesPut, (c) =>
    handle(c, async (ctx) => {
      await setAbsenceRules(ctx, c.req.valid("param").id, await jsonBody(c));
      return c.body(null, 204);
    }),
  );
}
