import { afterAll, beforeAll, expect, it } from "vitest";
import { ConflictError, ForbiddenError, NotFoundError, ValidationError } from "./errors.ts";
import { addUnit, createAuthority, createFederation, createProgram, getFederation, getProgram, listFederations, renameUnit, updateFederation, updateProgram } from "./organisations.ts";
import { createTestDatabase, describeEachDatabase, type TestDatabase } from "../../tests/support/db.ts";
import { createWorld, type World } from "../../tests/support/world.ts";

const program = (ownerAuthorityId: string, extra: Record<string, unknown> = {}) => ({
  name: "Steget vidare",
  ownerAuthorityId,
  description: "Ett nytt program",
  active: "on",
  ordinaryGroupName: "Ordinarie grupp",
  ordinaryCapacity: "15",
  preGroupName: "Förgrupp",
  preGroupCapacity: "8",
  ...extra,
});

describeEachDatabase("organisations", (flavour) => {
  let t: TestDatabase;
  let w: World;
  beforeAll(async () => {
    t = await createTestDatabase(flavour);
    w = await createWorld(t.deps);
  });
  afterAll(() => t.close());

  it("an installation administrator creates a Norwegian federation with NAV and a follow-up centre program", async () => {
    const admin = await w.ctx("installationAdmin");
    const { id } = await createFederation(admin, { name: "Oppfølgingssentrene i Oslo", country: "NO" });
    const nav = await createAuthority(admin, id, { name: "NAV Grünerløkka", kind: "nav" });
    await addUnit(admin, nav.id, { name: "Oppfølging ungdom" });
    await expect(createAuthority(admin, id, { name: "Försäkringskassan", kind: "fk" })).rejects.toMatchObject({ fieldErrors: { kind: ["organisation.errors.kindNotInCountry"] } });
    const crux = await createProgram(admin, id, program(nav.id, { name: "CRUX Oslo", ordinaryCapacity: "20" }));
    const details = await getProgram(admin, crux.id);
    expect(details).toMatchObject({ name: "CRUX Oslo", ownerAuthorityName: "NAV Grünerløkka", active: true });
    expect(details.groups.map((g) => [g.kind, g.capacity])).toEqual([["ordinary", 20], ["pre_group", 8]]);
    const events = await t.deps.db.selectFrom("audit_events").select("action").where("federation_id", "=", id).execute();
    expect(events.map((e) => e.action)).toEqual(["federation.create", "authority.create", "unit.create", "program.create"]);
  });

  it("validates names, capacities and the owner, with messages at the fields", async () => {
    const admin = await w.ctx("federationAdmin");
    const bad = await createProgram(admin, w.federationId, program("", { name: "", ordinaryCapacity: "-1", preGroupCapacity: "many" })).catch((e: unknown) => e);
    expect(bad).toBeInstanceOf(ValidationError);
    expect((bad as ValidationError).fieldErrors).toMatchObject({ name: ["errors.required"], ownerAuthorityId: ["errors.choose"], ordinaryCapacity: ["errors.notNegative"], preGroupCapacity: ["errors.number"] });
    const foreignOwner = await createAuthority(await w.ctx("installationAdmin"), w.otherFederationId, { name: "Annan kommun", kind: "social_services" });
    await expect(createProgram(admin, w.federationId, program(foreignOwner.id))).rejects.toMatchObject({ fieldErrors: { ownerAuthorityId: ["organisation.errors.ownerNotMember"] } });
    await expect(createProgram(admin, w.federationId, program(w.authorities.soc, { name: "KRUS" }))).rejects.toMatchObject({ code: "duplicate_name", field: "name" });
    await expect(createFederation(await w.ctx("installationAdmin"), { name: "", country: "DK" })).rejects.toMatchObject({ fieldErrors: { name: ["errors.required"], country: ["errors.choose"] } });
  });

  it("keeps a federation administrator to their own federation, and everyone else out", async () => {
    const fedAdmin = await w.ctx("federationAdmin");
    expect((await listFederations(fedAdmin)).map((f) => f.id)).toEqual([w.federationId]);
    await expect(createFederation(fedAdmin, { name: "Nytt", country: "SE" })).rejects.toBeInstanceOf(ForbiddenError);
    await expect(getFederation(await w.ctx("otherFederationAdmin"), w.federationId)).rejects.toBeInstanceOf(ForbiddenError);
    await expect(updateProgram(await w.ctx("otherFederationAdmin"), w.programId, program(w.authorities.soc))).rejects.toBeInstanceOf(ForbiddenError);
    for (const user of ["manager", "coordinator", "steering", "officer"] as const) {
      await expect(listFederations(await w.ctx(user)), user).rejects.toBeInstanceOf(ForbiddenError);
      await expect(getProgram(await w.ctx(user), w.programId), user).rejects.toBeInstanceOf(ForbiddenError);
    }
    await expect(getProgram(fedAdmin, "00000000-0000-4000-8000-000000000000")).rejects.toBeInstanceOf(NotFoundError);
  });

  it("edits a program's groups and refuses to change a federation's country under its authorities", async () => {
    const admin = await w.ctx("federationAdmin");
    await updateProgram(admin, w.programId, program(w.authorities.soc, { name: "KRUS", ordinaryCapacity: "12", active: undefined }));
    const details = await getProgram(admin, w.programId);
    expect(details.active).toBe(false);
    expect(details.groups.find((g) => g.kind === "ordinary")?.capacity).toBe(12);
    await expect(updateFederation(admin, w.federationId, { name: "Nytt namn", country: "NO" })).rejects.toMatchObject({ fieldErrors: { country: ["organisation.errors.countryHasAuthorities"] } });
    const unit = await addUnit(admin, w.authorities.fk, { name: "Kalmar" });
    await addUnit(admin, w.authorities.fk, { name: "Nybro" });
    await expect(renameUnit(admin, unit.id, { name: "Nybro" })).rejects.toBeInstanceOf(ConflictError);
  });
});
