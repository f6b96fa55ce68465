import { afterAll, beforeAll, expect, it } from "vitest";
import { createTestDatabase, describeEachDatabase, type TestDatabase } from "../../tests/support/db.ts";
import { enrolDirectly } from "../../tests/support/journey.ts";
import { createWorld, type World } from "../../tests/support/world.ts";
import { recordConsent } from "./consents.ts";
import { ForbiddenError, NotFoundError, ValidationError } from "./errors.ts";
import { addContact, endContact, getContact, getNetwork, updateContact } from "./network.ts";

// The participant's network (responsibility group): contacts at member authorities, health care, family and
// others; changed by the coordinators and the manager, read by all who see the journey; ended, never deleted.

describeEachDatabase("network", (flavour) => {
  let t: TestDatabase;
  let w: World;
  let enrolmentId: string;

  beforeAll(async () => {
    t = await createTestDatabase(flavour);
    w = await createWorld(t.deps);
    ({ enrolmentId } = await enrolDirectly(t.deps, w, { personId: w.people.ella, startDate: "2026-09-01" }));
    await recordConsent(await w.ctx("officer"), w.people.ella, { authorityIds: [w.authorities.fk], purpose: "KRUS", givenOn: "2026-08-20", validUntil: "2028-08-20", method: "recorded" });
  });
  afterAll(() => t.close());

  it("adds contacts at a member authority (of the federation), in health care and in the family", async () => {
    const coordinator = await w.ctx("coordinator");
    const fk = await addContact(coordinator, enrolmentId, { kind: "authority", authorityId: w.authorities.fk, name: "Anders Lund", role: "Handläggare", phone: "010-123 45 67", email: "anders.lund@fk.example" });
    await addContact(coordinator, enrolmentId, { kind: "health", name: "Karin Vik", organisation: "Vuxenpsykiatrin", role: "Kurator", phone: "0480-123 45" });
    await addContact(await w.ctx("manager"), enrolmentId, { kind: "family", authorityId: w.authorities.af, name: "Lena Johansson", role: "Mamma", note: "Ring efter kl. 17" });
    const network = await getNetwork(coordinator, enrolmentId);
    expect(network.canManage).toBe(true);
    expect(network.authorities.map((a) => a.id).sort()).toEqual(Object.values(w.authorities).sort());
    expect(network.current.map((c) => c.name)).toEqual(["Anders Lund", "Karin Vik", "Lena Johansson"]);
    // The authority's name is the organisation unless another is given; other kinds have no authority.
    expect(network.current[0]).toMatchObject({ id: fk.id, kind: "authority", authorityId: w.authorities.fk, authorityName: "Försäkringskassan", organisation: "Försäkringskassan", endedAt: null });
    expect(network.current[2]).toMatchObject({ kind: "family", authorityId: null, authorityName: null, note: "Ring efter kl. 17" });
    expect(network.ended).toEqual([]);
  });

  it("refuses an authority outside the federation, and a contact at an authority without one, at the field", async () => {
    const coordinator = await w.ctx("coordinator");
    const elsewhere = await t.deps.db.insertInto("authorities").values({ federation_id: w.otherFederationId, name: "Annan kommun", kind: "social_services" }).returning("id").executeTakeFirstOrThrow();
    await expect(addContact(coordinator, enrolmentId, { kind: "authority", authorityId: elsewhere.id, name: "X" })).rejects.toMatchObject({ fieldErrors: { authorityId: ["network.errors.authority"] } });
    await expect(addContact(coordinator, enrolmentId, { kind: "authority", name: "X" })).rejects.toMatchObject({ fieldErrors: { authorityId: ["network.errors.authority"] } });
    await expect(addContact(coordinator, enrolmentId, { kind: "other", name: "", email: "inte en adress" })).rejects.toMatchObject({ fieldErrors: { name: ["errors.required"], email: ["errors.email"] } });
  });

  it("changes a contact, and ends it: kept, marked ended, no longer changeable", async () => {
    const coordinator = await w.ctx("coordinator");
    const { id } = await addContact(coordinator, enrolmentId, { kind: "other", name: "Per Arbetsgivare", organisation: "Kalmar Bygg" });
    t.clock.advance(60_000);
    await updateContact(coordinator, enrolmentId, id, { kind: "other", name: "Per Andersson", organisation: "Kalmar Bygg AB", role: "Handledare", phone: "070-111 22 33" });
    const form = await getContact(coordinator, enrolmentId, id);
    expect(form.contact).toMatchObject({ name: "Per Andersson", organisation: "Kalmar Bygg AB", role: "Handledare", phone: "070-111 22 33" });
    expect(form.contact.updatedAt.getTime()).toBeGreaterThan(form.contact.createdAt.getTime());
    const before = await t.deps.db.selectFrom("network_contacts").select("id").execute();

    await endContact(coordinator, enrolmentId, id);
    const network = await getNetwork(coordinator, enrolmentId);
    expect(network.current.map((c) => c.id)).not.toContain(id);
    expect(network.ended).toEqual([expect.objectContaining({ id, name: "Per Andersson", endedAt: t.clock.now })]);
    expect(await t.deps.db.selectFrom("network_contacts").select("id").execute()).toHaveLength(before.length);
    await expect(endContact(coordinator, enrolmentId, id)).rejects.toMatchObject({ formErrors: ["network.errors.ended"] });
    await expect(updateContact(coordinator, enrolmentId, id, { kind: "other", name: "Ny" })).rejects.toBeInstanceOf(ValidationError);
    // Another participant's contact is not reached through this enrolment.
    const { enrolmentId: oscar } = await enrolDirectly(t.deps, w, { personId: w.people.oscar, startDate: "2026-10-01" });
    await expect(endContact(coordinator, oscar, network.current[0]!.id)).rejects.toBeInstanceOf(NotFoundError);
    await expect(getContact(coordinator, oscar, network.current[0]!.id)).rejects.toBeInstanceOf(NotFoundError);
  });

  it("lets those who see the journey read the network; only coordinators and the manager change it", async () => {
    const network = await getNetwork(await w.ctx("coordinator"), enrolmentId);
    const contact = network.current[0]!;
    for (const user of ["therapist", "officer"] as const) {
      const ctx = await w.ctx(user);
      const seen = await getNetwork(ctx, enrolmentId);
      expect(seen.canManage, user).toBe(false);
      expect(seen.current.map((c) => c.id)).toEqual(network.current.map((c) => c.id));
      await expect(addContact(ctx, enrolmentId, { kind: "family", name: "Syster" }), user).rejects.toBeInstanceOf(ForbiddenError);
      await expect(updateContact(ctx, enrolmentId, contact.id, { kind: "family", name: "Syster" }), user).rejects.toBeInstanceOf(ForbiddenError);
      await expect(endContact(ctx, enrolmentId, contact.id), user).rejects.toBeInstanceOf(ForbiddenError);
      await expect(getContact(ctx, enrolmentId, contact.id), user).rejects.toBeInstanceOf(ForbiddenError);
    }
    for (const user of ["officerOtherProgram", "team", "volunteer", "steering", "participant"] as const) {
      await expect(getNetwork(await w.ctx(user), enrolmentId), user).rejects.toBeInstanceOf(NotFoundError);
    }
  });

  it("records reads and changes in the audit log, by id, without names", async () => {
    const network = await getNetwork(await w.ctx("officer"), enrolmentId);
    const read = await t.deps.db.selectFrom("audit_events").selectAll().where("action", "=", "network.view").orderBy("seq", "desc").limit(1).executeTakeFirstOrThrow();
    expect(read).toMatchObject({ actor_role: "case_officer", entity_id: enrolmentId, person_id: w.people.ella, details: { contactIds: [...network.current, ...network.ended].map((c) => c.id) } });
    const changes = await t.deps.db.selectFrom("audit_events").select(["action", "details"]).where("action", "in", ["network.add", "network.update", "network.end"]).execute();
    expect(changes.map((c) => c.action).sort()).toEqual(["network.add", "network.add", "network.add", "network.add", "network.end", "network.update"]);
    expect(JSON.stringify(changes)).not.toMatch(/Anders|Lena|Per |Karin|070-/);
  });
});
