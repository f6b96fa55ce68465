import { createRoute, z } from "@hono/zod-openapi";
import { EDUCATION_LEVELS, INCOME_SOURCES } from "../../domain/intake.ts";
import { EXIT_OCCUPATIONS } from "../../domain/exit.ts";
import { enrol, enrolmentForm } from "../../services/enrolments.ts";
import { endPlacement, moveToOrdinary, programPlaces } from "../../services/places.ts";
import { bookingSchema, enrolmentSchema, slotExceptionSchema, studyVisitScheduleSchema } from "../../services/schemas/intake.ts";
import { endPlacementSchema } from "../../services/schemas/places.ts";
import { bookStudyVisit, getBooking, getSlot, listSlots, setBookingStatus, setSlotException, setStudyVisitSchedule } from "../../services/study-visits.ts";
import { type Api, Created, handle, idParam, isoDate, json, jsonBody, jsonInput, noContent, oneOf, problems, registerInputSchemas, toJson } from "./common.ts";

// Study visits, places (the ordinary group, the pre-group, the waiting list) and enrolment: the same use
// cases as the program's pages.

const BOOKING_STATUSES = ["booked", "cancelled", "attended", "no_show"] as const;
const PLACES = ["ordinary", "pre_group", "waiting"] as const;

const ScheduleSchema = z
  .object({
    weekday: z.number().int().min(1).max(7).openapi({ description: "ISO weekday: 1 = Monday ... 7 = Sunday." }),
    weeks: z.enum(["every", "even", "odd"]).openapi({ description: "Which ISO weeks." }),
    startTime: z.string().openapi({ example: "13:00" }),
    endTime: z.string().openapi({ example: "14:00" }),
    capacity: z.number().int(),
    location: z.string(),
  })
  .openapi("StudyVisitSchedule");

export const BookingSchema = z
  .object({
    id: z.uuid(),
    slotDate: isoDate().openapi({ description: "The date the schedule gives the slot (its identity, also when it was moved)." }),
    visitorName: z.string().openapi({ description: "A name or just initials." }),
    accompanyingName: z.string(),
    note: z.string(),
    status: z.enum(BOOKING_STATUSES),
    bookedBy: z.string(),
    requestId: z.uuid().nullable().openapi({ description: "The interest request the visitor became, if any." }),
    mine: z.boolean(),
  })
  .openapi("StudyVisitBooking");

export const SlotSchema = z
  .object({
    originalDate: isoDate().openapi({ description: "The date the rule gives: the slot's identity." }),
    date: isoDate().openapi({ description: "When it takes place (differs when moved)." }),
    start: z.string(),
    end: z.string(),
    status: z.enum(["scheduled", "cancelled", "moved"]),
    note: z.string().optional(),
    capacity: z.number().int(),
    booked: z.number().int(),
    bookable: z.boolean(),
    bookings: z.array(BookingSchema).openapi({ description: "All bookings for the program's staff; your own for others." }),
  })
  .openapi("StudyVisitSlot");

export const StudyVisitsSchema = z
  .object({
    programName: z.string(),
    schedule: ScheduleSchema.nullable(),
    slots: z.array(SlotSchema),
    canManage: z.boolean(),
    today: isoDate(),
    outsideSchedule: z.array(BookingSchema).openapi({ description: "Coming bookings on days the schedule no longer gives." }),
  })
  .openapi("StudyVisits");

const SlotDetailSchema = z
  .object({ programName: z.string(), schedule: ScheduleSchema, slot: SlotSchema, canManage: z.boolean(), today: isoDate() })
  .openapi("StudyVisitSlotDetail");

export const PlacedPersonSchema = z
  .object({
    placementId: z.uuid(),
    personId: z.uuid(),
    reference: z.string(),
    name: z.string().nullable().openapi({ description: "Null when masked (protected identity, and you do not work with the person)." }),
    place: z.enum(PLACES),
    priority: z.union([z.literal(1), z.literal(2)]),
    acceptedOn: isoDate(),
    daysWaited: z.number().int(),
    enrolled: z.boolean(),
    coordinatorName: z.string().nullable(),
    startDate: isoDate().nullable(),
    plannedEndDate: isoDate().nullable(),
  })
  .openapi("PlacedPerson");

export const PlacesSchema = z
  .object({
    programId: z.uuid(),
    programName: z.string(),
    load: z.object({
      ordinaryCapacity: z.number().int(),
      ordinaryTaken: z.number().int(),
      preGroupCapacity: z.number().int(),
      preGroupTaken: z.number().int(),
      waiting: z.number().int(),
    }),
    freePlaces: z.number().int(),
    ordinary: z.array(PlacedPersonSchema).nullable().openapi({ description: "Named lists for the program's staff; null for readers of the numbers only." }),
    waitingList: z.array(PlacedPersonSchema).nullable().openapi({ description: "The pre-group and the waiting list, in the order places are offered." }),
    longestWait: z.number().int().nullable(),
    canManage: z.boolean(),
    groupNames: z.object({ ordinary: z.string(), preGroup: z.string() }),
    nextInLine: PlacedPersonSchema.nullable(),
    enrolledCount: z.number().int(),
    today: isoDate(),
  })
  .openapi("ProgramPlaces");

export const EnrolmentFormSchema = z
  .object({
    placementId: z.uuid(),
    personId: z.uuid(),
    reference: z.string(),
    programId: z.uuid(),
    programName: z.string(),
    name: z.string().nullable(),
    place: z.enum(PLACES).openapi({ description: "Only someone in the ordinary group can be enrolled." }),
    plannedMonths: z.number().int(),
    coordinators: z.array(z.object({ userId: z.uuid(), name: z.string(), caseload: z.number().int() })).openapi({ description: "The choices for coordinatorId, with each one's current caseload." }),
    incomeSource: oneOf(INCOME_SOURCES).nullable().openapi({ description: "What the request gave, as a starting point." }),
    referrer: z.object({ name: z.string(), authority: z.string() }).nullable(),
    enrolment: z
      .object({
        id: z.uuid(),
        coordinatorName: z.string(),
        startDate: isoDate(),
        plannedEndDate: isoDate(),
        incomeSource: oneOf(INCOME_SOURCES),
        educationLevel: oneOf(EDUCATION_LEVELS),
        occupationAtStart: oneOf(EXIT_OCCUPATIONS).nullable().openapi({ description: "Null for enrolments made before it was asked" }),
        firstMeeting: z.object({ date: isoDate(), time: z.string().nullable(), place: z.string() }).nullable(),
        therapistOffered: z.boolean(),
        therapistAccepted: z.boolean().nullable(),
      })
      .nullable(),
    today: isoDate(),
  })
  .openapi("EnrolmentForm");

const studyVisitTags = ["Study visits"];
const placeTags = ["Places and enrolment"];
const programParam = idParam("The program's id");

const slotsRoute = createRoute({
  method: "get",
  path: "/v1/programs/{id}/study-visits",
  tags: studyVisitTags,
  summary: "The study-visit slots of the coming weeks, with the bookings you may see",
  request: {
    params: programParam,
    query: z.object({
      weeks: z.coerce.number().int().min(1).max(52).optional().openapi({ description: "How many weeks ahead (default 12)." }),
      pastWeeks: z.coerce.number().int().min(0).max(52).optional().openapi({ description: "Also this many weeks back (default 0)." }),
    }),
  },
  responses: {
    200: json(StudyVisitsSchema, "The slots"),
    ...problems({ 403: "Your roles do not allow study visits in this program", 404: "No such program", 422: "Invalid query" }),
  },
});

const scheduleRoute = createRoute({
  method: "put",
  path: "/v1/programs/{id}/study-visits/schedule",
  tags: studyVisitTags,
  summary: "Set the recurring study-visit slot",
  request: { params: programParam, body: jsonInput("StudyVisitScheduleInput") },
  responses: {
    204: noContent("Saved"),
    ...problems({ 403: "Only the program's staff run the study visits", 404: "No such program", 422: "Invalid fields" }),
  },
});

const slotParams = z.object({
  id: z.string().openapi({ param: { name: "id", in: "path" }, description: "The program's id" }),
  date: z.string().openapi({ param: { name: "date", in: "path" }, description: "The date the schedule gives the slot (YYYY-MM-DD)", example: "2026-12-22" }),
});

const getSlotRoute = createRoute({
  method: "get",
  path: "/v1/programs/{id}/study-visits/slots/{date}",
  tags: studyVisitTags,
  summary: "One slot (past or coming) with its bookings",
  request: { params: slotParams },
  responses: {
    200: json(SlotDetailSchema, "The slot"),
    ...problems({ 403: "Your roles do not allow study visits in this program", 404: "No such program or slot" }),
  },
});

const slotExceptionRoute = createRoute({
  method: "put",
  path: "/v1/programs/{id}/study-visits/slots/{date}",
  tags: studyVisitTags,
  summary: "Cancel or move one slot, or restore it as the schedule gives it",
  request: { params: slotParams, body: jsonInput("StudyVisitSlotChange") },
  responses: {
    204: noContent("Saved"),
    ...problems({ 403: "Only the program's staff run the study visits", 404: "No such program or slot", 422: "Invalid fields" }),
  },
});

const bookRoute = createRoute({
  method: "post",
  path: "/v1/programs/{id}/study-visits/bookings",
  tags: studyVisitTags,
  summary: "Book a visitor on a slot",
  description: "The slot must be coming, not cancelled and not full (422 at slotDate otherwise).",
  request: { params: programParam, body: jsonInput("StudyVisitBookingInput") },
  responses: {
    201: json(Created, "Booked"),
    ...problems({ 403: "Your roles do not allow booking study visits in this program", 404: "No such program", 422: "Invalid fields, or no such slot, or the slot is full" }),
  },
});

const bookingParam = idParam("The booking's id");

const getBookingRoute = createRoute({
  method: "get",
  path: "/v1/study-visit-bookings/{id}",
  tags: studyVisitTags,
  summary: "One booking (your own, or any for the program's staff)",
  request: { params: bookingParam },
  responses: {
    200: json(BookingSchema.extend({ programId: z.uuid() }).openapi("StudyVisitBookingDetail"), "The booking"),
    ...problems({ 404: "No such booking that you may see" }),
  },
});

const bookingStatusRoute = createRoute({
  method: "patch",
  path: "/v1/study-visit-bookings/{id}",
  tags: studyVisitTags,
  summary: "Cancel a booking, or record whether the visitor came",
  description: "Whoever booked may cancel; only the program's staff record attended / no_show (or book again).",
  request: {
    params: bookingParam,
    body: { required: true, content: { "application/json": { schema: z.object({ status: z.enum(BOOKING_STATUSES) }).openapi("StudyVisitBookingStatus") } } },
  },
  responses: {
    204: noContent("Saved"),
    ...problems({ 403: "Only the program's staff record attendance", 404: "No such booking that you may see", 415: "Not JSON", 422: "Invalid status" }),
  },
});

const placesRoute = createRoute({
  method: "get",
  path: "/v1/programs/{id}/places",
  tags: placeTags,
  summary: "Occupancy, the pre-group and the waiting list",
  description: "The program's staff see who is where (the read is recorded in the audit log); the steering group and the team the numbers only.",
  request: { params: programParam },
  responses: {
    200: json(PlacesSchema, "The places"),
    ...problems({ 403: "Your roles do not allow seeing the program's places", 404: "No such program" }),
  },
});

const placementParam = idParam("The placement's id (placementId in the places)");

const moveRoute = createRoute({
  method: "post",
  path: "/v1/placements/{id}/move-to-ordinary",
  tags: placeTags,
  summary: "Move someone from the pre-group or the list into a free place in the ordinary group",
  request: { params: placementParam },
  responses: {
    204: noContent("Moved"),
    ...problems({ 403: "Only the program's staff manage places", 404: "No such placement", 422: "No free place, or already in the ordinary group (see formErrors)" }),
  },
});

const endRoute = createRoute({
  method: "post",
  path: "/v1/placements/{id}/end",
  tags: placeTags,
  summary: "End a place before enrolment (frees it for the next in line)",
  request: { params: placementParam, body: jsonInput("PlacementEnd") },
  responses: {
    204: noContent("Ended"),
    ...problems({ 403: "Only the program's staff manage places", 404: "No such placement", 422: "No reason given, or the person is enrolled" }),
  },
});

const enrolmentFormRoute = createRoute({
  method: "get",
  path: "/v1/placements/{id}/enrolment",
  tags: placeTags,
  summary: "What enrolling needs: the coordinators with their caseload, and the enrolment once saved",
  request: { params: placementParam },
  responses: {
    200: json(EnrolmentFormSchema, "The enrolment form"),
    ...problems({ 403: "Only the program's staff enrol", 404: "No such placement" }),
  },
});

const enrolRoute = createRoute({
  method: "post",
  path: "/v1/placements/{id}/enrolment",
  tags: placeTags,
  summary: "Enrol someone who has a place in the ordinary group",
  description: "Assigns the coordinator, sets the start (the planned end follows), records the situation at start, the first meeting and the therapist meeting.",
  request: { params: placementParam, body: jsonInput("EnrolmentInput") },
  responses: {
    201: json(Created, "Enrolled"),
    ...problems({ 403: "Only the program's staff enrol", 404: "No such placement", 422: "Invalid fields, not in the ordinary group, or already enrolled" }),
  },
});

export function registerProgramRoutes(api: Api) {
  registerInputSchemas(api, {
    StudyVisitScheduleInput: studyVisitScheduleSchema,
    StudyVisitSlotChange: slotExceptionSchema,
    StudyVisitBookingInput: bookingSchema,
    PlacementEnd: endPlacementSchema,
    EnrolmentInput: enrolmentSchema,
  });

  api.openapi(slotsRoute, (c) =>
    handle(c, async (ctx) => {
      const { weeks, pastWeeks } = c.req.valid("query");
      return c.json(toJson(await listSlots(ctx, c.req.valid("param").id, weeks, { pastWeeks })), 200);
    }),
  );

  api.openapi(scheduleRoute, (c) =>
    handle(c, async (ctx) => {
      await setStudyVisitSchedule(ctx, c.req.valid("param").id, await jsonBody(c));
      return c.body(null, 204);
    }),
  );

  api.openapi(getSlotRoute, (c) =>
    handle(c, async (ctx) => {
      const { id, date } = c.req.valid("param");
      return c.json(toJson(await getSlot(ctx, id, date)), 200);
    }),
  );

  api.openapi(slotExceptionRoute, (c) =>
    handle(c, async (ctx) => {
      const { id, date } = c.req.valid("param");
      await setSlotException(ctx, id, date, await jsonBody(c));
      return c.body(null, 204);
    }),
  );

  api.openapi(bookRoute, (c) =>
    handle(c, async (ctx) => {
      const { id } = await bookStudyVisit(ctx, c.req.valid("param").id, await jsonBody(c));
      c.header("Location", `/api/v1/study-visit-bookings/${id}`);
      return c.json({ id }, 201);
    }),
  );

  api.openapi(getBookingRoute, (c) => handle(c, async (ctx) => c.json(toJson(await getBooking(ctx, c.req.valid("param").id)), 200)));

  api.openapi(bookingStatusRoute, (c) =>
    handle(c, async (ctx) => {
      await setBookingStatus(ctx, c.req.valid("param").id, c.req.valid("json").status);
      return c.body(null, 204);
    }),
  );

  api.openapi(placesRoute, (c) => handle(c, async (ctx) => c.json(toJson(await programPlaces(ctx, c.req.valid("param").id)), 200)));

  api.openapi(moveRoute, (c) =>
    handle(c, async (ctx) => {
      await moveToOrdinary(ctx, c.req.valid("param").id);
      return c.body(null, 204);
    }),
  );

  api.openapi(endRoute, (c) =>
    handle(c, async (ctx) => {
      await endPlacement(ctx, c.req.valid("param").id, await jsonBody(c));
      return c.body(null, 204);
    }),
  );

  api.openapi(enrolmentFormRoute, (c) => handle(c, async (ctx) => c.json(toJson(await enrolmentForm(ctx, c.req.valid("param").id)), 200)));

  api.openapi(enrolRoute, (c) =>
    handle(c, async (ctx) => {
      const { id } = await enrol(ctx, c.req.valid("param").id, await jsonBody(c));
      return c.json({ id }, 201);
    }),
  );
}
