import { z } from "zod";
import { isValidTime } from "../../domain/calendar.ts";
import { AGE_BANDS, EDUCATION_LEVELS, INCOME_SOURCES } from "../../domain/intake.ts";
import { SEXES } from "../../domain/person.ts";
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

export const consultationSchema = z.object(
  {
    programId: uuid,
    ageBand: z.enum(AGE_BANDS, { error: "errors.choose" }),
    sex: z.enum(SEXES, { error: "errors.choose" }),
    situation: requiredText(4000),
    question: requiredText(2000),
  },
  { error: "errors.invalid" },
);

export const studyVisitScheduleSchema = z
  .object(
    {
      weekday: count(1, 7),
      weeks: z.enum(["every", "even", "odd"], { error: "errors.choose" }),
      startTime: time,
      endTime: time,
      capacity: count(1, 100),
      location: optionalText(300),
    },
    { error: "errors.invalid" },
  )
  .refine((v) => typeof v !== "object" || v === null || !isValidTime(v.startTime) || !isValidTime(v.endTime) || v.endTime > v.startTime, {
    path: ["endTime"],
    error: "errors.endBeforeStart",
  });

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
  });

export const bookingSchema = z.object(
  {
    slotDate: isoDate,
    visitorName: requiredText(100),
    accompanyingName: optionalText(200),
    note: optionalText(1000),
  },
  { error: "errors.invalid" },
);

export const enrolmentSchema = z.object(
  {
    coordinatorId: z.uuid({ error: "errors.choose" }),
    startDate: isoDate,
    incomeSource: z.enum(INCOME_SOURCES, { error: "errors.choose" }),
    educationLevel: z.enum(EDUCATION_LEVELS, { error: "errors.choose" }),
    firstMeetingDate: isoDate.optional(),
    firstMeetingTime: time.optional(),
    firstMeetingPlace: optionalText(300),
    therapistOffered: flag,
    therapistAccepted: z
      .enum(["yes", "no", "unknown"], { error: "errors.choose" })
      .optional()
      .transform((v) => (v === "yes" ? true : v === "no" ? false : null)),
  },
  { error: "errors.invalid" },
);

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
