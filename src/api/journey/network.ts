import { createRoute, z } from "@hono/zod-openapi";
import { addContact, endContact, getContact, getNetwork, updateContact } from "../../services/network.ts";
import { NETWORK_KINDS, networkContactSchema } from "../../services/schemas/journal.ts";
import { type Api, Created, handle, isoDateTime, json, jsonBody, jsonInput, noContent, problems, registerInputSchemas, toJson } from "../intake/common.ts";
import { AuthorityRefSchema, enrolmentAnd, enrolmentParam, JOURNEY_TAGS, ParticipantSchema } from "./shared.ts";

// The participant's network (responsibility group): contacts at the member authorities, in health care,
// family and others. A contact who is no longer part of it is ended, never deleted. The same use cases as
// the network pages.

const ContactSchema = z
  .object({
    id: z.uuid(),
    kind: z.enum(NETWORK_KINDS),
    authorityId: z.uuid().nullable(),
    authorityName: z.string().nullable().openapi({ description: "The member authority's name, for contacts at one." }),
    name: z.string(),
    organisation: z.string(),
    role: z.string(),
    phone: z.string(),
    email: z.string(),
    note: z.string(),
    createdAt: isoDateTime(),
    updatedAt: isoDateTime(),
    endedAt: isoDateTime().nullable(),
  })
  .openapi("NetworkContact");

export const NetworkSchema = z
  .object({
    enrolmentId: z.uuid(),
    participant: ParticipantSchema,
    programName: z.string(),
    current: z.array(ContactSchema),
    ended: z.array(ContactSchema),
    authorities: z.array(AuthorityRefSchema).openapi({ description: "The federation's member authorities: the choices for authorityId." }),
    canManage: z.boolean(),
  })
  .openapi("Network");

export const NetworkContactPageSchema = z
  .object({ enrolmentId: z.uuid(), participant: ParticipantSchema, contact: ContactSchema, authorities: z.array(AuthorityRefSchema) })
  .openapi("NetworkContactPage");

const tags = [JOURNEY_TAGS.network];
const contactParams = enrolmentAnd("contactId", "The contact's id");
const manageProblems = { 403: "Only the program's staff change the network", 404: "No such enrolment or contact" } as const;

const networkRoute = createRoute({
  method: "get",
  path: "/v1/enrolments/{id}/network",
  tags,
  summary: "The participant's network: current contacts, then the ended ones (recorded in the audit log)",
  request: { params: enrolmentParam },
  responses: {
    200: json(NetworkSchema, "The network"),
    ...problems({ 403: "You may not see the participant's journey", 404: "No such enrolment that you may see" }),
  },
});

const addRoute = createRoute({
  method: "post",
  path: "/v1/enrolments/{id}/network/contacts",
  tags,
  summary: "Add a contact to the network",
  request: { params: enrolmentParam, body: jsonInput("NetworkContactInput") },
  responses: { 201: json(Created, "Added"), ...problems({ ...manageProblems, 422: "Invalid fields" }) },
});

const contactRoute = createRoute({
  method: "get",
  path: "/v1/enrolments/{id}/network/contacts/{contactId}",
  tags,
  summary: "One contact, for changing or ending it",
  request: { params: contactParams },
  responses: { 200: json(NetworkContactPageSchema, "The contact"), ...problems(manageProblems) },
});

const updateRoute = createRoute({
  method: "put",
  path: "/v1/enrolments/{id}/network/contacts/{contactId}",
  tags,
  summary: "Change a current contact (fields left out are emptied)",
  request: { params: contactParams, body: jsonInput("NetworkContactInput") },
  responses: { 204: noContent("Saved"), ...problems({ ...manageProblems, 422: "Invalid fields, or the contact has ended" }) },
});

const endRoute = createRoute({
  method: "post",
  path: "/v1/enrolments/{id}/network/contacts/{contactId}/end",
  tags,
  summary: "End a contact: no longer part of the network, kept and shown as ended",
  request: { params: contactParams },
  responses: { 204: noContent("Ended"), ...problems({ ...manageProblems, 422: "The contact has ended already" }) },
});

export function registerNetworkRoutes(api: Api) {
  registerInputSchemas(api, { NetworkContactInput: networkContactSchema });

  api.openapi(networkRoute, (c) => handle(c, async (ctx) => c.json(toJson(await getNetwork(ctx, c.req.valid("param").id)), 200)));

  api.openapi(addRoute, (c) =>
    handle(c, async (ctx) => {
      const enrolmentId = c.req.valid("param").id;
      const { id } = await addContact(ctx, enrolmentId, await jsonBody(c));
      c.header("Location", `/api/v1/enrolments/${enrolmentId}/network/contacts/${id}`);
      return c.json({ id }, 201);
    }),
  );

  api.openapi(contactRoute, (c) =>
    handle(c, async (ctx) => {
      const { id, contactId } = c.req.valid("param");
      return c.json(toJson(await getContact(ctx, id, contactId)), 200);
    }),
  );

  api.openapi(updateRoute, (c) =>
    handle(c, async (ctx) => {
      const { id, contactId } = c.req.valid("param");
      await updateContact(ctx, id, contactId, await jsonBody(c));
      return c.body(null, 204);
    }),
  );

  api.openapi(endRoute, (c) =>
    handle(c, async (ctx) => {
      const { id, contactId } = c.req.valid("param");
      await endContact(ctx, id, contactId);
      return c.body(null, 204);
    }),
  );
}
