import { z } from "zod";
import { isIsoDate } from "../../domain/person.ts";
import { WORK_KINDS } from "../../domain/work.ts";
import { isoDate, optionalText, requiredText, uuid } from "./common.ts";

// The participant's journal, network (responsibility group) and work placements. Every schema accepts its
// own output (the form's action parses, the service parses again: see journal.test.ts).

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null;
/** Cross-field checks run even when another field is wrong, so every message shows at once. */
const ALWAYS = { when: (payload: { value: unknown }) => isObject(payload.value) };
/** A filter left empty ("" from a GET form) is no filter. */
const blankToUndefined = (v: unknown) => (typeof v === "string" && v.trim() === "" ? undefined : v);

// --- Journal -------------------------------------------------------------------------------------------

export const JOURNAL_KINDS = ["individual", "group", "authority_contact", "other"] as const;
export type JournalKind = (typeof JOURNAL_KINDS)[number];
/** "staff": the program's staff only; "shared": also the participant's case officers while consent allows. */
export const JOURNAL_VISIBILITIES = ["staff", "shared"] as const;
export type JournalVisibility = (typeof JOURNAL_VISIBILITIES)[number];

/** A journal note; a correction has the same fields (the note it corrects comes from the address). */
export const journalNoteSchema = z.object(
  {
    noteDate: isoDate,
    kind: z.enum(JOURNAL_KINDS, { error: "errors.choose" }),
    visibility: z.enum(JOURNAL_VISIBILITIES, { error: "errors.choose" }),
    body: requiredText(20_000),
  },
  { error: "errors.invalid" },
);
export type JournalNoteInput = z.output<typeof journalNoteSchema>;

/** Filters of the journal list: type, author, period (note dates, inclusive). Empty values mean no filter. */
export const journalFilterSchema = z
  .object(
    {
      kind: z.preprocess(blankToUndefined, z.enum(JOURNAL_KINDS, { error: "errors.choose" }).optional()),
      author: z.preprocess(blankToUndefined, uuid.optional()),
      from: z.preprocess(blankToUndefined, isoDate.optional()),
      to: z.preprocess(blankToUndefined, isoDate.optional()),
    },
    { error: "errors.invalid" },
  )
  .refine((v: unknown) => !(isObject(v) && typeof v.from === "string" && typeof v.to === "string" && isIsoDate(v.from) && isIsoDate(v.to) && v.to < v.from), {
    path: ["to"],
    error: "journal.errors.toBeforeFrom",
    ...ALWAYS,
  });
export type JournalFilter = z.output<typeof journalFilterSchema>;

// --- Network -------------------------------------------------------------------------------------------

export const NETWORK_KINDS = ["authority", "health", "family", "other"] as const;
export type NetworkKind = (typeof NETWORK_KINDS)[number];

const phone = optionalText(40).pipe(
  z
    .string()
    .regex(/^\+?[0-9 ()-]{5,}$/, { error: "errors.phone" })
    .optional(),
);
const email = optionalText(254).pipe(z.email({ error: "errors.email" }).optional());

/**
 * A contact in the participant's network. A contact at a member authority names the authority (one of the
 * federation's); for other kinds an authority chosen earlier in the form is dropped.
 */
export const networkContactSchema = z
  .object(
    {
      kind: z.enum(NETWORK_KINDS, { error: "errors.choose" }),
      authorityId: uuid.optional(),
      name: requiredText(200),
      organisation: optionalText(200),
      role: optionalText(200),
      phone,
      email,
      note: optionalText(2000),
    },
    { error: "errors.invalid" },
  )
  .refine((v: unknown) => !(isObject(v) && v.kind === "authority" && (v.authorityId === undefined || v.authorityId === "")), {
    path: ["authorityId"],
    error: "network.errors.authority",
    ...ALWAYS,
  })
  .transform((v) => ({ ...v, authorityId: v.kind === "authority" ? v.authorityId : undefined }));
export type NetworkContactInput = z.output<typeof networkContactSchema>;

// --- Work placements and jobs --------------------------------------------------------------------------

/** Hours per week: a number (a comma is a decimal point, as people write it), more than 0 and at most 80. */
const hoursPerWeek = z.preprocess(
  (v) => {
    if (typeof v !== "string") return v;
    const trimmed = v.trim();
    return trimmed === "" ? undefined : Number(trimmed.replace(",", "."));
  },
  z
    .number({ error: (issue) => (issue.input === undefined ? "errors.required" : "errors.number") })
    .gt(0, { error: "work.errors.hours" })
    .max(80, { error: "work.errors.hours" }),
);

export const workPlacementSchema = z
  .object(
    {
      employer: requiredText(200),
      kind: z.enum(WORK_KINDS, { error: "errors.choose" }),
      startDate: isoDate,
      endDate: isoDate.optional(),
      hoursPerWeek,
      note: optionalText(2000),
    },
    { error: "errors.invalid" },
  )
  .refine(
    (v: unknown) =>
      !(isObject(v) && typeof v.startDate === "string" && typeof v.endDate === "string" && isIsoDate(v.startDate.trim()) && isIsoDate(v.endDate.trim()) && v.endDate.trim() < v.startDate.trim()),
    { path: ["endDate"], error: "work.errors.endBeforeStart", ...ALWAYS },
  );
export type WorkPlacementInput = z.output<typeof workPlacementSchema>;

/** Ending a placement or job: the last day. */
export const endWorkSchema = z.object({ endDate: isoDate }, { error: "errors.invalid" });
