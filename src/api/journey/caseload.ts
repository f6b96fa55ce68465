import { createRoute, z } from "@hono/zod-openapi";
import { FLAG_KINDS, FLAG_STATES, STAGES } from "../../domain/caseload.ts";
import { viewCaseload } from "../../services/caseload.ts";
import { enrolmentOverview } from "../../services/enrolment-overview.ts";
import { CASELOAD_SORTS, CASELOAD_STAGES } from "../../services/schemas/caseload.ts";
import { type Api, handle, isoDate, json, oneOf, problems, toJson } from "../intake/common.ts";
import { DueStateSchema, enrolmentParam, JOURNEY_TAGS, OCCASIONS } from "./shared.ts";

// The coordinator's caseload and the participant's hub: the same use cases as the caseload and hub pages.

export const CaseloadFlagSchema = z
  .object({
    kind: z.enum(FLAG_KINDS),
    state: z.enum(FLAG_STATES),
    due: isoDate().openapi({ description: "When it should be done (for a notice: since when it applies)." }),
    version: z.number().int().optional().openapi({ description: "plan_not_accepted: the version waiting for acceptance." }),
    booked: z.boolean().optional().openapi({ description: "follow_up: whether one is booked." }),
    occasion: z.enum(OCCASIONS).optional().openapi({ description: "reading: which reading is due." }),
    reason: z.enum(["after_exit", "past_planned_end"]).optional().openapi({ description: "passive: why the passive phase applies." }),
    rule: z.enum(["consecutive_unexcused", "low_rate"]).optional().openapi({ description: "absent: the absence rule behind the earliest open follow-up." }),
    count: z.number().int().optional().openapi({ description: "absent: how many absence follow-ups are open." }),
  })
  .openapi("CaseloadFlag", { description: "Something that needs doing (or a notice), with its own details by kind." });

const CaseloadRowSchema = z
  .object({
    enrolmentId: z.uuid(),
    personId: z.uuid(),
    reference: z.string(),
    masked: z.boolean().openapi({ description: "Protected identity, and you do not work directly with the person: no name." }),
    protectedIdentity: z.boolean(),
    firstName: z.string().nullable(),
    lastName: z.string().nullable(),
    coordinator: z.object({ id: z.uuid(), name: z.string() }),
    startDate: isoDate(),
    plannedEndDate: isoDate(),
    stage: z.enum(CASELOAD_STAGES),
    flags: z.array(CaseloadFlagSchema),
  })
  .openapi("CaseloadRow");

export const CaseloadSchema = z
  .object({
    program: z.object({ id: z.uuid(), name: z.string() }),
    programs: z.array(z.object({ id: z.uuid(), name: z.string() })).openapi({ description: "The programs whose caseload you may open." }),
    viewAll: z.boolean().openapi({ description: "You see every coordinator's list and may choose one." }),
    coordinators: z.array(z.object({ id: z.uuid(), name: z.string() })).openapi({ description: "The choices for coordinatorId (empty unless viewAll)." }),
    filter: z.object({
      coordinatorId: z.string().openapi({ description: 'A coordinator\'s id, or "all".' }),
      flag: z.enum(FLAG_KINDS).nullable(),
      stage: z.enum(CASELOAD_STAGES).nullable(),
      sort: z.enum(CASELOAD_SORTS),
    }),
    rows: z.array(CaseloadRowSchema),
    total: z.number().int().openapi({ description: "Participants in the list before the flag and stage filters." }),
    flagCounts: z.record(z.enum(FLAG_KINDS), z.number().int()).openapi({ description: "How many of them have each kind of flag." }),
    today: isoDate(),
  })
  .openapi("Caseload");

const ReadingOccasionSchema = z.enum(OCCASIONS);

export const EnrolmentOverviewSchema = z
  .object({
    enrolmentId: z.uuid(),
    access: z.enum(["full", "shared"]).openapi({ description: "full: the journey's summary; shared: only who, when and the journal notes shared with you." }),
    person: z.object({
      id: z.uuid(),
      reference: z.string(),
      masked: z.boolean(),
      protectedIdentity: z.boolean(),
      firstName: z.string().nullable(),
      lastName: z.string().nullable(),
      canOpen: z.boolean().openapi({ description: "You may open the person's record (GET /api/v1/people/{id})." }),
    }),
    program: z.object({ id: z.uuid(), name: z.string() }),
    coordinator: z.object({ id: z.uuid(), name: z.string() }),
    startDate: isoDate(),
    plannedEndDate: isoDate(),
    stage: z.enum(STAGES),
    journal: z.object({ count: z.number().int(), onlyShared: z.boolean() }).openapi({ description: "How many journal notes you may read." }),
    journey: z
      .object({
        plan: z
          .object({ version: z.number().int(), writtenOn: isoDate(), stage: z.enum(["ongoing", "final"]), accepted: z.boolean(), acceptedOn: isoDate().nullable() })
          .nullable(),
        nextFollowUp: z.object({ date: isoDate(), booked: z.boolean(), state: DueStateSchema }).nullable(),
        lastFollowUpHeld: isoDate().nullable(),
        latestReading: isoDate().nullable(),
        nextReading: z.object({ date: isoDate(), occasion: ReadingOccasionSchema, state: DueStateSchema }).nullable(),
        networkSize: z.number().int(),
        exit: z
          .object({
            date: isoDate(),
            kind: z.enum(["completed", "interrupted"]),
            reason: z.string(),
            ninetyDay: z.object({ dueOn: isoDate(), answeredOn: isoDate().nullable(), outcome: z.string().nullable(), state: DueStateSchema.nullable() }),
          })
          .nullable(),
        passivePhase: z.object({ startedOn: isoDate(), reason: z.enum(["after_exit", "past_planned_end"]) }).nullable(),
        flags: z.array(CaseloadFlagSchema),
      })
      .nullable()
      .openapi({ description: "Null with shared access." }),
    canViewCaseload: z.boolean(),
    canViewAttendance: z.boolean().openapi({ description: "May read the participant's attendance (GET /v1/enrolments/{id}/attendance)." }),
    today: isoDate(),
  })
  .openapi("EnrolmentOverview");

const tags = [JOURNEY_TAGS.caseload];

const caseloadRoute = createRoute({
  method: "get",
  path: "/v1/caseload",
  tags,
  summary: "A coordinator's caseload: their participants with what needs doing now (recorded in the audit log)",
  description:
    "A coordinator sees their own participants; a manager every coordinator's (or the one chosen with coordinatorId). " +
    "The filters are those of the caseload page: a value that is not one of the choices falls back to the default.",
  request: {
    query: z.object({
      programId: z.string().optional().openapi({ description: "Default: the first of your programs by name." }),
      coordinatorId: z.string().optional().openapi({ description: 'A coordinator\'s id, or "all" (managers; the default for them).' }),
      flag: oneOf(FLAG_KINDS).optional(),
      stage: oneOf(CASELOAD_STAGES).optional(),
      sort: oneOf(CASELOAD_SORTS).optional().openapi({ description: "Default urgency." }),
    }),
  },
  responses: {
    200: json(CaseloadSchema, "The caseload"),
    ...problems({ 403: "You have no caseload in the program, or may not see that coordinator's" }),
  },
});

const overviewRoute = createRoute({
  method: "get",
  path: "/v1/enrolments/{id}",
  tags,
  summary: "The participant's hub: a summary of the journey with what needs doing now (recorded in the audit log)",
  request: { params: enrolmentParam },
  responses: {
    200: json(EnrolmentOverviewSchema, "The summary as you may see it"),
    ...problems({ 403: "Your roles never allow seeing a participant's journey", 404: "No such enrolment that you may see" }),
  },
});

export function registerCaseloadRoutes(api: Api) {
  api.openapi(caseloadRoute, (c) => handle(c, async (ctx) => c.json(toJson(await viewCaseload(ctx, c.req.valid("query"))), 200)));
  api.openapi(overviewRoute, (c) => handle(c, async (ctx) => c.json(toJson(await enrolmentOverview(ctx, c.req.valid("param").id)), 200)));
}
