import { randomBytes } from "node:crypto";
import type { Role } from "../../src/domain/roles.ts";
import { loadActor } from "../../src/services/auth.ts";
import type { Deps, ServiceContext } from "../../src/services/context.ts";
import { hashPassword } from "../../src/services/crypto.ts";

// A small, known world for integration tests: two federations, a program with staff in every role,
// a second program with its own case officer, and a few people.

export const PASSWORD = "correct horse battery staple";
let passwordHash: Promise<string> | null = null;

export type UserKey =
  | "installationAdmin"
  | "federationAdmin"
  | "otherFederationAdmin"
  | "manager"
  | "coordinator"
  | "therapist"
  | "officer"
  | "officerOtherProgram"
  | "team"
  | "steering"
  | "volunteer"
  | "participant"
  | "noRole";

export interface World {
  federationId: string;
  otherFederationId: string;
  programId: string;
  otherProgramId: string;
  authorities: { fk: string; af: string; soc: string; region: string };
  users: Record<UserKey, { id: string; email: string }>;
  people: { ella: string; oscar: string; protectedAlva: string; otherProgramJonas: string };
  ctx(user: UserKey, meta?: { ip?: string }): Promise<ServiceContext>;
}

export async function createWorld(deps: Deps): Promise<World> {
  passwordHash ??= hashPassword(PASSWORD);
  const hash = await passwordHash;
  const db = deps.db;
  const suffix = randomBytes(3).toString("hex");
  const fed = await db.insertInto("federations").values({ name: `Samordningsförbundet ${suffix}`, country: "SE" }).returning("id").executeTakeFirstOrThrow();
  const otherFed = await db.insertInto("federations").values({ name: `Annat förbund ${suffix}`, country: "SE" }).returning("id").executeTakeFirstOrThrow();
  const authority = async (name: string, kind: string) =>
    (await db.insertInto("authorities").values({ federation_id: fed.id, name, kind }).returning("id").executeTakeFirstOrThrow()).id;
  const authorities = {
    fk: await authority("Försäkringskassan", "fk"),
    af: await authority("Arbetsförmedlingen", "af"),
    soc: await authority("Kalmar kommun, socialförvaltningen", "social_services"),
    region: await authority("Region Kalmar län", "region"),
  };
  const program = async (name: string, owner: string) => {
    const row = await db.insertInto("programs").values({ federation_id: fed.id, owner_authority_id: owner, name }).returning("id").executeTakeFirstOrThrow();
    await db
      .insertInto("program_groups")
      .values([
        { program_id: row.id, kind: "ordinary", name: "Ordinarie grupp", capacity: 15 },
        { program_id: row.id, kind: "pre_group", name: "Förgrupp", capacity: 10 },
      ])
      .execute();
    return row.id;
  };
  const programId = await program("KRUS", authorities.soc);
  const otherProgramId = await program("Vägen vidare", authorities.soc);

  const person = async (programIdFor: string, first: string, last: string, idNumber: string | null, birthDate: string, protectedIdentity = false) =>
    (
      await db
        .insertInto("people")
        .values({
          program_id: programIdFor,
          reference: `P-${randomBytes(4).toString("hex").toUpperCase().slice(0, 6)}`,
          first_name: first,
          last_name: last,
          id_number: idNumber,
          id_number_kind: idNumber ? "se_personnummer" : null,
          sex: "female",
          birth_date: birthDate,
          preferred_language: "sv",
          protected_identity: protectedIdentity,
        })
        .returning("id")
        .executeTakeFirstOrThrow()
    ).id;
  const people = {
    ella: await person(programId, "Ella", "Johansson", "200103142386", "2001-03-14"),
    oscar: await person(programId, "Oscar", "Lindgren", null, "1999-08-22"),
    protectedAlva: await person(programId, "Alva", "Eriksson", "200107282386", "2001-07-28", true),
    otherProgramJonas: await person(otherProgramId, "Jonas", "Holm", null, "1999-04-04"),
  };

  const roles: Record<UserKey, { role: Role; federation_id?: string; program_id?: string; authority_id?: string; person_id?: string }[]> = {
    installationAdmin: [{ role: "administrator" }],
    federationAdmin: [{ role: "administrator", federation_id: fed.id }],
    otherFederationAdmin: [{ role: "administrator", federation_id: otherFed.id }],
    manager: [{ role: "manager", program_id: programId }],
    coordinator: [{ role: "coordinator", program_id: programId }],
    therapist: [{ role: "therapist", program_id: programId }],
    officer: [{ role: "case_officer", program_id: programId, authority_id: authorities.fk }],
    officerOtherProgram: [{ role: "case_officer", program_id: otherProgramId, authority_id: authorities.af }],
    team: [{ role: "collaboration_team", program_id: programId, authority_id: authorities.af }],
    steering: [{ role: "steering_group", federation_id: fed.id }],
    volunteer: [{ role: "volunteer", program_id: programId }],
    participant: [{ role: "participant", person_id: people.ella }],
    noRole: [],
  };
  const users = {} as World["users"];
  for (const [key, assignments] of Object.entries(roles) as [UserKey, (typeof roles)[UserKey]][]) {
    const email = `${key.toLowerCase()}.${suffix}@test.example`;
    const user = await db.insertInto("users").values({ email, display_name: `Test ${key}`, password_hash: hash }).returning("id").executeTakeFirstOrThrow();
    users[key] = { id: user.id, email };
    for (const a of assignments) await db.insertInto("role_assignments").values({ user_id: user.id, ...a }).execute();
  }
  // Who works directly with whom.
  await db
    .insertInto("person_staff")
    .values([
      { person_id: people.ella, user_id: users.coordinator.id, relation: "coordinator" },
      { person_id: people.ella, user_id: users.officer.id, relation: "case_officer" },
      { person_id: people.protectedAlva, user_id: users.coordinator.id, relation: "coordinator" },
      { person_id: people.otherProgramJonas, user_id: users.officerOtherProgram.id, relation: "case_officer" },
    ])
    .execute();

  return {
    federationId: fed.id,
    otherFederationId: otherFed.id,
    programId,
    otherProgramId,
    authorities,
    users,
    people,
    async ctx(user, meta) {
      const actor = await loadActor(db, users[user].id);
      if (!actor) throw new Error(`no actor for ${user}`);
      return { ...deps, actor, meta: { ip: meta?.ip ?? "192.0.2.10", userAgent: "vitest" } };
    },
  };
}
