import { describe, expect, it } from "vitest";
import { authorityKindsFor, isAuthorityKind } from "./organisation.ts";
import { passwordProblem } from "./passwords.ts";
import { ageOn, isIsoDate, maskedBirthDate, normaliseName, personReference } from "./person.ts";
import { scopeProblems } from "./roles.ts";

describe("passwords", () => {
  it("asks for length, not complexity, and refuses common ones", () => {
    expect(passwordProblem("kort")).toBe("too_short");
    expect(passwordProblem("korrekt häst batteri")).toBeNull();
    expect(passwordProblem("Password1234")).toBe("common");
    expect(passwordProblem("aaaaaaaaaaaaaaa")).toBe("common");
    expect(passwordProblem("anna@kalmar.se", "Anna@Kalmar.se")).toBe("same_as_email");
    expect(passwordProblem("x".repeat(257) + "y")).toBe("too_long");
    // Length counts characters, not bytes.
    expect(passwordProblem("åäöåäöåäöåä")).toBe("too_short");
  });
});

describe("people", () => {
  it("computes age on a given day, birthdays and leap days included", () => {
    expect(ageOn("2001-03-14", "2026-03-13")).toBe(24);
    expect(ageOn("2001-03-14", "2026-03-14")).toBe(25);
    expect(ageOn("2000-02-29", "2027-02-28")).toBe(26);
    expect(ageOn("2000-02-29", "2027-03-01")).toBe(27);
  });

  it("recognises real ISO dates only", () => {
    expect(isIsoDate("2024-02-29")).toBe(true);
    expect(isIsoDate("2023-02-29")).toBe(false);
    expect(isIsoDate("2023-2-1")).toBe(false);
    expect(isIsoDate("14/03/2001")).toBe(false);
  });

  it("compares names for likely duplicates without case, accents or extra spaces", () => {
    expect(normaliseName("  Åsa   ÖBERG ")).toBe(normaliseName("asa oberg"));
    expect(normaliseName("Jönsson")).not.toBe(normaliseName("Jonsson-Ek"));
  });

  it("masks a birth date to the year and makes references without personal data", () => {
    expect(maskedBirthDate("2001-07-28")).toBe("2001");
    const ref = personReference((n) => new Uint8Array(n).fill(0));
    expect(ref).toBe("P-222222");
    expect(personReference((n) => Uint8Array.from({ length: n }, (_, i) => i * 40))).toMatch(/^P-[2-9A-HJ-NP-Z]{6}$/);
  });
});

describe("organisations", () => {
  it("offers the authority kinds of the federation's country", () => {
    expect(authorityKindsFor("SE")).toEqual(["fk", "af", "social_services", "region", "other"]);
    expect(authorityKindsFor("NO")).toEqual(["nav", "municipality", "correctional_service", "health", "other"]);
    expect(isAuthorityKind("nav")).toBe(true);
    expect(isAuthorityKind("toString")).toBe(false);
  });
});

describe("role scopes", () => {
  it("requires what each role needs and refuses what it must not have", () => {
    expect(scopeProblems("case_officer", { programId: "p", authorityId: "a" })).toEqual([]);
    expect(scopeProblems("case_officer", { programId: "p" })).toEqual([{ field: "authorityId", problem: "required" }]);
    expect(scopeProblems("coordinator", { programId: "p", personId: "x" })).toEqual([{ field: "personId", problem: "not_allowed" }]);
    expect(scopeProblems("administrator", {})).toEqual([]);
    expect(scopeProblems("administrator", { programId: "p" })).toEqual([{ field: "programId", problem: "not_allowed" }]);
    expect(scopeProblems("steering_group", {})).toEqual([{ field: "scope", problem: "one_of" }]);
    expect(scopeProblems("steering_group", { federationId: "f", programId: "p" })).toEqual([{ field: "scope", problem: "one_of" }]);
    expect(scopeProblems("steering_group", { federationId: "f" })).toEqual([]);
    expect(scopeProblems("participant", {})).toEqual([{ field: "personId", problem: "required" }]);
  });
});
