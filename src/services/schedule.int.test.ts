import { afterAll, beforeAll, expect, it } from "vitest";
import { createTestDatabase, describeEachDatabase, type TestDatabase } from "../../tests/support/db.ts";
import { enrolDirectly } from "../../tests/support/journey.ts";
import { createWorld, type World } from "../../tests/support/world.ts";
import { verifyAuditChain } from "./audit.ts";
import { ForbiddenError, NotFoundError, ValidationError } from "./errors.ts";
import {
  addKind,
  addRoom,
  addTopic,
  archiveKind,
  archiveTopic,
  cancelSession,
  createSeries,
  createSession,
  createVenue,
  ensureSession,
  expectedParticipants,
  feedByToken,
  listKinds,
  listTopics,
  myFeeds,
  occurrenceRef,
  parseSessionRef,
  participantSchedule,
  renewFeed,
  schedulePage,
  sessionPage,
  sessionResource,
  sessionsBetween,
  setException,
  removeException,
  updateSeries,
  updateSessionNotes,
  getVenue,
  archiveVenue,
  listVenues,
} from "./schedule.ts";

// The schedule as its pages, the API, the feeds and (next) attendance use it: series with holidays,
// exceptions and daylight saving, sessions written down, who is expected, venues with the accessibility
// checklist, kinds, feeds that never name anyone, and who may do what.

describeEachDatabase("the schedule", (flavour) => {
  let t: TestDatabase;
  let w: World;
  let venueId: string;
  let roomId: string;
  let seriesId: string;

  const term = {
    kind: "groupSession",
    title: "Gruppen",
    topic: "gamePlan",
    weekdays: ["1", "2", "3"],
    startTime: "09:00",
    endTime: "12:00",
    firstDate: "2026-11-30",
    lastDate: "2027-04-07",
    groupKinds: ["ordinary"],
  };

  beforeAll(async () => {
    t = await createTestDatabase(flavour);
    w = await createWorld(t.deps);
    // Ella: in the ordinary group from 1 September 2026.
    await enrolDirectly(t.deps, w, { personId: w.people.ella, startDate: "2026-09-01", request: { accepted: true }, placement: { placedAt: new Date("2026-08-20T08:00:00Z") } });
    // Oscar: a place in the pre-group since November.
    const request = await t.deps.db
      .insertInto("interest_requests")
      .values({ program_id: w.programId, person_id: w.people.oscar, author_id: w.users.officer.id, referring_authority_id: w.authorities.fk, status: "decided", decision: "accepted" })
      .returning("id")
      .executeTakeFirstOrThrow();
    await t.deps.db
      .insertInto("placements")
      .values({ program_id: w.programId, person_id: w.people.oscar, request_id: request.id, accepted_on: "2026-11-02", priority: 1, place: "pre_group", placed_at: new Date("2026-11-02T08:00:00Z") })
      .execute();
  });
  afterAll(() => t.close());

  it("keeps a venue with rooms and KRUT's whole checklist", async () => {
    const coordinator = await w.ctx("coordinator");
    await expect(createVenue(coordinator, w.programId, { name: "" })).rejects.toMatchObject({ fieldErrors: { name: ["errors.required"] } });
    ({ id: venueId } = await createVenue(coordinator, w.programId, {
      name: "Träffpunkten",
      address: "Storgatan 1, Kalmar",
      accessibility: { building: { status: "yes", note: "Ramp vid entrén" }, acoustics: { status: "partly", note: "Eko i stora salen" }, signs: { status: "no" } },
    }));
    ({ id: roomId } = await addRoom(coordinator, venueId, { name: "Gruppsalen", capacity: "18" }));
    const { venue } = await getVenue(coordinator, venueId);
    expect(Object.keys(venue.accessibility)).toHaveLength(11);
    expect(venue.accessibility).toMatchObject({ building: { status: "yes", note: "Ramp vid entrén" }, acoustics: { status: "partly" }, signs: { status: "no", note: "" }, lighting: { status: "unknown" } });
    expect(venue.rooms).toEqual([{ id: roomId, name: "Gruppsalen", capacity: 18, notes: "", archived: false }]);
    await expect(createVenue(await w.ctx("volunteer"), w.programId, { name: "X" })).rejects.toBeInstanceOf(ForbiddenError);
    await expect(getVenue(await w.ctx("officerOtherProgram"), venueId)).rejects.toBeInstanceOf(NotFoundError);
  });

  it("adds and archives the program's own kinds", async () => {
    const coordinator = await w.ctx("coordinator");
    const { key } = await addKind(coordinator, w.programId, { label: "Båtutflykt" });
    expect(key).toBe("batutflykt");
    await expect(addKind(coordinator, w.programId, { label: "båtutflykt" })).rejects.toMatchObject({ fieldErrors: { label: ["schedule.errors.kindExists"] } });
    expect((await listKinds(await w.ctx("volunteer"), w.programId)).kinds.at(-1)).toEqual({ key: "batutflykt", builtIn: false, label: "Båtutflykt", archived: false });
    await archiveKind(coordinator, w.programId, key);
    await expect(createSession(coordinator, w.programId, { kind: key, title: "Kanot", date: "2026-12-02", startTime: "13:00", endTime: "15:00", groupKinds: ["ordinary"] })).rejects.toMatchObject({
      fieldErrors: { kind: ["schedule.errors.kind"] },
    });
    await expect(addKind(await w.ctx("volunteer"), w.programId, { label: "X" })).rejects.toBeInstanceOf(ForbiddenError);
  });

  it("adds the program's own topics, uses them on series and sessions with their labels, and archives them", async () => {
    const coordinator = await w.ctx("coordinator");
    const volunteer = await w.ctx("volunteer");
    const { key } = await addTopic(coordinator, w.programId, { label: "Ekonomi i vardagen" });
    expect(key).toBe("ekonomi-i-vardagen");
    await expect(addTopic(coordinator, w.programId, { label: "ekonomi i vardagen" })).rejects.toMatchObject({ fieldErrors: { label: ["schedule.errors.topicExists"] } });
    await expect(addTopic(coordinator, w.programId, { label: "" })).rejects.toMatchObject({ fieldErrors: { label: ["errors.required"] } });
    // A 7TJUGO topic's key is not taken over.
    const { key: goals } = await addTopic(coordinator, w.programId, { label: "Goals" });
    expect(goals).toBe("goals-2");
    const listed = await listTopics(volunteer, w.programId);
    expect(listed.canManage).toBe(false);
    expect(listed.topics.filter((k) => k.builtIn).map((k) => k.key)).toEqual(["gamePlan", "platform", "communication", "attitudes", "selfImage", "resources", "responsibility", "goals", "wellness"]);
    expect(listed.topics.filter((k) => !k.builtIn)).toEqual([
      { key, builtIn: false, label: "Ekonomi i vardagen", archived: false },
      { key: goals, builtIn: false, label: "Goals", archived: false },
    ]);
    await expect(addTopic(volunteer, w.programId, { label: "X" })).rejects.toBeInstanceOf(ForbiddenError);
    await expect(archiveTopic(volunteer, w.programId, key)).rejects.toBeInstanceOf(ForbiddenError);
    await expect(listTopics(await w.ctx("officer"), w.programId)).rejects.toBeInstanceOf(NotFoundError);
    await expect(addTopic(await w.ctx("officer"), w.programId, { label: "X" })).rejects.toBeInstanceOf(NotFoundError);
    await expect(addTopic(await w.ctx("officerOtherProgram"), w.programId, { label: "X" })).rejects.toBeInstanceOf(NotFoundError);

    // A series and a one-off with the program's own topic, shown by its label everywhere.
    const autumn = { ...term, title: "Höstgruppen", topic: key, weekdays: ["4"], firstDate: "2027-09-02", lastDate: "2027-09-30" };
    const { id: series } = await createSeries(coordinator, w.programId, autumn);
    const lecture = { kind: "lecture", title: "Budgetkväll", topic: key, date: "2027-09-06", startTime: "17:00", endTime: "19:00", groupKinds: ["ordinary"] };
    const { id: session } = await createSession(coordinator, w.programId, lecture);
    const week = await schedulePage(volunteer, w.programId, "2027-09-06", "2027-09-12");
    expect(week.items.map((i) => [i.title, i.topic])).toEqual([
      ["Budgetkväll", key],
      ["Höstgruppen", key],
    ]);
    expect(week.topicLabels).toEqual({ [key]: "Ekonomi i vardagen", [goals]: "Goals" });
    expect(await sessionPage(volunteer, session)).toMatchObject({ topicLabel: "Ekonomi i vardagen", item: { topic: key } });
    expect((await sessionPage(coordinator, occurrenceRef(series, "2027-09-09"))).topics.map((k) => k.key)).toContain(goals);
    expect((await participantSchedule(coordinator, w.people.ella, "2027-09-06", "2027-09-12")).topicLabels[key]).toBe("Ekonomi i vardagen");
    const feed = await renewFeed(coordinator, w.programId, { scope: "ordinary" });
    expect(await feedByToken(t.deps, feed.token)).toContain("DESCRIPTION:Föreläsning · Ekonomi i vardagen");
    // The notes of an occurrence take the program's own topics too; an unknown one is refused.
    const { id: written } = await updateSessionNotes(coordinator, occurrenceRef(series, "2027-09-09"), { topic: goals, notes: "" });
    expect(await sessionPage(coordinator, written)).toMatchObject({ topicLabel: "Goals", item: { topic: goals } });
    await expect(updateSessionNotes(coordinator, written, { topic: "nope" })).rejects.toMatchObject({ fieldErrors: { topic: ["schedule.errors.topic"] } });
    await expect(createSession(coordinator, w.programId, { ...lecture, topic: "nope" })).rejects.toMatchObject({ fieldErrors: { topic: ["schedule.errors.topic"] } });

    // Archived: not for anything new, kept (and shown) where it is.
    await archiveTopic(coordinator, w.programId, key);
    await expect(archiveTopic(coordinator, w.programId, key)).rejects.toBeInstanceOf(NotFoundError);
    await expect(archiveTopic(coordinator, w.programId, "gamePlan")).rejects.toBeInstanceOf(NotFoundError);
    expect((await listTopics(coordinator, w.programId)).topics.find((k) => k.key === key)).toEqual({ key, builtIn: false, label: "Ekonomi i vardagen", archived: true });
    await expect(createSession(coordinator, w.programId, lecture)).rejects.toMatchObject({ fieldErrors: { topic: ["schedule.errors.topic"] } });
    await expect(createSeries(coordinator, w.programId, autumn)).rejects.toMatchObject({ fieldErrors: { topic: ["schedule.errors.topic"] } });
    await expect(updateSessionNotes(coordinator, written, { topic: key })).rejects.toMatchObject({ fieldErrors: { topic: ["schedule.errors.topic"] } });
    await updateSeries(coordinator, series, { ...autumn, notes: "Samma tema" });
    await updateSessionNotes(coordinator, session, { topic: key, notes: "Kvar" });
    expect(await sessionPage(coordinator, session)).toMatchObject({ topicLabel: "Ekonomi i vardagen", item: { topic: key, notes: "Kvar" } });
    expect((await schedulePage(coordinator, w.programId, "2027-09-13", "2027-09-19")).items.map((i) => [i.topic, i.notes])).toEqual([[key, "Samma tema"]]);
    expect((await schedulePage(coordinator, w.programId, "2027-09-13", "2027-09-19")).topicLabels[key]).toBe("Ekonomi i vardagen");
  });

  it("refuses a series with fields at fault", async () => {
    const coordinator = await w.ctx("coordinator");
    await expect(createSeries(coordinator, w.programId, { ...term, endTime: "08:00" })).rejects.toMatchObject({ fieldErrors: { endTime: ["schedule.errors.endBeforeStart"] } });
    await expect(createSeries(coordinator, w.programId, { ...term, groupKinds: [] })).rejects.toMatchObject({ fieldErrors: { groupKinds: ["schedule.errors.whoTakesPart"] } });
    await expect(createSeries(coordinator, w.programId, { ...term, weekdays: [] })).rejects.toMatchObject({ fieldErrors: { weekdays: ["schedule.errors.weekdays"] } });
    await expect(createSeries(coordinator, w.programId, { ...term, lastDate: "2026-11-01" })).rejects.toMatchObject({ fieldErrors: { lastDate: ["schedule.errors.lastBeforeFirst"] } });
    await expect(createSeries(coordinator, w.programId, { ...term, kind: "nope" })).rejects.toMatchObject({ fieldErrors: { kind: ["schedule.errors.kind"] } });
    await expect(createSeries(coordinator, w.programId, { ...term, leaderIds: [w.users.officer.id] })).rejects.toMatchObject({ fieldErrors: { leaderIds: ["errors.invalid"] } });
    await expect(createSeries(coordinator, w.programId, { ...term, roomId })).rejects.toMatchObject({ fieldErrors: { roomId: ["schedule.errors.room"] } });
    await expect(createSeries(await w.ctx("volunteer"), w.programId, term)).rejects.toBeInstanceOf(ForbiddenError);
    await expect(createSeries(await w.ctx("officer"), w.programId, term)).rejects.toBeInstanceOf(NotFoundError);
  });

  it("expands Monday to Wednesday over the term, skipping Epiphany, through the change to summer time", async () => {
    const coordinator = await w.ctx("coordinator");
    ({ id: seriesId } = await createSeries(coordinator, w.programId, { ...term, venueId, roomId, leaderIds: [w.users.coordinator.id, w.users.volunteer.id] }));
    const week = await sessionsBetween(coordinator, w.programId, "2027-01-04", "2027-01-10");
    expect(week.map((i) => [i.date, i.status, i.skippedFor])).toEqual([
      ["2027-01-04", "scheduled", []],
      ["2027-01-05", "scheduled", []],
      ["2027-01-06", "skipped", ["trettondedagJul"]],
    ]);
    expect(week[0]).toMatchObject({ ref: occurrenceRef(seriesId, "2027-01-04"), sessionId: null, start: "09:00", startsAt: "2027-01-04T08:00:00Z", venueId, roomId, groupKinds: ["ordinary"] });
    // 09:00 in Stockholm is 08:00Z in winter and 07:00Z after the last Sunday of March.
    const spring = await sessionsBetween(coordinator, w.programId, "2027-03-22", "2027-03-30", { includeSkipped: false });
    expect(spring.filter((i) => i.date.endsWith("23") || i.date.endsWith("30")).map((i) => i.startsAt)).toEqual(["2027-03-23T08:00:00Z", "2027-03-30T07:00:00Z"]);
    // Easter Monday 2027 (29 March) is a holiday: skipped unless the series says none.
    expect(spring.find((i) => i.date === "2027-03-29")).toBeUndefined();
    const page = await schedulePage(coordinator, w.programId, "2027-01-04", "2027-01-10");
    expect(page.holidays).toEqual([{ date: "2027-01-06", key: "trettondedagJul", name: "Trettondedag jul" }]);
    expect(page.venues[venueId]).toMatchObject({ name: "Träffpunkten" });
    expect(page.leaders[w.users.volunteer.id]).toBe("Test volunteer");
  });

  it("cancels one occurrence with a note, moves another, and takes a change back", async () => {
    const coordinator = await w.ctx("coordinator");
    await setException(coordinator, seriesId, { originalDate: "2027-01-05", kind: "cancelled", note: "Studiebesök hela dagen" });
    await setException(coordinator, seriesId, { originalDate: "2027-01-04", kind: "changed", startTime: "10:00" });
    await expect(setException(coordinator, seriesId, { originalDate: "2027-01-07", kind: "cancelled" })).rejects.toMatchObject({ fieldErrors: { originalDate: ["schedule.errors.noOccurrence"] } });
    await expect(setException(coordinator, seriesId, { originalDate: "2027-01-11", kind: "changed", startTime: "13:00" })).rejects.toMatchObject({ fieldErrors: { endTime: ["schedule.errors.endBeforeStart"] } });
    await expect(setException(coordinator, seriesId, { originalDate: "2027-01-11", kind: "changed" })).rejects.toMatchObject({ fieldErrors: { date: ["schedule.errors.nothingChanged"] } });
    await expect(setException(await w.ctx("volunteer"), seriesId, { originalDate: "2027-01-11", kind: "cancelled" })).rejects.toBeInstanceOf(ForbiddenError);
    const week = await sessionsBetween(coordinator, w.programId, "2027-01-04", "2027-01-10");
    expect(week.map((i) => [i.date, i.start, i.status, i.note])).toEqual([
      ["2027-01-04", "10:00", "changed", ""],
      ["2027-01-05", "09:00", "cancelled", "Studiebesök hela dagen"],
      ["2027-01-06", "09:00", "skipped", ""],
    ]);
    await setException(coordinator, seriesId, { originalDate: "2027-01-13", kind: "changed", date: "2027-01-14" });
    expect((await sessionsBetween(coordinator, w.programId, "2027-01-11", "2027-01-17")).map((i) => [i.originalDate, i.date])).toEqual([
      ["2027-01-11", "2027-01-11"],
      ["2027-01-12", "2027-01-12"],
      ["2027-01-13", "2027-01-14"],
    ]);
    await removeException(coordinator, seriesId, "2027-01-13");
    expect((await sessionsBetween(coordinator, w.programId, "2027-01-13", "2027-01-13"))[0]).toMatchObject({ date: "2027-01-13", status: "scheduled" });
  });

  it("writes an occurrence down once, copying its time, place, leaders and groups", async () => {
    const coordinator = await w.ctx("coordinator");
    const by = { userId: w.users.coordinator.id, now: t.clock.now };
    const first = await t.deps.db.transaction().execute((tx) => ensureSession(tx, seriesId, "2027-01-04", by));
    expect(first.created).toBe(true);
    const again = await t.deps.db.transaction().execute((tx) => ensureSession(tx, seriesId, "2027-01-04", by));
    expect(again).toEqual({ id: first.id, created: false });
    const row = await t.deps.db.selectFrom("activity_sessions").selectAll().where("id", "=", first.id).executeTakeFirstOrThrow();
    expect(row).toMatchObject({ series_id: seriesId, original_date: "2027-01-04", date: "2027-01-04", start_time: "10:00", end_time: "12:00", venue_id: venueId, room_id: roomId, group_kinds: ["ordinary"], status: "scheduled", kind: "groupSession", topic: "gamePlan" });
    expect(await sessionResource(t.deps.db, first.id)).toEqual({ type: "session", sessionId: first.id, programId: w.programId, federationId: w.federationId, leaderUserIds: expect.arrayContaining([w.users.coordinator.id, w.users.volunteer.id]) });
    await expect(t.deps.db.transaction().execute((tx) => ensureSession(tx, seriesId, "2027-01-06", by))).rejects.toBeInstanceOf(ValidationError);
    await expect(t.deps.db.transaction().execute((tx) => ensureSession(tx, seriesId, "2027-01-07", by))).rejects.toBeInstanceOf(NotFoundError);
    // The schedule shows the written-down session in the occurrence's place, once.
    const week = await sessionsBetween(coordinator, w.programId, "2027-01-04", "2027-01-10");
    expect(week.filter((i) => i.date === "2027-01-04")).toEqual([expect.objectContaining({ ref: first.id, sessionId: first.id, status: "changed", start: "10:00" })]);
    expect(parseSessionRef(first.id)).toEqual({ sessionId: first.id });
    expect(parseSessionRef(occurrenceRef(seriesId, "2027-01-04"))).toEqual({ seriesId, originalDate: "2027-01-04" });
    // The occurrence's old address leads to the written-down session; a later change follows it.
    expect((await sessionPage(coordinator, occurrenceRef(seriesId, "2027-01-04"))).item.sessionId).toBe(first.id);
    await setException(coordinator, seriesId, { originalDate: "2027-01-04", kind: "cancelled", note: "Sjuk ledare" });
    expect((await t.deps.db.selectFrom("activity_sessions").select("status").where("id", "=", first.id).executeTakeFirstOrThrow()).status).toBe("cancelled");
    await removeException(coordinator, seriesId, "2027-01-04");
    expect(await t.deps.db.selectFrom("activity_sessions").select(["status", "start_time"]).where("id", "=", first.id).executeTakeFirstOrThrow()).toEqual({ status: "scheduled", start_time: "09:00" });
    // Notes on an occurrence not yet written down write it down.
    const { id } = await updateSessionNotes(coordinator, occurrenceRef(seriesId, "2027-01-11"), { topic: "communication", notes: "Övning: aktivt lyssnande" });
    expect((await sessionPage(coordinator, id)).item).toMatchObject({ topic: "communication", notes: "Övning: aktivt lyssnande", originalDate: "2027-01-11" });
  });

  it("expects the ordinary group's members on the day, the pre-group's, and the people listed", async () => {
    const { db } = t.deps;
    expect(await expectedParticipants(db, w.programId, { date: "2027-01-11", groupKinds: ["ordinary"], personIds: [] })).toEqual([{ personId: w.people.ella, via: "ordinary" }]);
    expect(await expectedParticipants(db, w.programId, { date: "2026-08-31", groupKinds: ["ordinary"], personIds: [] })).toEqual([]);
    expect(await expectedParticipants(db, w.programId, { date: "2027-01-11", groupKinds: ["pre_group"], personIds: [] })).toEqual([{ personId: w.people.oscar, via: "pre_group" }]);
    expect(await expectedParticipants(db, w.programId, { date: "2026-11-01", groupKinds: ["pre_group"], personIds: [] })).toEqual([]);
    expect(await expectedParticipants(db, w.programId, { date: "2027-01-11", groupKinds: ["ordinary", "pre_group"], personIds: [w.people.ella, w.people.protectedAlva] })).toEqual([
      { personId: w.people.ella, via: "ordinary" },
      { personId: w.people.oscar, via: "pre_group" },
      { personId: w.people.protectedAlva, via: "listed" },
    ]);
  });

  it("shows a session with its venue's checklist; names only to staff and to a volunteer who leads it", async () => {
    const coordinator = await w.ctx("coordinator");
    const volunteer = await w.ctx("volunteer");
    const ref = occurrenceRef(seriesId, "2027-01-12");
    const staffView = await sessionPage(coordinator, ref);
    expect(staffView.venue).toMatchObject({ name: "Träffpunkten", accessibility: { building: { status: "yes" } } });
    expect(staffView.room).toMatchObject({ name: "Gruppsalen" });
    expect(staffView.leaders.map((l) => l.name).sort()).toEqual(["Test coordinator", "Test volunteer"]);
    expect(staffView.participants).toEqual([{ personId: w.people.ella, reference: expect.any(String), name: "Ella Johansson", via: "ordinary" }]);
    expect(staffView).toMatchObject({ canManage: true, canRecord: true });
    // The volunteer leads this series: the register's names, nothing else.
    const leading = await sessionPage(volunteer, ref);
    expect(leading).toMatchObject({ canManage: false, canRecord: true });
    expect(leading.participants?.map((p) => p.name)).toEqual(["Ella Johansson"]);
    // A one-off the volunteer does not lead: no names at all.
    const { id } = await createSession(coordinator, w.programId, { kind: "lecture", title: "Privatekonomi", date: "2027-01-14", startTime: "13:00", endTime: "14:30", groupKinds: ["ordinary"], personIds: [w.people.oscar] });
    const notLeading = await sessionPage(volunteer, id);
    expect(notLeading).toMatchObject({ canRecord: false, participants: null });
    expect(notLeading.item.personIds).toEqual([]);
    expect((await sessionsBetween(volunteer, w.programId, "2027-01-14", "2027-01-14")).every((i) => i.personIds.length === 0)).toBe(true);
    await expect(sessionPage(await w.ctx("officerOtherProgram"), id)).rejects.toBeInstanceOf(NotFoundError);
    await cancelSession(coordinator, id, { note: "Föreläsaren sjuk" });
    expect((await sessionPage(coordinator, id)).item.status).toBe("cancelled");
  });

  it("gives a participant their own schedule through their group and when listed", async () => {
    const coordinator = await w.ctx("coordinator");
    const ella = await participantSchedule(coordinator, w.people.ella, "2027-01-11", "2027-01-17");
    expect(ella.items.map((i) => i.date)).toEqual(["2027-01-11", "2027-01-12", "2027-01-13", "2027-01-14"]);
    const oscar = await participantSchedule(coordinator, w.people.oscar, "2027-01-11", "2027-01-17");
    expect(oscar.items.map((i) => i.title)).toEqual(["Privatekonomi"]);
    await expect(participantSchedule(await w.ctx("volunteer"), w.people.ella, "2027-01-11", "2027-01-17")).rejects.toBeInstanceOf(NotFoundError);
  });

  it("moves exceptions out of the way when the rule changes", async () => {
    const coordinator = await w.ctx("coordinator");
    await setException(coordinator, seriesId, { originalDate: "2027-01-20", kind: "cancelled" });
    const { removedExceptions } = await updateSeries(coordinator, seriesId, { ...term, weekdays: ["1", "2"], venueId, roomId, leaderIds: [w.users.coordinator.id, w.users.volunteer.id] });
    expect(removedExceptions).toEqual(["2027-01-20"]);
    expect((await sessionsBetween(coordinator, w.programId, "2027-01-18", "2027-01-24")).map((i) => i.date)).toEqual(["2027-01-18", "2027-01-19"]);
  });

  it("serves secret feeds with activity, time and place only, and renews them", async () => {
    const volunteer = await w.ctx("volunteer");
    const mine = await renewFeed(volunteer, w.programId, { scope: "mine" });
    expect(mine.path).toBe(`/calendar/${mine.token}.ics`);
    const stored = await t.deps.db.selectFrom("calendar_feeds").select("token_hash").where("user_id", "=", w.users.volunteer.id).execute();
    expect(stored.map((s) => s.token_hash)).not.toContain(mine.token);
    const ics = (await feedByToken(t.deps, mine.token))!;
    expect(ics).toContain("BEGIN:VCALENDAR");
    expect(ics).toContain("SUMMARY:Gruppen");
    expect(ics).toContain("LOCATION:Gruppsalen\\, Träffpunkten\\, Storgatan 1\\, Kalmar");
    expect(ics).toContain(`UID:${seriesId}-20270111@spelplan`);
    expect(ics).not.toContain("20270106T"); // the holiday is left out
    expect(ics).not.toMatch(/Ella|Johansson|Oscar|Lindgren|Alva/);
    expect(ics).not.toContain("Privatekonomi"); // not led by the volunteer
    const group = await renewFeed(await w.ctx("coordinator"), w.programId, { scope: "ordinary" });
    const groupIcs = (await feedByToken(t.deps, group.token))!;
    expect(groupIcs).toContain("Privatekonomi");
    expect(groupIcs).not.toMatch(/Ella|Johansson|Oscar|Lindgren/);
    const renewed = await renewFeed(volunteer, w.programId, { scope: "mine" });
    expect(await feedByToken(t.deps, mine.token)).toBeNull();
    expect(await feedByToken(t.deps, renewed.token)).toContain("SUMMARY:Gruppen");
    expect(await feedByToken(t.deps, "spc_not-a-token")).toBeNull();
    expect((await myFeeds(volunteer)).map((f) => f.scope)).toEqual(["mine"]);
    await expect(renewFeed(await w.ctx("officerOtherProgram"), w.programId, { scope: "mine" })).rejects.toBeInstanceOf(NotFoundError);
  });

  it("refuses an archived venue for new series, but keeps it on those there", async () => {
    const coordinator = await w.ctx("coordinator");
    const { id: old } = await createVenue(coordinator, w.programId, { name: "Gamla lokalen" });
    const { id } = await createSeries(coordinator, w.programId, { ...term, title: "NADA", kind: "nada", venueId: old });
    await archiveVenue(coordinator, old);
    await expect(createSeries(coordinator, w.programId, { ...term, venueId: old })).rejects.toMatchObject({ fieldErrors: { venueId: ["schedule.errors.venueArchived"] } });
    await updateSeries(coordinator, id, { ...term, title: "NADA", kind: "nada", venueId: old, startTime: "13:00", endTime: "14:00" });
    expect((await listVenues(coordinator, w.programId)).venues.find((v) => v.id === old)?.archived).toBe(true);
  });

  it("keeps the audit chain whole, with every write recorded", async () => {
    const actions = (await t.deps.db.selectFrom("audit_events").select("action").where("program_id", "=", w.programId).execute()).map((e) => e.action);
    for (const a of ["venue.create", "venue.archive", "venueRoom.add", "activityKind.add", "activityKind.archive", "activityTopic.add", "activityTopic.archive", "activitySeries.create", "activitySeries.update", "activityException.set", "activityException.remove", "activitySession.create", "activitySession.cancel", "activitySession.update", "activitySession.view", "calendarFeed.renew", "schedule.viewPerson"]) {
      expect(actions).toContain(a);
    }
    expect((await verifyAuditChain(t.deps.db)).ok).toBe(true);
  });
});
