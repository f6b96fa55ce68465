import { addDays } from "../domain/calendar.ts";
import { luhnCheckDigit } from "../domain/identity-number.ts";
import type { Sex } from "../domain/person.ts";
import type { Role } from "../domain/roles.ts";
import { appendAuditEvent } from "../services/audit.ts";
import type { Deps, Tx } from "../services/context.ts";
import { isoToday } from "../services/context.ts";
import { hashPassword } from "../services/crypto.ts";
import { playIntakeStory, type StoryUsers, withdrawOneConsent } from "./intake-story.ts";
import { demoStart, journeyStory, registeredOn } from "./journey-story.ts";
import { budgetDemo } from "./budget-story.ts";
import { surveyStory } from "./survey-story.ts";
import { groupStory } from "./group-story.ts";
import { travelStory } from "./travel-story.ts";

// Demo data: Samordningsförbundet i Kalmar län with its program KRUS (owned by Kalmar kommun's social
// services), a neighbouring program, the member authorities, staff in every role and about 40 people.
// Everything is made up; identity numbers are valid in form but belong to no one we know of.
// Loaded only on the first start (an empty database) and never when NODE_ENV=production.

export const DEMO_PASSWORD = "demo-spelplan-2026";

export interface DemoLogin {
  role: string;
  email: string;
}

interface DemoUser {
  key: string;
  name: string;
  email: string;
  label: string;
  roles: { role: Role; program?: "krus" | "nybro"; authority?: AuthorityKey; unit?: string; federation?: true; person?: number }[];
}

type AuthorityKey = "fk" | "af" | "soc" | "region" | "nybro_soc";

const AUTHORITIES: Record<AuthorityKey, { name: string; kind: string; units: string[] }> = {
  fk: { name: "Försäkringskassan", kind: "fk", units: ["Lokalt försäkringscenter Kalmar"] },
  af: { name: "Arbetsförmedlingen", kind: "af", units: ["Arbetsförmedlingen Kalmar", "Arbetsförmedlingen Nybro"] },
  soc: { name: "Kalmar kommun, socialförvaltningen", kind: "social_services", units: ["Försörjningsstöd", "Vuxenenheten"] },
  region: { name: "Region Kalmar län", kind: "region", units: ["Vuxenpsykiatrin Kalmar", "Hälsocentralen Norrliden"] },
  nybro_soc: { name: "Nybro kommun, socialförvaltningen", kind: "social_services", units: ["Arbetsmarknadsenheten"] },
};

const USERS: DemoUser[] = [
  { key: "admin", name: "Erik Holm", email: "erik.holm@samordning-kalmar.example", label: "Administratör", roles: [{ role: "administrator" }] },
  { key: "manager", name: "Maria Bergström", email: "maria.bergstrom@kalmar.example", label: "Verksamhetschef KRUS", roles: [{ role: "manager", program: "krus" }] },
  { key: "coord1", name: "Sara Nilsson", email: "sara.nilsson@kalmar.example", label: "Koordinator (projektledare)", roles: [{ role: "coordinator", program: "krus", authority: "soc" }] },
  { key: "coord2", name: "Johan Ek", email: "johan.ek@kalmar.example", label: "Koordinator", roles: [{ role: "coordinator", program: "krus", authority: "fk" }] },
  { key: "coord3", name: "Leila Haddad", email: "leila.haddad@kalmar.example", label: "Koordinator", roles: [{ role: "coordinator", program: "krus", authority: "af" }] },
  { key: "therapist", name: "Karin Sjöberg", email: "karin.sjoberg@regionkalmar.example", label: "Terapeut", roles: [{ role: "therapist", program: "krus", authority: "region" }] },
  {
    key: "officer_fk", name: "Anders Lund", email: "anders.lund@forsakringskassan.example", label: "Handläggare Försäkringskassan",
    roles: [{ role: "case_officer", program: "krus", authority: "fk", unit: "Lokalt försäkringscenter Kalmar" }, { role: "collaboration_team", program: "krus", authority: "fk" }],
  },
  {
    key: "officer_af", name: "Fatima Ali", email: "fatima.ali@arbetsformedlingen.example", label: "Handläggare Arbetsförmedlingen",
    roles: [{ role: "case_officer", program: "krus", authority: "af", unit: "Arbetsförmedlingen Kalmar" }, { role: "collaboration_team", program: "krus", authority: "af" }],
  },
  {
    key: "officer_soc", name: "Peter Svensson", email: "peter.svensson@kalmar.example", label: "Socialsekreterare",
    roles: [{ role: "case_officer", program: "krus", authority: "soc", unit: "Försörjningsstöd" }, { role: "collaboration_team", program: "krus", authority: "soc" }],
  },
  {
    key: "officer_region", name: "Eva Strand", email: "eva.strand@regionkalmar.example", label: "Kurator Region Kalmar län",
    roles: [{ role: "case_officer", program: "krus", authority: "region", unit: "Vuxenpsykiatrin Kalmar" }, { role: "collaboration_team", program: "krus", authority: "region" }],
  },
  { key: "officer_nybro", name: "Olof Dahl", email: "olof.dahl@arbetsformedlingen.example", label: "Handläggare i ett annat program (Nybro)", roles: [{ role: "case_officer", program: "nybro", authority: "af", unit: "Arbetsförmedlingen Nybro" }] },
  { key: "steering", name: "Lars Göransson", email: "lars.goransson@samordning-kalmar.example", label: "Styrgruppen", roles: [{ role: "steering_group", federation: true }] },
  { key: "volunteer", name: "Nora Berg", email: "nora.berg@frivillig.example", label: "Volontär", roles: [{ role: "volunteer", program: "krus" }] },
  { key: "participant", name: "Ella Johansson", email: "ella.johansson@deltagare.example", label: "Deltagare", roles: [{ role: "participant", person: 0 }] },
];

interface DemoPerson {
  first: string;
  last: string;
  sex: Sex;
  /** YYYYMMDD, or null with birthDate for people without an identity number. */
  born: string;
  idKind: "pnr" | "samordning" | "none";
  protectedIdentity?: boolean;
  language?: string;
  city?: string;
  program?: "krus" | "nybro";
}

// Index 0 is the demo participant's own record.
const PEOPLE: DemoPerson[] = [
  { first: "Ella", last: "Johansson", sex: "female", born: "20010314", idKind: "pnr" },
  { first: "Oscar", last: "Lindgren", sex: "male", born: "19990822", idKind: "pnr" },
  { first: "Amira", last: "Hassan", sex: "female", born: "20000105", idKind: "pnr", language: "ar" },
  { first: "Viktor", last: "Andersson", sex: "male", born: "19970630", idKind: "pnr" },
  { first: "Linnea", last: "Karlsson", sex: "female", born: "20021119", idKind: "pnr" },
  { first: "Mohamed", last: "Abdi", sex: "male", born: "19981203", idKind: "pnr", language: "so" },
  { first: "Wilma", last: "Persson", sex: "female", born: "20030407", idKind: "pnr" },
  { first: "Hugo", last: "Gustafsson", sex: "male", born: "19960918", idKind: "pnr" },
  { first: "Alva", last: "Eriksson", sex: "female", born: "20010728", idKind: "pnr", protectedIdentity: true },
  { first: "Elias", last: "Olsson", sex: "male", born: "20000211", idKind: "pnr" },
  { first: "Maja", last: "Larsson", sex: "female", born: "19990503", idKind: "pnr" },
  { first: "Noah", last: "Jönsson", sex: "male", born: "20040109", idKind: "pnr" },
  { first: "Saga", last: "Petersson", sex: "female", born: "19980926", idKind: "pnr" },
  { first: "Liam", last: "Håkansson", sex: "male", born: "20020615", idKind: "pnr" },
  { first: "Tilde", last: "Fransson", sex: "female", born: "19971012", idKind: "pnr" },
  { first: "Yonas", last: "Tesfay", sex: "male", born: "19990101", idKind: "samordning", language: "ti" },
  { first: "Nour", last: "Al-Sayed", sex: "female", born: "20010415", idKind: "none", language: "ar" },
  { first: "Isak", last: "Berglund", sex: "male", born: "19950723", idKind: "pnr" },
  { first: "Freja", last: "Sandberg", sex: "female", born: "20030830", idKind: "pnr", protectedIdentity: true },
  { first: "Adam", last: "Lindqvist", sex: "male", born: "20001127", idKind: "pnr" },
  { first: "Klara", last: "Magnusson", sex: "female", born: "19980219", idKind: "pnr" },
  { first: "Anton", last: "Axelsson", sex: "male", born: "19940504", idKind: "pnr" },
  { first: "Ebba", last: "Hedlund", sex: "female", born: "20020302", idKind: "pnr" },
  { first: "Samir", last: "Rahimi", sex: "male", born: "19970808", idKind: "samordning", language: "prs" },
  { first: "Julia", last: "Holmberg", sex: "female", born: "19991215", idKind: "pnr" },
  { first: "Lucas", last: "Nyström", sex: "male", born: "20011009", idKind: "pnr" },
  { first: "Alice", last: "Sundberg", sex: "female", born: "19960111", idKind: "pnr" },
  { first: "Kevin", last: "Lundgren", sex: "male", born: "19880617", idKind: "pnr" },
  { first: "Sofia", last: "Mattsson", sex: "female", born: "19850929", idKind: "pnr" },
  { first: "Robin", last: "Ek", sex: "other", born: "20000606", idKind: "pnr" },
  { first: "Hanna", last: "Blom", sex: "female", born: "19920424", idKind: "pnr" },
  { first: "Daniel", last: "Forsberg", sex: "male", born: "19791103", idKind: "pnr" },
  { first: "Aisha", last: "Warsame", sex: "female", born: "20030121", idKind: "none", language: "so" },
  { first: "Emil", last: "Wallin", sex: "male", born: "19980711", idKind: "pnr", protectedIdentity: true },
  { first: "Moa", last: "Engström", sex: "female", born: "20011231", idKind: "pnr" },
  { first: "Filip", last: "Lindholm", sex: "male", born: "19930315", idKind: "none" },
  { first: "Ida", last: "Danielsson", sex: "female", born: "20000820", idKind: "pnr" },
  { first: "Jonas", last: "Holm", sex: "male", born: "19990404", idKind: "pnr", program: "nybro", city: "Nybro" },
  { first: "Elin", last: "Strömberg", sex: "female", born: "20020510", idKind: "pnr", program: "nybro", city: "Nybro" },
  { first: "Ali", last: "Mohammadi", sex: "male", born: "19980130", idKind: "samordning", program: "nybro", city: "Nybro", language: "fa" },
];

const STREETS = ["Storgatan", "Södra Långgatan", "Norra vägen", "Lorensbergsgatan", "Esplanaden", "Smålandsgatan", "Tullslätten", "Berga centrum"];
const REFERENCE_ALPHABET = "23456789ABCDEFGHJKLMNPQRSTUVWXYZ";

/** A small deterministic random source, so the demo data is the same on every machine. */
function prng(seed: number) {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function idNumber(person: DemoPerson, serial: number): string | null {
  if (person.idKind === "none") return null;
  const yymmdd = person.born.slice(2);
  const day = Number(person.born.slice(6, 8)) + (person.idKind === "samordning" ? 60 : 0);
  const datePart = `${yymmdd.slice(0, 4)}${String(day).padStart(2, "0")}`;
  // The third digit of the serial number: odd for men, even for women.
  const sexDigit = person.sex === "male" ? 1 + 2 * (serial % 5) : 2 * (serial % 5);
  const nnn = `${String(20 + (serial % 70)).padStart(2, "0")}${sexDigit}`;
  const check = luhnCheckDigit(`${datePart}${nnn}`);
  return `${person.born.slice(0, 2)}${datePart}${nnn}${check}`;
}

/** Loads the demo data into an empty database. Returns the logins to print, or null if the database had data. */
export async function loadDemoData(deps: Deps): Promise<{ password: string; logins: DemoLogin[] } | null> {
  const logins = USERS.map((u) => ({ role: u.label, email: u.email }));
  const anyUser = await deps.db.selectFrom("users").select("id").limit(1).executeTakeFirst();
  if (anyUser) {
    const demo = await deps.db.selectFrom("users").select("id").where("email", "=", USERS[0]!.email).executeTakeFirst();
    return demo ? { password: DEMO_PASSWORD, logins } : null;
  }
  const passwordHash = await hashPassword(DEMO_PASSWORD);
  const now = deps.now();
  const loaded = await deps.db.transaction().execute((tx) => insertDemo(tx, now, passwordHash));
  // Intake as it happened over the last three months, through the same use cases the pages call.
  const user = (key: string) => loaded.userIds.get(key)!;
  const krusPeople = loaded.personIds.filter((_, i) => (PEOPLE[i]!.program ?? "krus") === "krus");
  const storyUsers: StoryUsers = {
    coordinators: [user("coord1"), user("coord2"), user("coord3")],
    officers: [user("officer_fk"), user("officer_af"), user("officer_soc"), user("officer_region")],
    manager: user("manager"),
  };
  const storyAuthorities = { fk: loaded.authorityIds.fk, af: loaded.authorityIds.af, soc: loaded.authorityIds.soc, region: loaded.authorityIds.region };
  // The participants' journeys (an earlier cohort that has left, and today's first weeks), played in time
  // order with the intake story so that the audit log reads in order.
  const journey = journeyStory(deps, loaded.programs.krus, krusPeople, { ...storyUsers, therapist: user("therapist") }, storyAuthorities);
  // Travel money for those who need the bus, on the same timeline.
  travelStory(deps, loaded.programs.krus, krusPeople, storyUsers, journey);
  // The term's schedule and its registers (with two participants drifting away), on the same timeline.
  groupStory(deps, loaded.programs.krus, krusPeople, { ...storyUsers, volunteer: user("volunteer") }, journey);
  // This year's budget, its funding and the costs of the months gone by, entered by the manager yesterday.
  const yesterday = addDays(isoToday(deps.now()), -1);
  journey.schedule(yesterday, 16, 30, async () => {
    const month = Number(yesterday.slice(5, 7));
    await budgetDemo(await journey.ctx(storyUsers.manager, yesterday, 16, 30), loaded.programs.krus, Number(yesterday.slice(0, 4)), month > 1 ? month - 1 : 1);
  });
  // Participant surveys: KRUS's own questions, exit surveys handed out as links and answered (mostly anonymously).
  surveyStory(deps, loaded.programs.krus, storyUsers, journey, isoToday(deps.now()));
  await playIntakeStory(deps, loaded.programs.krus, krusPeople, storyUsers, storyAuthorities, journey.until);
  // Someone in the pre-group has withdrawn their consent: from then on only the program's staff see them.
  await withdrawOneConsent(deps, krusPeople[CONSENT_WITHDRAWN]!, user("coord1"));
  await journey.finish();
  deps.logger.info({ people: PEOPLE.length, users: USERS.length }, "demo data loaded");
  return { password: DEMO_PASSWORD, logins };
}

/** The person in the pre-group (index in the register) who has withdrawn their consent. */
const CONSENT_WITHDRAWN = 17;

async function insertDemo(tx: Tx, now: Date, passwordHash: string) {
  const random = prng(2026);
  const federation = await tx.insertInto("federations").values({ name: "Samordningsförbundet i Kalmar län", country: "SE" }).returning("id").executeTakeFirstOrThrow();
  const authorityIds = {} as Record<AuthorityKey, string>;
  const unitIds = new Map<string, string>();
  for (const [key, a] of Object.entries(AUTHORITIES) as [AuthorityKey, (typeof AUTHORITIES)[AuthorityKey]][]) {
    const row = await tx.insertInto("authorities").values({ federation_id: federation.id, name: a.name, kind: a.kind }).returning("id").executeTakeFirstOrThrow();
    authorityIds[key] = row.id;
    for (const unit of a.units) {
      const u = await tx.insertInto("authority_units").values({ authority_id: row.id, name: unit }).returning("id").executeTakeFirstOrThrow();
      unitIds.set(unit, u.id);
    }
  }
  const programs = {
    krus: await tx
      .insertInto("programs")
      .values({
        federation_id: federation.id,
        owner_authority_id: authorityIds.soc,
        name: "KRUS",
        description:
          "Kraftsamling för unga i samverkan: för dig mellan 19 och 29 år med psykisk ohälsa som vill ta steget mot arbete eller studier. Gruppverksamhet tre förmiddagar i veckan, friskvård och individuellt stöd.",
      })
      .returning("id")
      .executeTakeFirstOrThrow(),
    nybro: await tx
      .insertInto("programs")
      .values({
        federation_id: federation.id,
        owner_authority_id: authorityIds.nybro_soc,
        name: "Vägen vidare Nybro",
        description: "Samordnad rehabilitering i Nybro kommun för unga vuxna som står långt från arbetsmarknaden.",
      })
      .returning("id")
      .executeTakeFirstOrThrow(),
  };
  for (const program of Object.values(programs)) {
    await tx
      .insertInto("program_groups")
      .values([
        { program_id: program.id, kind: "ordinary", name: "Ordinarie grupp", capacity: 15 },
        { program_id: program.id, kind: "pre_group", name: "Förgrupp", capacity: 10 },
      ])
      .execute();
  }

  // People
  const personIds: string[] = [];
  const usedReferences = new Set<string>();
  for (const [i, p] of PEOPLE.entries()) {
    const nextReference = () => `P-${Array.from({ length: 6 }, () => REFERENCE_ALPHABET[Math.floor(random() * REFERENCE_ALPHABET.length)]).join("")}`;
    let reference = nextReference();
    while (usedReferences.has(reference)) reference = nextReference();
    usedReferences.add(reference);
    const number = idNumber(p, i);
    const registered = registeredOn(isoToday(now), i);
    const createdAt = registered ? new Date(`${registered}T09:00:00Z`) : new Date(now.getTime() - (300 - i * 6) * 86_400_000);
    const row = await tx
      .insertInto("people")
      .values({
        program_id: programs[p.program ?? "krus"].id,
        reference,
        first_name: p.first,
        last_name: p.last,
        id_number: number,
        id_number_kind: number ? (p.idKind === "samordning" ? "se_samordningsnummer" : "se_personnummer") : null,
        sex: p.sex,
        birth_date: `${p.born.slice(0, 4)}-${p.born.slice(4, 6)}-${p.born.slice(6, 8)}`,
        email: p.protectedIdentity ? null : `${p.first}.${p.last}`.toLowerCase().normalize("NFKD").replace(/[^a-z.]/g, "") + "@mail.example",
        phone: `070-${String(1000000 + Math.floor(random() * 8999999)).replace(/(\d{3})(\d{2})(\d{2})/, "$1 $2 $3")}`,
        street_address: p.protectedIdentity ? null : `${STREETS[i % STREETS.length]} ${1 + Math.floor(random() * 60)}`,
        postal_code: p.protectedIdentity ? null : `39${String(230 + Math.floor(random() * 60))}`.replace(/^(\d{3})(\d{2})$/, "$1 $2"),
        city: p.protectedIdentity ? null : (p.city ?? "Kalmar"),
        preferred_language: p.language ?? "sv",
        protected_identity: p.protectedIdentity ?? false,
        created_at: createdAt,
        updated_at: createdAt,
      })
      .returning("id")
      .executeTakeFirstOrThrow();
    personIds.push(row.id);
  }

  // Users and roles: there from before the stories begin.
  const usersSince = new Date(`${addDays(demoStart(isoToday(now)), -1)}T08:00:00Z`);
  const userIds = new Map<string, string>();
  for (const u of USERS) {
    const row = await tx
      .insertInto("users")
      .values({ email: u.email, display_name: u.name, password_hash: passwordHash, locale: "sv", home_federation_id: u.key === "admin" ? null : federation.id, created_at: usersSince, updated_at: usersSince })
      .returning("id")
      .executeTakeFirstOrThrow();
    userIds.set(u.key, row.id);
    for (const r of u.roles) {
      await tx
        .insertInto("role_assignments")
        .values({
          user_id: row.id,
          role: r.role,
          federation_id: r.federation ? federation.id : null,
          program_id: r.program ? programs[r.program].id : null,
          authority_id: r.authority ? authorityIds[r.authority] : null,
          unit_id: r.unit ? (unitIds.get(r.unit) ?? null) : null,
          person_id: r.person !== undefined ? (personIds[r.person] ?? null) : null,
          created_at: usersSince,
        })
        .execute();
    }
  }

  // Who works directly with whom: each KRUS person has a case officer at a member authority (who writes
  // their interest request); coordinators come with enrolment. Nybro's people have their own officer.
  const officers = ["officer_fk", "officer_af", "officer_soc", "officer_region"].map((k) => userIds.get(k)!);
  const staffRows: { person_id: string; user_id: string; relation: string; created_at: Date }[] = [];
  for (const [i, p] of PEOPLE.entries()) {
    const personId = personIds[i]!;
    const officer = (p.program ?? "krus") === "nybro" ? userIds.get("officer_nybro")! : officers[i % 4]!;
    staffRows.push({ person_id: personId, user_id: officer, relation: "case_officer", created_at: usersSince });
  }
  await tx.insertInto("person_staff").values(staffRows).execute();

  await appendAuditEvent(
    tx,
    { actorUserId: null, actorRole: "operator", action: "demo.load", entityType: "installation", federationId: federation.id, details: { people: PEOPLE.length, users: USERS.length } },
    // Before the stories' first event, so that the log reads in order.
    new Date(`${demoStart(isoToday(now))}T06:00:00Z`),
  );
  return { personIds, userIds, authorityIds, programs: { krus: programs.krus.id, nybro: programs.nybro.id } };
}
