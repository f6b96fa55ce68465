import { z } from "zod";
import { isValidTime } from "../../domain/calendar.ts";
import { EXIT_KINDS, EXIT_OCCUPATIONS, EXIT_REASONS, isExitReason, NINETY_DAY_OUTCOMES, reasonBelongsTo } from "../../domain/exit.ts";
import { INCOME_SOURCES } from "../../domain/intake.ts";
import { isoDate, optionalText, requiredText } from "./common.ts";

// Follow-up meetings, the exit, the passive phase and the 90-day follow-up. Every schema accepts its own
// output (the form's action parses, the service parses again; see exits.test.ts).

const time = z
  .string({ error: "followUps.errors.time" })
  .trim()
  .min(1, { error: "followUps.errors.time", abort: true })
  .refine(isValidTime, { error: "errors.time" });

/** Who takes part, as the form's checkboxes name them: the participant, the coordinator, the referring officer, a network contact. */
export const ATTENDEE_CHOICE = /^(participant|coordinator|referrer|contact:[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})$/i;

const attendeeChoices = z
  .union([z.string(), z.array(z.string())], { error: "errors.invalid" })
  .optional()
  .transform((v) => (v === undefined ? [] : Array.isArray(v) ? v : [v]))
  .pipe(z.array(z.string().regex(ATTENDEE_CHOICE, { error: "errors.invalid" }), { error: "errors.invalid" }));

/** Others who take part, by name, one per line or separated by commas. */
const otherAttendees = optionalText(500);

export const followUpScheduleSchema = z.object(
  {
    plannedDate: z.string({ error: "followUps.errors.date" }).trim().min(1, { error: "followUps.errors.date" }).pipe(isoDate),
    plannedTime: time,
    place: optionalText(300),
    attendees: attendeeChoices,
    otherAttendees,
  },
  { error: "errors.invalid" },
);

export const followUpHoldSchema = z
  .object(
    {
      heldOn: z.string({ error: "followUps.errors.heldOn" }).trim().min(1, { error: "followUps.errors.heldOn" }).pipe(isoDate),
      attendees: attendeeChoices,
      otherAttendees,
      notes: requiredText(4000),
    },
    { error: "errors.invalid" },
  )
  .refine((v) => (Array.isArray(v.attendees) && v.attendees.length > 0) || (typeof v.otherAttendees === "string" && v.otherAttendees.trim() !== ""), {
    path: ["attendees"],
    error: "followUps.errors.whoCame",
    when: (payload) => typeof payload.value === "object" && payload.value !== null,
  });

export const followUpCancelSchema = z.object({ note: optionalText(500) }, { error: "errors.invalid" });

const isObject = (payload: { value: unknown }) => typeof payload.value === "object" && payload.value !== null;

/**
 * The exit. The kind is optional: without JavaScript the form offers every reason grouped under its kind,
 * and the kind follows from the reason; when it is sent, the reason must belong to it.
 */
export const exitSchema = z
  .object(
    {
      exitDate: z.string({ error: "exit.errors.exitDate" }).trim().min(1, { error: "exit.errors.exitDate" }).pipe(isoDate),
      kind: z.enum(EXIT_KINDS, { error: "errors.choose" }).optional(),
      reason: z.enum(EXIT_REASONS, { error: "exit.errors.reason" }),
      occupation: z.enum(EXIT_OCCUPATIONS, { error: "exit.errors.occupation" }),
      incomeSource: z.enum(INCOME_SOURCES, { error: "exit.errors.incomeSource" }),
      meetingDate: isoDate.optional(),
      meetingAttendees: attendeeChoices,
      otherAttendees,
      note: optionalText(4000),
    },
    { error: "errors.invalid" },
  )
  .refine((v) => !v.kind || !isExitReason(v.reason) || reasonBelongsTo(v.kind, v.reason), {
    path: ["reason"],
    error: "exit.errors.reasonNotOfKind",
    when: isObject,
  })
  .refine(
    (v) => (typeof v.meetingDate === "string" && v.meetingDate.trim() !== "") || ((!Array.isArray(v.meetingAttendees) || v.meetingAttendees.length === 0) && !(typeof v.otherAttendees === "string" && v.otherAttendees.trim() !== "")),
    { path: ["meetingDate"], error: "exit.errors.meetingDateMissing", when: isObject },
  );

export const passiveStartSchema = z.object(
  {
    startedOn: z.string({ error: "passive.errors.startedOn" }).trim().min(1, { error: "passive.errors.startedOn" }).pipe(isoDate),
    note: optionalText(2000),
  },
  { error: "errors.invalid" },
);

export const passiveEndSchema = z.object(
  {
    endedOn: z.string({ error: "passive.errors.endedOn" }).trim().min(1, { error: "passive.errors.endedOn" }).pipe(isoDate),
    note: optionalText(2000),
  },
  { error: "errors.invalid" },
);

export const ninetyDaySchema = z.object(
  {
    outcome: z.enum(NINETY_DAY_OUTCOMES, { error: "ninetyDay.errors.outcome" }),
    answeredOn: z.string({ error: "ninetyDay.errors.answeredOn" }).trim().min(1, { error: "ninetyDay.errors.answeredOn" }).pipe(isoDate),
    note: optionalText(2000),
  },
  { error: "errors.invalid" },
);

/** Names typed into "others who take part": one per line or separated by commas, without repeats. */
export function splitNames(text: string | undefined): string[] {
  if (!text) return [];
  return [...new Set(text.split(/[\n,;]+/).map((s) => s.trim()).filter(Boolean))].slice(0, 20);
}
