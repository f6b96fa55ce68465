import { type CaseloadFlag, caseloadFlags, type PassiveReason, type Stage, stageOf } from "../domain/caseload.ts";
import { type DueState, dueState, nextFollowUp, nextReading, ninetyDayDue, type ReadingOccasion } from "../domain/journey-dates.ts";
import { decide, hasCapability } from "../domain/policy.ts";
import type { ExitKind, ExitReason, NinetyDayOutcome } from "../persistence/schema-journey.ts";
import { loadPerson } from "./access.ts";
import { auditByActor } from "./audit.ts";
import { loadJourneyRecords, toFacts } from "./caseload.ts";
import { isoToday, type ServiceContext } from "./context.ts";
import { ForbiddenError } from "./errors.ts";
import { currentEnrolmentId, type LoadedEnrolment, loadEnrolment } from "./journey-access.ts";

// The participant's hub page: a summary of the journey (plan, follow-ups, readings, journal, network,
// exit and the 90-day follow-up) with what needs doing now, and the way to each part. Program staff
// and the case officers who may see the journey ("participant.view") get the summary; a reader who may
// only read the journal notes shared with them ("journal.viewShared") gets the parts they may see.

export interface EnrolmentOverview {
  enrolmentId: string;
  /** "full": the journey's summary; "shared": only who, when, and the shared journal notes. */
  access: "full" | "shared";
  person: {
    id: string;
    reference: string;
    masked: boolean;
    protectedIdentity: boolean;
    firstName: string | null;
    lastName: string | null;
    /** The reader may open the person's page. */
    canOpen: boolean;
  };
  program: { id: string; name: string };
  coordinator: { id: string; name: string };
  startDate: string;
  plannedEndDate: string;
  stage: Stage;
  /** How many journal notes the reader may read: all of them, or only those shared with them. */
  journal: { count: number; onlyShared: boolean };
  journey: {
    plan: { version: number; writtenOn: string; stage: "ongoing" | "final"; accepted: boolean; acceptedOn: string | null } | null;
    /** Null once the participant has left (exit) or is in the passive phase. */
    nextFollowUp: { date: string; booked: boolean; state: DueState } | null;
    lastFollowUpHeld: string | null;
    latestReading: string | null;
    nextReading: { date: string; occasion: ReadingOccasion; state: DueState } | null;
    networkSize: number;
    exit: {
      date: string;
      kind: ExitKind;
      reason: ExitReason;
      ninetyDay: { dueOn: string; answeredOn: string | null; outcome: NinetyDayOutcome | null; state: DueState | null };
    } | null;
    passivePhase: { startedOn: string; reason: PassiveReason } | null;
    flags: CaseloadFlag[];
  } | null;
  /** The reader has a caseload to go back to. */
  canViewCaseload: boolean;
  /** May read the participant's attendance (the program's staff) and their week in the schedule. */
  canViewAttendance: boolean;
  today: string;
}

/** Opens a participant's hub page. Recorded in the audit log. */
export async function enrolmentOverview(ctx: ServiceContext, enrolmentId: string): Promise<EnrolmentOverview> {
  const today = isoToday(ctx.now());
  return ctx.db.transaction().execute(async (tx) => {
    let loaded: LoadedEnrolment;
    let access: EnrolmentOverview["access"] = "full";
    try {
      loaded = await loadEnrolment(tx, ctx, enrolmentId, "participant.view");
    } catch (error) {
      if (!(error instanceof ForbiddenError)) throw error;
      loaded = await loadEnrolment(tx, ctx, enrolmentId, "journal.viewShared");
      access = "shared";
    }
    const { enrolment, person, program } = loaded;
    const subject = ctx.actor.subject;
    const masked = person.resource.protectedIdentity && !decide(subject, "person.viewProtected", person.resource).allowed;
    const coordinator = await tx.selectFrom("users").select(["id", "display_name"]).where("id", "=", enrolment.coordinator_id).executeTakeFirstOrThrow();
    const allNotes = decide(subject, "journal.view", person.resource).allowed;
    const sharedNotes = allNotes || decide(subject, "journal.viewShared", person.resource).allowed;
    let notesQuery = tx
      .selectFrom("journal_notes")
      .select((eb) => eb.fn.countAll<string>().as("n"))
      .where("person_id", "=", enrolment.person_id)
      .where("program_id", "=", enrolment.program_id);
    if (!allNotes) notesQuery = notesQuery.where("visibility", "=", "shared");
    const journalNotes = sharedNotes ? Number((await notesQuery.executeTakeFirstOrThrow()).n) : 0;

    const records = (await loadJourneyRecords(tx, [enrolment.id])).get(enrolment.id)!;
    const facts = toFacts(enrolment, records);
    const stage = stageOf(facts, today);
    let journey: EnrolmentOverview["journey"] = null;
    if (access === "full") {
      const network = await tx
        .selectFrom("network_contacts")
        .select((eb) => eb.fn.countAll<string>().as("n"))
        .where("person_id", "=", enrolment.person_id)
        .where("program_id", "=", enrolment.program_id)
        .where("ended_at", "is", null)
        .executeTakeFirstOrThrow();
      const follow = stage === "active" ? nextFollowUp({ startDate: enrolment.start_date, held: records.followUps.held, planned: records.followUps.planned }) : null;
      const exitDate = records.exit?.date ?? null;
      const reading = stage === "active" || stage === "exited" ? nextReading({ startDate: enrolment.start_date, readings: records.readings, exitDate }) : null;
      const exit = records.exit;
      journey = {
        plan: records.plan,
        nextFollowUp: follow ? { ...follow, state: dueState(follow.date, today) } : null,
        lastFollowUpHeld: [...records.followUps.held].sort().at(-1) ?? null,
        latestReading: records.readings.map((r) => r.date).sort().at(-1) ?? null,
        nextReading: reading ? { ...reading, state: dueState(reading.date, today) } : null,
        networkSize: Number(network.n),
        exit: exit
          ? {
              date: exit.date,
              kind: exit.kind,
              reason: exit.reason,
              ninetyDay: (() => {
                const dueOn = exit.ninetyDay?.dueOn ?? ninetyDayDue(exit.date);
                const answeredOn = exit.ninetyDay?.answeredOn ?? null;
                return { dueOn, answeredOn, outcome: exit.ninetyDay?.outcome ?? null, state: answeredOn ? null : dueState(dueOn, today) };
              })(),
            }
          : null,
        passivePhase: records.passivePhase,
        flags: caseloadFlags(facts, today),
      };
    }
    await auditByActor(tx, ctx, loaded.role, {
      action: "enrolment.overview",
      entityType: "enrolment",
      entityId: enrolment.id,
      personId: enrolment.person_id,
      programId: program.id,
      federationId: program.federationId,
      details: { access, masked },
    });
    return {
      enrolmentId: enrolment.id,
      access,
      person: {
        id: person.row.id,
        reference: person.row.reference,
        masked,
        protectedIdentity: person.row.protected_identity,
        firstName: masked ? null : person.row.first_name,
        lastName: masked ? null : person.row.last_name,
        canOpen: decide(subject, "person.view", person.resource).allowed,
      },
      program: { id: program.id, name: program.name },
      coordinator: { id: coordinator.id, name: coordinator.display_name },
      startDate: enrolment.start_date,
      plannedEndDate: enrolment.planned_end_date,
      stage,
      journal: { count: journalNotes, onlyShared: !allNotes },
      journey,
      canViewCaseload: hasCapability(subject, "caseload.view"),
      canViewAttendance: journey !== null && decide(subject, "attendance.view", { type: "program", programId: program.id, federationId: program.federationId }).allowed,
      today,
    };
  });
}

/**
 * The person's current enrolment, when the reader may see its journey: for a link from the person's page
 * to the hub. Null otherwise (nothing is revealed).
 */
export async function journeyLinkFor(ctx: ServiceContext, personId: string): Promise<string | null> {
  const enrolmentId = await currentEnrolmentId(ctx.db, personId);
  if (!enrolmentId) return null;
  const person = await loadPerson(ctx.db, personId, isoToday(ctx.now()));
  if (!person) return null;
  const subject = ctx.actor.subject;
  const sees = decide(subject, "participant.view", person.resource).allowed || decide(subject, "journal.viewShared", person.resource).allowed;
  return sees ? enrolmentId : null;
}
