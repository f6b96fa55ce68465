import { z } from "zod";
import { isValidTime } from "../../domain/calendar.ts";
import { MAX_SERIES_DAYS } from "../../domain/schedule.ts";
import { isoDate, optionalText, requiredText } from "./common.ts";

// The schedule's forms: the program's own activity kinds and topics, venues with rooms and KRUT's accessibility
// checklist, recurring series with per-occurrence exceptions, one-off sessions and calendar feeds.
// Every schema accepts its own output (the form's action parses, the service parses again).

/** KRUT's accessibility checklist for premises, in the order the venue page shows it. */
export const ACCESSIBILITY_ITEMS = [
  "building",
  "entrance",
  "hygiene",
  "meetingRooms",
  "lighting",
  "colours",
  "signs",
  "acoustics",
  "climate",
  "safety",
  "furniture",
] as const;
export type AccessibilityItem = (typeof ACCESSIBILITY_ITEMS)[number];
export const ACCESSIBILITY_STATUSES = ["yes", "partly", "no", "unknown"] as const;

export const GROUP_KINDS = ["ordinary", "pre_group"] as const;
export const WEEK_RULES = ["every", "even", "odd"] as const;
export const HOLIDAY_RULES = ["all", "public", "none"] as const;

/** A list from checkboxes or JSON: one value, several, or none. */
const list = <T extends z.ZodType<unknown, string>>(item: T) =>
  z
    .union([z.string(), z.array(z.string())], { error: "errors.invalid" })
    .optional()
    .transform((v) => (v === undefined || v === "" ? [] : Array.isArray(v) ? v.filter((x) => x !== "") : [v]))
    .pipe(z.array(item, { error: "errors.invalid" }));

const time = (error: string) =>
  z
    .string({ error })
    .trim()
    .min(1, { error, abort: true })
    .refine(isValidTime, { error: "errors.time" });

const optionalTime = z
  .string({ error: "errors.time" })
  .trim()
  .optional()
  .transform((v) => (v === "" ? undefined : v))
  .refine((v) => v === undefined || isValidTime(v), { error: "errors.time" });

const date = (error: string) => z.string({ error }).trim().min(1, { error }).pipe(isoDate);
const optionalDate = z
  .string({ error: "errors.date" })
  .trim()
  .optional()
  .transform((v) => (v === "" ? undefined : v))
  .pipe(isoDate.optional());

const optionalId = z
  .string({ error: "errors.invalid" })
  .trim()
  .optional()
  .nullable()
  .transform((v) => (v === "" || v === null ? undefined : v))
  .pipe(z.uuid({ error: "errors.invalid" }).optional());

const isObject = (payload: { value: unknown }) => typeof payload.value === "object" && payload.value !== null;

/** One of the program's own activity kinds or session topics: its name (the key is made from it). */
export const activityKindSchema = z.object({ label: requiredText(80) }, { error: "errors.invalid" });

const checklistEntry = z.object(
  {
    status: z.enum(ACCESSIBILITY_STATUSES, { error: "errors.choose" }).optional().default("unknown"),
    note: optionalText(500),
  },
  { error: "errors.invalid" },
);

export const venueSchema = z.object(
  {
    name: requiredText(120),
    address: optionalText(300),
    notes: optionalText(2000),
    accessibility: z
      .object(Object.fromEntries(ACCESSIBILITY_ITEMS.map((item) => [item, checklistEntry.optional()])) as Record<AccessibilityItem, z.ZodOptional<typeof checklistEntry>>, {
        error: "errors.invalid",
      })
      .optional(),
  },
  { error: "errors.invalid" },
);

export const roomSchema = z.object(
  {
    name: requiredText(120),
    capacity: z
      .union([z.string(), z.number()], { error: "errors.invalid" })
      .optional()
      .transform((v) => (v === undefined || v === "" ? undefined : Number(v)))
      .refine((v) => v === undefined || (Number.isInteger(v) && v > 0 && v <= 10_000), { error: "schedule.errors.capacity" }),
    notes: optionalText(500),
  },
  { error: "errors.invalid" },
);

/** What a series and a one-off session share: what it is, where, who takes part and who leads. */
const activityFields = {
  kind: z.string({ error: "schedule.errors.kind" }).trim().min(1, { error: "schedule.errors.kind" }),
  title: requiredText(120),
  topic: optionalText(40),
  startTime: time("schedule.errors.startTime"),
  endTime: time("schedule.errors.endTime"),
  venueId: optionalId,
  roomId: optionalId,
  groupKinds: list(z.enum(GROUP_KINDS, { error: "errors.invalid" })),
  personIds: list(z.uuid({ error: "errors.invalid" })),
  leaderIds: list(z.uuid({ error: "errors.invalid" })),
  notes: optionalText(2000),
};

type ActivityShape = { startTime?: unknown; endTime?: unknown; groupKinds?: unknown; personIds?: unknown };

function timesInOrder(v: ActivityShape): boolean {
  return typeof v.startTime !== "string" || typeof v.endTime !== "string" || !isValidTime(v.startTime) || !isValidTime(v.endTime) || v.endTime > v.startTime;
}
function someoneTakesPart(v: ActivityShape): boolean {
  return (Array.isArray(v.groupKinds) && v.groupKinds.length > 0) || (Array.isArray(v.personIds) && v.personIds.length > 0);
}

export const seriesSchema = z
  .object(
    {
      ...activityFields,
      weekdays: z
        .union([z.string(), z.number(), z.array(z.union([z.string(), z.number()]))], { error: "schedule.errors.weekdays" })
        .optional()
        .transform((v) => (v === undefined || v === "" ? [] : Array.isArray(v) ? v.filter((x) => x !== "") : [v]).map(Number))
        .pipe(z.array(z.number().int({ error: "errors.invalid" }).min(1, { error: "errors.invalid" }).max(7, { error: "errors.invalid" })))
        .refine((v) => v.length > 0, { error: "schedule.errors.weekdays" }),
      firstDate: date("schedule.errors.firstDate"),
      lastDate: date("schedule.errors.lastDate"),
      weeks: z.enum(WEEK_RULES, { error: "errors.choose" }).optional().default("every"),
      skipHolidays: z.enum(HOLIDAY_RULES, { error: "errors.choose" }).optional().default("all"),
    },
    { error: "errors.invalid" },
  )
  .refine(timesInOrder, { path: ["endTime"], error: "schedule.errors.endBeforeStart", when: isObject })
  .refine((v) => typeof v.firstDate !== "string" || typeof v.lastDate !== "string" || v.lastDate >= v.firstDate, {
    path: ["lastDate"],
    error: "schedule.errors.lastBeforeFirst",
    when: isObject,
  })
  .refine(
    (v) =>
      typeof v.firstDate !== "string" ||
      typeof v.lastDate !== "string" ||
      (Date.parse(`${v.lastDate}T00:00:00Z`) - Date.parse(`${v.firstDate}T00:00:00Z`)) / 86_400_000 <= MAX_SERIES_DAYS,
    { path: ["lastDate"], error: "schedule.errors.termTooLong", when: isObject },
  )
  .refine(someoneTakesPart, { path: ["groupKinds"], error: "schedule.errors.whoTakesPart", when: isObject });

export const sessionSchema = z
  .object({ ...activityFields, date: date("schedule.errors.date") }, { error: "errors.invalid" })
  .refine(timesInOrder, { path: ["endTime"], error: "schedule.errors.endBeforeStart", when: isObject })
  .refine(someoneTakesPart, { path: ["groupKinds"], error: "schedule.errors.whoTakesPart", when: isObject });

/** One occurrence of a series: cancelled (with a note), or held on another date, time or place. */
export const exceptionSchema = z
  .object(
    {
      originalDate: date("errors.date"),
      kind: z.enum(["cancelled", "changed"], { error: "errors.choose" }),
      date: optionalDate,
      startTime: optionalTime,
      endTime: optionalTime,
      venueId: optionalId,
      note: optionalText(500),
    },
    { error: "errors.invalid" },
  )
  .refine((v) => v.kind !== "changed" || v.date !== undefined || v.startTime !== undefined || v.endTime !== undefined || v.venueId !== undefined, {
    path: ["date"],
    error: "schedule.errors.nothingChanged",
    when: isObject,
  });

export const sessionNotesSchema = z.object({ topic: optionalText(40), notes: optionalText(4000) }, { error: "errors.invalid" });

export const cancelSessionSchema = z.object({ note: optionalText(500) }, { error: "errors.invalid" });

export const feedSchema = z.object({ scope: z.enum(["mine", "ordinary", "pre_group"], { error: "errors.choose" }) }, { error: "errors.invalid" });
