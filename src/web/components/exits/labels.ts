import type { Translator } from "../../../i18n/index.ts";
import type { Attendee } from "../../../persistence/schema-journey.ts";
import type { AttendeeCandidate, JourneyHeader } from "../../../services/followups.ts";

/** The participant as the reader may see them: the name, or "Protected identity (P-…)" when it is masked. */
export function participantLabel(t: Translator, header: Pick<JourneyHeader, "name" | "reference">): string {
  return header.name ?? t("person.maskedName", { reference: header.reference });
}

/** One who took part, as a list shows them: the participant by role, staff with their role. */
export function attendeeLabel(t: Translator, attendee: Attendee): string {
  switch (attendee.kind) {
    case "participant":
      return t("attendee.participant");
    case "coordinator":
      return t("attendee.coordinatorNamed", { name: attendee.name });
    case "case_officer":
      return t("attendee.referrerNamed", { name: attendee.name });
    default:
      return attendee.name;
  }
}

export function attendeeList(t: Translator, attendees: readonly Attendee[]): string {
  return attendees.length ? attendees.map((a) => attendeeLabel(t, a)).join(", ") : t("attendee.nobody");
}

/** A checkbox's label and description for someone who can be invited. */
export function candidateLabel(t: Translator, candidate: AttendeeCandidate, person: string): { label: string; description: string | undefined } {
  switch (candidate.kind) {
    case "participant":
      return { label: t("attendee.participantNamed", { person }), description: undefined };
    case "coordinator":
      return { label: candidate.name, description: t("attendee.coordinator") };
    case "case_officer":
      return { label: candidate.name, description: t("attendee.referrer", { authority: candidate.detail }) };
    default:
      return { label: candidate.name, description: candidate.detail || t("attendee.network") };
  }
}
