import { createRoute, type OpenAPIHono, z } from "@hono/zod-openapi";
import type { Context } from "hono";
import { PREFERRED_LANGUAGES, SEXES } from "../domain/person.ts";
import type { AppEnv } from "../server/types.ts";
import type { ServiceContext } from "../services/context.ts";
import { createPerson, getPerson, MAX_OFFSET, type PersonView, searchPeople } from "../services/people.ts";
import { serviceProblem } from "./problems.ts";

const ProblemSchema = z
  .object({
    type: z.string(),
    title: z.string(),
    status: z.number().int(),
    detail: z.string().optional(),
    errors: z.array(z.object({ field: z.string(), code: z.string(), message: z.string() })).optional(),
  })
  .openapi("Problem");

const problemResponse = (description: string) => ({ description, content: { "application/problem+json": { schema: ProblemSchema } } });

const IdNumberSchema = z
  .object({
    kind: z.enum(["se_personnummer", "se_samordningsnummer", "no_fodselsnummer", "no_d_nummer"]),
    formatted: z.string().openapi({ example: "19811218-9876", description: "Masked (********-****) for protected people you do not work with." }),
  })
  .nullable();

const PersonSchema = z
  .object({
    id: z.uuid(),
    reference: z.string().openapi({ example: "P-7K3M9Q", description: "Names the person without personal data." }),
    programId: z.uuid(),
    programName: z.string(),
    masked: z.boolean().openapi({ description: "True when the person has protected identity and you may not see their details." }),
    protectedIdentity: z.boolean(),
    firstName: z.string().nullable(),
    lastName: z.string().nullable(),
    idNumber: IdNumberSchema,
    birthDate: z.string().openapi({ description: "YYYY-MM-DD, or only YYYY when masked." }),
    sex: z.enum(SEXES),
    email: z.string().nullable(),
    phone: z.string().nullable(),
    streetAddress: z.string().nullable(),
    postalCode: z.string().nullable(),
    city: z.string().nullable(),
    preferredLanguage: z.string(),
    version: z.number().int(),
    createdAt: z.string().openapi({ format: "date-time" }),
    updatedAt: z.string().openapi({ format: "date-time" }),
    staff: z
      .array(z.object({ userId: z.uuid(), name: z.string(), relation: z.string() }))
      .openapi({ description: "Staff working directly with the person; they see protected details." }),
    permissions: z.object({ update: z.boolean() }).openapi({ description: "What you may do with the record." }),
  })
  .openapi("Person");

const PersonListItemSchema = PersonSchema.pick({
  id: true, reference: true, programName: true, masked: true, protectedIdentity: true, firstName: true, lastName: true, idNumber: true, birthDate: true, sex: true,
}).openapi("PersonListItem");

// Documents the request body. It does not decide what is valid: that is the service's schema, the same one the
// form uses, so that the API reports every invalid field at once, with the same message keys (see below).
const PersonInputSchema = z
  .object({
    programId: z.uuid().optional().openapi({ description: "The program whose register the person is entered in. Needed only if you work in several." }),
    firstName: z.string().openapi({ example: "Ella" }),
    lastName: z.string().openapi({ example: "Johansson" }),
    idNumber: z.string().optional().openapi({
      example: "19811218-9876",
      description: "Swedish personnummer or samordningsnummer (10 or 12 digits, `-` or `+`), Norwegian fødselsnummer or D-number (11 digits). Leave out for people without one; birthDate is then required.",
    }),
    birthDate: z.string().optional().openapi({ format: "date", description: "Required without identity number; must match it otherwise." }),
    sex: z.enum(SEXES),
    email: z.string().optional(),
    phone: z.string().optional(),
    streetAddress: z.string().optional(),
    postalCode: z.string().optional(),
    city: z.string().optional(),
    preferredLanguage: z.enum(PREFERRED_LANGUAGES).optional(),
    protectedIdentity: z.boolean().optional(),
    confirmNotDuplicate: z.boolean().optional().openapi({ description: "Register even though a person with the same name and birth date exists." }),
  })
  .openapi("PersonInput");

function toJson(person: PersonView) {
  return { ...person, createdAt: person.createdAt.toISOString(), updatedAt: person.updatedAt.toISOString() };
}

function serviceContext(c: { var: AppEnv["Variables"] }): ServiceContext {
  return { ...c.var.runtime.deps, actor: c.var.auth!.actor, meta: c.var.meta };
}

const listRoute = createRoute({
  method: "get",
  path: "/v1/people",
  summary: "Search the people you may see",
  description: "Protected people you do not work with are masked, and are found only by their reference.",
  request: {
    query: z.object({
      q: z.string().max(100).optional().openapi({ description: "Name, identity-number digits or reference." }),
      programId: z.uuid().optional(),
      limit: z.coerce.number().int().min(1).max(200).optional(),
      offset: z.coerce.number().int().min(0).max(MAX_OFFSET).optional(),
    }),
  },
  responses: {
    200: {
      description: "A page of people",
      content: {
        "application/json": {
          schema: z.object({ items: z.array(PersonListItemSchema), total: z.number().int(), limit: z.number().int(), offset: z.number().int() }),
        },
      },
    },
    401: problemResponse("No valid credentials"),
    403: problemResponse("Your roles never allow listing people"),
    422: problemResponse("Invalid query"),
  },
});

const createRouteDef = createRoute({
  method: "post",
  path: "/v1/people",
  summary: "Register a person",
  request: { body: { required: true, content: { "application/json": { schema: PersonInputSchema } } } },
  responses: {
    201: { description: "Registered", content: { "application/json": { schema: PersonSchema } } },
    401: problemResponse("No valid credentials"),
    403: problemResponse("Your roles do not allow registering people"),
    409: problemResponse("Duplicate identity number, or a likely duplicate (same name and birth date)"),
    422: problemResponse("Invalid fields"),
  },
});

const getRouteDef = createRoute({
  method: "get",
  path: "/v1/people/{id}",
  summary: "Read one person (the read is recorded in the audit log)",
  request: { params: z.object({ id: z.string().openapi({ param: { name: "id", in: "path" } }) }) },
  responses: {
    200: { description: "The person", content: { "application/json": { schema: PersonSchema } } },
    401: problemResponse("No valid credentials"),
    403: problemResponse("Your roles never allow reading people"),
    404: problemResponse("No such person that you may see"),
  },
});

async function create(c: Context<AppEnv>, body: unknown) {
  try {
    const person = await createPerson(serviceContext(c), body);
    c.header("Location", `/api/v1/people/${person.id}`);
    return c.json(toJson(person), 201);
  } catch (error) {
    return serviceProblem(c, error);
  }
}

export function registerPeopleRoutes(api: OpenAPIHono<AppEnv>) {
  api.openapi(listRoute, async (c) => {
    try {
      const result = await searchPeople(serviceContext(c), c.req.valid("query"));
      return c.json(result, 200);
    } catch (error) {
      return serviceProblem(c, error) as never;
    }
  });

  api.openapi(
    createRouteDef,
    async (c) => (await create(c, c.req.valid("json"))) as never,
    // A body the documented schema rejects (a wrong type, a value outside an enum) still goes to the service,
    // whose validation answers for every field; only a body that is not JSON at all is refused before.
    (result, c) => {
      if (!result.success) return c.req.json().then((body: unknown) => create(c, body)) as never;
    },
  );

  api.openapi(getRouteDef, async (c) => {
    try {
      const person = await getPerson(serviceContext(c), c.req.valid("param").id);
      return c.json(toJson(person), 200);
    } catch (error) {
      return serviceProblem(c, error) as never;
    }
  });
}
