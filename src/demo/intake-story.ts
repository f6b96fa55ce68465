import { addDays, weekdayOf } from "../domain/calendar.ts";
import { loadActor } from "../services/auth.ts";
import { recordConsent, withdrawConsent } from "../services/consents.ts";
import { adviseConsultation, assessRequest, getMeeting, listMeetings, recordAttendance, setMeetingSettings, setMeetingStatus } from "../services/meetings.ts";
import { createConsultation } from "../services/consultations.ts";
import type { Deps, ServiceContext } from "../services/context.ts";
import { isoToday } from "../services/context.ts";
import { enrol } from "../services/enrolments.ts";
import { createRequest, submitRequest, updateDraft, withdrawRequest } from "../services/requests.ts";
import { bookStudyVisit, listSlots, setBookingStatus, setSlotException, setStudyVisitSchedule } from "../services/study-visits.ts";

// The intake part of the demo data, played as it would have happened: the program set up its study
// visits and the team's meetings about ten weeks ago, case officers wrote interest requests with the
// people, the team decided at three meetings, people got places and were enrolled. Every step goes
// through the same use cases the pages call, on a clock set back to the day it happened, so the demo
// has the audit trail, notifications and e-mails a real program would have.

export interface StoryUsers {
  coordinators: [string, string, string];
  /** FK, AF, social services, region: case officers who are also the team's members. */
  officers: [string, string, string, string];
  manager: string;
}

export interface StoryAuthorities {
  fk: string;
  af: string;
  soc: string;
  region: string;
}

/** The day the story begins, relative to the day the demo is loaded (for the first audit event). */
export function storyStart(today: string): string {
  return addDays(teamMeetingDates(today).past[0], -28);
}

/** The next meeting: the first Wednesday at least two days ahead; the three before it every three weeks. */
export function teamMeetingDates(today: string): { past: [string, string, string]; next: string } {
  let next = addDays(today, 2);
  while (weekdayOf(next) !== 3) next = addDays(next, 1);
  return { past: [addDays(next, -63), addDays(next, -42), addDays(next, -21)], next };
}

/** Noon in Sweden on an ISO date (the clock the services see). */
function at(date: string, hour = 12): Date {
  return new Date(`${date}T${String(hour - 1).padStart(2, "0")}:00:00Z`);
}

interface PersonStory {
  index: number;
  /** Which officer (0-3: FK, AF, social services, region) refers the person. */
  officer: number;
  income: string;
  situation: string;
  triedBefore: string;
  whyNotEnough: string;
  goals: string;
  motivation: string;
  health: string;
  obstacles?: string;
  needsTravel?: boolean;
  interpreter?: string;
}

const SITUATIONS = [
  "Har inte haft någon sysselsättning sedan gymnasiet. Bor hemma hos sina föräldrar och är mest hemma.",
  "Har varit sjukskriven i drygt ett år på grund av utmattning och ångest. Vill tillbaka till ett sammanhang.",
  "Avbröt gymnasiet i årskurs två. Har haft kortare extrajobb men inte orkat behålla dem.",
  "Flyttade till Kalmar för två år sedan. Har svårt att komma iväg på morgnarna och saknar kontakter här.",
  "Har aktivitetsersättning sedan tre år. Har en ADHD-diagnos och behöver struktur i vardagen.",
  "Har gått flera arbetsmarknadsinsatser utan att komma vidare. Känner sig misslyckad och orolig inför nya sammanhang.",
];
const TRIED = [
  "Arbetsträning via Arbetsförmedlingen hösten 2025, avbröts efter sex veckor.",
  "Samtalsstöd på vårdcentralen och ett kortare rehabiliteringsprogram via Försäkringskassan.",
  "Praktik i butik genom kommunens arbetsmarknadsenhet, och studievägledning på Komvux.",
  "Stödsamtal hos kurator och ett försök med studier på distans.",
];
const WHY = [
  "Stödet var för lite och för kort. Personen behöver ett sammanhang med andra och stöd från flera håll samtidigt.",
  "Insatserna har inte hängt ihop. Personen har fått börja om hos varje myndighet.",
  "Personen orkade inte heltid direkt och behöver en mjukare start.",
];
const GOALS = [
  "Att börja studera på Komvux och på sikt utbilda sig till undersköterska.",
  "Att få ett arbete inom lager eller logistik, gärna på deltid först.",
  "Att kunna ta sig ut varje dag och hitta en praktikplats.",
  "Att gå klart gymnasiet och sedan söka jobb.",
];
const MOTIVATION = [
  "Säger själv att det är dags att bryta ensamheten och vill träffa andra i samma situation.",
  "Vill kunna försörja sig själv och flytta till en egen lägenhet.",
  "Har varit på studiebesök och tyckte om gruppen och lokalen.",
];
const HEALTH = [
  "Beskriver oro och sömnproblem. Mår bättre med fasta tider.",
  "Har social fobi och blir lätt trött i stora grupper.",
  "Har nedstämdhet som går i perioder. Går på samtal hos kurator.",
  "Säger att ångesten är värst på morgonen.",
];
const INCOMES = ["activity_compensation", "income_support", "sickness_benefit", "activity_support", "none"];

function story(index: number, extra: Partial<PersonStory> = {}): PersonStory {
  return {
    index,
    officer: index % 4,
    income: INCOMES[index % INCOMES.length]!,
    situation: SITUATIONS[index % SITUATIONS.length]!,
    triedBefore: TRIED[index % TRIED.length]!,
    whyNotEnough: WHY[index % WHY.length]!,
    goals: GOALS[index % GOALS.length]!,
    motivation: MOTIVATION[index % MOTIVATION.length]!,
    health: HEALTH[index % HEALTH.length]!,
    ...(index % 5 === 0 ? { needsTravel: true } : {}),
    ...extra,
  };
}

// Which demo people (by index in the register) take which path. 0 is the demo participant, Ella.
const MEETING_1_ACCEPT = [0, 1, 2, 3, 4, 5, 6, 7];
const MEETING_1_NOT_READY = 9;
const MEETING_2_ACCEPT = [8, 10, 11, 12, 13];
const MEETING_2_POSTPONE = 15;
const MEETING_3_ACCEPT = [15, 14, 16, 17, 18]; // 15 and 14 fill the ordinary group; 16-18 go to the pre-group
const MEETING_3_NOT_READY = 19;
const WITHDRAWN = 20;
const ON_NEXT_AGENDA = [21, 22];
const DRAFTS = [23, 24];
/** Ordinary places not yet enrolled: they start after the next meeting. */
const NOT_YET_ENROLLED = new Set([14, 15]);

const RECOMMENDATIONS: Record<number, string> = {
  [MEETING_1_NOT_READY]:
    "Teamet bedömer att behovet av vård behöver tillgodoses först. Vi rekommenderar kontakt med vuxenpsykiatrin och ett nytt samtal om KRUS om tre månader. Handläggaren hjälper till att boka tiden.",
  [MEETING_3_NOT_READY]:
    "Personen vill i nuläget hellre prova en praktikplats på egen hand. Teamet rekommenderar Arbetsförmedlingens stöd och matchning, och är välkommen tillbaka med en ny intresseförfrågan om det inte räcker.",
};

const EDUCATION = ["upper_secondary_incomplete", "upper_secondary", "primary", "post_secondary", "upper_secondary_incomplete"] as const;
/** What people did when they started: most were on sick leave or looking for work. */
const OCCUPATIONS = ["sick_leave", "job_seeking", "other", "sick_leave", "job_seeking", "studies"] as const;

export async function playIntakeStory(
  deps: Deps,
  programId: string,
  personIds: readonly string[],
  users: StoryUsers,
  authorities: StoryAuthorities,
  /** Called each time the story's clock is set, before anything happens at that time (see journey-story.ts). */
  onClock?: (clock: Date) => Promise<void>,
): Promise<void> {
  const today = isoToday(deps.now());
  const { past } = teamMeetingDates(today);
  const start = storyStart(today);
  const authorityOrder = [authorities.fk, authorities.af, authorities.soc, authorities.region];

  const actors = new Map<string, NonNullable<Awaited<ReturnType<typeof loadActor>>>>();
  const ctx = async (userId: string, date: string, hour = 12): Promise<ServiceContext> => {
    let actor = actors.get(userId);
    if (!actor) {
      const loaded = await loadActor(deps.db, userId);
      if (!loaded) throw new Error("demo user without roles");
      actors.set(userId, (actor = loaded));
    }
    const clock = at(date, hour);
    await onClock?.(clock);
    return { ...deps, now: () => clock, actor, meta: { ip: null, userAgent: "demo data" } };
  };
  const lead = users.coordinators[0];

  // Setting up: study visits on Tuesdays of even weeks, the team every third Wednesday.
  await setStudyVisitSchedule(await ctx(lead, start, 9), programId, {
    weekday: "2",
    weeks: "even",
    startTime: "13:00",
    endTime: "14:00",
    capacity: "6",
    location: "KRUS, Södra Långgatan 22, Kalmar",
  });
  // A person who came on a study visit first (and became a request later).
  const visitSlot = (await listSlots(await ctx(users.officers[2], start, 10), programId, 4)).slots.find((s) => s.status !== "cancelled");
  let visitBooking: string | null = null;
  if (visitSlot) {
    visitBooking = (await bookStudyVisit(await ctx(users.officers[2], start, 10), programId, { slotDate: visitSlot.originalDate, visitorName: "E. O.", note: "Kommer med sin handläggare." })).id;
  }
  // The team's cadence, set up the morning the first requests were written.
  await setMeetingSettings(await ctx(lead, addDays(past[0], -20), 8), programId, {
    anchor: past[0],
    intervalWeeks: "3",
    startTime: "13:00",
    durationMinutes: "120",
    location: "Stadshuset, rum Kalmarsund",
  });

  const requestIds = new Map<number, string>();
  const writeRequest = async (s: PersonStory, date: string, options: { submit: boolean; consentTo?: string[]; booking?: string | null }) => {
    const officerId = users.officers[s.officer]!;
    const officer = await ctx(officerId, date, 10);
    const personId = personIds[s.index]!;
    const { id } = await createRequest(officer, { programId, personId, ...(options.booking ? { bookingId: options.booking } : {}) });
    const referrer = authorityOrder[s.officer]!;
    const other = authorityOrder[(s.officer + 2) % 4]!;
    await updateDraft(officer, id, {
      incomeSource: s.income,
      activeAt: [
        { authorityId: referrer, active: "on", contactName: "Handläggaren som skriver förfrågan", contactDetails: "Via myndighetens växel" },
        { authorityId: other, active: "on", contactName: "", contactDetails: "" },
      ],
      situation: s.situation,
      triedBefore: s.triedBefore,
      whyNotEnough: s.whyNotEnough,
      goals: s.goals,
      motivation: s.motivation,
      health: s.health,
      obstacles: s.obstacles ?? "Oro inför att träffa nya människor.",
      needsTravel: s.needsTravel ? "on" : undefined,
      needsInterpreter: s.interpreter ? "on" : undefined,
      interpreterLanguage: s.interpreter ?? "",
    });
    requestIds.set(s.index, id);
    if (!options.submit) return id;
    await recordConsent(officer, personId, {
      authorityIds: options.consentTo ?? [authorities.fk, authorities.af, authorities.soc, authorities.region],
      purpose: "Bedömning av och deltagande i KRUS, och samverkan mellan myndigheterna under tiden i programmet.",
      givenOn: date,
      validUntil: addDays(date, 730),
      method: "recorded",
      requestId: id,
    });
    await submitRequest(officer, id);
    return id;
  };

  // Requests for the first meeting, written in the weeks before it.
  for (const [n, index] of [...MEETING_1_ACCEPT, MEETING_1_NOT_READY].entries()) {
    await writeRequest(story(index, index === 2 ? { interpreter: "arabiska" } : {}), addDays(past[0], -20 + n), { submit: true });
  }
  // The visit was at most two weeks after the start: the coordinator notes afterwards that the visitor
  // came (after the requests above, which may be written before or after the visit's day).
  if (visitBooking) await setBookingStatus(await ctx(lead, addDays(past[0], -11), 9), visitBooking, "attended");
  await createConsultation(await ctx(users.officers[2], addDays(past[0], -6), 14), {
    programId,
    ageBand: "25_29",
    sex: "male",
    situation: "Man i 25-årsåldern med försörjningsstöd sedan länge. Har svårt med tider och har uteblivit från flera möten.",
    question: "Kan KRUS vara rätt för honom, eller behöver något annat komma först?",
  });

  await holdMeeting(past[0], {
    accept: MEETING_1_ACCEPT,
    notReady: [MEETING_1_NOT_READY],
    postpone: [],
    advice: "Teamet föreslår ett studiebesök tillsammans med handläggaren först, och att motiverande samtal får ta tid. Välkommen med en intresseförfrågan när han själv vill.",
  });
  // Enrolment a week after the decision.
  for (const index of MEETING_1_ACCEPT) await enrolPerson(index, addDays(past[0], 5));

  // Second meeting.
  for (const [n, index] of [...MEETING_2_ACCEPT, MEETING_2_POSTPONE].entries()) {
    await writeRequest(story(index, index === 15 ? { interpreter: "tigrinska" } : {}), addDays(past[1], -16 + n), { submit: true, booking: index === 10 ? visitBooking : null });
  }
  await createConsultation(await ctx(users.officers[1], addDays(past[1], -4), 11), {
    programId,
    ageBand: "19_24",
    sex: "female",
    situation: "Ung kvinna som avbrutit två praktikplatser. Säger att hon vill arbeta men blir sjuk av oro.",
    question: "Hur kan vi lägga upp stödet så att hon orkar, och är förgruppen ett alternativ?",
  });
  await holdMeeting(past[1], {
    accept: MEETING_2_ACCEPT,
    notReady: [],
    postpone: [MEETING_2_POSTPONE],
    advice: "Förgruppen passar bra som en mjuk start: en eftermiddag i veckan. Teamet föreslår också ett första samtal med terapeuten.",
  });
  for (const index of MEETING_2_ACCEPT) await enrolPerson(index, addDays(past[1], 6));

  // Third meeting: the group fills up, three go to the pre-group.
  for (const [n, index] of [14, 16, 17, 18, MEETING_3_NOT_READY, WITHDRAWN].entries()) {
    await writeRequest(story(index), addDays(past[2], -15 + n), { submit: true });
  }
  await withdrawRequest(await ctx(users.officers[WITHDRAWN % 4]!, addDays(past[2], -3), 9), requestIds.get(WITHDRAWN)!, {
    reason: "Personen har fått en praktikplats på egen hand och vill vänta med KRUS.",
  });
  await holdMeeting(past[2], { accept: MEETING_3_ACCEPT, notReady: [MEETING_3_NOT_READY], postpone: [], advice: null });

  // Waiting for the next meeting: two requests (one whose consent covers only two authorities) and a consultation.
  await writeRequest(story(ON_NEXT_AGENDA[0]!), addDays(today, -9), { submit: true });
  await writeRequest(story(ON_NEXT_AGENDA[1]!, { officer: 2 }), addDays(today, -4), { submit: true, consentTo: [authorities.soc, authorities.region] });
  await createConsultation(await ctx(users.officers[0], addDays(today, -2), 15), {
    programId,
    ageBand: "30_39",
    sex: "female",
    situation: "Kvinna i 30-årsåldern, sjukskriven sedan två år, vill tillbaka till studier men har inte klarat tidigare försök.",
    question: "Är hon för gammal för KRUS prioriterade grupp, och vad skulle teamet råda oss att pröva först?",
  });
  // Drafts in progress.
  for (const index of DRAFTS) await writeRequest(story(index), addDays(today, -1), { submit: false });

  // Study visits coming up: bookings, and one slot cancelled.
  const coming = (await listSlots(await ctx(lead, today, 8), programId, 12)).slots.filter((s) => s.status !== "cancelled");
  const [first, second, third] = coming;
  if (first) {
    await bookStudyVisit(await ctx(users.officers[0], today, 8), programId, { slotDate: first.originalDate, visitorName: "M. K.", note: "Vill gärna se lokalen innan gruppen är där." });
    await bookStudyVisit(await ctx(users.officers[1], today, 8), programId, { slotDate: first.originalDate, visitorName: "Sam" });
  }
  if (second) await bookStudyVisit(await ctx(lead, today, 8), programId, { slotDate: second.originalDate, visitorName: "J. A.", accompanyingName: "Anhörig (mamma)" });
  if (third) {
    await setSlotException(await ctx(lead, today, 8), programId, third.originalDate, { action: "cancel", note: "Personalen är på utbildningsdag." });
  }
  // Plan the team's meetings half a year ahead from today.
  await setMeetingSettings(await ctx(lead, today, 8), programId, {
    anchor: past[0],
    intervalWeeks: "3",
    startTime: "13:00",
    durationMinutes: "120",
    location: "Stadshuset, rum Kalmarsund",
  });

  async function holdMeeting(date: string, plan: { accept: number[]; notReady: number[]; postpone: number[]; advice: string | null }) {
    const coordinator = await ctx(lead, date, 13);
    const meetings = await listMeetings(coordinator, programId);
    const meeting = [...meetings.upcoming, ...meetings.past].find((m) => m.date === date);
    if (!meeting) throw new Error(`demo: no team meeting on ${date}`);
    // One member away at the second meeting.
    await recordAttendance(coordinator, meeting.id, { present: date === past[1] ? users.officers.slice(0, 3) : [...users.officers] });
    const view = await getMeeting(coordinator, meeting.id);
    for (const item of view.agenda) {
      if (item.kind === "consultation") {
        if (plan.advice && item.consultationId) await adviseConsultation(coordinator, item.id, { advice: plan.advice });
        continue;
      }
      const index = [...requestIds.entries()].find(([, id]) => id === item.requestId)?.[0];
      if (index === undefined) continue;
      if (plan.accept.includes(index)) {
        await assessRequest(coordinator, item.id, { ownOptionsTried: "yes", ableWithSupport: "yes", wantsToTakePart: "yes", outcome: "accept" });
      } else if (plan.notReady.includes(index)) {
        await assessRequest(coordinator, item.id, { ownOptionsTried: "no", ableWithSupport: "unknown", wantsToTakePart: "yes", outcome: "not_ready", recommendation: RECOMMENDATIONS[index] ?? "" });
      } else if (plan.postpone.includes(index)) {
        await assessRequest(coordinator, item.id, {
          ownOptionsTried: "yes",
          ableWithSupport: "unknown",
          wantsToTakePart: "yes",
          outcome: "postpone",
          postponeReason: "Teamet behöver veta mer om hur vården ser ut just nu. Handläggaren tar reda på det till nästa möte.",
        });
      }
    }
    await setMeetingStatus(await ctx(lead, date, 16), meeting.id, "held");
  }

  async function enrolPerson(index: number, date: string) {
    if (NOT_YET_ENROLLED.has(index)) return;
    const coordinator = await ctx(lead, date, 10);
    const placement = await deps.db.selectFrom("placements").select(["id", "place"]).where("person_id", "=", personIds[index]!).where("ended_at", "is", null).executeTakeFirst();
    if (!placement || placement.place !== "ordinary") return;
    const startDate = addDays(date, 3);
    await enrol(coordinator, placement.id, {
      coordinatorId: users.coordinators[index % 3],
      startDate,
      incomeSource: INCOMES[index % INCOMES.length],
      educationLevel: EDUCATION[index % EDUCATION.length],
      occupationAtStart: OCCUPATIONS[index % OCCUPATIONS.length],
      firstMeetingDate: startDate,
      firstMeetingTime: "10:00",
      firstMeetingPlace: "KRUS, Södra Långgatan 22",
      therapistOffered: "on",
      therapistAccepted: index % 3 === 0 ? "no" : "yes",
    });
  }
}

/** Consent withdrawn by a participant in the pre-group: shows that the team's access ends at once. */
export async function withdrawOneConsent(deps: Deps, personId: string, coordinatorId: string): Promise<void> {
  const actor = await loadActor(deps.db, coordinatorId);
  if (!actor) return;
  await withdrawConsent({ ...deps, actor, meta: { ip: null, userAgent: "demo data" } }, personId, { note: "Personen ringde och ville inte längre att myndigheterna delar uppgifter." });
}
