import type { AttendanceStatus } from "../domain/attendance.ts";
import { addDays, weekdayOf, type Weekday } from "../domain/calendar.ts";
import { DEFAULT_TOPICS, seriesOccurrences } from "../domain/schedule.ts";
import { recordAttendance, recordFollowUpOutcome, registerPage } from "../services/attendance.ts";
import { isoToday, type Deps } from "../services/context.ts";
import { planBreakfastRota, replanBreakfastRota, swapBreakfastDuties } from "../services/rota.ts";
import { addRoom, createSeries, createVenue, occurrenceRef, updateSessionNotes } from "../services/schedule.ts";
import { type StoryUsers, teamMeetingDates } from "./intake-story.ts";
import type { JourneyTimeline } from "./journey-story.ts";

// Group life in the demo: the meeting place with KRUT's accessibility checklist, the term's recurring
// sessions (the group Monday to Wednesday mornings, wellness Tuesday and Thursday afternoons led by the
// volunteer, the pre-group on Thursday afternoons), and the registers taken after every session held so far,
// with the 7TJUGO topic of each group morning, except the last two group days, whose registers are still to
// be taken (the attendance pages list them, and the end-to-end journey takes them). Attendance is mostly
// good, as in KRUS, with late buses, notice of absence and sick days; two participants drift away, so the
// absence rules make follow-ups: Mohamed missed two mornings in a row without a word before those days (his
// coordinator has yet to call), Liam's attendance fell below half two weeks ago and his coordinator made a
// new agreement with him the day after.
//
// The breakfast rota is planned four weeks at a time on the Friday before, and for the coming four weeks
// yesterday (a re-plan that keeps what was planned and adds those who joined since), with one swap agreed.
//
// Every step runs through the use cases the pages call, on the journey's timeline, so the audit log stays in
// time order. Marks are chosen by a fixed rule from the person and the session's place in the term, so the
// same day gives the same demo.

export interface GroupUsers extends StoryUsers {
  volunteer: string;
}

/** Register indices with a story of their own (see above). */
const MOHAMED = 5;
const LIAM = 13;

interface SeriesStory {
  key: "group" | "wellness" | "preGroup";
  kind: string;
  title: string;
  weekdays: Weekday[];
  start: string;
  end: string;
  groupKinds: ("ordinary" | "pre_group")[];
  notes: string;
}

const SERIES: SeriesStory[] = [
  { key: "group", kind: "groupSession", title: "Gruppen", weekdays: [1, 2, 3], start: "09:00", end: "12:00", groupKinds: ["ordinary"], notes: "Frukost 09:00–09:30, sedan dagens tema." },
  { key: "wellness", kind: "wellness", title: "Friskvård", weekdays: [2, 4], start: "13:00", end: "14:30", groupKinds: ["ordinary"], notes: "Promenad, gym eller yoga. Ombyte finns." },
  { key: "preGroup", kind: "preGroupSession", title: "Förgruppen", weekdays: [4], start: "13:00", end: "14:30", groupKinds: ["pre_group"], notes: "Samtal i liten grupp inför starten i ordinarie grupp." },
];

/** A small deterministic hash (FNV-1a) of the parts, 0-99. */
function roll(...parts: (string | number)[]): number {
  let h = 0x811c9dc5;
  for (const ch of parts.join("|")) {
    h ^= ch.charCodeAt(0);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h % 100;
}

/** The usual week: mostly present, a late bus now and then, notice given, a sick day. Never without a word. */
function usualMark(index: number, slot: number, kind: string): { status: AttendanceStatus; minutesLate?: number } {
  const r = roll(index, slot, kind);
  if (r < 80) return { status: "present" };
  if (r < 88) return { status: "late", minutesLate: 5 + (roll(slot, index) % 5) * 5 };
  if (r < 94) return { status: "absent_with_notice" };
  return { status: "sick" };
}

/**
 * Liam's first sessions: present, away without a word, sick, away again (1 of 3 counted: below half, so the
 * rule fires), notice, away, then back.
 */
const LIAM_MARKS: AttendanceStatus[] = ["present", "absent_without_notice", "sick", "absent_without_notice", "absent_with_notice", "absent_without_notice", "present", "present"];

export function groupStory(deps: Deps, programId: string, personIds: readonly string[], users: GroupUsers, timeline: JourneyTimeline): void {
  const today = isoToday(deps.now());
  const { past } = teamMeetingDates(today);
  // The term: from the Monday a week before today's first group met, for twenty weeks after today.
  const before = addDays(past[0], -7);
  const firstDate = addDays(before, 1 - weekdayOf(before));
  const lastDate = addDays(today, 140);
  const setUpOn = addDays(firstDate, -10);
  const coordinator = users.coordinators[0];
  const seriesIds = new Map<SeriesStory["key"], string>();
  const indexOf = new Map(personIds.map((id, i) => [id, i]));

  timeline.schedule(setUpOn, 10, 0, async () => {
    const ctx = await timeline.ctx(coordinator, setUpOn, 10);
    const { id: venueId } = await createVenue(ctx, programId, {
      name: "Träffpunkten",
      address: "Norra vägen 10, Kalmar",
      notes: "KRUS egna lokaler. Nyckel i receptionen.",
      accessibility: {
        building: { status: "yes", note: "Ramp vid huvudentrén, dörröppnare" },
        entrance: { status: "yes", note: "Breda dörrar, inga trösklar" },
        hygiene: { status: "yes", note: "RWC på entréplanet" },
        meetingRooms: { status: "partly", note: "Samtalsrummet är trångt för rullstol" },
        lighting: { status: "yes", note: "Dimbar belysning i gruppsalen" },
        colours: { status: "partly", note: "Kontrastmarkering saknas på trappan till källaren" },
        signs: { status: "yes", note: "Skyltar med text och symboler" },
        acoustics: { status: "partly", note: "Eko i gruppsalen; vi sänker rösten och har mattor" },
        climate: { status: "yes", note: "Parfymfritt, inga växter som blommar" },
        safety: { status: "yes", note: "Utrymningsplan vid entrén, övning varje termin" },
        furniture: { status: "yes", note: "Stolar med armstöd och höj- och sänkbart bord" },
      },
    });
    const { id: roomId } = await addRoom(ctx, venueId, { name: "Gruppsalen", capacity: "20" });
    await addRoom(ctx, venueId, { name: "Samtalsrummet", capacity: "4" });
    for (const s of SERIES) {
      const { id } = await createSeries(ctx, programId, {
        kind: s.kind,
        title: s.title,
        weekdays: s.weekdays.map(String),
        startTime: s.start,
        endTime: s.end,
        firstDate,
        lastDate,
        groupKinds: s.groupKinds,
        venueId,
        roomId: s.key === "preGroup" ? "" : roomId,
        leaderIds: s.key === "wellness" ? [users.volunteer] : [coordinator, users.coordinators[1]],
        notes: s.notes,
      });
      seriesIds.set(s.key, id);
    }
  });

  // The sessions held so far (the days the rule gives, holidays skipped), each register taken after it.
  const held = SERIES.flatMap((s) =>
    seriesOccurrences({ id: s.key, weekdays: s.weekdays, start: s.start, end: s.end, firstDate, lastDate }, firstDate, addDays(today, -1))
      .filter((o) => o.status !== "skipped")
      .map((o, slot) => ({ series: s, originalDate: o.originalDate, date: o.date, start: o.start, end: o.end, slot })),
  );
  const groupDays = held.filter((h) => h.series.key === "group").map((h) => h.date);
  // The last two group days: registers not taken yet.
  const untaken = groupDays.at(-2) ?? today;
  // Mohamed: away without a word on the two group days before those (and what fell between them).
  const mohamedFrom = groupDays.at(-4) ?? today;
  const mohamedTo = groupDays.at(-3) ?? today;
  // Liam: his first sessions go badly (see LIAM_MARKS); counted as the registers are taken, in time order.
  let liamSessions = 0;
  for (const h of held) {
    if (h.date >= untaken) continue;
    const [hour, minute] = [Number(h.end.slice(0, 2)), Number(h.end.slice(3, 5)) + 10];
    const by = h.series.key === "wellness" ? users.volunteer : users.coordinators[h.slot % 2]!;
    timeline.schedule(h.date, hour, minute, async () => {
      const ref = occurrenceRef(seriesIds.get(h.series.key)!, h.originalDate);
      const ctx = await timeline.ctx(by, h.date, hour, minute);
      const page = await registerPage(ctx, ref);
      const marks = page.lines.map((line) => {
        const index = indexOf.get(line.person.personId) ?? -1;
        let mark = usualMark(index, h.slot, h.series.key);
        if (index === MOHAMED && h.date >= mohamedFrom && h.date <= mohamedTo) mark = { status: "absent_without_notice" };
        if (index === LIAM) mark = liamSessions < LIAM_MARKS.length ? { status: LIAM_MARKS[liamSessions]! } : mark;
        return { personId: line.person.personId, status: mark.status, minutesLate: mark.minutesLate === undefined ? "" : String(mark.minutesLate) };
      });
      if (marks.length === 0) return;
      const saved = await recordAttendance(ctx, ref, { marks });
      if (h.series.key === "group") {
        const topic = DEFAULT_TOPICS[Math.floor(h.slot / 3) % DEFAULT_TOPICS.length]!;
        await updateSessionNotes(await timeline.ctx(by, h.date, hour, minute + 1), ref, { topic, notes: h.series.notes });
      }
      if (marks.some((m) => indexOf.get(m.personId) === LIAM)) {
        liamSessions += 1;
        // When his attendance falls below half, his coordinator calls him right after the session: a new
        // agreement (in the same step, a minute or two later, so that the audit log stays in order).
        if (saved.followUpsCreated > 0) await liamsCall(h.date, hour, minute + 2);
      }
    });
  }

  // The breakfast rota: four weeks at a time, planned on the Friday before.
  for (let monday = firstDate; monday < today; monday = addDays(monday, 28)) {
    const friday = addDays(monday, -3);
    timeline.schedule(friday, 14, 0, async () => {
      await planBreakfastRota(await timeline.ctx(coordinator, friday, 14), programId, { from: monday, to: addDays(monday, 27) });
    });
  }
  const yesterday = addDays(today, -1);
  timeline.schedule(yesterday, 15, 0, async () => {
    const ctx = await timeline.ctx(coordinator, yesterday, 15);
    await replanBreakfastRota(ctx, programId, { from: yesterday, to: addDays(yesterday, 27) });
    // Two participants swap their first duties from today.
    const [a, b] = await deps.db
      .selectFrom("breakfast_duties")
      .select(["person_id", "date"])
      .where("program_id", "=", programId)
      .where("date", ">=", today)
      .orderBy("date")
      .limit(2)
      .execute();
    if (a && b && a.person_id !== b.person_id) {
      await swapBreakfastDuties(await timeline.ctx(coordinator, yesterday, 15, 5), programId, { aPersonId: a.person_id, aDate: a.date, bPersonId: b.person_id, bDate: b.date });
    }
  });

  async function liamsCall(date: string, hour: number, minute: number) {
    const row = await deps.db
      .selectFrom("absence_followups as f")
      .innerJoin("enrolments as e", "e.id", "f.enrolment_id")
      .select(["f.id", "e.coordinator_id"])
      .where("f.person_id", "=", personIds[LIAM]!)
      .where("f.outcome", "is", null)
      .executeTakeFirst();
    // The follow-up the register made may have been someone else's.
    if (!row) return;
    await recordFollowUpOutcome(await timeline.ctx(row.coordinator_id, date, hour, minute), row.id, {
      outcome: "new_agreement",
      on: date,
      note: "Har haft svårt att sova och att ta sig hemifrån på morgonen. Vi kom överens om att han kommer tisdagar och onsdagar tills vidare och att vi ses med handläggaren på AF nästa vecka.",
    });
  }
}
