import { z } from "@hono/zod-openapi";
import type { Context } from "hono";
import type { AppEnv } from "../../server/types.ts";
import { idParam, isoDate, jsonBody } from "../intake/common.ts";

// What the journey's endpoints share besides the intake API's helpers (src/api/intake/common.ts): the
// enrolment in the path, the people and meetings the views name, and merging a path parameter into a body.

/** The OpenAPI tags of the journey's endpoints (what sets them apart from the intake's in the document). */
export const JOURNEY_TAGS = {
  caseload: "Caseload",
  plan: "Plan",
  wheel: "Life-area wheel",
  journal: "Journal",
  network: "Network",
  work: "Work",
  followUps: "Follow-ups",
  exit: "Exit",
} as const;

export const enrolmentParam = idParam("The enrolment's id");

/** The enrolment's id and one more path parameter (a note, a contact, a follow-up ...). */
export function enrolmentAnd<K extends string>(name: K, description: string) {
  const second = { [name]: z.string().openapi({ param: { name, in: "path" }, description }) } as Record<K, z.ZodString>;
  return z.object({ id: z.string().openapi({ param: { name: "id", in: "path" }, description: "The enrolment's id" }), ...second });
}

export const DUE_STATES = ["later", "soon", "due", "overdue"] as const;
export const DueStateSchema = z.enum(DUE_STATES).openapi({ description: "Where a date stands today: later, soon (within 14 days), due (today), overdue." });

export const OCCASIONS = ["start", "during", "exit"] as const;

export const AuthorityRefSchema = z.object({ id: z.uuid(), name: z.string() }).openapi("AuthorityRef");

/** The participant as the reader may see them. */
export const ParticipantSchema = z
  .object({
    personId: z.uuid(),
    reference: z.string(),
    name: z.string().nullable().openapi({ description: "Null when masked (protected identity, and you do not work directly with the person)." }),
  })
  .openapi("Participant");

export const JourneyHeaderSchema = z
  .object({
    enrolmentId: z.uuid(),
    personId: z.uuid(),
    reference: z.string(),
    name: z.string().nullable().openapi({ description: "Null when masked (protected identity, and you do not work directly with the person)." }),
    programId: z.uuid(),
    programName: z.string(),
    startDate: isoDate(),
    plannedEndDate: isoDate(),
    exitDate: isoDate().nullable().openapi({ description: "Once an exit is recorded." }),
  })
  .openapi("JourneyHeader");

export const AttendeeSchema = z
  .object({
    kind: z.enum(["participant", "coordinator", "case_officer", "network", "other"]),
    userId: z.uuid().nullable(),
    contactId: z.uuid().nullable(),
    name: z.string(),
  })
  .openapi("Attendee");

export const AttendeeCandidateSchema = z
  .object({
    value: z.string().openapi({ description: 'What to send in attendees: "participant", "coordinator", "referrer" or "contact:<contactId>".' }),
    kind: z.enum(["participant", "coordinator", "case_officer", "network", "other"]),
    name: z.string().openapi({ description: "Empty for the participant." }),
    detail: z.string().openapi({ description: "The authority, organisation or role." }),
  })
  .openapi("AttendeeCandidate");

const isPlainObject = (value: unknown): value is Record<string, unknown> => typeof value === "object" && value !== null && !Array.isArray(value);

/** The JSON body with values from the path added (they win); a body that is not an object goes to the service as it is, to be refused there. */
export async function jsonBodyWith(c: Context<AppEnv>, fromPath: Record<string, string>): Promise<unknown> {
  const body = await jsonBody(c);
  return isPlainObject(body) ? { ...body, ...fromPath } : body;
}
