import { z } from "zod";
import { isValidTime } from "../../domain/calendar.ts";
import { AGE_BANDS, EDUCATION_LEVELS, INCOME_SOURCES } from "../../domain/intake.ts";
import { EXIT_OCCUPATIONS } from "../../domain/exit.ts";
import { parseIdentityNumber } from "../../domain/identity-number.ts";
import { isIsoDate, SEXES } from "../../domain/person.ts";
import { flag, isoDate, optionalText, requiredText, uuid } from "./common.ts";

const time = z
  .string({ error: "errors.required" })
  .trim()
  .refine(isValidTime, { error: "errors.time" });

const count = (min: number, max: number) =>
  z.coerce.number({ error: "errors.number" }).int({ error: "errors.wholeNumber" }).min(min, { error: "errors.outOfRange" }).max(max, { error: "errors.outOfRange" });

export const consentSchema = z
  .object(
    {
      authorityIds: z
        .union([uuid, z.array(uuid)], { error: "consent.errors.authorities" })
        .optional()
        .transform((v) => (v === undefined ? [] : Array.isArray(v) ? v : [v]))
        .refine((v) => v.length > 0, { error: "consent.errors.authorities" }),
      purpose: requiredText(1000),
      givenOn: isoDate,
      validUntil: isoDate,
      method: z.enum(["signed_form", "recorded"], { error: "errors.choose" }),
      requestId: uuid.optional(),
    },
    { error: "errors.invalid" },
  )
  .superRefine((v, ctx) => {
    if (typeof v !== "object" || v === null) return;
    if (typeof v.givenOn === "string" && typeof v.validUntil === "string" && v.validUntil < v.givenOn) {
      ctx.addIssue({ code: "custom", path: ["validUntil"], message: "consent.errors.untilBeforeGiven" });
    }
  });

export const consentWithdrawalSchema = z.object({ note: optionalText(1000) }, { error: "errors.invalid" });

/**
 * Whether a text contains something that is a valid Swedish or Norwegian identity number (with its check
 * digits right): a consultation must not identify the person it is about.
 */
export function containsIdentityNumber(text: string): boolean {
  const today = new Date().toISOString().slice(0, 10);
  for (const m of text.matchAll(/(?<!\d)(?:\d{8}|\d{6})[-+ ]?\d{4}(?!\d)|(?<!\d)\d{6} ?\d{5}(?!\d)/g)) {
    if (parseIdentityNumber(m[0], today).ok) return true;
  }
  return false;
}

const anonymousText = (max: number) => requiredText(max).refine((v) => !containsIdentityNumber(v), { error: "consultation.errors.identityNumber" });

/** A consultation: a case brought to the team for advice without saying who the person is. */
export const consultationSchema = z.object(
  {
    programId: z.uuid({ error: "errors.choose" }),
    ageBand: z.enum(AGE_BANDS, { error: "errors.choose" }),
    sex: z.enum(SEXES, { error: "errors.choose" }),
    situation: anonymousText(4000),
    question: anonymousText(2000),
  },
  { error: "errors.invalid" },
);

/** For checks across fields that should also run when another field is wrong (every message at once). */
const ALWAYS = { when: () => true };

export const studyVisitScheduleSchema = z
  .object(
    {
      // ISO weekday: 1 = Monday ... 7 = Sunday (a form's select sends it as text).
      weekday: z.coerce
        .number({ error: "errors.choose" })
        .int({ error: "errors.choose" })
        .min(1, { error: "errors.choose" })
        .max(7, { error: "errors.choose" }),
      weeks: z.enum(["every", "even", "odd"], { error: "errors.choose" }),
      startTime: time,
      endTime: time,
      capacity: z.coerce
        .number({ error: "studyVisit.errors.capacity" })
        .int({ error: "studyVisit.errors.capacity" })
        .min(1, { error: "studyVisit.errors.capacity" })
        .max(100, { error: "studyVisit.errors.capacity" }),
      location: optionalText(300),
    },
    { error: "errors.invalid" },
  )
  .superRefine((v, ctx) => {
    if (typeof v !== "object" || v === null) return;
    if (isValidTime(v.startTime) && isValidTime(v.endTime) && v.endTime <= v.startTime) {
      ctx.addIssue({ code: "custom", path: ["endTime"], message: "errors.endBeforeStart" });
    }
  }, ALWAYS);

export const slotExceptionSchema = z
  .object(
    {
      action: z.enum(["cancel", "move", "restore"], { error: "errors.choose" }),
      movedDate: isoDate.optional(),
      movedStart: time.optional(),
      movedEnd: time.optional(),
      note: optionalText(300),
    },
    { error: "errors.invalid" },
  )
  .superRefine((v, ctx) => {
    if (typeof v !== "object" || v === null || v.action !== "move") return;
    if (!v.movedDate) ctx.addIssue({ code: "custom", path: ["movedDate"], message: "errors.required" });
    if (!v.movedStart) ctx.addIssue({ code: "custom", path: ["movedStart"], message: "errors.required" });
    if (!v.movedEnd) ctx.addIssue({ code: "custom", path: ["movedEnd"], message: "errors.required" });
    if (v.movedStart && v.movedEnd && isValidTime(v.movedStart) && isValidTime(v.movedEnd) && v.movedEnd <= v.movedStart) {
      ctx.addIssue({ code: "custom", path: ["movedEnd"], message: "errors.endBeforeStart" });
    }
  }, ALWAYS);

export const bookingSchema = z.object(
  {
    // The date the schedule gives the slot (its identity, also when the slot has been moved).
    slotDate: z.string({ error: "studyVisit.errors.chooseSlot" }).trim().min(1, { error: "studyVisit.errors.chooseSlot" }).pipe(isoDate),
    visitorName: requiredText(100),
    accompanyingName: optionalText(200),
    note: optionalText(1000),
  },
  { error: "errors.invalid" },
);

const THERAPIST_ANSWERS = ["yes", "no", "unknown"] as const;
const isObject = (payload: { value: unknown }) => typeof payload.value === "object" && payload.value !== null;
const given = (value: unknown) => typeof value === "string" && value.trim() !== "";
const checked = (value: unknown) => value === true || value === "on" || value === "true";

/**
 * Enrolling someone with a place in the ordinary group. The first meeting is optional (it can be booked later),
 * but a meeting needs a day and a time; whether the therapist meeting was accepted is only asked when it was offered.
 * The cross-field checks run together with the field checks (`when`), so every message shows at once.
 */
export const enrolmentSchema = z
  .object(
    {
      coordinatorId: z.uuid({ error: "enrolment.errors.coordinator" }),
      startDate: z
        .string({ error: "enrolment.errors.startDate" })
        .trim()
        .min(1, { error: "enrolment.errors.startDate" })
        .refine(isIsoDate, { error: "errors.date" }),
      incomeSource: z.enum(INCOME_SOURCES, { error: "enrolment.errors.incomeSource" }),
      educationLevel: z.enum(EDUCATION_LEVELS, { error: "enrolment.errors.educationLevel" }),
      occupationAtStart: z.enum(EXIT_OCCUPATIONS, { error: "enrolment.errors.occupationAtStart" }),
      firstMeetingDate: isoDate.optional(),
      firstMeetingTime: time.optional(),
      firstMeetingPlace: optionalText(300),
      therapistOffered: flag,
      // "yes" / "no" / "unknown" from the form; true / false / null from JSON (and from this schema's own output).
      therapistAccepted: z
        .union([z.enum(THERAPIST_ANSWERS), z.boolean(), z.null()], { error: "errors.choose" })
        .optional()
        .transform((v) => (v === "yes" || v === true ? true : v === "no" || v === false ? false : null)),
    },
    { error: "errors.invalid" },
  )
  .refine((v) => given(v.firstMeetingDate) || !(given(v.firstMeetingTime) || given(v.firstMeetingPlace)), {
    path: ["firstMeetingDate"],
    error: "enrolment.errors.firstMeetingDateMissing",
    when: isObject,
  })
  .refine((v) => !given(v.firstMeetingDate) || given(v.firstMeetingTime), {
    path: ["firstMeetingTime"],
    error: "enrolment.errors.firstMeetingTimeMissing",
    when: isObject,
  })
  .refine((v) => checked(v.therapistOffered) || !["yes", "no", true, false].includes(v.therapistAccepted as never), {
    path: ["therapistAccepted"],
    error: "enrolment.errors.acceptedNotOffered",
    when: isObject,
  });

export const intakeSettingsSchema = z
  .object(
    {
      minAge: count(0, 120),
      priorityMaxAge: count(0, 120),
      maxAge: count(0, 120),
      plannedMonths: count(1, 60),
    },
    { error: "errors.invalid" },
  )
  .superRefine((v, ctx) => {
    if (typeof v !== "object" || v === null) return;
    if (typeof v.minAge === "number" && typeof v.priorityMaxAge === "number" && typeof v.maxAge === "number") {
      if (v.priorityMaxAge < v.minAge) ctx.addIssue({ code: "custom", path: ["priorityMaxAge"], message: "program.errors.priorityBelowMin" });
      if (v.maxAge < v.priorityMaxAge) ctx.addIssue({ code: "custom", path: ["maxAge"], message: "program.errors.maxBelowPriority" });
    }
  });
