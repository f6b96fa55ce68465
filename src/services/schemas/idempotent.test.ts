import { describe, expect, it } from "vitest";
import type { z } from "zod";
import { consentSchema, consentWithdrawalSchema, consultationSchema, bookingSchema, enrolmentSchema, intakeSettingsSchema, slotExceptionSchema, studyVisitScheduleSchema } from "./intake.ts";
import { adviceSchema, assessmentSchema, attendanceSchema, meetingSchema, meetingSettingsSchema } from "./meeting.ts";
import { authorityInputSchema, federationInputSchema, programInputSchema, unitInputSchema } from "./organisation.ts";
import { personInputSchema } from "./person.ts";
import { endPlacementSchema } from "./places.ts";
import { newRequestSchema, requestDraftSchema, withdrawSchema } from "./request.ts";
import { apiTokenInputSchema, roleAssignmentInputSchema, userInputSchema } from "./user.ts";

// A form's action validates what was posted and hands the parsed values to the service, which validates
// them again with the same schema (the API hands it the raw body). So every schema must accept its own
// output and give the same result: a transform that only accepts form strings ("yes" -> true) would make
// the service refuse what the form had just accepted.

const ID = "7f0c1f9e-3c1a-4d1e-9a55-1c2b3d4e5f60";
const ID2 = "0a4b6c8d-1e2f-4a3b-8c5d-6e7f8a9b0c1d";

const samples: [string, z.ZodType, unknown][] = [
  ["person", personInputSchema("2026-12-02"), { firstName: "Ella", lastName: "Johansson", idNumber: "20010314-2386", sex: "female", protectedIdentity: "on", phone: "070-123 45 67" }],
  ["person without number", personInputSchema("2026-12-02"), { firstName: "Nour", lastName: "Al-Sayed", birthDate: "2001-04-15", sex: "female", preferredLanguage: "ar" }],
  ["federation", federationInputSchema, { name: "Samordningsförbundet", country: "SE" }],
  ["authority", authorityInputSchema, { name: "Försäkringskassan", kind: "fk" }],
  ["unit", unitInputSchema, { name: "Lokalt försäkringscenter" }],
  ["program", programInputSchema, { name: "KRUS", ownerAuthorityId: ID, active: "on", ordinaryGroupName: "Ordinarie", ordinaryCapacity: "15", preGroupName: "Förgrupp", preGroupCapacity: "10" }],
  ["user", userInputSchema, { email: "a@example.org", displayName: "A B" }],
  ["role", roleAssignmentInputSchema, { role: "case_officer", programId: ID, authorityId: ID2 }],
  ["token", apiTokenInputSchema, { name: "Integration" }],
  ["new request", newRequestSchema, { programId: ID, personId: ID2 }],
  [
    "request draft",
    requestDraftSchema,
    {
      incomeSource: "activity_compensation",
      activeAt: [{ authorityId: ID, active: "on", contactName: "Anders" }, { authorityId: ID2 }],
      situation: "Text",
      needsTravel: "on",
      version: "3",
    },
  ],
  ["withdraw request", withdrawSchema, { reason: "Ångrade sig" }],
  ["consent", consentSchema, { authorityIds: [ID, ID2], purpose: "KRUS", givenOn: "2026-11-20", validUntil: "2028-11-20", method: "recorded" }],
  ["consent, one authority", consentSchema, { authorityIds: ID, purpose: "KRUS", givenOn: "2026-11-20", validUntil: "2028-11-20", method: "signed_form" }],
  ["consent withdrawal", consentWithdrawalSchema, { note: "" }],
  ["consultation", consultationSchema, { programId: ID, ageBand: "19_24", sex: "male", situation: "Man i 20-årsåldern.", question: "Passar KRUS?" }],
  ["study-visit schedule", studyVisitScheduleSchema, { weekday: "2", weeks: "even", startTime: "13:00", endTime: "14:00", capacity: "6" }],
  ["slot moved", slotExceptionSchema, { action: "move", movedDate: "2026-12-09", movedStart: "10:00", movedEnd: "11:00" }],
  ["slot cancelled", slotExceptionSchema, { action: "cancel", note: "Jul" }],
  ["booking", bookingSchema, { slotDate: "2026-12-08", visitorName: "E. J." }],
  [
    "enrolment",
    enrolmentSchema,
    {
      coordinatorId: ID,
      startDate: "2026-12-01",
      incomeSource: "income_support",
      educationLevel: "primary",
      occupationAtStart: "other",
      firstMeetingDate: "2026-12-01",
      firstMeetingTime: "10:00",
      therapistOffered: "on",
      therapistAccepted: "yes",
    },
  ],
  ["intake settings", intakeSettingsSchema, { minAge: "19", priorityMaxAge: "29", maxAge: "64", plannedMonths: "12" }],
  ["assessment", assessmentSchema, { ownOptionsTried: "yes", ableWithSupport: "unknown", wantsToTakePart: "no", outcome: "not_ready", recommendation: "Prova AF först." }],
  ["advice", adviceSchema, { advice: "Studiebesök först." }],
  ["meeting settings", meetingSettingsSchema, { anchor: "2026-11-25", intervalWeeks: "3", startTime: "13:00", durationMinutes: "120" }],
  ["meeting", meetingSchema, { date: "2026-12-09", startTime: "13:00", endTime: "15:00" }],
  ["attendance", attendanceSchema, { present: ID }],
  ["end placement", endPlacementSchema, { reason: "Tackade nej" }],
];

describe("form schemas", () => {
  it.each(samples)("%s: accepts its own output and gives the same result", (_name, schema, input) => {
    const once = schema.safeParse(input);
    expect(once.success, JSON.stringify(once.error?.issues)).toBe(true);
    const twice = schema.safeParse(once.data);
    expect(twice.success, JSON.stringify(twice.error?.issues)).toBe(true);
    expect(twice.data).toEqual(once.data);
  });
});
