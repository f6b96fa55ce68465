import { afterAll, beforeAll, describe, test } from "vitest";
import { parseIdentityNumber } from "../src/domain/identity-number.ts";
import { decide, type Subject } from "../src/domain/policy.ts";
import { loadActor } from "../src/services/auth.ts";
import type { ServiceContext } from "../src/services/context.ts";
import { searchPeople } from "../src/services/people.ts";
import { createTestDatabase, type TestDatabase } from "../tests/support/db.ts";
import { createWorld, type World } from "../tests/support/world.ts";

// Throughput of the register's hot paths. Run with `npm run bench`; compare runs on the same machine.

describe("domain", () => {
  const numbers = ["19811218-9876", "811218-9876", "121212+1212", "01010750160", "701063-2391", "19811218-9875"];
  test("parse identity numbers", async ({ bench }) => {
    const parse = parseIdentityNumber;
    await bench("parse 6 mixed identity numbers", () => {
      for (const n of numbers) parse(n, "2026-11-23");
    }).run();
  });

  const subject: Subject = {
    userId: "u",
    assignments: [
      { id: "1", role: "case_officer", federationId: null, programId: "p1", authorityId: "a", unitId: null, personId: null },
      { id: "2", role: "collaboration_team", federationId: null, programId: "p1", authorityId: "a", unitId: null, personId: null },
    ],
  };
  const person = { type: "person" as const, personId: "x", programId: "p1", federationId: "f", protectedIdentity: false, directStaffUserIds: ["v", "w", "u"] };
  test("policy", async ({ bench }) => {
    const check = decide; // a local binding: module export getters would dominate the measurement
    await bench("decide person.view with two roles", () => {
      check(subject, "person.view", person);
    }).run();
  });
});

describe("searching a register of 5,000 people (PGlite)", () => {
  let t: TestDatabase;
  let w: World;
  let coordinator: ServiceContext;
  let officer: ServiceContext;
  beforeAll(async () => {
    t = await createTestDatabase("pglite");
    w = await createWorld(t.deps);
    const rows = Array.from({ length: 5_000 }, (_, i) => ({
      program_id: w.programId,
      reference: `P-B${String(i).padStart(5, "0")}`,
      first_name: ["Ella", "Oscar", "Amira", "Viktor", "Linnea", "Mohamed", "Wilma", "Hugo"][i % 8]!,
      last_name: `Efternamn${i}`,
      id_number: null,
      id_number_kind: null,
      sex: i % 2 ? "male" : "female",
      birth_date: `19${70 + (i % 30)}-0${1 + (i % 9)}-1${i % 10}`,
      preferred_language: "sv",
      protected_identity: i % 50 === 0,
    }));
    for (let i = 0; i < rows.length; i += 500) await t.deps.db.insertInto("people").values(rows.slice(i, i + 500)).execute();
    const staff = rows.slice(0, 300).map((_, i) => i);
    const ids = await t.deps.db.selectFrom("people").select("id").where("reference", "like", "P-B%").orderBy("reference").execute();
    await t.deps.db.insertInto("person_staff").values(staff.map((i) => ({ person_id: ids[i]!.id, user_id: w.users.officer.id, relation: "case_officer" }))).execute();
    const ctx = async (userId: string) => ({ ...t.deps, actor: (await loadActor(t.deps.db, userId))!, meta: { ip: null, userAgent: null } });
    coordinator = await ctx(w.users.coordinator.id);
    officer = await ctx(w.users.officer.id);
  }, 120_000);
  afterAll(() => t.close());

  test("search", async ({ bench }) => {
    await bench.compare(
      bench("coordinator: first page of everyone", async () => {
        await searchPeople(coordinator, { limit: 25 });
      }),
      bench("coordinator: search by name", async () => {
        await searchPeople(coordinator, { q: "amira efternamn12", limit: 25 });
      }),
      bench("case officer: people they work with", async () => {
        await searchPeople(officer, { limit: 25 });
      }),
      { time: 2_000 },
    );
  });
});
