import { describe, expect, it } from "vitest";
import { ACTIONS, type Action, decide, hasCapability, type PersonResource, personScope, type Resource, rolesGranting, scopeIncludes, type Subject } from "./policy.ts";
import { ROLES, type Role, type RoleAssignment } from "./roles.ts";

// The policy as a full matrix: every role x every action x every kind of scope, allowed or denied.
// Programs p1 and p2 are in federation f1; p3 in f2. "u" asks; "v" is someone else. The case officer
// represents the authority "fk", the collaboration-team member "af".

const U = "u";
const person = (id: string, extra: Partial<PersonResource> = {}): PersonResource => ({
  type: "person", personId: id, programId: "p1", federationId: "f1", protectedIdentity: false, directStaffUserIds: ["v"], consent: null, referred: false, ...extra,
});
const request = (id: string, extra: Partial<Extract<Resource, { type: "request" }>>): Resource => ({
  type: "request", requestId: id, programId: "p1", federationId: "f1", personId: "someone", authorUserId: "v", status: "submitted", consent: null, ...extra,
});

const resources = {
  installation: { type: "installation" },
  f1: { type: "federation", federationId: "f1" },
  f2: { type: "federation", federationId: "f2" },
  p1: { type: "program", programId: "p1", federationId: "f1" },
  p2: { type: "program", programId: "p2", federationId: "f1" },
  p3: { type: "program", programId: "p3", federationId: "f2" },
  // People in p1 (one in p2); consent null = never recorded, [] = all ended or expired.
  directP1: person("x1", { directStaffUserIds: [U] }),
  otherP1: person("x2"),
  protectedDirectP1: person("x3", { protectedIdentity: true, directStaffUserIds: [U, "v"] }),
  protectedOtherP1: person("x4", { protectedIdentity: true }),
  directP2: person("x5", { programId: "p2", directStaffUserIds: [U] }),
  own: person("me", { protectedIdentity: true, directStaffUserIds: [] }),
  directConsentFk: person("x6", { directStaffUserIds: [U], consent: ["fk"], referred: true }),
  directConsentOther: person("x7", { directStaffUserIds: [U], consent: ["soc"], referred: true }),
  directConsentWithdrawn: person("x8", { directStaffUserIds: [U], consent: [], referred: true }),
  referredConsentAf: person("x9", { consent: ["af", "fk"], referred: true }),
  referredNoCoverAf: person("x10", { consent: ["fk"], referred: true }),
  notReferredConsentAf: person("x11", { consent: ["af"], referred: false }),
  // Interest requests in p1 (one in p2).
  draftMine: request("r1", { authorUserId: U, status: "draft" }),
  draftOther: request("r2", { status: "draft" }),
  submittedMineCovered: request("r3", { authorUserId: U, consent: ["fk", "af"] }),
  submittedMineWithdrawn: request("r4", { authorUserId: U, consent: [] }),
  submittedOtherCoverAf: request("r5", { consent: ["af"] }),
  decidedOtherNoCover: request("r6", { status: "decided", consent: ["soc"] }),
  withdrawnMine: request("r7", { authorUserId: U, status: "withdrawn", consent: ["fk"] }),
  ownPersonRequest: request("r8", { personId: "me", consent: ["soc"] }),
  requestP2Mine: request("r9", { programId: "p2", authorUserId: U, consent: ["fk"] }),
  // Anonymous consultations.
  consultMine: { type: "consultation", consultationId: "c1", programId: "p1", federationId: "f1", authorUserId: U },
  consultOther: { type: "consultation", consultationId: "c2", programId: "p1", federationId: "f1", authorUserId: "v" },
  consultP2: { type: "consultation", consultationId: "c3", programId: "p2", federationId: "f1", authorUserId: U },
  // Group-life sessions: one led by "u", one by someone else, one in p2 led by "u".
  sessionLed: { type: "session", sessionId: "s1", programId: "p1", federationId: "f1", leaderUserIds: [U, "v"] },
  sessionOther: { type: "session", sessionId: "s2", programId: "p1", federationId: "f1", leaderUserIds: ["v"] },
  sessionP2: { type: "session", sessionId: "s3", programId: "p2", federationId: "f1", leaderUserIds: [U] },
} satisfies Record<string, Resource>;
type ResourceKey = keyof typeof resources;

/** Each role's single assignment in the matrix. */
const assignments: Record<Role, Omit<RoleAssignment, "id" | "role">> = {
  administrator: { federationId: null, programId: null, authorityId: null, unitId: null, personId: null },
  manager: { federationId: null, programId: "p1", authorityId: null, unitId: null, personId: null },
  coordinator: { federationId: null, programId: "p1", authorityId: "soc", unitId: null, personId: null },
  therapist: { federationId: null, programId: "p1", authorityId: "region", unitId: null, personId: null },
  case_officer: { federationId: null, programId: "p1", authorityId: "fk", unitId: null, personId: null },
  collaboration_team: { federationId: null, programId: "p1", authorityId: "af", unitId: null, personId: null },
  steering_group: { federationId: "f1", programId: null, authorityId: null, unitId: null, personId: null },
  volunteer: { federationId: null, programId: "p1", authorityId: null, unitId: null, personId: null },
  participant: { federationId: null, programId: null, authorityId: null, unitId: null, personId: "me" },
};

const ORGS: ResourceKey[] = ["installation", "f1", "f2", "p1", "p2", "p3"];
const P1_PEOPLE: ResourceKey[] = [
  "directP1", "otherP1", "protectedDirectP1", "protectedOtherP1", "own", "directConsentFk", "directConsentOther",
  "directConsentWithdrawn", "referredConsentAf", "referredNoCoverAf", "notReferredConsentAf",
];
const DIRECT_P1: ResourceKey[] = ["directP1", "protectedDirectP1", "directConsentFk", "directConsentOther", "directConsentWithdrawn"];
const P1_REQUESTS_AFTER_DRAFT: ResourceKey[] = ["submittedMineCovered", "submittedMineWithdrawn", "submittedOtherCoverAf", "decidedOtherNoCover", "withdrawnMine", "ownPersonRequest"];
const P1_SUBMITTED: ResourceKey[] = ["submittedMineCovered", "submittedMineWithdrawn", "submittedOtherCoverAf", "ownPersonRequest"];
const allow = (action: Action, keys: ResourceKey[]) => keys.map((k) => `${action}@${k}`);

const coordinator = [
  ...allow("person.list", ["p1"]),
  ...allow("person.create", ["p1"]),
  ...allow("person.view", P1_PEOPLE),
  ...allow("person.update", P1_PEOPLE),
  ...allow("person.viewProtected", DIRECT_P1),
  ...allow("aggregates.view", ["p1"]),
  ...allow("activities.view", ["p1"]),
  ...allow("request.create", ["p1"]),
  ...allow("request.view", [...P1_REQUESTS_AFTER_DRAFT, "draftMine"]),
  ...allow("request.viewStatus", [...P1_REQUESTS_AFTER_DRAFT, "draftMine"]),
  ...allow("request.edit", ["draftMine"]),
  ...allow("request.withdraw", [...P1_SUBMITTED, "draftMine"]),
  ...allow("consent.record", P1_PEOPLE),
  ...allow("consent.withdraw", P1_PEOPLE),
  ...allow("consultation.create", ["p1"]),
  ...allow("consultation.view", ["consultMine", "consultOther"]),
  ...allow("meeting.view", ["p1"]),
  ...allow("meeting.manage", ["p1"]),
  ...allow("meeting.decide", ["p1"]),
  ...allow("placement.manage", ["p1"]),
  ...allow("studyVisit.book", ["p1"]),
  ...allow("studyVisit.manage", ["p1"]),
  ...allow("participant.view", P1_PEOPLE),
  ...allow("participant.manage", P1_PEOPLE),
  ...allow("journal.write", P1_PEOPLE),
  ...allow("journal.view", P1_PEOPLE),
  ...allow("caseload.view", ["p1"]),
  ...allow("activities.manage", ["p1"]),
  ...allow("attendance.record", ["sessionLed", "sessionOther"]),
  ...allow("attendance.view", ["p1"]),
  ...allow("attendance.sign", P1_PEOPLE),
  ...allow("travel.manage", ["p1"]),
  ...allow("budget.view", ["p1"]),
  ...allow("survey.manage", ["p1"]),
  ...allow("outcome.export", ["p1"]),
];

/** What each role may do; everything not listed is denied. */
const EXPECTED: Record<Role, string[]> = {
  administrator: [...allow("organisation.manage", ORGS), ...allow("user.manage", ORGS), ...allow("audit.view", ORGS), ...allow("outbox.view", ORGS)],
  manager: [...coordinator, ...allow("audit.view", ["p1"]), ...allow("caseload.viewAll", ["p1"]), ...allow("goals.manage", ["p1"]), ...allow("budget.manage", ["p1"])],
  coordinator,
  therapist: [
    ...allow("person.list", ["p1"]),
    ...allow("person.view", P1_PEOPLE),
    ...allow("person.viewProtected", DIRECT_P1),
    ...allow("activities.view", ["p1"]),
    ...allow("request.view", [...P1_REQUESTS_AFTER_DRAFT, "draftMine"]),
    ...allow("request.viewStatus", [...P1_REQUESTS_AFTER_DRAFT, "draftMine"]),
    ...allow("participant.view", P1_PEOPLE),
    ...allow("journal.write", P1_PEOPLE),
    ...allow("journal.view", P1_PEOPLE),
    ...allow("attendance.record", ["sessionLed", "sessionOther"]),
    ...allow("attendance.view", ["p1"]),
  ],
  case_officer: [
    ...allow("person.list", ["p1"]),
    ...allow("person.create", ["p1"]),
    // Only people they work with, and only while consent allows their authority (or none was recorded yet).
    ...allow("person.view", ["directP1", "protectedDirectP1", "directConsentFk"]),
    ...allow("person.update", ["directP1", "protectedDirectP1", "directConsentFk"]),
    ...allow("person.viewProtected", ["directP1", "protectedDirectP1", "directConsentFk"]),
    ...allow("request.create", ["p1"]),
    ...allow("request.viewStatus", ["draftMine", "submittedMineCovered", "submittedMineWithdrawn", "withdrawnMine"]),
    ...allow("request.view", ["draftMine", "submittedMineCovered", "withdrawnMine"]),
    ...allow("request.edit", ["draftMine"]),
    ...allow("request.withdraw", ["draftMine", "submittedMineCovered", "submittedMineWithdrawn"]),
    ...allow("consent.record", DIRECT_P1),
    ...allow("consent.withdraw", DIRECT_P1),
    ...allow("consultation.create", ["p1"]),
    ...allow("consultation.view", ["consultMine"]),
    ...allow("studyVisit.book", ["p1"]),
    // The journey only with a valid consent that covers their authority (never before one is recorded).
    ...allow("participant.view", ["directConsentFk"]),
    ...allow("journal.viewShared", ["directConsentFk"]),
  ],
  collaboration_team: [
    ...allow("aggregates.view", ["p1"]),
    ...allow("person.view", ["referredConsentAf"]),
    ...allow("request.view", ["submittedMineCovered", "submittedOtherCoverAf"]),
    ...allow("request.viewStatus", ["submittedMineCovered", "submittedMineWithdrawn", "submittedOtherCoverAf", "decidedOtherNoCover", "ownPersonRequest"]),
    ...allow("consultation.create", ["p1"]),
    ...allow("consultation.view", ["consultMine", "consultOther"]),
    ...allow("meeting.view", ["p1"]),
    ...allow("meeting.decide", ["p1"]),
  ],
  steering_group: [...allow("aggregates.view", ["f1", "p1", "p2"]), ...allow("budget.view", ["f1", "p1", "p2"])],
  // Volunteers: the schedule, and the register of the sessions they lead in their program; no case data.
  volunteer: [...allow("activities.view", ["p1"]), ...allow("attendance.record", ["sessionLed"])],
  participant: [
    ...allow("person.view", ["own"]),
    ...allow("person.viewProtected", ["own"]),
    ...allow("consent.withdraw", ["own"]),
    ...allow("request.viewStatus", ["ownPersonRequest"]),
  ],
};

const subjectFor = (role: Role): Subject => ({ userId: U, assignments: [{ id: `${role}-1`, role, ...assignments[role] }] });

describe("policy matrix", () => {
  const cases = ROLES.flatMap((role) =>
    ACTIONS.flatMap((action) => (Object.keys(resources) as ResourceKey[]).map((key) => ({ role, action, key }))),
  );

  it.each(cases)("$role $action on $key", ({ role, action, key }) => {
    const decision = decide(subjectFor(role), action, resources[key]);
    const expected = EXPECTED[role].includes(`${action}@${key}`);
    expect(decision.allowed).toBe(expected);
    if (decision.allowed) expect(decision).toMatchObject({ role, assignmentId: `${role}-1` });
  });

  it("covers every role, action and kind of scope", () => {
    expect(cases.length).toBe(ROLES.length * ACTIONS.length * Object.keys(resources).length);
    for (const role of ROLES) for (const entry of EXPECTED[role]) expect(Object.keys(resources)).toContain(entry.split("@")[1]);
  });
});

describe("policy details", () => {
  it("denies everything to a user without roles", () => {
    for (const action of ACTIONS) {
      for (const resource of Object.values(resources) as Resource[]) expect(decide({ userId: U, assignments: [] }, action, resource)).toEqual({ allowed: false, reason: "no_role" });
    }
  });

  it("scopes a federation administrator to that federation", () => {
    const subject: Subject = { userId: U, assignments: [{ id: "a", role: "administrator", federationId: "f1", programId: null, authorityId: null, unitId: null, personId: null }] };
    expect(decide(subject, "organisation.manage", resources.f1).allowed).toBe(true);
    expect(decide(subject, "organisation.manage", resources.p2).allowed).toBe(true);
    expect(decide(subject, "organisation.manage", resources.f2).allowed).toBe(false);
    expect(decide(subject, "organisation.manage", resources.p3).allowed).toBe(false);
    expect(decide(subject, "organisation.manage", resources.installation).allowed).toBe(false);
    expect(decide(subject, "person.view", resources.directP1).allowed).toBe(false);
  });

  it("limits a program's steering group to that program", () => {
    const subject: Subject = { userId: U, assignments: [{ id: "s", role: "steering_group", federationId: null, programId: "p2", authorityId: null, unitId: null, personId: null }] };
    expect(decide(subject, "aggregates.view", resources.p2).allowed).toBe(true);
    expect(decide(subject, "aggregates.view", resources.p1).allowed).toBe(false);
    expect(decide(subject, "aggregates.view", resources.f1).allowed).toBe(false);
  });

  it("combines roles: the first assignment that allows decides the role recorded", () => {
    const subject: Subject = {
      userId: U,
      assignments: [
        { id: "t", role: "collaboration_team", federationId: null, programId: "p1", authorityId: "a", unitId: null, personId: null },
        { id: "c", role: "case_officer", federationId: null, programId: "p1", authorityId: "a", unitId: null, personId: null },
        { id: "k", role: "coordinator", federationId: null, programId: "p2", authorityId: null, unitId: null, personId: null },
      ],
    };
    expect(decide(subject, "person.view", resources.directP1)).toEqual({ allowed: true, role: "case_officer", assignmentId: "c" });
    expect(decide(subject, "person.view", resources.directP2)).toEqual({ allowed: true, role: "coordinator", assignmentId: "k" });
    expect(decide(subject, "person.view", resources.otherP1).allowed).toBe(false);
  });

  it("takes a case officer's access away the moment consent is withdrawn, but keeps the request's status in view", () => {
    const officer = subjectFor("case_officer");
    const given = person("y", { directStaffUserIds: [U], consent: ["fk"], referred: true });
    const withdrawn = { ...given, consent: [] };
    expect(decide(officer, "person.view", given).allowed).toBe(true);
    expect(decide(officer, "person.view", withdrawn).allowed).toBe(false);
    const req = request("q", { authorUserId: U, consent: [] });
    expect(decide(officer, "request.view", req).allowed).toBe(false);
    expect(decide(officer, "request.viewStatus", req).allowed).toBe(true);
    // The program's own staff still see everything.
    expect(decide(subjectFor("coordinator"), "person.view", withdrawn).allowed).toBe(true);
  });

  it("knows which roles can ever do what (403 versus 404)", () => {
    expect(hasCapability(subjectFor("steering_group"), "person.view")).toBe(false);
    expect(hasCapability(subjectFor("case_officer"), "person.view")).toBe(true);
    expect(rolesGranting("person.create").sort()).toEqual(["case_officer", "coordinator", "manager"]);
    expect(rolesGranting("placement.manage").sort()).toEqual(["coordinator", "manager"]);
    expect(rolesGranting("aggregates.view")).not.toContain("volunteer");
    // Steering group and volunteers never get anything about a person or a request.
    for (const action of ACTIONS.filter((a) => /^(person|request|consent|participant|journal|caseload|travel)\./.test(a) || a === "attendance.view" || a === "attendance.sign")) {
      expect(rolesGranting(action)).not.toContain("steering_group");
      expect(rolesGranting(action)).not.toContain("volunteer");
    }
  });
});

describe("person scope for list queries agrees with decide()", () => {
  const people = (Object.values(resources) as Resource[]).filter((r): r is PersonResource => r.type === "person");
  const combos: Role[][] = [...ROLES.map((r) => [r]), ["case_officer", "therapist"], ["participant", "case_officer"], ["manager", "coordinator"], ["case_officer", "collaboration_team"]];
  it.each(combos.map((roles) => ({ roles: roles.join("+"), roleList: roles })))("$roles", ({ roleList }) => {
    const subject: Subject = { userId: U, assignments: roleList.map((role, i) => ({ id: `${i}`, role, ...assignments[role] })) };
    const scope = personScope(subject);
    for (const p of people) {
      expect(scopeIncludes(scope, U, p), `${roleList.join("+")} ${p.personId}`).toBe(decide(subject, "person.view", p).allowed);
    }
  });
});
