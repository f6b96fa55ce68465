import { priorityFor } from "../domain/eligibility.ts";
import { ageOn } from "../domain/person.ts";
import { daysBetween, freeOrdinaryPlaces, type GroupLoad, type Place, placeOnAcceptance, waitingOrder } from "../domain/places.ts";
import { decide } from "../domain/policy.ts";
import { isUuid, loadPeople } from "./access.ts";
import { auditByActor } from "./audit.ts";
import { type Db, isoToday, type ServiceContext, type Tx } from "./context.ts";
import { ForbiddenError, NotFoundError, ValidationError } from "./errors.ts";
import { notify } from "./notifications.ts";
import { validate } from "./schemas/common.ts";
import { endPlacementSchema } from "./schemas/places.ts";
import { sql } from "kysely";

// Places in the ordinary group and the pre-group, and the waiting list. The program's coordinators and
// manager see who is where; the steering group and the team only the numbers.

export async function groupLoad(db: Db | Tx, programId: string): Promise<GroupLoad> {
  const groups = await db.selectFrom("program_groups").select(["kind", "capacity"]).where("program_id", "=", programId).execute();
  const taken = await db
    .selectFrom("placements")
    .select(["place", (eb) => eb.fn.countAll<string>().as("n")])
    .where("program_id", "=", programId)
    .where("ended_at", "is", null)
    .groupBy("place")
    .execute();
  const count = (place: Place) => Number(taken.find((t) => t.place === place)?.n ?? 0);
  return {
    ordinaryCapacity: groups.find((g) => g.kind === "ordinary")?.capacity ?? 0,
    ordinaryTaken: count("ordinary"),
    preGroupCapacity: groups.find((g) => g.kind === "pre_group")?.capacity ?? 0,
    preGroupTaken: count("pre_group"),
  };
}

/** On acceptance: a place in the ordinary group if one is free, else the pre-group, else the list. */
export async function placeAccepted(
  tx: Tx,
  input: { programId: string; personId: string; requestId: string; acceptedOn: string; birthDate: string; ages: { minAge: number; maxAge: number; priorityMaxAge: number }; now: Date },
): Promise<Place> {
  const place = placeOnAcceptance(await groupLoad(tx, input.programId));
  // Priority by age band at the decision; outside the ages (the team may still accept) counts as priority 2.
  const priority = priorityFor(ageOn(input.birthDate, input.acceptedOn), input.ages) ?? 2;
  await tx
    .insertInto("placements")
    .values({ program_id: input.programId, person_id: input.personId, request_id: input.requestId, accepted_on: input.acceptedOn, priority, place, placed_at: input.now })
    .execute();
  return place;
}

export interface PlacedPerson {
  placementId: string;
  personId: string;
  reference: string;
  /** Null when masked (protected identity, reader not working with the person). */
  name: string | null;
  place: Place;
  priority: 1 | 2;
  acceptedOn: string;
  daysWaited: number;
  enrolled: boolean;
  coordinatorName: string | null;
  /** The enrolment's start and planned end (null until enrolled). */
  startDate: string | null;
  plannedEndDate: string | null;
}

export interface ProgramPlaces {
  programId: string;
  programName: string;
  load: GroupLoad & { waiting: number };
  freePlaces: number;
  /** Named lists, for the program's staff only (null for readers who see numbers only). */
  ordinary: PlacedPerson[] | null;
  /** Pre-group and waiting, in the order places are offered. */
  waitingList: PlacedPerson[] | null;
  /** The longest anyone on the waiting list has waited so far, in days. */
  longestWait: number | null;
  canManage: boolean;
  /** The groups' names as the program calls them. */
  groupNames: { ordinary: string; preGroup: string };
  /** Who is offered the next free place (program staff only; null for readers of the numbers, or nobody waiting). */
  nextInLine: PlacedPerson | null;
  /** How many in the ordinary group are enrolled (the rest have a place but no start yet). */
  enrolledCount: number;
  /** The day the waiting times are counted to (ISO). */
  today: string;
}

async function programFor(db: Db | Tx, programId: string) {
  if (!isUuid(programId)) throw new NotFoundError("program");
  const program = await db.selectFrom("programs").select(["id", "name", "federation_id", "min_age", "max_age", "priority_max_age", "planned_months"]).where("id", "=", programId).executeTakeFirst();
  if (!program) throw new NotFoundError("program");
  return program;
}

/** Occupancy, the pre-group and the waiting list of a program. */
export async function programPlaces(ctx: ServiceContext, programId: string): Promise<ProgramPlaces> {
  const program = await programFor(ctx.db, programId);
  const resource = { type: "program" as const, programId, federationId: program.federation_id };
  const manage = decide(ctx.actor.subject, "placement.manage", resource);
  const numbersOnly = !manage.allowed && decide(ctx.actor.subject, "aggregates.view", resource).allowed;
  if (!manage.allowed && !numbersOnly) throw new ForbiddenError();
  const today = isoToday(ctx.now());
  return ctx.db.transaction().execute(async (tx) => {
    const load = await groupLoad(tx, programId);
    const groups = await tx.selectFrom("program_groups").select(["kind", "name"]).where("program_id", "=", programId).execute();
    const rows = await tx
      .selectFrom("placements as pl")
      .leftJoin("enrolments as e", "e.placement_id", "pl.id")
      .leftJoin("users as c", "c.id", "e.coordinator_id")
      .select([
        "pl.id",
        "pl.person_id",
        "pl.place",
        "pl.priority",
        "pl.accepted_on",
        "pl.placed_at",
        "e.id as enrolment_id",
        "e.start_date",
        "e.planned_end_date",
        "c.display_name as coordinator_name",
      ])
      .where("pl.program_id", "=", programId)
      .where("pl.ended_at", "is", null)
      .execute();
    const waitingRows = waitingOrder(rows.filter((r) => r.place !== "ordinary").map((r) => ({ ...r, priority: r.priority as 1 | 2, acceptedOn: r.accepted_on, placedAt: r.placed_at })));
    const longestWait = waitingRows.length ? Math.max(...waitingRows.map((r) => daysBetween(r.accepted_on, today))) : null;
    const base = {
      programId,
      programName: program.name,
      load: { ...load, waiting: rows.filter((r) => r.place === "waiting").length },
      freePlaces: freeOrdinaryPlaces(load),
      longestWait,
      canManage: manage.allowed,
      groupNames: {
        ordinary: groups.find((g) => g.kind === "ordinary")?.name ?? "",
        preGroup: groups.find((g) => g.kind === "pre_group")?.name ?? "",
      },
      enrolledCount: rows.filter((r) => r.place === "ordinary" && r.enrolment_id !== null).length,
      today,
    };
    if (!manage.allowed) return { ...base, ordinary: null, waitingList: null, nextInLine: null };
    const people = await loadPeople(tx, rows.map((r) => r.person_id), today);
    const toPlaced = (r: (typeof rows)[number]): PlacedPerson => {
      const person = people.get(r.person_id);
      const masked = !person || (person.resource.protectedIdentity && !decide(ctx.actor.subject, "person.viewProtected", person.resource).allowed);
      return {
        placementId: r.id,
        personId: r.person_id,
        reference: person?.row.reference ?? "",
        name: masked || !person ? null : `${person.row.first_name} ${person.row.last_name}`,
        place: r.place,
        priority: r.priority as 1 | 2,
        acceptedOn: r.accepted_on,
        daysWaited: daysBetween(r.accepted_on, today),
        enrolled: r.enrolment_id !== null,
        coordinatorName: r.coordinator_name,
        startDate: r.start_date,
        plannedEndDate: r.planned_end_date,
      };
    };
    await auditByActor(tx, ctx, manage.role, {
      action: "places.view",
      entityType: "program",
      entityId: programId,
      programId,
      federationId: program.federation_id,
      details: { shown: rows.map((r) => r.person_id) },
    });
    const waitingList = waitingRows.map(toPlaced);
    return {
      ...base,
      // By last name, as the people register lists them; masked people last, in reference order.
      ordinary: rows
        .filter((r) => r.place === "ordinary")
        .map(toPlaced)
        .sort((a, b) => {
          if ((a.name === null) !== (b.name === null)) return a.name === null ? 1 : -1;
          const key = (p: PlacedPerson) => {
            const row = people.get(p.personId)?.row;
            return p.name && row ? `${row.last_name} ${row.first_name}` : "";
          };
          return key(a).localeCompare(key(b), "sv") || a.reference.localeCompare(b.reference);
        }),
      waitingList,
      nextInLine: waitingList[0] ?? null,
    };
  });
}

/** Moves someone from the pre-group or the list into a free place in the ordinary group: one action. */
export async function moveToOrdinary(ctx: ServiceContext, placementId: string): Promise<void> {
  if (!isUuid(placementId)) throw new NotFoundError("placement");
  await ctx.db.transaction().execute(async (tx) => {
    const placement = await tx.selectFrom("placements").selectAll().where("id", "=", placementId).where("ended_at", "is", null).executeTakeFirst();
    if (!placement) throw new NotFoundError("placement");
    const program = await programFor(tx, placement.program_id);
    const decision = decide(ctx.actor.subject, "placement.manage", { type: "program", programId: program.id, federationId: program.federation_id });
    if (!decision.allowed) throw new ForbiddenError();
    if (placement.place === "ordinary") throw new ValidationError({}, ["places.errors.alreadyOrdinary"]);
    if (freeOrdinaryPlaces(await groupLoad(tx, program.id)) < 1) throw new ValidationError({}, ["places.errors.noFreePlace"]);
    await tx.updateTable("placements").set({ place: "ordinary", moved_at: ctx.now() }).where("id", "=", placement.id).execute();
    await auditByActor(tx, ctx, decision.role, {
      action: "placement.move",
      entityType: "placement",
      entityId: placement.id,
      personId: placement.person_id,
      programId: program.id,
      federationId: program.federation_id,
      details: { from: placement.place, to: "ordinary" },
    });
  });
}

/** Ends a place before enrolment (the person declined, moved away...). Frees it for the next in line. */
export async function endPlacement(ctx: ServiceContext, placementId: string, input: unknown): Promise<void> {
  const data = validate(endPlacementSchema, input);
  if (!isUuid(placementId)) throw new NotFoundError("placement");
  await ctx.db.transaction().execute(async (tx) => {
    const placement = await tx.selectFrom("placements").selectAll().where("id", "=", placementId).where("ended_at", "is", null).executeTakeFirst();
    if (!placement) throw new NotFoundError("placement");
    const program = await programFor(tx, placement.program_id);
    const decision = decide(ctx.actor.subject, "placement.manage", { type: "program", programId: program.id, federationId: program.federation_id });
    if (!decision.allowed) throw new ForbiddenError();
    const enrolled = await tx.selectFrom("enrolments").select("id").where("placement_id", "=", placement.id).where("ended_on", "is", null).executeTakeFirst();
    if (enrolled) throw new ValidationError({}, ["places.errors.enrolled"]);
    await tx.updateTable("placements").set({ ended_at: ctx.now(), end_reason: data.reason }).where("id", "=", placement.id).execute();
    await auditByActor(tx, ctx, decision.role, {
      action: "placement.end",
      entityType: "placement",
      entityId: placement.id,
      personId: placement.person_id,
      programId: program.id,
      federationId: program.federation_id,
      details: { place: placement.place },
    });
    if (placement.place === "ordinary") await announceFreePlace(tx, ctx.now(), ctx.publicUrl, program.id);
  });
}

/**
 * When a place in the ordinary group is free and someone is waiting, tells the coordinators and the manager
 * who is next (by reference: the notification also goes out as e-mail).
 */
export async function announceFreePlace(tx: Tx, now: Date, publicUrl: string, programId: string): Promise<void> {
  const load = await groupLoad(tx, programId);
  if (freeOrdinaryPlaces(load) < 1) return;
  const waiting = await tx
    .selectFrom("placements as pl")
    .innerJoin("people as p", "p.id", "pl.person_id")
    .select(["pl.id", "pl.priority", "pl.accepted_on", "pl.placed_at", "p.reference"])
    .where("pl.program_id", "=", programId)
    .where("pl.ended_at", "is", null)
    .where("pl.place", "<>", "ordinary")
    .execute();
  const next = waitingOrder(waiting.map((w) => ({ ...w, priority: w.priority as 1 | 2, acceptedOn: w.accepted_on, placedAt: w.placed_at })))[0];
  if (!next) return;
  const staff = await tx
    .selectFrom("role_assignments")
    .select("user_id")
    .where("program_id", "=", programId)
    .where("role", "in", ["coordinator", "manager"])
    .where("ended_at", "is", null)
    .execute();
  const program = await tx.selectFrom("programs").select("name").where("id", "=", programId).executeTakeFirstOrThrow();
  // Saving the program's settings again, or a second place freeing up, does not repeat news someone has not read yet.
  const link = `/programs/${programId}`;
  const told = await tx
    .selectFrom("notifications")
    .select("user_id")
    .where("kind", "=", "place.free")
    .where("link", "=", link)
    .where("read_at", "is", null)
    .where(sql<string>`params->>'reference'`, "=", next.reference)
    .execute();
  await notify(tx, now, publicUrl, {
    userIds: staff.map((s) => s.user_id).filter((id) => !told.some((t) => t.user_id === id)),
    kind: "place.free",
    params: { program: program.name, reference: next.reference },
    link,
  });
}
