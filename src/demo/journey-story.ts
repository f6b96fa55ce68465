import { addDays } from "../domain/calendar.ts";
import type { ExitOccupation, ExitReason, NinetyDayOutcome } from "../domain/exit.ts";
import type { EducationLevel, IncomeSource } from "../domain/intake.ts";
import type { AcceptanceMethod, ActionStatus, ActionWho, GoalKind } from "../domain/plan.ts";
import type { WorkKind } from "../domain/work.ts";
import { loadActor } from "../services/auth.ts";
import { recordConsent, withdrawConsent } from "../services/consents.ts";
import type { Deps, ServiceContext } from "../services/context.ts";
import { isoToday } from "../services/context.ts";
import { enrol } from "../services/enrolments.ts";
import { answerNinetyDay, recordExit, startPassivePhase } from "../services/exits.ts";
import { holdFollowUp, scheduleFollowUp } from "../services/followups.ts";
import { correctNote, writeNote } from "../services/journal.ts";
import { assessRequest, createMeeting, getMeeting, recordAttendance, setMeetingStatus } from "../services/meetings.ts";
import { addContact } from "../services/network.ts";
import { agreeActions, recordAcceptance, savePlan, startFinalPlan } from "../services/plans.ts";
import { createRequest, submitRequest, updateDraft } from "../services/requests.ts";
import { currentInstrument, recordReading } from "../services/wheel.ts";
import { addWork } from "../services/work.ts";
import { type StoryAuthorities, type StoryUsers, teamMeetingDates } from "./intake-story.ts";

// The participant's journey in the demo data: plans with versions and acceptances, life-area readings
// over time, journal notes, the network, work, follow-up meetings, exits of every kind, the passive phase
// and the 90-day follow-up. Two groups of people:
//
//  - An earlier cohort (register indices 25-36) who went through intake 7-14 months ago at three team
//    meetings of their own, were enrolled, and had all left before today's group started: so that the
//    program has exits of every kind, answered and due 90-day follow-ups, and one person in the passive
//    phase, while today's group and the pre-group are exactly what the intake story made them.
//  - Some of today's participants (Ella, Oscar, Amira, Mohamed, Alva, Liam), whose first weeks are told.
//
// Like the intake story, every step goes through the use cases the pages call, on a clock set back to the
// day it happened. The audit log must read in time order, so the steps are not played in one go: the
// intake story asks the timeline to catch up (`until`) each time its clock moves, and the steps dated
// before that moment are played first. Everything is dated relative to the day the demo is loaded.

export interface JourneyUsers extends StoryUsers {
  therapist: string;
}

/** The steps of the journey, played in time order as the intake story's clock moves on. */
export interface JourneyTimeline {
  /** Plays every step dated at or before `clock` that has not been played. */
  until(clock: Date): Promise<void>;
  /** Plays what is left (nothing is dated after yesterday, so normally nothing). */
  finish(): Promise<void>;
  /** Adds a step of another story (e.g. travel money) at a local time on a day, to be played in order. */
  schedule(date: string, hour: number, minute: number, run: () => Promise<void>): void;
  /** A user's service context with the clock set to a local time on a day (for those steps). */
  ctx(userId: string, date: string, hour: number, minute?: number): Promise<ServiceContext>;
}

// Register indices of the earlier cohort, by the team meeting that accepted them.
const COHORTS = [
  [25, 26, 27, 28, 29],
  [30, 31, 32, 33],
  [34, 35, 36],
] as const;
export const EARLIER_COHORT: readonly number[] = COHORTS.flat();

/**
 * The earlier cohort's three team meetings: Wednesdays on the same three-week rhythm as today's meetings,
 * about 14, 10 and 7 months ago.
 */
export function earlierMeetingDates(today: string): [string, string, string] {
  const first = teamMeetingDates(today).past[0];
  return [addDays(first, -357), addDays(first, -252), addDays(first, -147)];
}

/** The first day of the demo's history (users are there from the day before). */
export function demoStart(today: string): string {
  return addDays(earlierMeetingDates(today)[0], -35);
}

/** When a person of the earlier cohort was entered in the register (before their interest request); else null. */
export function registeredOn(today: string, index: number): string | null {
  const cohort = COHORTS.findIndex((c) => (c as readonly number[]).includes(index));
  return cohort < 0 ? null : addDays(earlierMeetingDates(today)[cohort]!, -27);
}

/** Swedish time on an ISO date, as the services see the clock (like the intake story's). */
function at(date: string, hour: number, minute = 0): Date {
  return new Date(`${date}T${String(hour - 1).padStart(2, "0")}:${String(minute).padStart(2, "0")}:00Z`);
}

// ---------------------------------------------------------------------------------------------------------
// Plans

interface ActionStory {
  id: string;
  what: string;
  who?: ActionWho;
  authority?: keyof StoryAuthorities;
  /** Days after the enrolment's start. */
  by?: number;
  status?: ActionStatus;
  agreed?: boolean;
}

interface PlanStory {
  goal: { kind: GoalKind; text: string };
  subGoals: string[];
  obstacles: [string, string][];
  actions: ActionStory[];
}

function planContent(plan: PlanStory, start: string, authorities: StoryAuthorities) {
  return {
    longTermGoal: plan.goal,
    subGoals: plan.subGoals.map((text, i) => ({ id: `delmal-${i + 1}`, text })),
    obstacles: plan.obstacles.map(([text, howToOvercome], i) => ({ id: `hinder-${i + 1}`, text, howToOvercome })),
    actions: plan.actions.map((a) => ({
      id: a.id,
      what: a.what,
      who: a.who ?? "participant",
      authorityId: a.authority ? authorities[a.authority] : null,
      byWhen: a.by === undefined ? null : addDays(start, a.by),
      status: a.status ?? "planned",
      agreed: a.agreed ?? false,
    })),
    recommendations: "",
  };
}

/** The plan some months on: the first actions done or under way, one given up, one new. */
function laterPlan(plan: PlanStory, extra: ActionStory): PlanStory {
  const statuses: ActionStatus[] = ["done", "done", "in_progress", "cancelled"];
  return {
    ...plan,
    actions: [...plan.actions.map((a, i) => ({ ...a, status: statuses[i] ?? a.status ?? "planned", agreed: true })), extra],
  };
}

// ---------------------------------------------------------------------------------------------------------
// Life-area readings: scores per area of the default instrument, in its order.

const AREA_ORDER = ["housing", "economy", "family_network", "activity", "health", "daily_routines", "social_skills", "motivation", "own_resources"];

function scores(keys: readonly string[], values: readonly number[], shift = 0): Record<string, number> {
  return Object.fromEntries(
    keys.map((key) => {
      const i = AREA_ORDER.indexOf(key);
      const base = i >= 0 ? values[i]! : 5;
      return [key, Math.min(10, Math.max(1, base + shift))];
    }),
  );
}

/** A later reading: better on the areas given, the same elsewhere. */
function improved(values: readonly number[], by: Record<string, number>): number[] {
  return values.map((v, i) => Math.min(10, v + (by[AREA_ORDER[i]!] ?? 0)));
}

// ---------------------------------------------------------------------------------------------------------
// The earlier cohort

interface EarlierStory {
  index: number;
  /** 0 Sara Nilsson, 1 Johan Ek, 2 Leila Haddad. */
  coordinator: 0 | 1 | 2;
  income: IncomeSource;
  education: EducationLevel;
  situation: string;
  goals: string;
  plan: PlanStory;
  /** A new action in the plan a few months on (only for those who stayed that long). */
  laterAction: ActionStory;
  firstNote: string;
  startScores: number[];
  /** The coordinator's view at the start, when it differed (with a note). */
  coordinatorStart?: { values: number[]; note: string };
  followUpNotes: [string, string];
  work?: { employer: string; kind: WorkKind; hours: number; /** days before the exit */ startsBefore: number; endsBefore?: number; note: string };
  exit: {
    daysAgo: number;
    reason: ExitReason;
    occupation: ExitOccupation;
    income: IncomeSource;
    note: string;
    /** An exit meeting on the day, with the referring officer (and others named). */
    meeting?: { others?: string };
    /** The plan for the future (needed for "according to plan"). */
    finalPlan?: string;
    exitScores?: Record<string, number>;
    /** A journal note about the ending, shared with the case officers. */
    journal?: string;
  };
  passive?: string;
  /** The 90-day follow-up; left out: due and not answered. */
  ninetyDay?: { outcome: NinetyDayOutcome; afterDue: number; note: string };
  consentWithdrawn?: string;
}

const EARLIER: EarlierStory[] = [
  {
    index: 25, // Lucas Nyström
    coordinator: 0,
    income: "activity_compensation",
    education: "upper_secondary_incomplete",
    situation: "Har aktivitetsersättning sedan två år. Slutade gymnasiet i tvåan och har mest varit hemma sedan dess. Spelar mycket datorspel på nätterna.",
    goals: "Att gå klart gymnasiet på Komvux och sedan läsa vidare.",
    plan: {
      goal: { kind: "studies", text: "Läsa in gymnasiet på Komvux och sedan utbilda mig inom IT." },
      subGoals: ["Komma upp på morgonen tre dagar i veckan.", "Klara en kurs på Komvux på halvfart.", "Veta vilken utbildning jag vill söka efter gymnasiet."],
      obstacles: [
        ["Jag sover på dagarna och är vaken på nätterna.", "Vi gör ett schema för sömnen. Jag lägger undan datorn klockan 23 och kommer till gruppen på morgonen."],
        ["Jag blir stressad av skolmiljön.", "Jag börjar med en kurs i taget och får stöd av studievägledaren."],
      ],
      actions: [
        { id: "lucas-1", what: "Delta i gruppen tre förmiddagar i veckan.", by: 30, agreed: true },
        { id: "lucas-2", what: "Boka tid hos studievägledaren på Komvux.", who: "coordinator", by: 21, agreed: true },
        { id: "lucas-3", what: "Söka en kurs i svenska 1 till nästa kursstart.", by: 60 },
        { id: "lucas-4", what: "Prova att gå till gymmet med gruppen en gång i veckan.", by: 45 },
      ],
    },
    laterAction: { id: "lucas-5", what: "Praktik två dagar i veckan på stadsbiblioteket för att vänja mig vid fasta tider.", by: 150, agreed: true },
    firstNote: "Första mötet tillsammans med handläggaren på Arbetsförmedlingen. Lucas var nervös men berättade själv om sina dygnsrytmproblem. Vi bestämde att han börjar i gruppen nästa måndag.",
    startScores: [6, 3, 5, 2, 4, 2, 3, 5, 4],
    coordinatorStart: { values: [6, 3, 5, 2, 4, 5, 3, 6, 4], note: "Lucas skattar sin vardag lägre än jag. Han säger att han kommer i tid för att mamma väcker honom, inte av egen kraft." },
    followUpNotes: [
      "Lucas har varit med i gruppen nästan varje förmiddag. Studievägledningen är gjord och han har sökt svenska 1. Handläggaren ser positivt på att pröva studier.",
      "Kursen går bra. Lucas vill prova praktik för att vänja sig vid fasta tider. Vi ordnar en plats på biblioteket.",
    ],
    work: { employer: "Kalmar stadsbibliotek", kind: "internship", hours: 12, startsBefore: 130, endsBefore: 60, note: "Arbetsträning två dagar i veckan: sortera och ställa upp böcker, hjälpa till vid läxhjälpen." },
    exit: {
      daysAgo: 150,
      reason: "according_to_plan",
      occupation: "studies",
      income: "other",
      note: "Lucas har klarat två kurser och börjar läsa på heltid på Komvux till hösten, med studiemedel.",
      meeting: {},
      finalPlan:
        "Lucas fortsätter på Komvux på heltid. Han behåller sitt schema för sömnen och tränar på gymmet två gånger i veckan. Om studierna blir för tunga kontaktar han studievägledaren. Arbetsförmedlingen avslutar sin kontakt när studiemedlet är beviljat.",
      exitScores: { activity: 4, daily_routines: 4, motivation: 3, own_resources: 3, economy: 2 },
    },
    ninetyDay: { outcome: "studying", afterDue: 3, note: "Lucas läser på Komvux och trivs. Har klarat första provet." },
  },
  {
    index: 26, // Alice Sundberg
    coordinator: 1,
    income: "income_support",
    education: "upper_secondary",
    situation: "Har haft försörjningsstöd i tre år. Har jobbat i butik tidigare men blev utbränd och har inte kommit tillbaka.",
    goals: "Att komma tillbaka till ett jobb i butik eller service.",
    plan: {
      goal: { kind: "work", text: "Ett eget jobb i butik eller service, minst 30 timmar i veckan." },
      subGoals: ["Orka hela förmiddagar fyra dagar i veckan.", "Ha ett CV och ett personligt brev som jag är nöjd med.", "Gå på minst två intervjuer."],
      obstacles: [
        ["Jag är rädd att bli utbränd igen.", "Vi trappar upp tiden långsamt och följer hur jag mår varje vecka."],
        ["Jag har en lucka i CV:t som jag skäms över.", "Vi övar på hur jag berättar om den på en intervju."],
      ],
      actions: [
        { id: "alice-1", what: "Skriva ett CV tillsammans med koordinatorn.", who: "coordinator", by: 20, agreed: true },
        { id: "alice-2", what: "Träffa terapeuten om stress och återhämtning.", by: 30, agreed: true },
        { id: "alice-3", what: "Anmäla sig som arbetssökande och ta fram platsannonser.", who: "authority", authority: "af", by: 45 },
        { id: "alice-4", what: "Ta med sig en vän till en arbetsgivarträff.", by: 60 },
      ],
    },
    laterAction: { id: "alice-5", what: "Söka tre jobb i veckan med stöd från koordinatorn (IPS).", by: 180, agreed: true },
    firstNote: "Första mötet med socialsekreteraren. Alice vill jobba men är rädd att gå in för hårt. Hon tackade ja till ett samtal med terapeuten.",
    startScores: [7, 3, 5, 3, 4, 5, 6, 7, 5],
    followUpNotes: [
      "CV:t är klart. Alice har varit med i gruppen fyra förmiddagar i veckan och tycker att det går bättre än hon trott.",
      "Alice har varit på två intervjuer. Vi har kontakt med en butikschef som söker personal till sommaren.",
    ],
    work: { employer: "Livsmedelsbutik i centrala Kalmar", kind: "competitive", hours: 30, startsBefore: 45, note: "Butiksbiträde på tillsvidareanställning efter sex månaders provanställning. Koordinatorn har kontakt med butikschefen en gång i månaden." },
    exit: {
      daysAgo: 110,
      reason: "according_to_plan",
      occupation: "employment",
      income: "salary",
      note: "Alice har ett eget jobb på 30 timmar i veckan och behöver inte längre försörjningsstöd.",
      meeting: { others: "Butikschefen" },
      finalPlan:
        "Alice arbetar 30 timmar i veckan i butiken. Hon håller fast vid sina rutiner för återhämtning: promenad varje dag och inga extrapass de första månaderna. Hon vet att hon kan ringa KRUS under de första tre månaderna om något blir svårt.",
      exitScores: { economy: 4, activity: 5, motivation: 2, own_resources: 3, daily_routines: 2 },
    },
    ninetyDay: { outcome: "working", afterDue: 3, note: "Alice har fått förlängt och arbetar kvar i butiken, 30 timmar i veckan." },
  },
  {
    index: 27, // Kevin Lundgren
    coordinator: 2,
    income: "sickness_benefit",
    education: "upper_secondary",
    situation: "Har varit sjukskriven i två år för depression. Bor ensam och har lite kontakt med andra.",
    goals: "Att få en vardag med struktur och så småningom prova arbetsträning.",
    plan: {
      goal: { kind: "work_rehabilitation", text: "Kunna börja arbetsträna några timmar om dagen." },
      subGoals: ["Komma till gruppen två förmiddagar i veckan.", "Ha kontakt med någon varje dag."],
      obstacles: [["Jag orkar inte alla dagar.", "Jag säger till när jag inte orkar, så att vi kan anpassa veckan i stället för att jag uteblir."]],
      actions: [
        { id: "kevin-1", what: "Delta i friskvården två gånger i veckan.", by: 30, agreed: true },
        { id: "kevin-2", what: "Ha kontakt med psykiatrin om medicinen.", who: "authority", authority: "region", by: 30, agreed: true },
        { id: "kevin-3", what: "Prova på en studiebesöksdag på en arbetsplats.", by: 90 },
      ],
    },
    laterAction: { id: "kevin-4", what: "Ett samtal med Försäkringskassan om hur sjukskrivningen ska se ut framåt.", who: "authority", authority: "fk", by: 150 },
    firstNote: "Första mötet med kuratorn från vuxenpsykiatrin. Kevin var trött men vill försöka. Vi börjar med två förmiddagar i veckan.",
    startScores: [6, 4, 2, 2, 3, 3, 3, 4, 3],
    followUpNotes: [
      "Kevin kommer oftast till friskvården men har missat gruppen flera gånger. Han säger att han mår sämre. Kuratorn ser över behandlingen.",
      "Kevin har blivit sämre och orkar inte komma. Vi kom överens om att han behöver fokusera på behandlingen först.",
    ],
    exit: {
      daysAgo: 260,
      reason: "health",
      occupation: "sick_leave",
      income: "sickness_benefit",
      note: "Kevin behöver mer vård innan han kan delta. Han är välkommen tillbaka med en ny intresseförfrågan när han mår bättre.",
      meeting: {},
      exitScores: {},
    },
    ninetyDay: { outcome: "other", afterDue: 4, note: "Kevin går i behandling på vuxenpsykiatrin och är fortfarande sjukskriven. Vill höra av sig igen till våren." },
  },
  {
    index: 28, // Sofia Mattsson
    coordinator: 0,
    income: "income_support",
    education: "primary",
    situation: "Har försörjningsstöd. Har bott i Kalmar i ett år och har svårt att hitta ett sammanhang.",
    goals: "Att få en praktikplats och lära känna fler människor.",
    plan: {
      goal: { kind: "work", text: "En praktikplats inom lokalvård eller kök." },
      subGoals: ["Komma till gruppen varje vecka.", "Prata med minst en arbetsgivare."],
      obstacles: [["Jag kan inte många i Kalmar.", "Gruppen och friskvården blir ett första sammanhang."]],
      actions: [
        { id: "sofia-1", what: "Delta i gruppen tre förmiddagar i veckan.", by: 30, agreed: true },
        { id: "sofia-2", what: "Följa med på studiebesök på en restaurang.", who: "coordinator", by: 45, agreed: true },
      ],
    },
    laterAction: { id: "sofia-3", what: "Söka praktik.", by: 120 },
    firstNote: "Första mötet tillsammans med socialsekreteraren. Sofia vill gärna börja direkt.",
    startScores: [4, 3, 4, 3, 6, 5, 5, 7, 5],
    followUpNotes: ["Sofia har kommit varje vecka. Hon berättar att hon kanske flyttar till sin syster i Växjö.", ""],
    exit: {
      daysAgo: 335,
      reason: "moved",
      occupation: "job_seeking",
      income: "income_support",
      note: "Sofia har flyttat till Växjö. Socialtjänsten i Kalmar har lämnat över till Växjö kommun.",
      journal: "Sofia ringde och berättade att hon har flyttat till sin syster i Växjö. Hon tackade för tiden i gruppen. Socialsekreteraren är informerad och lämnar över till Växjö kommun.",
    },
    ninetyDay: { outcome: "af_registered", afterDue: 4, note: "Nådde Sofia på telefon. Hon är inskriven på Arbetsförmedlingen i Växjö och väntar på en praktikplats." },
  },
  {
    index: 29, // Robin Ek
    coordinator: 2,
    income: "activity_support",
    education: "upper_secondary",
    situation: "Har aktivitetsstöd och har varit i flera insatser hos Arbetsförmedlingen. Har social oro och undviker telefonsamtal.",
    goals: "Att komma vidare till arbetsträning och på sikt ett arbete med djur eller natur.",
    plan: {
      goal: { kind: "work_rehabilitation", text: "Arbetsträning inom djur eller natur, och på sikt ett jobb där." },
      subGoals: ["Kunna ringa ett samtal själv.", "Klara en hel förmiddag i gruppen.", "Hitta en arbetsträningsplats."],
      obstacles: [
        ["Jag blir väldigt orolig när jag ska prata i telefon.", "Vi övar i små steg: först sms, sedan samtal med koordinatorn, sedan med någon jag inte känner."],
        ["Jag vet inte vilka platser som finns.", "Koordinatorn tar kontakt med Arbetsförmedlingen om arbetsträning."],
      ],
      actions: [
        { id: "robin-1", what: "Öva telefonsamtal med koordinatorn varje vecka.", who: "coordinator", by: 40, agreed: true },
        { id: "robin-2", what: "Delta i gruppen tre förmiddagar i veckan.", by: 30, agreed: true },
        { id: "robin-3", what: "Ta fram förslag på arbetsträning inom djur och natur.", who: "authority", authority: "af", by: 90 },
      ],
    },
    laterAction: { id: "robin-4", what: "Besöka ridskolan i Kalmar och fråga om arbetsträning.", by: 200, agreed: true },
    firstNote: "Första mötet. Robin ville att handläggaren pratade mest. Vi kom överens om att Robin hellre får sms än samtal.",
    startScores: [7, 4, 5, 3, 5, 5, 2, 6, 4],
    coordinatorStart: { values: [7, 4, 5, 3, 5, 5, 5, 6, 4], note: "Robin skattar sitt sociala lägre än jag ser det i gruppen. Robin säger att det kostar mycket energi att vara social, även när det ser lätt ut." },
    followUpNotes: [
      "Robin har ringt ett samtal själv för första gången. Gruppen fungerar bra.",
      "Robin har varit på ridskolan två gånger. Arbetsförmedlingen kan erbjuda arbetsträning där inom Steg till arbete.",
    ],
    exit: {
      daysAgo: 100,
      reason: "other",
      occupation: "work_rehabilitation",
      income: "activity_support",
      note: "Robin går vidare till arbetsträning på ridskolan genom Arbetsförmedlingen. Tiden i KRUS är slut.",
      meeting: {},
      exitScores: { social_skills: 3, activity: 3, motivation: 2 },
    },
  },
  {
    index: 30, // Hanna Blom
    coordinator: 1,
    income: "income_support",
    education: "upper_secondary",
    situation: "Har försörjningsstöd och två små barn. Har jobbat extra i vården och vill tillbaka dit.",
    goals: "Att få ett jobb i vården som går att kombinera med barnen.",
    plan: {
      goal: { kind: "work", text: "Ett jobb i vården, dagtid." },
      subGoals: ["Ordna barnomsorg som fungerar.", "Förnya mina intyg för vårdarbete."],
      obstacles: [["Barnen är ofta sjuka och då kan jag inte komma.", "Vi lägger upp veckan så att det gör något om jag missar en dag."]],
      actions: [
        { id: "hanna-1", what: "Ansöka om fler timmar på förskolan.", by: 20, agreed: true },
        { id: "hanna-2", what: "Kontakta bemanningsföretag inom vården.", by: 40, agreed: true },
      ],
    },
    laterAction: { id: "hanna-3", what: "Söka undersköterskeutbildning.", by: 120 },
    firstNote: "Första mötet. Hanna har bråttom att komma ut i arbete och tycker att tre förmiddagar i veckan är mycket med barnen.",
    startScores: [6, 3, 6, 4, 6, 5, 7, 8, 6],
    followUpNotes: ["Hanna har fått fler timmar på förskolan och har kontakt med ett bemanningsföretag.", ""],
    exit: {
      daysAgo: 245,
      reason: "own_initiative",
      occupation: "job_seeking",
      income: "income_support",
      note: "Hanna vill söka jobb på egen hand och tycker inte att gruppen passar henne just nu.",
      meeting: {},
      journal: "Hanna har bestämt sig för att sluta. Hon har fått erbjudande om timmar via bemanningsföretaget och vill hellre lägga tiden på det. Vi har pratat om att hon kan komma tillbaka.",
    },
    ninetyDay: { outcome: "working", afterDue: 5, note: "Hanna jobbar extra som vårdbiträde via ett bemanningsföretag, ungefär 20 timmar i veckan." },
  },
  {
    index: 31, // Daniel Forsberg
    coordinator: 2,
    income: "activity_compensation",
    education: "post_secondary",
    situation: "Har aktivitetsersättning. Har en ADHD-diagnos och har haft svårt att behålla jobb. Är händig och tycker om att arbeta med kroppen.",
    goals: "Att få ett jobb med lönebidrag inom fastighetsskötsel.",
    plan: {
      goal: { kind: "work", text: "En anställning inom fastighetsskötsel, med lönebidrag i början." },
      subGoals: ["Ha fasta tider varje dag.", "Få en praktik som kan leda till jobb.", "Ta körkort."],
      obstacles: [
        ["Jag glömmer tider och tappar bort papper.", "Jag använder påminnelser i telefonen och vi går igenom veckan varje måndag."],
        ["Jag har svårt med långa genomgångar.", "Jag får instruktioner i små steg och får visa hur jag gör."],
      ],
      actions: [
        { id: "daniel-1", what: "Gå igenom veckans tider med koordinatorn varje måndag.", who: "coordinator", agreed: true },
        { id: "daniel-2", what: "Utreda möjligheten till lönebidrag.", who: "authority", authority: "af", by: 60, agreed: true },
        { id: "daniel-3", what: "Plugga teori till körkortet två gånger i veckan.", by: 120 },
      ],
    },
    laterAction: { id: "daniel-4", what: "Provanställning på fastighetsservice, med handledare.", by: 200, agreed: true },
    firstNote: "Första mötet med kuratorn. Daniel är positiv och vill komma igång. Han tackade ja till terapeuten för att prata om planering och stress.",
    startScores: [6, 4, 5, 4, 6, 3, 6, 7, 5],
    followUpNotes: [
      "Daniel kommer i tid nästan alltid. Arbetsförmedlingen har börjat utreda lönebidrag.",
      "Daniel har fått en provanställning med lönebidrag på fastighetsservice. Handledaren är nöjd.",
    ],
    work: { employer: "Kalmar kommun, fastighetsservice", kind: "subsidised", hours: 30, startsBefore: 70, note: "Fastighetsskötare med lönebidrag. Handledare på plats, koordinatorn följer upp varannan vecka." },
    exit: {
      daysAgo: 96,
      reason: "according_to_plan",
      occupation: "subsidised_employment",
      income: "salary",
      note: "Daniel har en anställning med lönebidrag. Han vill ha lite kontakt med KRUS den första tiden.",
      meeting: { others: "Handledaren på fastighetsservice" },
      finalPlan:
        "Daniel arbetar 30 timmar i veckan på fastighetsservice med lönebidrag. Han fortsätter med påminnelser i telefonen och går igenom veckan med handledaren på måndagar. Arbetsförmedlingen följer upp lönebidraget efter sex månader. KRUS håller kontakt en gång i månaden under en övergångstid.",
      exitScores: { economy: 3, activity: 5, daily_routines: 4, motivation: 2, own_resources: 3 },
    },
    passive: "Daniel vill ha kontakt en gång i månaden under första tiden på jobbet, på telefon efter arbetstid.",
    ninetyDay: { outcome: "working", afterDue: 2, note: "Daniel arbetar kvar med lönebidrag och trivs. Handledaren säger att det går bra." },
  },
  {
    index: 32, // Aisha Warsame
    coordinator: 0,
    income: "income_support",
    education: "primary_incomplete",
    situation: "Kom till Sverige för fyra år sedan. Har försörjningsstöd och läser SFI på deltid. Har ont i ryggen.",
    goals: "Att lära sig mer svenska och hitta ett arbete inom barnomsorg.",
    plan: {
      goal: { kind: "studies", text: "Klara SFI och sedan läsa till barnskötare." },
      subGoals: ["Gå på SFI varje vecka.", "Få hjälp med ryggen."],
      obstacles: [["Jag har ont i ryggen och kan inte sitta länge.", "Vi bokar tid på vårdcentralen och jag får röra mig under gruppen."]],
      actions: [
        { id: "aisha-1", what: "Boka tid på vårdcentralen för ryggen.", who: "coordinator", by: 14, agreed: true },
        { id: "aisha-2", what: "Fortsätta på SFI två kvällar i veckan.", by: 60, agreed: true },
      ],
    },
    laterAction: { id: "aisha-3", what: "Studiebesök på en förskola.", who: "coordinator", by: 110 },
    firstNote: "Första mötet med tolk på somaliska. Aisha vill gärna vara med men är orolig för ryggen.",
    startScores: [5, 3, 6, 4, 3, 5, 5, 7, 4],
    followUpNotes: ["Aisha har varit på vårdcentralen och fått övningar för ryggen. Hon kommer till gruppen men inte alltid till friskvården.", "Aisha har inte kommit de senaste veckorna. Vi har sökt henne."],
    exit: {
      daysAgo: 185,
      reason: "no_contact",
      occupation: "other",
      income: "income_support",
      note: "Vi har inte fått kontakt med Aisha på sex veckor trots sms, samtal och brev.",
      journal: "Har sökt Aisha på telefon, sms och brev under sex veckor utan svar. Socialsekreteraren har inte heller nått henne. Vi avslutar och skriver till henne att hon är välkommen att höra av sig.",
    },
    ninetyDay: { outcome: "not_reached", afterDue: 5, note: "Har ringt och skickat sms två gånger. Inget svar." },
  },
  {
    index: 33, // Emil Wallin (protected identity)
    coordinator: 0,
    income: "activity_compensation",
    education: "upper_secondary_incomplete",
    situation: "Har aktivitetsersättning. Har skyddade personuppgifter och behöver att ingen i gruppen får veta var han bor.",
    goals: "Att läsa klart gymnasiet och bli elektriker.",
    plan: {
      goal: { kind: "studies", text: "Läsa klart gymnasiet och sedan elprogrammet på yrkesvux." },
      subGoals: ["Komma till gruppen utan att oroa mig för att någon följer efter.", "Klara matte 1 och svenska 1."],
      obstacles: [["Jag vågar inte alltid gå samma väg hem.", "Vi går igenom säkerheten med koordinatorn och jag kan komma och gå andra tider än gruppen."]],
      actions: [
        { id: "emil-1", what: "Gå igenom säkerheten på KRUS och i gruppen.", who: "coordinator", by: 7, agreed: true },
        { id: "emil-2", what: "Söka matte 1 och svenska 1 på Komvux.", by: 60, agreed: true },
        { id: "emil-3", what: "Studiebesök på yrkesvux elprogram.", by: 100 },
      ],
    },
    laterAction: { id: "emil-4", what: "Söka elprogrammet på yrkesvux.", by: 120, agreed: true },
    firstNote: "Första mötet, på KRUS och inte hemma. Vi kom överens om hur vi skriver om Emil och att han inte finns med på gruppens listor med efternamn.",
    startScores: [5, 4, 4, 3, 5, 4, 5, 8, 5],
    followUpNotes: [
      "Emil trivs i gruppen och har sökt två kurser. Handläggaren stödjer planen.",
      "Emil har klarat matte 1 och har sökt elprogrammet.",
    ],
    exit: {
      daysAgo: 160,
      reason: "according_to_plan",
      occupation: "studies",
      income: "other",
      note: "Emil har kommit in på elprogrammet på yrkesvux och läser med studiemedel.",
      meeting: {},
      finalPlan:
        "Emil läser elprogrammet på yrkesvux från hösten. Han har en plan för säkerheten i skolan som han har gått igenom med skolans kurator. Han har kontakt med Försäkringskassan om att aktivitetsersättningen upphör när studiemedlet börjar.",
      exitScores: { activity: 4, motivation: 1, own_resources: 3, daily_routines: 3, family_network: 2 },
    },
    ninetyDay: { outcome: "studying", afterDue: 4, note: "Emil läser på elprogrammet och tycker att det går bra." },
  },
  {
    index: 34, // Moa Engström
    coordinator: 1,
    income: "activity_compensation",
    education: "upper_secondary",
    situation: "Har aktivitetsersättning. Har ätstörningar och går i behandling. Vill pröva något utanför hemmet.",
    goals: "Att hitta en sysselsättning som känns meningsfull.",
    plan: {
      goal: { kind: "other", text: "En vardag med något meningsfullt att göra på dagarna." },
      subGoals: ["Komma till gruppen två gånger i veckan."],
      obstacles: [["Jag vill inte att alla myndigheter vet allt om mig.", "Vi pratar om vad som delas och varför, och jag får läsa det som skrivs."]],
      actions: [{ id: "moa-1", what: "Delta i gruppen två förmiddagar i veckan.", by: 30, agreed: true }],
    },
    laterAction: { id: "moa-2", what: "Prova friskvården.", by: 90 },
    firstNote: "Första mötet. Moa undrade mycket över vad som skrivs och vem som läser. Vi gick igenom samtycket tillsammans.",
    startScores: [7, 4, 4, 3, 3, 5, 5, 5, 4],
    followUpNotes: ["Moa har varit med i gruppen några gånger. Hon är fortfarande orolig över vad myndigheterna får veta.", ""],
    exit: {
      daysAgo: 150,
      reason: "consent_withdrawn",
      occupation: "other",
      income: "activity_compensation",
      note: "Moa har återkallat sitt samtycke och vill inte längre delta.",
    },
    consentWithdrawn: "Moa ringde och sa att hon inte vill att myndigheterna delar uppgifter om henne längre, och att hon slutar i KRUS.",
    ninetyDay: { outcome: "not_reached", afterDue: 2, note: "Vi har inte sökt Moa: hon har återkallat sitt samtycke och bett att inte bli kontaktad." },
  },
  {
    index: 35, // Filip Lindholm
    coordinator: 2,
    income: "activity_support",
    education: "upper_secondary_incomplete",
    situation: "Har aktivitetsstöd. Har inget personnummer ännu. Vill läsa vidare men vet inte var han ska börja.",
    goals: "Att börja på folkhögskola.",
    plan: {
      goal: { kind: "studies", text: "Börja på folkhögskolans allmänna kurs." },
      subGoals: ["Få hjälp att söka till folkhögskolan.", "Ha en fungerande ekonomi under studierna."],
      obstacles: [["Jag förstår inte alla blanketter.", "Koordinatorn hjälper mig med ansökningar och CSN."]],
      actions: [
        { id: "filip-1", what: "Besöka Kalmar läns folkhögskola.", who: "coordinator", by: 30, agreed: true },
        { id: "filip-2", what: "Skicka ansökan till folkhögskolan.", by: 60, agreed: true },
        { id: "filip-3", what: "Söka studiemedel.", by: 90 },
      ],
    },
    laterAction: { id: "filip-4", what: "Prata med Arbetsförmedlingen om att aktivitetsstödet upphör.", who: "authority", authority: "af", by: 110, agreed: true },
    firstNote: "Första mötet med kuratorn. Filip har redan tittat på folkhögskolor och vill gärna börja till våren.",
    startScores: [6, 4, 6, 4, 6, 6, 6, 8, 5],
    followUpNotes: ["Filip har besökt folkhögskolan och skickat in sin ansökan.", "Filip har kommit in på folkhögskolan och börjar om tre veckor."],
    exit: {
      daysAgo: 72,
      reason: "other",
      occupation: "studies",
      income: "other",
      note: "Filip har kommit in på folkhögskolan och slutar i KRUS tidigare än planerat.",
      meeting: {},
      exitScores: { activity: 3, motivation: 1, economy: 1 },
    },
  },
  {
    index: 36, // Ida Danielsson
    coordinator: 1,
    income: "sickness_benefit",
    education: "upper_secondary",
    situation: "Har sjukpenning efter en lång period av ångest. Vill tillbaka till studier.",
    goals: "Att orka börja studera igen.",
    plan: {
      goal: { kind: "studies", text: "Läsa en kurs på distans och sedan söka till högskolan." },
      subGoals: ["Klara att vara med i gruppen varje vecka.", "Sova bättre."],
      obstacles: [["Ångesten gör att jag inte kommer iväg.", "Jag får komma senare på morgonen och gå tidigare om det behövs."]],
      actions: [
        { id: "ida-1", what: "Samtal med terapeuten varannan vecka.", by: 60, agreed: true },
        { id: "ida-2", what: "Prova en distanskurs på halvfart.", by: 90 },
      ],
    },
    laterAction: { id: "ida-3", what: "Läkarbesök om sömnen.", who: "authority", authority: "region", by: 90 },
    firstNote: "Första mötet med Försäkringskassans handläggare. Ida var orolig men ville börja. Vi börjar försiktigt med två förmiddagar.",
    startScores: [7, 5, 6, 3, 3, 4, 5, 6, 4],
    followUpNotes: ["Ida har kommit ungefär varannan gång. Hon sover dåligt och ångesten har ökat.", ""],
    exit: {
      daysAgo: 120,
      reason: "health",
      occupation: "sick_leave",
      income: "sickness_benefit",
      note: "Ida behöver vård för sin ångest innan hon kan fortsätta. Hon är välkommen tillbaka.",
      meeting: {},
      exitScores: {},
    },
  },
];

// ---------------------------------------------------------------------------------------------------------
// Today's participants

const OSCAR_PLAN: PlanStory = {
  goal: { kind: "work", text: "Ett jobb inom lager eller logistik, först på deltid." },
  subGoals: ["Komma till gruppen tre förmiddagar i veckan.", "Ta truckkort.", "Göra en praktik på ett lager."],
  obstacles: [
    ["Jag har svårt att komma iväg på morgonen.", "Jag ställer två väckarklockor och får ett sms från koordinatorn om jag inte har kommit klockan nio."],
    ["Jag blir orolig i nya grupper.", "Jag får börja med att bara lyssna, och sitter bredvid någon jag känner."],
  ],
  actions: [
    { id: "oscar-1", what: "Delta i gruppen måndag, tisdag och onsdag.", by: 21 },
    { id: "oscar-2", what: "Ta reda på när nästa truckutbildning börjar.", who: "authority", authority: "af", by: 28 },
    { id: "oscar-3", what: "Skriva ett CV tillsammans med koordinatorn.", who: "coordinator", by: 35 },
  ],
};

const AMIRA_PLAN: PlanStory = {
  goal: { kind: "work_rehabilitation", text: "En praktikplats några timmar om dagen, där jag kan använda min arabiska." },
  subGoals: ["Ta mig ut varje dag.", "Förstå hur sjukpenningen fungerar när jag börjar praktisera."],
  obstacles: [["Jag mår sämre på morgonen.", "Jag börjar med friskvården på eftermiddagen och kommer till gruppen två dagar i veckan."]],
  actions: [
    { id: "amira-1", what: "Gå på promenad med friskvården två gånger i veckan.", by: 14 },
    { id: "amira-2", what: "Möte med Försäkringskassan om sjukpenning och praktik.", who: "authority", authority: "fk", by: 45 },
  ],
};

const MOHAMED_PLAN: PlanStory = {
  goal: { kind: "work", text: "Ett jobb på ett lager, heltid om ett år." },
  subGoals: ["Klara en praktik på 20 timmar i veckan.", "Förbättra min svenska för jobbet."],
  obstacles: [["Jag har ont i knät ibland.", "Jag berättar det för handledaren och får variera arbetet."]],
  actions: [
    { id: "mohamed-1", what: "Börja praktik på lagret 20 timmar i veckan.", by: 30, agreed: true },
    { id: "mohamed-2", what: "Läsa yrkessvenska en kväll i veckan.", by: 60, agreed: true },
  ],
};

const ELLA_PLAN: PlanStory = {
  goal: { kind: "studies", text: "Läsa på Komvux och sedan utbilda mig till undersköterska." },
  subGoals: ["Komma till gruppen tre förmiddagar i veckan.", "Veta vilka kurser jag behöver för undersköterskeutbildningen."],
  obstacles: [["Jag är rädd att jag inte klarar studier.", "Jag börjar med en kurs i taget och får stöd av studievägledaren."]],
  actions: [
    { id: "ella-1", what: "Träffa studievägledaren på Komvux.", who: "coordinator", by: 28, agreed: true },
    { id: "ella-2", what: "Delta i gruppen tre förmiddagar i veckan.", by: 30, agreed: true },
    { id: "ella-3", what: "Prova gymmet med friskvården.", by: 40 },
  ],
};

const ALVA_PLAN: PlanStory = {
  goal: { kind: "studies", text: "Läsa klart gymnasiet på Komvux." },
  subGoals: ["Känna mig trygg på vägen till och från KRUS."],
  obstacles: [["Jag vill inte att någon ser var jag bor.", "Vi träffas bara på KRUS och jag kan komma och gå andra tider än gruppen."]],
  actions: [{ id: "alva-1", what: "Gå igenom säkerheten på KRUS.", who: "coordinator", by: 7, agreed: true }],
};

const LIAM_PLAN: PlanStory = {
  goal: { kind: "work", text: "En praktik inom lager eller logistik." },
  subGoals: ["Komma i tid till gruppen.", "Ta reda på vilka lager som tar emot praktikanter."],
  obstacles: [["Jag har inget busskort.", "KRUS hjälper till med reskassa tills Arbetsförmedlingen beviljat ett busskort."]],
  actions: [
    { id: "liam-1", what: "Ansöka om busskort.", who: "authority", authority: "af", by: 14, agreed: true },
    { id: "liam-2", what: "Studiebesök på ett lager med gruppen.", who: "coordinator", by: 40, agreed: true },
  ],
};

// ---------------------------------------------------------------------------------------------------------

export function journeyStory(deps: Deps, programId: string, personIds: readonly string[], users: JourneyUsers, authorities: StoryAuthorities): JourneyTimeline {
  const today = isoToday(deps.now());
  const meetings = earlierMeetingDates(today);
  const { past } = teamMeetingDates(today);
  const lead = users.coordinators[0];
  const authorityOrder = [authorities.fk, authorities.af, authorities.soc, authorities.region];

  // The timeline: steps sorted by time (then in the order they were added), played as the clock passes them.
  const steps: { at: number; order: number; run: () => Promise<void> }[] = [];
  let sorted = true;
  const step = (date: string, hour: number, minute: number, run: () => Promise<void>) => {
    steps.push({ at: at(date, hour, minute).getTime(), order: steps.length, run });
    sorted = false;
  };
  const until = async (clock: Date) => {
    if (!sorted) {
      steps.sort((a, b) => a.at - b.at || a.order - b.order);
      sorted = true;
    }
    while (steps.length > 0 && steps[0]!.at <= clock.getTime()) await steps.shift()!.run();
  };

  const actors = new Map<string, NonNullable<Awaited<ReturnType<typeof loadActor>>>>();
  const ctx = async (userId: string, date: string, hour: number, minute = 0): Promise<ServiceContext> => {
    let actor = actors.get(userId);
    if (!actor) {
      const loaded = await loadActor(deps.db, userId);
      if (!loaded) throw new Error("demo user without roles");
      actors.set(userId, (actor = loaded));
    }
    const clock = at(date, hour, minute);
    return { ...deps, now: () => clock, actor, meta: { ip: null, userAgent: "demo data" } };
  };
  const enrolmentOf = async (index: number) =>
    (await deps.db.selectFrom("enrolments").select("id").where("person_id", "=", personIds[index]!).orderBy("start_date", "desc").executeTakeFirstOrThrow()).id;
  const instrumentOn = (date: string, hour: number) => currentInstrument(deps.db, programId, at(date, hour));

  /** One person's journey: the enrolment, the plan's version and what was booked, as the steps go. */
  interface Journey {
    enrolmentId: string;
    version: number;
    followUp: string | null;
    notes: string[];
  }
  const journeys = new Map<number, Journey>();
  const journey = (index: number) => journeys.get(index)!;

  const reading = (index: number, userId: string, date: string, hour: number, input: { ratedBy: "participant" | "coordinator"; occasion: "start" | "during" | "exit"; values: number[]; note?: string }) =>
    step(date, hour, 0, async () => {
      const instrument = await instrumentOn(date, hour);
      await recordReading(await ctx(userId, date, hour), journey(index).enrolmentId, {
        instrumentId: instrument.id,
        ratedBy: input.ratedBy,
        occasion: input.occasion,
        readingDate: date,
        scores: scores(
          instrument.areas.map((a) => a.key),
          input.values,
        ),
        note: input.note ?? "",
      });
    });
  const save = (index: number, userId: string, date: string, hour: number, content: () => ReturnType<typeof planContent>) =>
    step(date, hour, 0, async () => {
      const j = journey(index);
      j.version = (await savePlan(await ctx(userId, date, hour), j.enrolmentId, { baseVersion: j.version, ...content() })).version;
    });
  const agree = (index: number, userId: string, date: string, hour: number, actionIds: string[]) =>
    step(date, hour, 20, async () => {
      const j = journey(index);
      j.version = (await agreeActions(await ctx(userId, date, hour, 20), j.enrolmentId, { baseVersion: j.version, actionIds })).version;
    });
  const accept = (index: number, userId: string, date: string, hour: number, method: AcceptanceMethod, note = "") =>
    step(date, hour, 40, async () => {
      const j = journey(index);
      await recordAcceptance(await ctx(userId, date, hour, 40), j.enrolmentId, { version: j.version, acceptedOn: date, method, note });
    });
  const note = (index: number, userId: string, date: string, hour: number, input: { kind: "individual" | "group" | "authority_contact" | "other"; shared?: boolean; body: string }) =>
    step(date, hour, 30, async () => {
      const j = journey(index);
      const { id } = await writeNote(await ctx(userId, date, hour, 30), j.enrolmentId, { noteDate: date, kind: input.kind, visibility: input.shared ? "shared" : "staff", body: input.body });
      j.notes.push(id);
    });
  const book = (index: number, userId: string, date: string, planned: string, attendees: string[], place = "KRUS, Södra Långgatan 22") =>
    step(date, 15, 0, async () => {
      const j = journey(index);
      j.followUp = (await scheduleFollowUp(await ctx(userId, date, 15), j.enrolmentId, { plannedDate: planned, plannedTime: "10:00", place, attendees })).id;
    });
  const hold = (index: number, userId: string, date: string, attendees: string[], notes: string) =>
    step(date, 11, 30, async () => {
      const j = journey(index);
      await holdFollowUp(await ctx(userId, date, 11, 30), j.enrolmentId, j.followUp!, { heldOn: date, attendees, notes });
      j.followUp = null;
    });
  const contact = (index: number, userId: string, date: string, input: Record<string, string>) =>
    step(date, 14, 10, async () => {
      await addContact(await ctx(userId, date, 14, 10), journey(index).enrolmentId, input);
    });

  // ---- The earlier cohort: intake at their own team meetings ---------------------------------------------

  const requestOf = new Map<string, number>();
  for (const [cohort, indices] of COHORTS.entries()) {
    const meeting = meetings[cohort]!;
    let meetingId = "";
    // The coordinator books the meeting; the officers write the requests with the people in the weeks before.
    step(addDays(meeting, -24), 9, 0, async () => {
      meetingId = (await createMeeting(await ctx(lead, addDays(meeting, -24), 9), programId, { date: meeting, startTime: "13:00", endTime: "15:00", location: "Stadshuset, rum Kalmarsund" })).id;
    });
    for (const [n, index] of indices.entries()) {
      const s = EARLIER.find((e) => e.index === index)!;
      const date = addDays(meeting, -20 + 2 * n);
      const officerNo = index % 4;
      step(date, 10, 0, async () => {
        const officer = await ctx(users.officers[officerNo]!, date, 10);
        const personId = personIds[index]!;
        const { id } = await createRequest(officer, { programId, personId });
        await updateDraft(officer, id, {
          incomeSource: s.income,
          activeAt: [
            { authorityId: authorityOrder[officerNo]!, active: "on", contactName: "Handläggaren som skriver förfrågan", contactDetails: "Via myndighetens växel" },
            { authorityId: authorityOrder[(officerNo + 2) % 4]!, active: "on", contactName: "", contactDetails: "" },
          ],
          situation: s.situation,
          triedBefore: "Stödsamtal och kortare insatser hos den egna myndigheten, utan att det har lett vidare.",
          whyNotEnough: "Personen behöver stöd från flera myndigheter samtidigt och ett sammanhang med andra.",
          goals: s.goals,
          motivation: "Vill själv komma vidare och har varit på studiebesök på KRUS.",
          health: "Beskriver oro och trötthet. Mår bättre med fasta tider.",
          obstacles: "Oro inför att träffa nya människor.",
          needsInterpreter: index === 32 ? "on" : undefined,
          interpreterLanguage: index === 32 ? "somaliska" : "",
        });
        await recordConsent(officer, personId, {
          authorityIds: [authorities.fk, authorities.af, authorities.soc, authorities.region],
          purpose: "Bedömning av och deltagande i KRUS, och samverkan mellan myndigheterna under tiden i programmet.",
          givenOn: date,
          validUntil: addDays(date, 730),
          method: "recorded",
          requestId: id,
        });
        await submitRequest(officer, id);
        requestOf.set(id, index);
      });
    }
    // The team meets and accepts them all: there are places in the group.
    step(meeting, 13, 0, async () => {
      const coordinator = await ctx(lead, meeting, 13);
      await recordAttendance(coordinator, meetingId, { present: [...users.officers] });
      for (const item of (await getMeeting(coordinator, meetingId)).agenda) {
        if (item.requestId && requestOf.has(item.requestId)) {
          await assessRequest(coordinator, item.id, { ownOptionsTried: "yes", ableWithSupport: "yes", wantsToTakePart: "yes", outcome: "accept" });
        }
      }
    });
    step(meeting, 16, 0, async () => {
      await setMeetingStatus(await ctx(lead, meeting, 16), meetingId, "held");
    });
    for (const index of indices) earlierJourney(EARLIER.find((e) => e.index === index)!, meeting);
  }

  function earlierJourney(s: EarlierStory, meeting: string) {
    const index = s.index;
    const coordinatorId = users.coordinators[s.coordinator];
    const start = addDays(meeting, 8);
    const exitDate = addDays(today, -s.exit.daysAgo);
    const before = (date: string) => date < exitDate;
    const stays = (days: number) => before(addDays(start, days));

    // Enrolment a few days after the decision.
    step(addDays(meeting, 5), 10, 30, async () => {
      const date = addDays(meeting, 5);
      const placement = await deps.db.selectFrom("placements").select(["id", "place"]).where("person_id", "=", personIds[index]!).where("ended_at", "is", null).executeTakeFirstOrThrow();
      const { id } = await enrol(await ctx(lead, date, 10, 30), placement.id, {
        coordinatorId,
        startDate: start,
        incomeSource: s.income,
        educationLevel: s.education,
        // Most of the cohort started on sick leave or looking for work.
        occupationAtStart: (["sick_leave", "job_seeking", "sick_leave", "other"] as const)[index % 4],
        firstMeetingDate: start,
        firstMeetingTime: "10:00",
        firstMeetingPlace: "KRUS, Södra Långgatan 22",
        therapistOffered: "on",
        therapistAccepted: index % 2 === 0 ? "yes" : "no",
      });
      journeys.set(index, { enrolmentId: id, version: 0, followUp: null, notes: [] });
    });

    // The first weeks: the first meeting, the readings at the start, the first plan.
    note(index, coordinatorId, start, 11, { kind: "individual", body: s.firstNote });
    reading(index, coordinatorId, addDays(start, 2), 10, { ratedBy: "participant", occasion: "start", values: s.startScores });
    if (s.coordinatorStart) reading(index, coordinatorId, addDays(start, 2), 11, { ratedBy: "coordinator", occasion: "start", values: s.coordinatorStart.values, note: s.coordinatorStart.note });
    const planStart = addDays(start, 9);
    save(index, coordinatorId, planStart, 10, () => planContent({ ...s.plan, actions: s.plan.actions.map((a) => ({ ...a, agreed: false })) }, start, authorities));
    agree(index, coordinatorId, planStart, 10, s.plan.actions.filter((a) => a.agreed).map((a) => a.id));
    accept(index, coordinatorId, planStart, 10, "in_meeting", "Vi gick igenom planen tillsammans och den godkändes på mötet.");

    // Follow-up meetings with the referring officer: about six weeks in, and again after three months.
    const attendees = ["participant", "coordinator", "referrer"];
    book(index, coordinatorId, addDays(start, 12), addDays(start, 40), attendees);
    hold(index, coordinatorId, addDays(start, 40), attendees, s.followUpNotes[0]);
    if (stays(120) && s.followUpNotes[1]) {
      book(index, coordinatorId, addDays(start, 45), addDays(start, 96), attendees);
      hold(index, coordinatorId, addDays(start, 96), attendees, s.followUpNotes[1]);
    }
    // Three months on: a reading, and the plan brought up to date (and accepted again).
    let latest = s.startScores;
    if (stays(105)) {
      latest = improved(latest, { activity: 1, daily_routines: 1, motivation: 1 });
      reading(index, coordinatorId, addDays(start, 91), 10, { ratedBy: "participant", occasion: "during", values: latest });
    }
    if (stays(110)) {
      const later = laterPlan(s.plan, s.laterAction);
      save(index, coordinatorId, addDays(start, 95), 13, () => planContent(later, start, authorities));
      accept(index, coordinatorId, addDays(start, 97), 10, "signed");
    }

    // Work: a placement or a job, recorded when it began (an internship with its end date given).
    if (s.work) {
      const w = s.work;
      const begins = addDays(exitDate, -w.startsBefore);
      step(begins, 16, 0, async () => {
        await addWork(await ctx(coordinatorId, begins, 16), journey(index).enrolmentId, {
          employer: w.employer,
          kind: w.kind,
          startDate: begins,
          ...(w.endsBefore !== undefined ? { endDate: addDays(exitDate, -w.endsBefore) } : {}),
          hoursPerWeek: String(w.hours),
          note: w.note,
        });
      });
    }

    // The exit: the plan for the future and its acceptance, the reading at exit, the exit meeting.
    const exit = s.exit;
    if (exit.finalPlan) {
      const finalPlan = exit.finalPlan;
      step(addDays(exitDate, -14), 14, 0, async () => {
        const j = journey(index);
        j.version = (await startFinalPlan(await ctx(coordinatorId, addDays(exitDate, -14), 14), j.enrolmentId, { baseVersion: j.version, recommendations: finalPlan })).version;
      });
      accept(index, coordinatorId, addDays(exitDate, -10), 10, "signed", "Slutplanen underskriven på avslutsmötets förberedande samtal.");
    }
    if (exit.exitScores) reading(index, coordinatorId, addDays(exitDate, -2), 10, { ratedBy: "participant", occasion: "exit", values: improved(latest, exit.exitScores) });
    if (exit.journal) note(index, coordinatorId, exitDate, 9, { kind: "authority_contact", shared: true, body: exit.journal });
    step(exitDate, 15, 0, async () => {
      await recordExit(await ctx(coordinatorId, exitDate, 15), journey(index).enrolmentId, {
        exitDate,
        reason: exit.reason,
        occupation: exit.occupation,
        incomeSource: exit.income,
        ...(exit.meeting ? { meetingDate: exitDate, meetingAttendees: attendees, otherAttendees: exit.meeting.others ?? "" } : {}),
        note: exit.note,
      });
    });
    if (s.consentWithdrawn) {
      const withdrawal = s.consentWithdrawn;
      step(exitDate, 15, 30, async () => {
        await withdrawConsent(await ctx(coordinatorId, exitDate, 15, 30), personIds[index]!, { note: withdrawal });
      });
    }
    if (s.passive) {
      const passive = s.passive;
      step(exitDate, 16, 0, async () => {
        await startPassivePhase(await ctx(coordinatorId, exitDate, 16), journey(index).enrolmentId, { startedOn: exitDate, note: passive });
      });
    }
    if (s.ninetyDay) {
      const answer = s.ninetyDay;
      const answeredOn = addDays(exitDate, 90 + answer.afterDue);
      step(answeredOn, 13, 0, async () => {
        await answerNinetyDay(await ctx(coordinatorId, answeredOn, 13), journey(index).enrolmentId, { outcome: answer.outcome, answeredOn, note: answer.note });
      });
    }
  }

  // ---- Today's participants: their first weeks ---------------------------------------------------------

  // Enrolled a few days after the first and second meetings (intake-story.ts), starting three days later.
  const firstGroup = addDays(past[0], 8);
  const secondGroup = addDays(past[1], 9);
  const sara = users.coordinators[0];
  const johan = users.coordinators[1];
  const leila = users.coordinators[2];
  const started = (index: number, date: string) =>
    step(date, 9, 0, async () => {
      journeys.set(index, { enrolmentId: await enrolmentOf(index), version: 0, followUp: null, notes: [] });
    });
  const d = (start: string, days: number) => addDays(start, days);

  // Oscar Lindgren (Johan Ek): a plan in three versions, agreed and accepted; readings that differ; the network; follow-ups.
  {
    const s = firstGroup;
    started(1, s);
    note(1, johan, s, 11, {
      kind: "individual",
      body: "Första mötet tillsammans med Fatima Ali från Arbetsförmedlingen. Oscar vill helst jobba på lager. Han har svårt med morgnarna men vill försöka komma tre dagar i veckan.",
    });
    reading(1, johan, d(s, 2), 10, { ratedBy: "participant", occasion: "start", values: [7, 4, 6, 3, 5, 3, 4, 7, 5] });
    reading(1, johan, d(s, 2), 11, {
      ratedBy: "coordinator",
      occasion: "start",
      values: [7, 4, 6, 3, 5, 6, 4, 7, 5],
      note: "Oscar skattar sina rutiner lägre än jag. Han säger att han bara kommer i tid för att mamma väcker honom, och att han inte vet om han klarar det själv.",
    });
    contact(1, johan, d(s, 2), { kind: "authority", authorityId: authorities.af, name: "Fatima Ali", organisation: "Arbetsförmedlingen Kalmar", role: "Handläggare", phone: "010-486 00 00" });
    contact(1, johan, d(s, 3), { kind: "family", name: "Anneli Lindgren", role: "Mamma", phone: "070-555 12 34", note: "Oscar vill att mamma får veta om han inte kommer." });
    save(1, johan, d(s, 6), 10, () => planContent(OSCAR_PLAN, s, authorities));
    agree(1, johan, d(s, 6), 10, ["oscar-1", "oscar-3"]);
    accept(1, johan, d(s, 6), 10, "in_meeting", "Oscar läste planen själv och sa ja till den.");
    book(1, johan, d(s, 8), d(s, 24), ["participant", "coordinator", "referrer"]);
    note(1, johan, d(s, 13), 14, {
      kind: "authority_contact",
      shared: true,
      body: "Pratade med Fatima Ali på Arbetsförmedlingen. Nästa truckutbildning börjar om sex veckor och Oscar kan få en plats om han fortsätter komma till gruppen.",
    });
    note(1, johan, d(s, 17), 13, { kind: "group", body: "Oscar var med på studiebesöket på ett lager och ställde två frågor till arbetsledaren. Han sa efteråt att det var första gången han vågat fråga något i en grupp." });
    step(d(s, 18), 9, 0, async () => {
      // The note about the study visit named the wrong workplace visit: corrected, the first kept as it was.
      const j = journey(1);
      const correction = await correctNote(await ctx(johan, d(s, 18), 9), j.enrolmentId, j.notes.at(-1)!, {
        noteDate: d(s, 17),
        kind: "group",
        visibility: "staff",
        body: "Oscar var med på studiebesöket på ett lager och ställde två frågor till arbetsledaren. Han sa efteråt att det var första gången han vågat fråga något i en grupp. (Rättat: studiebesöket var på terminalen i Kalmar hamn, inte på lagret vid E22.)",
      });
      j.notes.push(correction.id);
    });
    hold(1, johan, d(s, 24), ["participant", "coordinator", "referrer"], "Oscar har varit med i gruppen nästan varje dag. Han har gjort sitt CV. Arbetsförmedlingen bokar en plats på truckutbildningen. Vi kom överens om att han ska leta praktik på ett lager.");
    save(1, johan, d(s, 27), 10, () =>
      planContent(
        {
          ...OSCAR_PLAN,
          actions: [
            { ...OSCAR_PLAN.actions[0]!, status: "in_progress", agreed: true },
            { ...OSCAR_PLAN.actions[1]!, status: "done", agreed: true },
            { ...OSCAR_PLAN.actions[2]!, status: "done", agreed: true },
            { id: "oscar-4", what: "Gå truckutbildningen.", by: 70, agreed: true },
            { id: "oscar-5", what: "Söka praktik på två lager i Kalmar.", by: 60 },
          ],
        },
        s,
        authorities,
      ),
    );
    accept(1, johan, d(s, 29), 10, "signed");
    reading(1, johan, d(s, 45), 10, { ratedBy: "participant", occasion: "during", values: [7, 4, 6, 5, 5, 5, 5, 8, 6], note: "Extra skattning inför truckutbildningen." });
    book(1, johan, d(s, 46), addDays(today, 9), ["participant", "coordinator", "referrer"]);
  }

  // Amira Hassan (Leila Haddad): a plan changed after her first weeks, not yet accepted; readings with an interpreter.
  {
    const s = firstGroup;
    started(2, s);
    note(2, leila, s, 11, { kind: "individual", body: "Första mötet med tolk på arabiska och Peter Svensson från socialtjänsten. Amira berättade att morgnarna är svårast. Hon vill gärna börja med friskvården." });
    reading(2, leila, d(s, 3), 13, { ratedBy: "participant", occasion: "start", values: [6, 3, 7, 2, 3, 3, 5, 6, 4], note: "Skattningen gjordes med tolk." });
    reading(2, leila, d(s, 3), 14, { ratedBy: "coordinator", occasion: "start", values: [6, 3, 7, 3, 3, 4, 5, 6, 4] });
    contact(2, leila, d(s, 3), { kind: "health", name: "Sofie Ek", organisation: "Hälsocentralen Norrliden", role: "Sjuksköterska", phone: "0480-840 00" });
    save(2, leila, d(s, 12), 13, () => planContent(AMIRA_PLAN, s, authorities));
    accept(2, leila, d(s, 12), 13, "in_meeting", "Planen lästes upp på arabiska av tolken.");
    book(2, leila, d(s, 14), d(s, 30), ["participant", "coordinator", "referrer"]);
    hold(2, leila, d(s, 30), ["participant", "coordinator", "referrer"], "Amira går på friskvården två gånger i veckan. Hon vill prova gruppen på förmiddagen. Försäkringskassan behöver ett nytt läkarintyg innan praktik kan bli aktuellt.");
    save(2, leila, d(s, 40), 14, () =>
      planContent(
        {
          ...AMIRA_PLAN,
          subGoals: [...AMIRA_PLAN.subGoals, "Vara med i gruppen två förmiddagar i veckan."],
          actions: [
            { ...AMIRA_PLAN.actions[0]!, status: "done" },
            AMIRA_PLAN.actions[1]!,
            { id: "amira-3", what: "Boka läkartid för ett nytt intyg.", who: "coordinator", by: 50 },
          ],
        },
        s,
        authorities,
      ),
    );
    note(2, users.therapist, d(s, 9), 15, {
      kind: "individual",
      body: "Samtal med Amira och tolk. Hon sover dåligt och oroar sig för sin familj. Vi kom överens om tre samtal till. Jag har pratat med Leila om att planen behöver börja försiktigt, med eftermiddagar.",
    });
    note(2, leila, d(s, 40), 15, { kind: "individual", shared: true, body: "Vi har skrivit om planen. Amira vill läsa den hemma med sin bror innan hon säger ja till den." });
  }

  // Mohamed Abdi (Leila Haddad): an internship at a warehouse.
  {
    const s = firstGroup;
    started(5, s);
    note(5, leila, s, 14, { kind: "individual", body: "Första mötet med Fatima Ali från Arbetsförmedlingen. Mohamed har jobbat på lager i Somalia och vill gärna tillbaka till det." });
    reading(5, leila, d(s, 4), 10, { ratedBy: "participant", occasion: "start", values: [6, 4, 7, 4, 6, 6, 5, 8, 6] });
    save(5, leila, d(s, 10), 10, () => planContent(MOHAMED_PLAN, s, authorities));
    accept(5, leila, d(s, 10), 10, "signed");
    step(d(s, 26), 16, 0, async () => {
      await addWork(await ctx(leila, d(s, 26), 16), journey(5).enrolmentId, {
        employer: "Lager och logistik i Kalmar",
        kind: "internship",
        startDate: d(s, 30),
        endDate: d(s, 120),
        hoursPerWeek: "20",
        note: "Praktik genom Arbetsförmedlingen: plock och packning, dagtid. Handledare på plats.",
      });
    });
    note(5, leila, d(s, 37), 15, { kind: "authority_contact", shared: true, body: "Första veckan på praktiken har gått bra enligt handledaren. Mohamed har kommit i tid alla dagar." });
  }

  // Ella Johansson (Sara Nilsson): the demo participant, with an accepted plan and her first reading.
  {
    const s = firstGroup;
    started(0, s);
    note(0, sara, s, 13, { kind: "individual", body: "Första mötet tillsammans med Anders Lund från Försäkringskassan. Ella vill studera och är nyfiken på undersköterskeutbildningen." });
    reading(0, sara, d(s, 2), 14, { ratedBy: "participant", occasion: "start", values: [7, 4, 6, 3, 4, 4, 5, 7, 5] });
    save(0, sara, d(s, 8), 13, () => planContent(ELLA_PLAN, s, authorities));
    accept(0, sara, d(s, 8), 13, "signed", "Ella skrev under planen.");
    book(0, sara, d(s, 36), addDays(today, 13), ["participant", "coordinator", "referrer"]);
  }

  // Alva Eriksson (Leila Haddad), protected identity: the plan for her safety, notes for the staff only.
  {
    const s = secondGroup;
    started(8, s);
    note(8, leila, s, 11, { kind: "individual", body: "Första mötet, på KRUS. Vi gick igenom hur hon kommer och går och att hon inte finns med på gruppens listor med efternamn." });
    reading(8, leila, d(s, 3), 10, { ratedBy: "participant", occasion: "start", values: [5, 4, 4, 3, 5, 5, 4, 7, 5] });
    save(8, leila, d(s, 5), 10, () => planContent(ALVA_PLAN, s, authorities));
    accept(8, leila, d(s, 5), 10, "in_meeting");
  }

  // Liam Håkansson (Johan Ek): a plan, the case officer in his network, a follow-up held.
  {
    const s = secondGroup;
    started(13, s);
    contact(13, johan, d(s, 1), { kind: "authority", authorityId: authorities.af, name: "Fatima Ali", organisation: "Arbetsförmedlingen Kalmar", role: "Handläggare" });
    save(13, johan, d(s, 7), 10, () => planContent(LIAM_PLAN, s, authorities));
    accept(13, johan, d(s, 7), 10, "in_meeting");
    book(13, johan, d(s, 8), d(s, 20), ["participant", "coordinator", "referrer"]);
    hold(13, johan, d(s, 20), ["participant", "coordinator"], "Liam har fått busskort och kommer i tid. Handläggaren kunde inte komma; vi skickar en sammanfattning till henne.");
  }

  return { until, finish: () => until(new Date(8.64e15)), schedule: step, ctx };
}
