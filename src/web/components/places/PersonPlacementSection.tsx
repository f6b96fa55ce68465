import { Alert, BodyShort, Heading, Link as AkselLink, VStack } from "@navikt/ds-react";
import { Link } from "react-router";
import type { PersonPlacementView } from "../../../services/enrolments.ts";
import { useT } from "../../lib/i18n.ts";

/** The person's place in the program and their enrolment, on the person's page. */
export function PersonPlacementSection({ placement, journeyEnrolmentId = null }: { placement: PersonPlacementView; journeyEnrolmentId?: string | null }) {
  const t = useT();
  const e = placement.enrolment;
  return (
    <section aria-labelledby="person-placement">
      <Heading level="2" size="medium" id="person-placement" spacing>
        {t("personPlacement.heading")}
      </Heading>
      <VStack gap="space-16">
        {placement.consentGone ? <Alert variant="warning">{t("personPlacement.consentGone")}</Alert> : null}
        <dl className="details-list">
          <dt>{t("personPlacement.place")}</dt>
          <dd>
            {e ? t("place.enrolled") : t(`place.${placement.place}`)} – {placement.programName}
          </dd>
          <dt>{t("personPlacement.acceptedOn")}</dt>
          <dd>{t.date(placement.acceptedOn, "long")}</dd>
          {e ? (
            <>
              <dt>{t("personPlacement.coordinator")}</dt>
              <dd>{e.coordinatorName}</dd>
              <dt>{t("personPlacement.start")}</dt>
              <dd>{t.date(e.startDate, "long")}</dd>
              <dt>{t("personPlacement.plannedEnd")}</dt>
              <dd>{t.date(e.plannedEndDate, "long")}</dd>
              <dt>{t("personPlacement.firstMeeting")}</dt>
              <dd>
                {e.firstMeetingDate
                  ? [t.date(e.firstMeetingDate, "long"), e.firstMeetingTime, e.firstMeetingPlace].filter(Boolean).join(", ")
                  : t("personPlacement.notBooked")}
              </dd>
              <dt>{t("personPlacement.therapist")}</dt>
              <dd>
                {!e.therapistOffered
                  ? t("personPlacement.therapistNotOffered")
                  : e.therapistAccepted === true
                    ? t("personPlacement.therapistAccepted")
                    : e.therapistAccepted === false
                      ? t("personPlacement.therapistDeclined")
                      : t("personPlacement.therapistUnknown")}
              </dd>
            </>
          ) : null}
        </dl>
        {journeyEnrolmentId ? (
          <BodyShort>
            <AkselLink as={Link} to={`/enrolments/${journeyEnrolmentId}`}>
              {t("caseload.personLink")}
            </AkselLink>
          </BodyShort>
        ) : null}
        {placement.canManage ? (
          <BodyShort>
            {!e && placement.place === "ordinary" ? (
              <AkselLink as={Link} to={`/programs/${placement.programId}/placements/${placement.placementId}/enrol`}>
                {t("personPlacement.enrol")}
              </AkselLink>
            ) : (
              <AkselLink as={Link} to={`/programs/${placement.programId}`}>
                {t("personPlacement.programPage", { program: placement.programName })}
              </AkselLink>
            )}
          </BodyShort>
        ) : null}
      </VStack>
    </section>
  );
}
