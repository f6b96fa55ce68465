import { createRoute, z } from "@hono/zod-openapi";
import { INCOME_SOURCES } from "../../domain/intake.ts";
import { consentFile, listConsents, recordConsent, type UploadedFile, withdrawConsent } from "../../services/consents.ts";
import { createRequest, getRequest, listRequests, memberAuthorities, submitRequest, updateDraft, withdrawRequest } from "../../services/requests.ts";
import { consentSchema, consentWithdrawalSchema } from "../../services/schemas/intake.ts";
import { newRequestSchema, requestDraftSchema, withdrawSchema } from "../../services/schemas/request.ts";
import { type Api, attachment, Created, handle, idParam, isMultipart, isoDate, isoDateTime, json, jsonBody, jsonInput, multipartBody, noContent, problems, ref, registerInputSchemas, toJson } from "./common.ts";

// Interest requests and consent: the same use cases as the request pages.

const REQUEST_STATUSES = ["draft", "submitted", "decided", "withdrawn"] as const;
const CONSENT_STATUSES = ["given", "not_yet_valid", "expired", "withdrawn", "replaced"] as const;

export const EligibilitySchema = z
  .object({
    age: z.number().int().nullable(),
    priority: z.union([z.literal(1), z.literal(2)]).nullable().openapi({ description: "1: in the priority ages; 2: eligible but not prioritised; null: outside the ages." }),
    checks: z.array(z.object({ check: z.enum(["age", "active_at_member", "ordinary_tried"]), result: z.enum(["met", "not_met", "unknown"]) })),
    meetsAll: z.boolean(),
  })
  .openapi("Eligibility", { description: "Guidance only: it never blocks a request." });

const RequestContentSchema = z
  .object({
    incomeSource: z.enum(INCOME_SOURCES).nullable(),
    incomeSourceOther: z.string(),
    activeAt: z.array(z.object({ authorityId: z.uuid(), authorityName: z.string(), contactName: z.string(), contactDetails: z.string() })),
    situation: z.string(),
    triedBefore: z.string(),
    whyNotEnough: z.string(),
    goals: z.string(),
    motivation: z.string(),
    health: z.string(),
    obstacles: z.string(),
    needsTravel: z.boolean(),
    needsInterpreter: z.boolean(),
    interpreterLanguage: z.string(),
    accessibilityNeeds: z.string(),
    otherNeeds: z.string(),
  })
  .openapi("RequestContent");

export const RequestSchema = z
  .object({
    id: z.uuid(),
    programId: z.uuid(),
    programName: z.string(),
    status: z.enum(REQUEST_STATUSES),
    meeting: z.object({ id: z.uuid(), date: isoDate() }).nullable().openapi({ description: "Submitted: the planned meeting whose agenda it is on." }),
    decision: z.enum(["accepted", "not_ready"]).nullable(),
    recommendation: z.string().nullable().openapi({ description: "The team's recommendation when not ready." }),
    place: z.enum(["ordinary", "pre_group", "waiting", "enrolled"]).nullable(),
    enrolment: z
      .object({
        coordinatorName: z.string(),
        startDate: z.string(),
        plannedEndDate: z.string(),
        firstMeetingDate: z.string().nullable(),
        firstMeetingTime: z.string().nullable(),
        firstMeetingPlace: z.string(),
      })
      .nullable()
      .openapi({ description: "Enrolled, and the caller may read the request: the coordinator, the dates and the first meeting." }),
    createdAt: isoDateTime(),
    submittedAt: isoDateTime().nullable(),
    decidedAt: isoDateTime().nullable(),
    withdrawnAt: isoDateTime().nullable(),
    withdrawalReason: z.string().nullable(),
    author: z.object({ id: z.uuid(), name: z.string() }),
    referringAuthority: z.object({ id: z.uuid(), name: z.string() }),
    person: z
      .object({ id: z.uuid(), reference: z.string(), name: z.string().nullable(), birthDate: z.string(), masked: z.boolean() })
      .nullable()
      .openapi({ description: "Null when you may not see the person (e.g. their consent does not cover your authority)." }),
    content: RequestContentSchema.nullable().openapi({ description: "Null when you may not see the content (consent decides)." }),
    consent: z.object({
      status: z.enum([...CONSENT_STATUSES, "none"]),
      givenOn: isoDate().nullable(),
      validUntil: isoDate().nullable(),
      authorities: z.array(z.string()),
    }),
    eligibility: EligibilitySchema.nullable(),
    version: z.number().int().openapi({ description: "Send it back when saving the draft: a stale version answers 409." }),
    permissions: z.object({ edit: z.boolean(), submit: z.boolean(), withdraw: z.boolean(), recordConsent: z.boolean() }),
  })
  .openapi("InterestRequest");

export const RequestListItemSchema = z
  .object({
    id: z.uuid(),
    programName: z.string(),
    status: z.enum(REQUEST_STATUSES),
    meetingDate: isoDate().nullable(),
    decision: z.enum(["accepted", "not_ready"]).nullable(),
    personReference: z.string(),
    personName: z.string().nullable().openapi({ description: "Null when you may not see the person's name." }),
    authorName: z.string(),
    authorityName: z.string(),
    submittedAt: isoDateTime().nullable(),
    updatedAt: isoDateTime(),
  })
  .openapi("InterestRequestListItem");

export const ConsentSchema = z
  .object({
    id: z.uuid(),
    status: z.enum(CONSENT_STATUSES),
    givenOn: isoDate(),
    validUntil: isoDate(),
    purpose: z.string(),
    method: z.enum(["signed_form", "recorded"]),
    authorities: z.array(z.object({ id: z.uuid(), name: z.string() })),
    recordedBy: z.string(),
    recordedAt: isoDateTime(),
    endedAt: isoDateTime().nullable(),
    endNote: z.string(),
    file: z
      .object({ id: z.uuid(), name: z.string(), size: z.number().int() })
      .nullable()
      .openapi({ description: "The signed form; download it from /api/v1/consents/{consentId}/file." }),
  })
  .openapi("Consent");

const requestTags = ["Interest requests"];
const consentTags = ["Consent"];

const listRoute = createRoute({
  method: "get",
  path: "/v1/requests",
  tags: requestTags,
  summary: "The interest requests you may follow",
  description: "Your own (in any status) and, for the program's staff and the collaboration team, the program's requests that have reached the team. Names only where you may see the person.",
  request: {
    query: z.object({
      programId: z.uuid().optional(),
      status: z.enum(REQUEST_STATUSES).optional(),
      mine: z.enum(["true", "false"]).optional().openapi({ description: "true: only the requests you wrote." }),
    }),
  },
  responses: {
    200: json(z.object({ items: z.array(RequestListItemSchema) }), "The requests, most recently changed first"),
    ...problems({ 403: "Your roles never allow following requests", 422: "Invalid query" }),
  },
});

const createRequestRoute = createRoute({
  method: "post",
  path: "/v1/requests",
  tags: requestTags,
  summary: "Start an interest request (a draft) for a person in the program's register",
  description: "bookingId links a study-visit booking to the request. Read the draft back with GET to get its version.",
  request: { body: jsonInput("NewInterestRequest") },
  responses: {
    201: json(Created, "The draft"),
    ...problems({
      403: "Your roles never allow writing requests",
      404: "No such person that you may see",
      409: "The person already has an open request in the program (requestId given when it is yours)",
      422: "Invalid fields",
    }),
  },
});

const getRequestRoute = createRoute({
  method: "get",
  path: "/v1/requests/{id}",
  tags: requestTags,
  summary: "Read one interest request (the read is recorded in the audit log)",
  description: "Its status always to its author; the person and the content only while the person's consent allows.",
  request: { params: idParam("The request's id") },
  responses: {
    200: json(RequestSchema, "The request as you may see it"),
    ...problems({ 403: "Your roles never allow reading requests", 404: "No such request that you may see" }),
  },
});

const saveDraftRoute = createRoute({
  method: "put",
  path: "/v1/requests/{id}",
  tags: requestTags,
  summary: "Save the draft",
  description:
    "Replaces the draft's content as it is (nothing is required until it is submitted): fields left out are emptied. " +
    "Send the version you read: if someone saved in between, the answer is 409 and nothing is changed.",
  request: { params: idParam("The request's id"), body: jsonInput("InterestRequestDraft") },
  responses: {
    200: json(z.object({ version: z.number().int() }), "Saved; the new version"),
    ...problems({
      403: "Your roles never allow editing requests",
      404: "No such request that you may see",
      409: "Stale version: the draft was changed by someone else",
      422: "Invalid fields, or the request is no longer a draft you may edit (see formErrors)",
    }),
  },
});

const submitRoute = createRoute({
  method: "post",
  path: "/v1/requests/{id}/submit",
  tags: requestTags,
  summary: "Send the request to the collaboration team",
  description:
    "Checks that the request is complete and that the person has given a valid consent that covers the referring authority, " +
    "then puts it on the agenda of the next planned meeting. The fields that are missing are in errors, the consent in formErrors.",
  request: { params: idParam("The request's id") },
  responses: {
    200: json(z.object({ meetingId: z.uuid().nullable().openapi({ description: "The meeting whose agenda it is on; null if none is planned yet." }) }), "Submitted"),
    ...problems({ 404: "No such request that you may see", 422: "Incomplete, no valid consent, or not a draft you may submit" }),
  },
});

const withdrawRoute = createRoute({
  method: "post",
  path: "/v1/requests/{id}/withdraw",
  tags: requestTags,
  summary: "Withdraw a request that has not been decided",
  request: { params: idParam("The request's id"), body: jsonInput("InterestRequestWithdrawal") },
  responses: {
    204: noContent("Withdrawn (and taken off the agenda of meetings to come)"),
    ...problems({ 404: "No such request that you may see", 422: "No reason given, or the request cannot be withdrawn" }),
  },
});

const authoritiesRoute = createRoute({
  method: "get",
  path: "/v1/programs/{id}/member-authorities",
  tags: requestTags,
  summary: "The member authorities of a program's federation",
  description: "The choices for activeAt in a request and for authorityIds in a consent.",
  request: { params: idParam("The program's id") },
  responses: {
    200: json(z.object({ items: z.array(z.object({ id: z.uuid(), name: z.string(), kind: z.string() })) }), "The authorities"),
    ...problems({ 404: "No such program that you work in" }),
  },
});

const listConsentsRoute = createRoute({
  method: "get",
  path: "/v1/people/{id}/consents",
  tags: consentTags,
  summary: "The consents recorded for a person, newest first",
  request: { params: idParam("The person's id") },
  responses: {
    200: json(z.object({ items: z.array(ConsentSchema) }), "The consents"),
    ...problems({ 404: "No such person that you may see" }),
  },
});

const recordConsentRoute = createRoute({
  method: "post",
  path: "/v1/people/{id}/consents",
  tags: consentTags,
  summary: "Record a consent (it replaces the one in force)",
  description:
    'As JSON with method "recorded" (recorded by the officer), or as multipart/form-data with the same fields ' +
    '(authorityIds repeated) and, for method "signed_form", the signed form in the field file (PDF, JPEG or PNG; ' +
    "the request body may be at most 1 MiB).",
  request: {
    params: idParam("The person's id"),
    body: {
      required: true,
      content: {
        "application/json": { schema: ref("ConsentInput") },
        "multipart/form-data": {
          schema: {
            allOf: [
              ref("ConsentInput"),
              { type: "object", properties: { file: { type: "string", contentMediaType: "application/octet-stream", description: "The signed form (PDF, JPEG or PNG)." } } },
            ],
          },
        },
      },
    },
  },
  responses: {
    201: json(Created, "Recorded"),
    ...problems({
      403: "You see the person but may not record their consent",
      404: "No such person that you may see",
      415: "Neither JSON nor multipart/form-data",
      422: "Invalid fields (the file in the field file)",
    }),
  },
});

const withdrawConsentRoute = createRoute({
  method: "post",
  path: "/v1/people/{id}/consents/withdraw",
  tags: consentTags,
  summary: "Record that the person withdraws their consent",
  description: "Takes effect at once: from then on only the program's own staff see the person. The body may be left out.",
  request: {
    params: idParam("The person's id"),
    body: { required: false, content: { "application/json": { schema: ref("ConsentWithdrawal") } } },
  },
  responses: {
    204: noContent("Withdrawn"),
    ...problems({ 403: "You see the person but may not record the withdrawal", 404: "No such person that you may see", 422: "There is no consent in force" }),
  },
});

const consentFileRoute = createRoute({
  method: "get",
  path: "/v1/consents/{id}/file",
  tags: consentTags,
  summary: "Download the signed consent form (recorded in the audit log)",
  request: { params: idParam("The consent's id") },
  responses: {
    200: {
      description: "The file, with its own content type",
      content: {
        "application/pdf": { schema: { type: "string", contentMediaType: "application/pdf" } },
        "image/jpeg": { schema: { type: "string", contentMediaType: "image/jpeg" } },
        "image/png": { schema: { type: "string", contentMediaType: "image/png" } },
      },
    },
    ...problems({ 404: "No such consent form that you may see" }),
  },
});

async function consentInput(c: Parameters<typeof jsonBody>[0]): Promise<{ input: unknown; file: UploadedFile | null }> {
  if (!isMultipart(c)) return { input: await jsonBody(c), file: null };
  const { fields, file } = await multipartBody(c, "file");
  return { input: fields, file: file ? { name: file.name, type: file.type, bytes: new Uint8Array(await file.arrayBuffer()) } : null };
}

export function registerRequestRoutes(api: Api) {
  registerInputSchemas(api, {
    NewInterestRequest: newRequestSchema,
    InterestRequestDraft: requestDraftSchema,
    InterestRequestWithdrawal: withdrawSchema,
    ConsentInput: consentSchema,
    ConsentWithdrawal: consentWithdrawalSchema,
  });

  api.openapi(listRoute, (c) =>
    handle(c, async (ctx) => {
      const { programId, status, mine } = c.req.valid("query");
      return c.json({ items: toJson(await listRequests(ctx, { programId, status, mine: mine === "true" })) }, 200);
    }),
  );

  api.openapi(createRequestRoute, (c) =>
    handle(c, async (ctx) => {
      const { id } = await createRequest(ctx, await jsonBody(c));
      c.header("Location", `/api/v1/requests/${id}`);
      return c.json({ id }, 201);
    }),
  );

  api.openapi(getRequestRoute, (c) => handle(c, async (ctx) => c.json(toJson(await getRequest(ctx, c.req.valid("param").id)), 200)));

  api.openapi(saveDraftRoute, (c) => handle(c, async (ctx) => c.json(await updateDraft(ctx, c.req.valid("param").id, await jsonBody(c)), 200)));

  api.openapi(submitRoute, (c) => handle(c, async (ctx) => c.json(await submitRequest(ctx, c.req.valid("param").id), 200)));

  api.openapi(withdrawRoute, (c) =>
    handle(c, async (ctx) => {
      await withdrawRequest(ctx, c.req.valid("param").id, await jsonBody(c));
      return c.body(null, 204);
    }),
  );

  api.openapi(authoritiesRoute, (c) => handle(c, async (ctx) => c.json({ items: await memberAuthorities(ctx, c.req.valid("param").id) }, 200)));

  api.openapi(listConsentsRoute, (c) => handle(c, async (ctx) => c.json({ items: toJson(await listConsents(ctx, c.req.valid("param").id)) }, 200)));

  api.openapi(recordConsentRoute, (c) =>
    handle(c, async (ctx) => {
      const personId = c.req.valid("param").id;
      const { input, file } = await consentInput(c);
      const { id } = await recordConsent(ctx, personId, input, file);
      c.header("Location", `/api/v1/people/${personId}/consents`);
      return c.json({ id }, 201);
    }),
  );

  api.openapi(withdrawConsentRoute, (c) =>
    handle(c, async (ctx) => {
      await withdrawConsent(ctx, c.req.valid("param").id, await jsonBody(c));
      return c.body(null, 204);
    }),
  );

  api.openapi(consentFileRoute, (c) =>
    handle(c, async (ctx) => {
      const file = await consentFile(ctx, c.req.valid("param").id);
      return c.body(new Uint8Array(file.bytes), 200, { "Content-Type": file.type, "Content-Disposition": attachment(file.name) });
    }),
  );
}
