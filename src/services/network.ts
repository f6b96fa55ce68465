import { decide } from "../domain/policy.ts";
import { isUuid } from "./access.ts";
import { auditByActor } from "./audit.ts";
import type { ServiceContext, Tx } from "./context.ts";
import { NotFoundError, ValidationError } from "./errors.ts";
import { type LoadedEnrolment, loadEnrolment, may } from "./journey-access.ts";
import { validate } from "./schemas/common.ts";
import { type NetworkContactInput, networkContactSchema, type NetworkKind } from "./schemas/journal.ts";

// The participant's network (responsibility group, CRUX's "ansvarsgruppe"): contacts at the member
// authorities, in health care, family and others, with their role and how to reach them. A contact who is
// no longer part of it is ended, never deleted: the network's history stays readable. Read by those who
// see the participant's journey ("participant.view"), changed by the coordinators and the manager
// ("participant.manage"). Contacts are people too: every read is in the audit log, names never are.

export interface NetworkContactView {
  id: string;
  kind: NetworkKind;
  authorityId: string | null;
  /** The member authority's name, for contacts at one. */
  authorityName: string | null;
  name: string;
  organisation: string;
  role: string;
  phone: string;
  email: string;
  note: string;
  createdAt: Date;
  updatedAt: Date;
  endedAt: Date | null;
}

export interface NetworkView {
  enrolmentId: string;
  participant: { personId: string; reference: string; name: string | null };
  programName: string;
  current: NetworkContactView[];
  ended: NetworkContactView[];
  /** The federation's member authorities, to choose from. */
  authorities: { id: string; name: string }[];
  canManage: boolean;
}

function participantOf(ctx: ServiceContext, loaded: LoadedEnrolment): NetworkView["participant"] {
  const { row, resource } = loaded.person;
  const masked = resource.protectedIdentity && !decide(ctx.actor.subject, "person.viewProtected", resource).allowed;
  return { personId: row.id, reference: row.reference, name: masked ? null : `${row.first_name} ${row.last_name}` };
}

async function authoritiesOf(tx: Tx, federationId: string) {
  return tx.selectFrom("authorities").select(["id", "name"]).where("federation_id", "=", federationId).orderBy("name").execute();
}

async function contactsOf(tx: Tx, loaded: LoadedEnrolment, contactId?: string): Promise<NetworkContactView[]> {
  let query = tx
    .selectFrom("network_contacts as c")
    .leftJoin("authorities as a", "a.id", "c.authority_id")
    .selectAll("c")
    .select("a.name as authority_name")
    .where("c.person_id", "=", loaded.enrolment.person_id)
    .where("c.program_id", "=", loaded.enrolment.program_id);
  if (contactId !== undefined) query = query.where("c.id", "=", contactId);
  const rows = await query.orderBy("c.ended_at", (ob) => ob.desc().nullsFirst()).orderBy("c.name").orderBy("c.id").execute();
  return rows.map((r) => ({
    id: r.id,
    kind: r.kind,
    authorityId: r.authority_id,
    authorityName: r.authority_name,
    name: r.name,
    organisation: r.organisation,
    role: r.role,
    phone: r.phone,
    email: r.email,
    note: r.note,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
    endedAt: r.ended_at,
  }));
}

function audited(tx: Tx, ctx: ServiceContext, loaded: LoadedEnrolment, event: { action: string; entityId: string; details: Record<string, unknown> }) {
  const { action, entityId, details } = event;
  return auditByActor(tx, ctx, loaded.role, {
    action,
    entityType: action === "network.view" ? "enrolment" : "network_contact",
    entityId,
    personId: loaded.enrolment.person_id,
    programId: loaded.program.id,
    federationId: loaded.program.federationId,
    details,
  });
}

/** The participant's network: current contacts first, then the ended ones. */
export async function getNetwork(ctx: ServiceContext, enrolmentId: string): Promise<NetworkView> {
  return ctx.db.transaction().execute(async (tx) => {
    const loaded = await loadEnrolment(tx, ctx, enrolmentId, "participant.view");
    const contacts = await contactsOf(tx, loaded);
    await audited(tx, ctx, loaded, { action: "network.view", entityId: loaded.enrolment.id, details: { contactIds: contacts.map((c) => c.id) } });
    return {
      enrolmentId: loaded.enrolment.id,
      participant: participantOf(ctx, loaded),
      programName: loaded.program.name,
      current: contacts.filter((c) => c.endedAt === null),
      ended: contacts.filter((c) => c.endedAt !== null),
      authorities: await authoritiesOf(tx, loaded.program.federationId),
      canManage: may(ctx, loaded, "participant.manage"),
    };
  });
}

export interface NetworkContactForm {
  enrolmentId: string;
  participant: NetworkView["participant"];
  contact: NetworkContactView;
  authorities: { id: string; name: string }[];
}

/** One contact, for changing or ending it. */
export async function getContact(ctx: ServiceContext, enrolmentId: string, contactId: string): Promise<NetworkContactForm> {
  return ctx.db.transaction().execute(async (tx) => {
    const loaded = await loadEnrolment(tx, ctx, enrolmentId, "participant.manage");
    if (!isUuid(contactId)) throw new NotFoundError("contact");
    const [contact] = await contactsOf(tx, loaded, contactId);
    if (!contact) throw new NotFoundError("contact");
    await audited(tx, ctx, loaded, { action: "network.view", entityId: loaded.enrolment.id, details: { contactIds: [contact.id] } });
    return { enrolmentId: loaded.enrolment.id, participant: participantOf(ctx, loaded), contact, authorities: await authoritiesOf(tx, loaded.program.federationId) };
  });
}

/** The authority must be one of the federation's member authorities; its name is the default organisation. */
async function checkedValues(tx: Tx, loaded: LoadedEnrolment, data: NetworkContactInput) {
  let organisation = data.organisation ?? "";
  if (data.kind === "authority") {
    const authority = await tx
      .selectFrom("authorities")
      .select("name")
      .where("id", "=", data.authorityId!)
      .where("federation_id", "=", loaded.program.federationId)
      .executeTakeFirst();
    if (!authority) throw new ValidationError({ authorityId: ["network.errors.authority"] });
    if (!organisation) organisation = authority.name;
  }
  return {
    kind: data.kind,
    authority_id: data.kind === "authority" ? data.authorityId! : null,
    name: data.name,
    organisation,
    role: data.role ?? "",
    phone: data.phone ?? "",
    email: data.email ?? "",
    note: data.note ?? "",
  };
}

/** Adds a contact to the participant's network. */
export async function addContact(ctx: ServiceContext, enrolmentId: string, input: unknown): Promise<{ id: string }> {
  const data = validate(networkContactSchema, input);
  return ctx.db.transaction().execute(async (tx) => {
    const loaded = await loadEnrolment(tx, ctx, enrolmentId, "participant.manage");
    const values = await checkedValues(tx, loaded, data);
    const now = ctx.now();
    const row = await tx
      .insertInto("network_contacts")
      .values({ ...values, person_id: loaded.enrolment.person_id, program_id: loaded.enrolment.program_id, created_by: ctx.actor.user.id, created_at: now, updated_at: now })
      .returning("id")
      .executeTakeFirstOrThrow();
    await audited(tx, ctx, loaded, { action: "network.add", entityId: row.id, details: { enrolmentId: loaded.enrolment.id, kind: data.kind, authorityId: values.authority_id } });
    return row;
  });
}

async function openContact(tx: Tx, loaded: LoadedEnrolment, contactId: string) {
  if (!isUuid(contactId)) throw new NotFoundError("contact");
  const contact = await tx
    .selectFrom("network_contacts")
    .select(["id", "ended_at"])
    .where("id", "=", contactId)
    .where("person_id", "=", loaded.enrolment.person_id)
    .where("program_id", "=", loaded.enrolment.program_id)
    .executeTakeFirst();
  if (!contact) throw new NotFoundError("contact");
  if (contact.ended_at !== null) throw new ValidationError({}, ["network.errors.ended"]);
  return contact;
}

/** Changes a current contact (an ended one is kept as it was). */
export async function updateContact(ctx: ServiceContext, enrolmentId: string, contactId: string, input: unknown): Promise<void> {
  const data = validate(networkContactSchema, input);
  await ctx.db.transaction().execute(async (tx) => {
    const loaded = await loadEnrolment(tx, ctx, enrolmentId, "participant.manage");
    await openContact(tx, loaded, contactId);
    const values = await checkedValues(tx, loaded, data);
    await tx.updateTable("network_contacts").set({ ...values, updated_at: ctx.now() }).where("id", "=", contactId).execute();
    await audited(tx, ctx, loaded, { action: "network.update", entityId: contactId, details: { enrolmentId: loaded.enrolment.id, kind: data.kind, authorityId: values.authority_id } });
  });
}

/** Ends a contact: no longer part of the network, kept and shown as ended. */
export async function endContact(ctx: ServiceContext, enrolmentId: string, contactId: string): Promise<void> {
  await ctx.db.transaction().execute(async (tx) => {
    const loaded = await loadEnrolment(tx, ctx, enrolmentId, "participant.manage");
    await openContact(tx, loaded, contactId);
    const now = ctx.now();
    await tx.updateTable("network_contacts").set({ ended_at: now, updated_at: now }).where("id", "=", contactId).execute();
    await audited(tx, ctx, loaded, { action: "network.end", entityId: contactId, details: { enrolmentId: loaded.enrolment.id } });
  });
}
