// The one place that decides whether a user may do something. Every page, form action and API
// handler asks `decide` (through the services); list queries ask `personScope` for the same rules
// in a form that a query can use. The rules are a table: role x action -> condition on the scope.
//
// Consent decides what the member authorities see: a case officer sees the people they work with only
// while a valid consent covers their authority (or before any consent has been recorded, while they write
// the request with the person); collaboration-team members see referred people whose consent covers the
// authority they represent. The program's own staff (the data controller's) always see its register.

import { PROGRAM_STAFF_ROLES, type Role, type RoleAssignment } from "./roles.ts";

export const ACTIONS = [
  "person.list",
  "person.create",
  "person.view",
  "person.update",
  "person.viewProtected",
  "organisation.manage",
  "user.manage",
  "audit.view",
  "aggregates.view",
  "goals.manage",
  "activities.view",
  "request.create",
  "request.view",
  "request.viewStatus",
  "request.edit",
  "request.withdraw",
  "consent.record",
  "consent.withdraw",
  "consultation.create",
  "consultation.view",
  "meeting.view",
  "meeting.manage",
  "meeting.decide",
  "placement.manage",
  "studyVisit.book",
  "studyVisit.manage",
  "outbox.view",
  // The participant's journey (plan, life-area wheel, journal, network, follow-ups, exit, work).
  "participant.view",
  "participant.manage",
  "journal.write",
  "journal.view",
  "journal.viewShared",
  "caseload.view",
  "caseload.viewAll",
  // Group life: the schedule, attendance, the breakfast rota, travel money.
  "activities.manage",
  "attendance.record",
  "attendance.view",
  "attendance.sign",
  "travel.manage",
  // Budget and funding per program: figures, not personal data (the steering group reads them too).
  "budget.view",
  "budget.manage",
  // Participant surveys: questionnaires, handing them out and entering paper answers (the results are aggregates).
  "survey.manage",
  // The outcome export per participant (pseudonymised): for the program's own reporting, never the steering group.
  "outcome.export",
] as const;
export type Action = (typeof ACTIONS)[number];

/** Null: no consent has ever been recorded; otherwise the authorities that valid consents cover. */
export type ConsentCoverage = readonly string[] | null;

export type Resource =
  /** The whole installation: creating federations, managing user accounts. */
  | { type: "installation" }
  | { type: "federation"; federationId: string }
  | { type: "program"; programId: string; federationId: string }
  | {
      type: "person";
      personId: string;
      programId: string;
      federationId: string;
      protectedIdentity: boolean;
      /** Users directly working with the person (active person_staff rows). */
      directStaffUserIds: readonly string[];
      consent: ConsentCoverage;
      /** Has the person been referred to the collaboration team (a request submitted or decided)? */
      referred: boolean;
    }
  | {
      type: "request";
      requestId: string;
      programId: string;
      federationId: string;
      personId: string;
      authorUserId: string;
      status: "draft" | "submitted" | "decided" | "withdrawn";
      consent: ConsentCoverage;
    }
  | { type: "consultation"; consultationId: string; programId: string; federationId: string; authorUserId: string }
  /** A group-life session (or a series' occurrence): who leads it decides what a volunteer may do there. */
  | { type: "session"; sessionId: string; programId: string; federationId: string; leaderUserIds: readonly string[] };

export type PersonResource = Extract<Resource, { type: "person" }>;
export type RequestResource = Extract<Resource, { type: "request" }>;

export interface Subject {
  userId: string;
  assignments: readonly RoleAssignment[];
}

export type Decision =
  | { allowed: true; role: Role; assignmentId: string }
  | { allowed: false; reason: "no_role" | "not_permitted" };

type Condition = (assignment: RoleAssignment, resource: Resource, subject: Subject) => boolean;

const inProgram: Condition = (a, r) =>
  r.type !== "installation" && r.type !== "federation" && a.programId !== null && a.programId === r.programId;
const programOnly: Condition = (a, r, s) => r.type === "program" && inProgram(a, r, s);
const isDirectStaff: Condition = (_a, r, s) => r.type === "person" && r.directStaffUserIds.includes(s.userId);
const isOwnPerson: Condition = (a, r) => (r.type === "person" || r.type === "request") && a.personId !== null && a.personId === r.personId;
const isAuthor: Condition = (_a, r, s) => (r.type === "request" || r.type === "consultation") && r.authorUserId === s.userId;
const sessionIn: Condition = (a, r, s) => r.type === "session" && inProgram(a, r, s);
const leadsSession: Condition = (_a, r, s) => r.type === "session" && r.leaderUserIds.includes(s.userId);

/** A valid consent covers the authority this assignment represents, or none was ever recorded. */
const consentAllows: Condition = (a, r) => {
  if (r.type !== "person" && r.type !== "request") return false;
  return r.consent === null || (a.authorityId !== null && r.consent.includes(a.authorityId));
};
/** A valid consent exists and covers the authority this assignment represents. */
const consentCovers: Condition = (a, r) =>
  (r.type === "person" || r.type === "request") && r.consent !== null && a.authorityId !== null && r.consent.includes(a.authorityId);

const all =
  (...conditions: Condition[]): Condition =>
  (a, r, s) =>
    conditions.every((c) => c(a, r, s));
const any =
  (...conditions: Condition[]): Condition =>
  (a, r, s) =>
    conditions.some((c) => c(a, r, s));
const personOnly = (condition: Condition): Condition => (a, r, s) => r.type === "person" && condition(a, r, s);
const requestWhere =
  (statuses: readonly string[], condition: Condition): Condition =>
  (a, r, s) =>
    r.type === "request" && statuses.includes(r.status) && condition(a, r, s);
const referred: Condition = (_a, r) => r.type === "person" && r.referred;

const BEFORE_TEAM = ["submitted", "decided"] as const;
const OPEN = ["draft", "submitted"] as const;
const ANY_STATUS = ["draft", "submitted", "decided", "withdrawn"] as const;
const AFTER_DRAFT = ["submitted", "decided", "withdrawn"] as const;

/** Organisations, not people. An administrator without a federation administers the whole installation. */
const administers: Condition = (a, r) => {
  if (r.type === "person" || r.type === "request" || r.type === "consultation" || r.type === "session") return false;
  if (a.federationId === null) return true;
  if (r.type === "installation") return false;
  return r.federationId === a.federationId;
};

const steers: Condition = (a, r) => {
  if (r.type === "program") return a.programId === r.programId || (a.federationId !== null && a.federationId === r.federationId);
  if (r.type === "federation") return a.federationId !== null && a.federationId === r.federationId;
  return false;
};

const programStaffRules: Partial<Record<Action, Condition>> = {
  // The journey: the program's staff read it; the journal is theirs to write (the therapist too).
  "participant.view": personOnly(inProgram),
  "journal.write": personOnly(inProgram),
  "journal.view": personOnly(inProgram),
  "person.list": programOnly,
  "person.view": personOnly(inProgram),
  "person.viewProtected": personOnly(all(inProgram, isDirectStaff)),
  "activities.view": programOnly,
  // Group life: any of the program's staff may take the register of a session and read the group's attendance.
  "attendance.record": sessionIn,
  "attendance.view": programOnly,
  // Drafts are the author's workspace; once submitted the program's staff read the request.
  "request.view": any(requestWhere(AFTER_DRAFT, inProgram), requestWhere(ANY_STATUS, all(inProgram, isAuthor))),
  "request.viewStatus": any(requestWhere(AFTER_DRAFT, inProgram), requestWhere(ANY_STATUS, all(inProgram, isAuthor))),
};

const coordinatorRules: Partial<Record<Action, Condition>> = {
  ...programStaffRules,
  "person.create": programOnly,
  "person.update": personOnly(inProgram),
  "aggregates.view": programOnly,
  "request.create": programOnly,
  "request.edit": requestWhere(["draft"], all(inProgram, isAuthor)),
  "request.withdraw": any(requestWhere(["submitted"], inProgram), requestWhere(OPEN, all(inProgram, isAuthor))),
  "consent.record": personOnly(inProgram),
  "consent.withdraw": personOnly(inProgram),
  "consultation.create": programOnly,
  "consultation.view": (a, r, s) => r.type === "consultation" && inProgram(a, r, s),
  "meeting.view": programOnly,
  "meeting.manage": programOnly,
  "meeting.decide": programOnly,
  "placement.manage": programOnly,
  "studyVisit.book": programOnly,
  "studyVisit.manage": programOnly,
  "participant.manage": personOnly(inProgram),
  "caseload.view": programOnly,
  "activities.manage": programOnly,
  // The monthly attendance report for the authority that pays a participant's benefit is signed by the program's coordinator.
  "attendance.sign": personOnly(inProgram),
  "travel.manage": programOnly,
  "budget.view": programOnly,
  "survey.manage": programOnly,
  "outcome.export": programOnly,
};

const RULES: Record<Role, Partial<Record<Action, Condition>>> = {
  administrator: {
    "organisation.manage": administers,
    "user.manage": administers,
    "audit.view": administers,
    "outbox.view": administers,
  },
  // The manager sets the program's yearly goals (the dashboard is read with "aggregates.view").
  manager: { ...coordinatorRules, "audit.view": programOnly, "caseload.viewAll": programOnly, "goals.manage": programOnly, "budget.manage": programOnly },
  coordinator: coordinatorRules,
  therapist: { ...programStaffRules },
  case_officer: {
    "person.list": programOnly,
    "person.create": programOnly,
    "person.view": personOnly(all(inProgram, isDirectStaff, consentAllows)),
    "person.update": personOnly(all(inProgram, isDirectStaff, consentAllows)),
    "person.viewProtected": personOnly(all(inProgram, isDirectStaff, consentAllows)),
    "request.create": programOnly,
    // The author always sees where their request stands; its content only while consent allows.
    "request.viewStatus": requestWhere(ANY_STATUS, all(inProgram, isAuthor)),
    "request.view": requestWhere(ANY_STATUS, all(inProgram, isAuthor, consentAllows)),
    "request.edit": requestWhere(["draft"], all(inProgram, isAuthor)),
    "request.withdraw": requestWhere(OPEN, all(inProgram, isAuthor)),
    // Recording consent (or its withdrawal) is how the person's wishes reach the program.
    "consent.record": personOnly(all(inProgram, isDirectStaff)),
    "consent.withdraw": personOnly(all(inProgram, isDirectStaff)),
    "consultation.create": programOnly,
    "consultation.view": (a, r, s) => r.type === "consultation" && inProgram(a, r, s) && isAuthor(a, r, s),
    "studyVisit.book": programOnly,
    // The people they work with, while a valid consent covers their authority: the plan, follow-ups, exit,
    // and the journal notes the program shares with them.
    "participant.view": personOnly(all(inProgram, isDirectStaff, consentCovers)),
    "journal.viewShared": personOnly(all(inProgram, isDirectStaff, consentCovers)),
  },
  collaboration_team: {
    "aggregates.view": programOnly,
    "person.view": personOnly(all(inProgram, referred, consentCovers)),
    "request.view": requestWhere(BEFORE_TEAM, all(inProgram, consentCovers)),
    "request.viewStatus": requestWhere(BEFORE_TEAM, inProgram),
    "consultation.create": programOnly,
    "consultation.view": (a, r, s) => r.type === "consultation" && inProgram(a, r, s),
    "meeting.view": programOnly,
    "meeting.decide": programOnly,
  },
  steering_group: {
    "aggregates.view": steers,
    "budget.view": steers,
  },
  volunteer: {
    "activities.view": programOnly,
    // The register of the sessions they lead, and nothing of case data.
    "attendance.record": all(sessionIn, leadsSession),
  },
  participant: {
    "person.view": personOnly(isOwnPerson),
    "person.viewProtected": personOnly(isOwnPerson),
    "request.viewStatus": requestWhere(AFTER_DRAFT, isOwnPerson),
    "consent.withdraw": personOnly(isOwnPerson),
  },
};

export function decide(subject: Subject, action: Action, resource: Resource): Decision {
  if (subject.assignments.length === 0) return { allowed: false, reason: "no_role" };
  for (const assignment of subject.assignments) {
    const condition = RULES[assignment.role][action];
    if (condition && condition(assignment, resource, subject)) {
      return { allowed: true, role: assignment.role, assignmentId: assignment.id };
    }
  }
  return { allowed: false, reason: "not_permitted" };
}

/** Whether any of the subject's roles could ever allow the action (403 versus 404 in the API). */
export function hasCapability(subject: Subject, action: Action): boolean {
  return subject.assignments.some((a) => RULES[a.role][action] !== undefined);
}

/** The roles that can ever be granted an action: for documentation and tests. */
export function rolesGranting(action: Action): Role[] {
  return (Object.keys(RULES) as Role[]).filter((role) => RULES[role][action] !== undefined);
}

/** The first assignment in a program whose role allows the action there (e.g. which role lists people). */
export function roleInProgram(subject: Subject, action: Action, programId: string, federationId = ""): Decision {
  return decide(subject, action, { type: "program", programId, federationId });
}

/**
 * Which people a subject may see, in a form a query can use (the same rules as `person.view`):
 * everyone in `allInPrograms`; people the subject works directly with, while consent allows the
 * authority (`direct`); referred people whose valid consent covers the authority (`team`); and the
 * subject's own person records.
 */
export interface PersonScope {
  allInPrograms: string[];
  direct: { programId: string; authorityId: string | null }[];
  team: { programId: string; authorityId: string }[];
  ownPersonIds: string[];
}

export function personScope(subject: Subject): PersonScope {
  const all = new Set<string>();
  const direct: PersonScope["direct"] = [];
  const team: PersonScope["team"] = [];
  const own = new Set<string>();
  for (const a of subject.assignments) {
    if (PROGRAM_STAFF_ROLES.includes(a.role) && a.programId) all.add(a.programId);
    if (a.role === "case_officer" && a.programId) direct.push({ programId: a.programId, authorityId: a.authorityId });
    if (a.role === "collaboration_team" && a.programId && a.authorityId) team.push({ programId: a.programId, authorityId: a.authorityId });
    if (a.role === "participant" && a.personId) own.add(a.personId);
  }
  return {
    allInPrograms: [...all],
    direct: direct.filter((d) => !all.has(d.programId)),
    team: team.filter((t) => !all.has(t.programId)),
    ownPersonIds: [...own],
  };
}

/** The same question as `decide(subject, "person.view", person)`, answered from a PersonScope. */
export function scopeIncludes(scope: PersonScope, userId: string, person: PersonResource): boolean {
  const covers = (authorityId: string | null) => person.consent !== null && authorityId !== null && person.consent.includes(authorityId);
  return (
    scope.allInPrograms.includes(person.programId) ||
    scope.direct.some(
      (d) => d.programId === person.programId && person.directStaffUserIds.includes(userId) && (person.consent === null || covers(d.authorityId)),
    ) ||
    scope.team.some((t) => t.programId === person.programId && person.referred && covers(t.authorityId)) ||
    scope.ownPersonIds.includes(person.personId)
  );
}
