import { BodyLong, Heading } from "@navikt/ds-react";
import type { ReactNode } from "react";
import type { Translator } from "../../../i18n/index.ts";
import { BackLink } from "../admin-forms.tsx";
import { useT } from "../../lib/i18n.ts";

/** A participant as the reader may see them: the name, or "protected identity" with the reference. */
export function participantName(t: Translator, participant: { name: string | null; reference: string }): string {
  return participant.name ?? t("person.maskedName", { reference: participant.reference });
}

/** The top of a journey page: the way back to the participant's page, the one h1, and a short introduction. */
export function JourneyHeader({ enrolmentId, title, intro, backTo, backLabel }: { enrolmentId: string; title: string; intro?: ReactNode; backTo?: string; backLabel?: string }) {
  const t = useT();
  return (
    <div>
      <BackLink to={backTo ?? `/enrolments/${enrolmentId}`}>{backLabel ?? t("journal.backToParticipant")}</BackLink>
      <Heading level="1" size="large" spacing>
        {title}
      </Heading>
      {intro ? <BodyLong className="form-narrow">{intro}</BodyLong> : null}
    </div>
  );
}
