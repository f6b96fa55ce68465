// Who the program is for (KRUS: 19-64, priority 19-29, active at a member authority, ordinary services
// tried first). Computed as guidance for the officer and the team: it never blocks a request.

import { ageOn } from "./person.ts";

export interface ProgramAges {
  minAge: number;
  maxAge: number;
  /** Ages from minAge up to this one have priority. */
  priorityMaxAge: number;
}

export type CheckResult = "met" | "not_met" | "unknown";

export interface EligibilityCheck {
  check: "age" | "active_at_member" | "ordinary_tried";
  result: CheckResult;
}

export interface Eligibility {
  age: number | null;
  /** 1: in the priority band; 2: eligible by age but not prioritised; null: outside the ages. */
  priority: 1 | 2 | null;
  checks: EligibilityCheck[];
  /** Every check met. */
  meetsAll: boolean;
}

export function priorityFor(age: number, ages: ProgramAges): 1 | 2 | null {
  if (age < ages.minAge || age > ages.maxAge) return null;
  return age <= ages.priorityMaxAge ? 1 : 2;
}

export function assessEligibility(input: {
  birthDate: string | null;
  today: string;
  ages: ProgramAges;
  /** Member authorities of the federation where the person is active. */
  activeAtMemberAuthorities: number;
  /** What has been tried in ordinary services, as written in the request. */
  triedBefore: string;
}): Eligibility {
  const age = input.birthDate ? ageOn(input.birthDate, input.today) : null;
  const priority = age === null ? null : priorityFor(age, input.ages);
  const checks: EligibilityCheck[] = [
    { check: "age", result: age === null ? "unknown" : priority === null ? "not_met" : "met" },
    { check: "active_at_member", result: input.activeAtMemberAuthorities > 0 ? "met" : "not_met" },
    { check: "ordinary_tried", result: input.triedBefore.trim().length > 0 ? "met" : "unknown" },
  ];
  return { age, priority, checks, meetsAll: checks.every((c) => c.result === "met") };
}
