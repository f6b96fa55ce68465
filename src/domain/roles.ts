// Roles and the scope each one is held in. A user holds any number of role assignments.

export const ROLES = [
  "administrator",
  "manager",
  "coordinator",
  "therapist",
  "case_officer",
  "collaboration_team",
  "steering_group",
  "volunteer",
  "participant",
] as const;
export type Role = (typeof ROLES)[number];

export function isRole(value: string): value is Role {
  return (ROLES as readonly string[]).includes(value);
}

export interface RoleAssignment {
  id: string;
  role: Role;
  /** Administrator: null means every federation (the installation's administrator). */
  federationId: string | null;
  programId: string | null;
  /** The member authority the user represents (case officer, collaboration team; optional for staff seconded from one). */
  authorityId: string | null;
  unitId: string | null;
  /** Participant: the person record that is the user's own. */
  personId: string | null;
}

export type ScopeField = "federationId" | "programId" | "authorityId" | "unitId" | "personId";

/** Which scope fields a role requires, allows, and forbids. */
const SCOPE_RULES: Record<Role, { required: ScopeField[]; optional: ScopeField[] }> = {
  administrator: { required: [], optional: ["federationId"] },
  manager: { required: ["programId"], optional: [] },
  coordinator: { required: ["programId"], optional: ["authorityId"] },
  therapist: { required: ["programId"], optional: ["authorityId"] },
  case_officer: { required: ["programId", "authorityId"], optional: ["unitId"] },
  collaboration_team: { required: ["programId", "authorityId"], optional: [] },
  // Either the whole federation or one program: checked below.
  steering_group: { required: [], optional: ["federationId", "programId"] },
  volunteer: { required: ["programId"], optional: [] },
  participant: { required: ["personId"], optional: [] },
};

export type ScopeProblem = { field: ScopeField; problem: "required" | "not_allowed" } | { field: "scope"; problem: "one_of" };

/** Checks that an assignment's scope fits its role. Returns the problems (empty when valid). */
export function scopeProblems(role: Role, scope: Partial<Record<ScopeField, string | null>>): ScopeProblem[] {
  const rules = SCOPE_RULES[role];
  const problems: ScopeProblem[] = [];
  const fields: ScopeField[] = ["federationId", "programId", "authorityId", "unitId", "personId"];
  for (const field of fields) {
    const present = Boolean(scope[field]);
    if (rules.required.includes(field) && !present) problems.push({ field, problem: "required" });
    if (!rules.required.includes(field) && !rules.optional.includes(field) && present) {
      problems.push({ field, problem: "not_allowed" });
    }
  }
  if (role === "steering_group" && Boolean(scope.federationId) === Boolean(scope.programId)) {
    problems.push({ field: "scope", problem: "one_of" });
  }
  return problems;
}

/** Roles whose holders work in a program's own staff: they see every person in the program's register. */
export const PROGRAM_STAFF_ROLES: readonly Role[] = ["manager", "coordinator", "therapist"];
