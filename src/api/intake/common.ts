import { type OpenAPIHono, z } from "@hono/zod-openapi";
import type { Context } from "hono";
import type { AppEnv } from "../../server/types.ts";
import type { ServiceContext } from "../../services/context.ts";
import { problem, serviceProblem } from "../problems.ts";

// What the intake endpoints share: the service context, the error mapping, reading a body that the
// service validates itself, and turning service views into JSON (dates as ISO strings).
//
// Request bodies are validated by the services, with the same Zod schemas the pages use: the API does not
// parse them first. The OpenAPI document still describes them, generated from those schemas (registered
// as components and referenced, so that the framework does not validate them a second time).

export type Api = OpenAPIHono<AppEnv>;
type Ctx = Context<AppEnv>;

export function serviceContext(c: { var: AppEnv["Variables"] }): ServiceContext {
  return { ...c.var.runtime.deps, actor: c.var.auth!.actor, meta: c.var.meta };
}

/** A body the API could not read (before any service saw it). */
class BodyError extends Error {
  readonly status: 400 | 415;
  readonly type: string;
  constructor(status: 400 | 415, type: string, message: string) {
    super(message);
    this.status = status;
    this.type = type;
  }
}

const isJsonType = (type: string) => /^application\/(?:[\w.-]+\+)?json\s*(?:;|$)/i.test(type.trim());

/** The JSON body as the client sent it (an empty body is an empty object); the service validates it. */
export async function jsonBody(c: Ctx): Promise<unknown> {
  const text = await c.req.text();
  if (text.trim() === "") return {};
  if (!isJsonType(c.req.header("content-type") ?? "")) throw new BodyError(415, "unsupported-media-type", "Send the body as application/json.");
  try {
    return JSON.parse(text) as unknown;
  } catch {
    throw new BodyError(400, "invalid-json", "The body is not valid JSON.");
  }
}

export function isMultipart(c: Ctx): boolean {
  return /^multipart\/form-data\s*(?:;|$)/i.test((c.req.header("content-type") ?? "").trim());
}

/** The fields of a multipart/form-data body (repeated names as arrays) and its first file in `fileField`. */
export async function multipartBody(c: Ctx, fileField: string): Promise<{ fields: Record<string, unknown>; file: File | null }> {
  let form: Record<string, string | File | (string | File)[]>;
  try {
    form = await c.req.parseBody({ all: true });
  } catch {
    throw new BodyError(400, "invalid-form", "The multipart/form-data body could not be read.");
  }
  const { [fileField]: entry, ...fields } = form;
  const first = Array.isArray(entry) ? entry[0] : entry;
  return { fields, file: first instanceof File && first.size > 0 ? first : null };
}

/**
 * Errors as problem documents, as in the rest of the API. A rejection from a service also lists the
 * message keys that concern the whole request (e.g. "no valid consent") in `formErrors`.
 */
export function intakeProblem(c: Ctx, error: unknown) {
  if (error instanceof BodyError) return problem(c, error.status, error.type, "The request body could not be read", { detail: error.message });
  return serviceProblem(c, error);
}

/** Runs a handler with the caller's service context; what a service throws becomes a problem document. */
export async function handle<R>(c: Ctx, run: (ctx: ServiceContext) => Promise<R>): Promise<R> {
  try {
    return await run(serviceContext(c));
  } catch (error) {
    return intakeProblem(c, error) as never;
  }
}

/** A service view as JSON: Date objects become ISO timestamps, undefined members disappear. */
export type Jsonify<T> = T extends Date
  ? string
  : T extends readonly (infer U)[]
    ? Jsonify<U>[]
    : T extends object
      ? { -readonly [K in keyof T]: Jsonify<T[K]> }
      : T;

export function toJson<T>(value: T): Jsonify<T> {
  return JSON.parse(JSON.stringify(value)) as Jsonify<T>;
}

// --- Document building blocks -------------------------------------------------------------------

export const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` });

/** Registers the schemas the services validate with, so that request bodies can refer to them. */
/**
 * Documents the services' own input schemas as components. They are converted with Zod's JSON Schema
 * output (the input side of transforms), not registered as Zod schemas: the services' schemas are
 * plain Zod, created before @hono/zod-openapi extends Zod in the server bundle, and must not depend on it.
 */
export function registerInputSchemas(api: Api, schemas: Record<string, z.ZodType>) {
  for (const [name, schema] of Object.entries(schemas)) {
    const { $schema: _dialect, ...jsonSchema } = z.toJSONSchema(schema, { io: "input", target: "draft-2020-12", unrepresentable: "any" }) as Record<string, unknown>;
    api.openAPIRegistry.registerComponent("schemas", name, jsonSchema as never);
  }
}

export function registerCommonComponents(api: Api) {
  api.openAPIRegistry.registerComponent("schemas", "ValidationProblem", {
    allOf: [
      ref("Problem"),
      {
        type: "object",
        properties: {
          formErrors: {
            type: "array",
            description: "Message keys about the request as a whole (e.g. request.errors.consentMissing), with their English text.",
            items: { type: "object", properties: { code: { type: "string" }, message: { type: "string" } }, required: ["code", "message"] },
          },
        },
      },
    ],
  });
}

type ProblemStatus = 401 | 403 | 404 | 409 | 415 | 422;

/** Problem responses for a route, with what each status means there. 401 is always possible. */
export function problems(described: Partial<Record<Exclude<ProblemStatus, 401>, string>>) {
  const all: Partial<Record<ProblemStatus, string>> = { 401: "No valid credentials", ...described };
  return Object.fromEntries(
    Object.entries(all).map(([status, description]) => [
      status,
      { description, content: { "application/problem+json": { schema: ref(status === "422" ? "ValidationProblem" : "Problem") } } },
    ]),
  ) as Record<ProblemStatus, { description: string; content: { "application/problem+json": { schema: { $ref: string } } } }>;
}

/** A JSON request body described by a registered input schema (validated by the service). */
export const jsonInput = (name: string, description?: string) => ({
  required: true,
  ...(description ? { description } : {}),
  content: { "application/json": { schema: ref(name) } },
});

export const json = <S extends z.ZodType>(schema: S, description: string) => ({ description, content: { "application/json": { schema } } });

export const idParam = (description: string) =>
  z.object({ id: z.string().openapi({ param: { name: "id", in: "path" }, description }) });

export const Created = z.object({ id: z.uuid() }).openapi("Created");

export const isoDate = () => z.iso.date().openapi({ example: "2026-11-24" });
export const isoDateTime = () => z.iso.datetime().openapi({ example: "2026-11-23T09:00:00.000Z" });

/** Content-Disposition for a download, with the name kept in UTF-8 and an ASCII fallback. */
export function attachment(name: string): string {
  const encoded = encodeURIComponent(name).replace(/['()*!]/g, (ch) => `%${ch.charCodeAt(0).toString(16).toUpperCase()}`);
  const fallback = name.replace(/[^\w.-]+/g, "_") || "file";
  return `attachment; filename="${fallback}"; filename*=UTF-8''${encoded}`;
}

/** A string the service types loosely but that always holds one of these values (documented as an enum). */
export const oneOf = (values: readonly string[]) => z.string().openapi({ enum: [...values] });

/** A response with no body (the change is made). */
export const noContent = (description: string) => ({ description });
