import { describe, expect, it } from "vitest";
import { consentStatus, coveredAuthorities, isValid } from "./consent.ts";
import { assessEligibility, priorityFor } from "./eligibility.ts";
import { ageBandOf } from "./intake.ts";
import { compareWaiting, daysBetween, freeOrdinaryPlaces, placeOnAcceptance, waitingOrder } from "./places.ts";

const KRUS = { minAge: 19, maxAge: 64, priorityMaxAge: 29 };

describe("consent", () => {
  const consent = { givenOn: "2026-09-01", validUntil: "2027-08-31", endReason: null, authorityIds: ["fk", "af"] };
  it("is valid from the day it is given to the last day, and ends at once when withdrawn", () => {
    expect(consentStatus(consent, "2026-08-31")).toBe("not_yet_valid");
    expect(consentStatus(consent, "2026-09-01")).toBe("given");
    expect(consentStatus(consent, "2027-08-31")).toBe("given");
    expect(consentStatus(consent, "2027-09-01")).toBe("expired");
    expect(consentStatus({ ...consent, endReason: "withdrawn" }, "2026-10-01")).toBe("withdrawn");
    expect(isValid({ ...consent, endReason: "replaced" }, "2026-10-01")).toBe(false);
  });

  it("tells the policy which authorities are covered: null when none was ever recorded, empty when all ended", () => {
    expect(coveredAuthorities([], "2026-10-01")).toBeNull();
    expect(coveredAuthorities([consent], "2026-10-01")?.sort()).toEqual(["af", "fk"]);
    expect(coveredAuthorities([{ ...consent, endReason: "withdrawn" }], "2026-10-01")).toEqual([]);
    expect(coveredAuthorities([{ ...consent, endReason: "replaced" }, { ...consent, authorityIds: ["soc"] }], "2026-10-01")).toEqual(["soc"]);
  });
});

describe("eligibility", () => {
  it("gives priority to 19-29 and accepts 19-64, as guidance", () => {
    expect([18, 19, 29, 30, 64, 65].map((age) => priorityFor(age, KRUS))).toEqual([null, 1, 1, 2, 2, null]);
    const e = assessEligibility({ birthDate: "2001-03-14", today: "2026-11-23", ages: KRUS, activeAtMemberAuthorities: 2, triedBefore: "Praktik via AF" });
    expect(e).toMatchObject({ age: 25, priority: 1, meetsAll: true });
  });

  it("reports what is missing or unknown without blocking", () => {
    const e = assessEligibility({ birthDate: "1955-01-01", today: "2026-11-23", ages: KRUS, activeAtMemberAuthorities: 0, triedBefore: " " });
    expect(e.checks).toEqual([
      { check: "age", result: "not_met" },
      { check: "active_at_member", result: "not_met" },
      { check: "ordinary_tried", result: "unknown" },
    ]);
    expect(e.meetsAll).toBe(false);
    expect(assessEligibility({ birthDate: null, today: "2026-11-23", ages: KRUS, activeAtMemberAuthorities: 1, triedBefore: "x" }).checks[0]).toEqual({ check: "age", result: "unknown" });
  });

  it("puts ages in bands for anonymous consultations", () => {
    expect([18, 19, 24, 25, 29, 30, 49, 50, 64, 65].map(ageBandOf)).toEqual(["under_19", "19_24", "19_24", "25_29", "25_29", "30_39", "40_49", "50_64", "50_64", "65_plus"]);
  });
});

describe("places and the waiting list", () => {
  it("places in the ordinary group while there is room, then the pre-group, then the list", () => {
    expect(placeOnAcceptance({ ordinaryCapacity: 15, ordinaryTaken: 14, preGroupCapacity: 10, preGroupTaken: 10 })).toBe("ordinary");
    expect(placeOnAcceptance({ ordinaryCapacity: 15, ordinaryTaken: 15, preGroupCapacity: 10, preGroupTaken: 9 })).toBe("pre_group");
    expect(placeOnAcceptance({ ordinaryCapacity: 15, ordinaryTaken: 16, preGroupCapacity: 10, preGroupTaken: 10 })).toBe("waiting");
    expect(freeOrdinaryPlaces({ ordinaryCapacity: 15, ordinaryTaken: 16, preGroupCapacity: 10, preGroupTaken: 0 })).toBe(0);
  });

  it("orders by priority, then date of decision, then who was placed first", () => {
    const at = (h: number) => new Date(Date.UTC(2026, 10, 1, h));
    const entries = [
      { id: "older-late", priority: 2 as const, acceptedOn: "2026-09-01", placedAt: at(1) },
      { id: "young-late", priority: 1 as const, acceptedOn: "2026-10-20", placedAt: at(2) },
      { id: "young-early", priority: 1 as const, acceptedOn: "2026-09-15", placedAt: at(3) },
      { id: "young-early-2", priority: 1 as const, acceptedOn: "2026-09-15", placedAt: at(4) },
      { id: "older-early", priority: 2 as const, acceptedOn: "2026-08-01", placedAt: at(5) },
    ];
    expect(waitingOrder(entries).map((e) => e.id)).toEqual(["young-early", "young-early-2", "young-late", "older-early", "older-late"]);
    expect(compareWaiting(entries[0]!, entries[0]!)).toBe(0);
  });

  it("counts days waited across months and years", () => {
    expect(daysBetween("2026-11-01", "2026-11-23")).toBe(22);
    expect(daysBetween("2026-12-20", "2027-01-10")).toBe(21);
    expect(daysBetween("2026-03-28", "2026-03-30")).toBe(2);
  });
});
