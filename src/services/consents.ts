import { createHash } from "node:crypto";
import { consentStatus, type ConsentStatus } from "../domain/consent.ts";
import { decide } from "../domain/policy.ts";
import { isUuid, loadPerson } from "./access.ts";
import { auditByActor } from "./audit.ts";
import { isoToday, type ServiceContext, type Tx } from "./context.ts";
import { ForbiddenError, NotFoundError, ValidationError } from "./errors.ts";
import { notify } from "./notifications.ts";
import { validate } from "./schemas/common.ts";
import { consentSchema, consentWithdrawalSchema } from "./schemas/intake.ts";

// Consent: recorded with the request (a signed form as a file, or recorded by the officer), replaced by a
// new one, or withdrawn, with effect at once: from then on only the program's own staff see the person.

export const CONSENT_FILE_TYPES = ["application/pdf", "image/jpeg", "image/png"] as const;
export const MAX_CONSENT_FILE_BYTES = 10 * 1024 * 1024;

export interface UploadedFile {
  name: string;
  type: string;
  bytes: Uint8Array;
}

export interface ConsentView {
  id: string;
  status: ConsentStatus;
  givenOn: string;
  validUntil: string;
  purpose: string;
  method: "signed_form" | "recorded";
  authorities: { id: string; name: string }[];
  recordedBy: string;
  recordedAt: Date;
  endedAt: Date | null;
  endNote: string;
  file: { id: string; name: string; size: number } | null;
}

async function personFor(tx: Tx, ctx: ServiceContext, personId: string) {
  const person = await loadPerson(tx, personId, isoToday(ctx.now()));
  if (!person) throw new NotFoundError("person");
  return person;
}

/** Records a consent for a person in their program. A consent already in force is replaced by it. */
export async function recordConsent(ctx: ServiceContext, personId: string, input: unknown, file?: UploadedFile | null): Promise<{ id: string }> {
  const data = validate(consentSchema, input);
  const today = isoToday(ctx.now());
  const fileErrors: string[] = [];
  if (data.givenOn > today) throw new ValidationError({ givenOn: ["consent.errors.givenInFuture"] });
  if (data.method === "signed_form") {
    if (!file || file.bytes.length === 0) fileErrors.push("consent.errors.fileRequired");
    else if (!(CONSENT_FILE_TYPES as readonly string[]).includes(file.type)) fileErrors.push("consent.errors.fileType");
    else if (file.bytes.length > MAX_CONSENT_FILE_BYTES) fileErrors.push("consent.errors.fileTooLarge");
  }
  if (fileErrors.length) throw new ValidationError({ file: fileErrors });
  return ctx.db.transaction().execute(async (tx) => {
    const person = await personFor(tx, ctx, personId);
    const decision = decide(ctx.actor.subject, "consent.record", person.resource);
    if (!decision.allowed) {
      if (!decide(ctx.actor.subject, "person.view", person.resource).allowed) throw new NotFoundError("person");
      throw new ForbiddenError();
    }
    const members = new Set((await tx.selectFrom("authorities").select("id").where("federation_id", "=", person.resource.federationId).execute()).map((a) => a.id));
    if (data.authorityIds.some((id) => !members.has(id))) throw new ValidationError({ authorityIds: ["consent.errors.authorities"] });
    if (data.requestId) {
      const request = await tx.selectFrom("interest_requests").select(["person_id"]).where("id", "=", data.requestId).executeTakeFirst();
      if (!request || request.person_id !== person.row.id) throw new ValidationError({}, ["errors.invalid"]);
    }
    const now = ctx.now();
    let fileId: string | null = null;
    if (data.method === "signed_form" && file) {
      const stored = await tx
        .insertInto("files")
        .values({
          name: file.name.slice(0, 200) || "samtycke",
          content_type: file.type,
          size: file.bytes.length,
          sha256: createHash("sha256").update(file.bytes).digest("hex"),
          content: file.bytes,
          uploaded_by: ctx.actor.user.id,
          uploaded_at: now,
        })
        .returning("id")
        .executeTakeFirstOrThrow();
      fileId = stored.id;
    }
    const replaced = await tx
      .updateTable("consents")
      .set({ ended_at: now, end_reason: "replaced", ended_by: ctx.actor.user.id })
      .where("person_id", "=", person.row.id)
      .where("program_id", "=", person.row.program_id)
      .where("ended_at", "is", null)
      .executeTakeFirst();
    const consent = await tx
      .insertInto("consents")
      .values({
        person_id: person.row.id,
        program_id: person.row.program_id,
        request_id: data.requestId ?? null,
        purpose: data.purpose,
        given_on: data.givenOn,
        valid_until: data.validUntil,
        method: data.method,
        file_id: fileId,
        recorded_by: ctx.actor.user.id,
        recorded_at: now,
      })
      .returning("id")
      .executeTakeFirstOrThrow();
    await tx.insertInto("consent_authorities").values(data.authorityIds.map((authority_id) => ({ consent_id: consent.id, authority_id }))).execute();
    await auditByActor(tx, ctx, decision.role, {
      action: "consent.record",
      entityType: "consent",
      entityId: consent.id,
      personId: person.row.id,
      programId: person.row.program_id,
      federationId: person.resource.federationId,
      details: { method: data.method, authorities: data.authorityIds.length, validUntil: data.validUntil, replaced: Number(replaced.numUpdatedRows) },
    });
    return consent;
  });
}

/**
 * Records that the person withdraws their consent. It takes effect at once: the member authorities' access
 * ends with this transaction. The program's coordinators and the authors of the person's requests are told.
 */
export async function withdrawConsent(ctx: ServiceContext, personId: string, input: unknown): Promise<void> {
  const data = validate(consentWithdrawalSchema, input);
  await ctx.db.transaction().execute(async (tx) => {
    const person = await personFor(tx, ctx, personId);
    const decision = decide(ctx.actor.subject, "consent.withdraw", person.resource);
    if (!decision.allowed) {
      if (!decide(ctx.actor.subject, "person.view", person.resource).allowed) throw new NotFoundError("person");
      throw new ForbiddenError();
    }
    const now = ctx.now();
    const ended = await tx
      .updateTable("consents")
      .set({ ended_at: now, end_reason: "withdrawn", ended_by: ctx.actor.user.id, end_note: data.note ?? "" })
      .where("person_id", "=", person.row.id)
      .where("program_id", "=", person.row.program_id)
      .where("ended_at", "is", null)
      .returning("id")
      .execute();
    if (ended.length === 0) throw new ValidationError({}, ["consent.errors.noneToWithdraw"]);
    const authors = await tx.selectFrom("interest_requests").select("author_id").where("person_id", "=", person.row.id).where("program_id", "=", person.row.program_id).execute();
    const staff = await tx
      .selectFrom("role_assignments")
      .select("user_id")
      .where("program_id", "=", person.row.program_id)
      .where("role", "in", ["coordinator", "manager"])
      .where("ended_at", "is", null)
      .execute();
    await notify(tx, now, ctx.publicUrl, {
      userIds: [...authors.map((a) => a.author_id), ...staff.map((s) => s.user_id)].filter((id) => id !== ctx.actor.user.id),
      kind: "consent.withdrawn",
      params: { reference: person.row.reference },
      link: `/people/${person.row.id}`,
    });
    await auditByActor(tx, ctx, decision.role, {
      action: "consent.withdraw",
      entityType: "consent",
      entityId: ended[0]!.id,
      personId: person.row.id,
      programId: person.row.program_id,
      federationId: person.resource.federationId,
      details: { ended: ended.length },
    });
  });
}

/** The consents recorded for a person, newest first: for those who see the person. */
export async function listConsents(ctx: ServiceContext, personId: string): Promise<ConsentView[]> {
  const today = isoToday(ctx.now());
  const person = await loadPerson(ctx.db, personId, today);
  if (!person || !decide(ctx.actor.subject, "person.view", person.resource).allowed) throw new NotFoundError("person");
  const rows = await ctx.db
    .selectFrom("consents as c")
    .innerJoin("users as u", "u.id", "c.recorded_by")
    .leftJoin("files as f", "f.id", "c.file_id")
    .select(["c.id", "c.given_on", "c.valid_until", "c.purpose", "c.method", "c.recorded_at", "c.ended_at", "c.end_reason", "c.end_note", "u.display_name", "f.id as file_id", "f.name as file_name", "f.size as file_size"])
    .where("c.person_id", "=", person.row.id)
    .where("c.program_id", "=", person.row.program_id)
    .orderBy("c.recorded_at", "desc")
    .execute();
  const authorities = rows.length
    ? await ctx.db
        .selectFrom("consent_authorities as ca")
        .innerJoin("authorities as a", "a.id", "ca.authority_id")
        .select(["ca.consent_id", "a.id", "a.name"])
        .where("ca.consent_id", "in", rows.map((r) => r.id))
        .orderBy("a.name")
        .execute()
    : [];
  return rows.map((r) => ({
    id: r.id,
    status: consentStatus({ givenOn: r.given_on, validUntil: r.valid_until, endReason: r.end_reason, authorityIds: [] }, today),
    givenOn: r.given_on,
    validUntil: r.valid_until,
    purpose: r.purpose,
    method: r.method,
    authorities: authorities.filter((a) => a.consent_id === r.id).map((a) => ({ id: a.id, name: a.name })),
    recordedBy: r.display_name,
    recordedAt: r.recorded_at,
    endedAt: r.ended_at,
    endNote: r.end_note,
    file: r.file_id ? { id: r.file_id, name: r.file_name ?? "", size: r.file_size ?? 0 } : null,
  }));
}

/** The signed consent form, for those who may see the person. Downloading it is recorded. */
export async function consentFile(ctx: ServiceContext, consentId: string): Promise<UploadedFile> {
  if (!isUuid(consentId)) throw new NotFoundError("consent");
  return ctx.db.transaction().execute(async (tx) => {
    const consent = await tx.selectFrom("consents").select(["id", "person_id", "file_id"]).where("id", "=", consentId).executeTakeFirst();
    if (!consent?.file_id) throw new NotFoundError("consent");
    const person = await personFor(tx, ctx, consent.person_id);
    const decision = decide(ctx.actor.subject, "person.view", person.resource);
    if (!decision.allowed) throw new NotFoundError("consent");
    const file = await tx.selectFrom("files").select(["name", "content_type", "content"]).where("id", "=", consent.file_id).executeTakeFirstOrThrow();
    await auditByActor(tx, ctx, decision.role, {
      action: "consent.file",
      entityType: "consent",
      entityId: consent.id,
      personId: person.row.id,
      programId: person.row.program_id,
      federationId: person.resource.federationId,
    });
    return { name: file.name, type: file.content_type, bytes: new Uint8Array(file.content) };
  });
}
